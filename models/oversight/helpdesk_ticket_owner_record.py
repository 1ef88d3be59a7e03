from odoo import api, fields, models

from ..core.property_system_fields_mixin import DESK

# The entry of the owner complaint/suggestion record (业主投诉/建议处理记录表) that the desk
# writes (作业指导书 4.2.2 and 4.2.7), and who wrote it on which day, kept by the system.
ENTRY_FIELDS = ("record_process", "record_result", "record_analysis")
ENTRY_SYSTEM_FIELDS = ("record_by_id", "record_date")


class HelpdeskTicket(models.Model):
    """Every entry of the owner complaint/suggestion record carries its process, result and
    analysis, with the recorder and the date set when the entry is written (SPEC §8)."""

    _inherit = "helpdesk.ticket"

    record_process = fields.Text(string="Handling Process", tracking=True)
    record_result = fields.Text(string="Handling Result", tracking=True)
    record_analysis = fields.Text(string="Analysis", tracking=True)
    record_by_id = fields.Many2one(
        "res.users", string="Recorded By", readonly=True, copy=False, index="btree_not_null"
    )
    record_date = fields.Date(
        string="Recorded On",
        readonly=True,
        copy=False,
        help="The estate's day the entry was written: set by the system.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        for ticket, vals in zip(tickets, vals_list, strict=True):
            if any(vals.get(name) for name in ENTRY_FIELDS):
                ticket._check_record_writer()
                ticket._stamp_record_entry()
        return tickets

    def write(self, vals):
        entry = any(name in vals for name in ENTRY_FIELDS)
        if entry:
            self._check_record_writer()
        result = super().write(vals)
        if entry:
            self._stamp_record_entry()
        return result

    def _check_record_writer(self):
        self._check_caller(
            DESK, message=self.env._("The desk writes the owner complaint/suggestion record.")
        )

    def _stamp_record_entry(self):
        for ticket in self:
            ticket._write_system(
                {
                    "record_by_id": self.env.user.id,
                    "record_date": ticket.estate_id._local_date(),
                }
            )

    def _check_system_fields_on_create(self, vals):
        if kept := [name for name in ENTRY_SYSTEM_FIELDS if vals.get(name)]:
            self._refuse_system_fields(kept)
        return super()._check_system_fields_on_create(vals)

    def _check_system_fields_on_write(self, vals):
        if kept := [name for name in ENTRY_SYSTEM_FIELDS if name in vals]:
            self._refuse_system_fields(kept)
        return super()._check_system_fields_on_write(vals)
