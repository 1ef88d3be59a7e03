from datetime import date

from odoo.exceptions import ValidationError

from .renovation_common import renovation_values
from .repairs.test_work_order import WorkOrderCase


class TestBadInput(WorkOrderCase):
    """SPEC §9: numbers and dates within sane bounds, control characters refused, each with a
    clear message in the user's language, and nothing changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env_zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_quantity_bounded_with_a_chinese_message(self):
        order = self.order()
        line = self.add(order, self.valve, quantity=2)
        for bad in (1e15, "nan", "inf", float("-inf"), -3):
            with (
                self.subTest(bad=bad),
                self.assertRefused(ValidationError, "数量必须在 0 到 100000 之间"),
            ):
                line.with_env(self.env_zh).write({"quantity": bad})
        with self.assertRefused(ValidationError, "must be a number"):
            line.write({"quantity": "lots"})
        with self.assertRefused(ValidationError, "between 0 and 100000"):
            self.add(order, self.valve, quantity=1e15)
        self.assertEqual(line.quantity, 2)
        self.assertEqual(len(order.line_ids), 1)

    def test_amounts_bounded(self):
        order = self.order()
        line = self.add(order, self.valve)
        with self.assertRefused(ValidationError, "between 0 and 10000000"):
            line.price_unit = 1e12
        ticket = self.complaint()
        with self.assertRefused(ValidationError, "between 0 and 10000000"):
            ticket.compensation_amount = float("nan")
        with self.assertRefused(ValidationError, "between 0 and 1000"):
            order.labour_hours = 1e6

    def test_dates_within_the_window(self):
        with self.assertRefused(ValidationError, "between 2000-01-01 and 2100-12-31"):
            self._ticket(unit_id=self.unit_a.id, received_at="1900-01-01 08:00:00")
        env = self.env_zh
        for start in (date(1800, 1, 1), date(9999, 1, 1)):
            with (
                self.subTest(start=start),
                self.assertRefused(ValidationError, "必须在 2000-01-01"),
            ):
                env["property.renovation"].create(renovation_values(env, self.unit_a, start=start))
        with self.assertRefused(ValidationError, "not a valid date"):
            self._ticket(unit_id=self.unit_a.id, received_at="someday")

    def test_control_characters_refused_and_tab_newline_kept(self):
        ticket = self._ticket(unit_id=self.unit_a.id, name="Leak\tin the\r\nbathroom")
        for bad in ("Leak\x00", "Leak\x1b[31m", "Leak\x08"):
            with self.subTest(bad=bad), self.assertRefused(ValidationError, "控制字符"):
                ticket.with_env(self.env_zh).write({"name": bad})
            with self.subTest(bad=bad), self.assertRefused(ValidationError, "control character"):
                self._ticket(unit_id=self.unit_a.id, description=f"<p>{bad}</p>")
        self.assertEqual(ticket.name, "Leak\tin the\r\nbathroom")
        # Over RPC the caller's own `write` goes the same way.
        with self.assertRefused(ValidationError, "control character"):
            self.unit_a.with_user(self.agent_a).write({"name": "12\x0002"})

    def test_every_field_users_type_is_guarded(self):
        """Generic: every number, date and text field of every model of the addon (and of the
        requests) refuses bad input, whatever new field or model comes."""
        bad = {
            "integer": 10**15,
            "float": float("nan"),
            "monetary": float("inf"),
            "date": "1900-01-01",
            "datetime": "9999-12-31 00:00:00",
            "char": "\x00",
            "text": "\x00",
            "html": "<p>\x00</p>",
        }
        checked, accepted = 0, []
        for name in self.env.registry:
            Model = self.env[name]
            if not Model._input_guarded() or Model._abstract:
                continue
            for field in Model._fields.values():
                if field.type not in bad or not field.store or field.name == "id":
                    continue
                checked += 1
                try:
                    Model._check_input({field.name: bad[field.type]})
                except ValidationError:
                    continue
                accepted.append(f"{name}.{field.name}")
        self.assertFalse(accepted, "bad input accepted")
        self.assertGreater(checked, 400)
