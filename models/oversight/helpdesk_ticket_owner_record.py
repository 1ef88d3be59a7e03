from odoo import api, fields, models

from ...tools.groups import DESK

# The entry of the owner complaint/suggestion record (业主投诉/建议处理记录表) that the desk
# writes (作业指导书 4.2.2 and 4.2.7), and who wrote it on which day, kept by the system.
ENTRY_FIELDS = ("record_process", "record_result", "record_analysis")
ENTRY_SYSTEM_FIELDS = ("record_by_id", "record_date")


class PropertyRequestOwnerRecord(models.AbstractModel):
    """Every entry of the owner complaint/suggestion record carries its process, result and
    analysis, with the recorder and the date set when the entry is written (SPEC §8)."""

    _name = "property.request.owner.record"
    _description = "Request Concern: Owner Record Entry"

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

    def _owner_record_after_create(self, vals_list):
        for ticket, vals in zip(self, vals_list, strict=True):
            if any(vals.get(name) for name in ENTRY_FIELDS):
                ticket._check_record_writer()
                ticket._stamp_record_entry()

    @api.model
    def _owner_record_entry_in(self, vals):
        """Whether `vals` write the record's entry: the desk's (checked before it is written)."""
        entry = any(name in vals for name in ENTRY_FIELDS)
        if entry:
            self._check_record_writer()
        return entry

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
