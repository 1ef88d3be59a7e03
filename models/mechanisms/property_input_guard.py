import datetime
import math
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Bad input (SPEC §9): what a user types into the addon's records is checked before it reaches
# the database, through every door (screens, import, JSON-RPC and XML-RPC `create`/`write`).
# A numeric field may declare its own `bounds=(low, high)`; the others get DEFAULT_BOUNDS.
DEFAULT_BOUNDS = (0, 10**9)  # below PostgreSQL's integer limit, above any sane amount
QUANTITY = (0, 100000)
AMOUNT = (0, 10**7)  # a unit price, a compensation, a deduction
COUNT = (0, 1000)  # keys, cards, booklets, items lent
READING = (0, 10**8)  # a meter's index
DATE_WINDOW = (datetime.date(2000, 1, 1), datetime.date(2100, 12, 31))
# C0 control characters but tab, newline and carriage return (PostgreSQL refuses NUL outright).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
GUARDED_FOREIGN_MODELS = frozenset({"helpdesk.ticket"})
TEXT_TYPES = frozenset({"char", "text", "html"})
NUMBER_TYPES = frozenset({"integer", "float", "monetary"})
DATE_TYPES = frozenset({"date", "datetime"})


def strip_control_characters(text):
    """For what nobody typed here (an e-mail): the text without the characters refused."""
    return CONTROL_CHARACTERS.sub("", text) if isinstance(text, str) else text


def _plain(number):
    return str(int(number)) if float(number).is_integer() else str(number)


class Base(models.AbstractModel):
    _inherit = "base"

    def _valid_field_parameter(self, field, name):
        return name == "bounds" or super()._valid_field_parameter(field, name)

    @api.model_create_multi
    def create(self, vals_list):
        if self._input_guarded():
            for vals in vals_list:
                self._check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        if self._input_guarded():
            self._check_input(vals)
        return super().write(vals)

    @api.model
    def _input_guarded(self):
        return (
            self._original_module == "property_service_desk" or self._name in GUARDED_FOREIGN_MODELS
        )

    @api.model
    def _check_input(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or value is False or value is None:
                continue
            if field.type in TEXT_TYPES:
                self._check_input_text(field, value)
            elif field.type in NUMBER_TYPES:
                self._check_input_number(field, value)
            elif field.type in DATE_TYPES:
                self._check_input_date(field, value)

    @api.model
    def _check_input_text(self, field, value):
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            raise ValidationError(
                self.env._(
                    "%(field)s contains a control character (such as NUL); remove it and try "
                    "again.",
                    field=field._description_string(self.env),
                )
            )

    @api.model
    def _check_input_number(self, field, value):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError(
                self.env._("%(field)s must be a number.", field=field._description_string(self.env))
            ) from None
        low, high = getattr(field, "bounds", None) or DEFAULT_BOUNDS
        if not (math.isfinite(number) and low <= number <= high):
            raise self._out_of_bounds(field, _plain(low), _plain(high))

    @api.model
    def _check_input_date(self, field, value):
        try:
            day = fields.Date.to_date(value)
        except (TypeError, ValueError):
            raise ValidationError(
                self.env._(
                    "%(field)s is not a valid date.", field=field._description_string(self.env)
                )
            ) from None
        low, high = DATE_WINDOW
        if not low <= day <= high:
            raise self._out_of_bounds(field, low.isoformat(), high.isoformat())

    def _out_of_bounds(self, field, low, high):
        return ValidationError(
            self.env._(
                "%(field)s must be between %(low)s and %(high)s.",
                field=field._description_string(self.env),
                low=low,
                high=high,
            )
        )
