from odoo import api, fields, models
from odoo.exceptions import AccessError


class PropertyMoveInPartMixin(models.AbstractModel):
    """A part of a move-in file (inspection item, fee, household member): added and changed only
    while the file allows it; the file's actions change it through `_write_system`."""

    _name = "property.move.in.part.mixin"
    _description = "Part of a Move-in File"

    move_in_id = fields.Many2one(
        "property.move.in", string="Move-in File", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="move_in_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="move_in_id.company_id", store=True)

    @api.model_create_multi
    def create(self, vals_list):
        files = self.env["property.move.in"].browse(
            [vals["move_in_id"] for vals in vals_list if vals.get("move_in_id")]
        )
        self._check_file_editable(files)
        return super().create(vals_list)

    def write(self, vals):
        self._check_file_editable(self.move_in_id)
        return super().write(vals)

    def _check_file_editable(self, files):
        if self._is_system_write():
            return
        if closed := self._closed_files(files):
            raise AccessError(self._closed_files_message(closed))

    def _closed_files(self, files):
        """The files in which this kind of part can no longer change."""
        return files.filtered(lambda f: f.state != "open")

    def _closed_files_message(self, files):
        raise NotImplementedError
