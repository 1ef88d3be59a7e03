from odoo import api, fields, models
from odoo.exceptions import AccessError

RESULTS = [("ok", "OK"), ("defect", "Defect")]


class PropertyMoveInLine(models.Model):
    """One item of the move-in inspection, checked with the owner in one room."""

    _name = "property.move.in.line"
    _description = "Move-in Inspection Item"
    _inherit = ["property.system.fields.mixin"]
    _order = "move_in_id, sequence, id"
    _system_fields = ("move_in_id", "ticket_id")
    # The file's inspection items are chosen when they are added.
    _system_intake_fields = ("move_in_id",)

    move_in_id = fields.Many2one(
        "property.move.in", string="Move-in File", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="move_in_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="move_in_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    room = fields.Char(required=True, help="e.g. Living room, Kitchen, Bathroom.")
    item = fields.Char(required=True, help="e.g. Walls, Windows, Water pipes, Sockets.")
    result = fields.Selection(RESULTS, help="OK, or a defect that becomes a warranty repair.")
    defect_note = fields.Text(string="Defect")
    photo = fields.Image(max_width=1600, max_height=1600, attachment=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Warranty Repair",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )

    @api.depends("room", "item")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.room} / {line.item}" if line.room else line.item

    @api.model_create_multi
    def create(self, vals_list):
        files = self.env["property.move.in"].browse(
            [vals["move_in_id"] for vals in vals_list if vals.get("move_in_id")]
        )
        self._check_inspection_open(files)
        return super().create(vals_list)

    def write(self, vals):
        if not self._is_system_write():
            self._check_inspection_open(self.move_in_id)
        return super().write(vals)

    def _kept_on_record(self):
        return self.filtered(lambda line: line.move_in_id.inspection_done_at or line.ticket_id)

    def _check_inspection_open(self, files):
        if self._is_system_write():
            return
        if finished := files.filtered(lambda f: f.inspection_done_at or f.state != "open"):
            raise AccessError(
                self.env._(
                    "The inspection of %s is finished: its items can no longer be changed.",
                    ", ".join(finished.mapped("name")),
                )
            )

    def _warranty_repair_vals(self):
        """A free warranty repair request (保修) on the unit, for the new owner."""
        move_in = self.move_in_id
        return {
            "name": self.env._(
                "Move-in defect: %(room)s / %(item)s", room=self.room, item=self.item
            ),
            "description": self.env._(
                "<p>Found at the move-in inspection %(file)s: %(defect)s</p>"
                "<p>Free repair under the developer's warranty.</p>",
                file=move_in.name,
                defect=self.defect_note or "",
            ),
            "unit_id": move_in.unit_id.id,
            "partner_id": move_in.partner_id.id,
            "company_id": move_in.company_id.id,
            "request_kind": "repair",
            "area_scope": "private",
        }
