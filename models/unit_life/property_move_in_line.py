from odoo import api, fields, models

RESULTS = [("ok", "OK"), ("defect", "Defect")]


class PropertyMoveInLine(models.Model):
    """One item of the move-in inspection, checked with the owner in one room."""

    _name = "property.move.in.line"
    _description = "Move-in Inspection Item"
    _inherit = ["property.move.in.part.mixin", "property.system.fields.mixin"]
    _order = "move_in_id, sequence, id"
    _system_fields = ("move_in_id", "ticket_id")
    # The file's inspection items are chosen when they are added.
    _system_intake_fields = ("move_in_id",)

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

    def _kept_on_record(self):
        return self.filtered(lambda line: line.move_in_id.inspection_done_at or line.ticket_id)

    def _closed_files(self, files):
        return files.filtered(lambda f: f.inspection_done_at or f.state != "open")

    def _closed_files_message(self, files):
        return self.env._(
            "The inspection of %s is finished: its items can no longer be changed.",
            ", ".join(files.mapped("name")),
        )

    def _warranty_description(self):
        return self.env._(
            "Found at the move-in inspection %(file)s (%(room)s / %(item)s): %(defect)s",
            file=self.move_in_id.name,
            room=self.room,
            item=self.item,
            defect=(self.defect_note or "").strip(),
        )
