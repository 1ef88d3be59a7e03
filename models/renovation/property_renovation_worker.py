import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...tools.personal_data import mask_export_id_numbers, mask_id_numbers

# 18-character resident identity card number: 17 digits and a digit or X.
ID_NUMBER = re.compile(r"^\d{17}[\dX]$")


class PropertyRenovationWorker(models.Model):
    """A worker of a renovation and their pass (出入证). Personal data: the estate's staff only."""

    _name = "property.renovation.worker"
    _description = "Renovation Worker"
    _inherit = ["property.system.fields.mixin"]
    _order = "renovation_id, id"
    _system_fields = ("renovation_id", "pass_number")
    _system_intake_fields = ("renovation_id",)

    renovation_id = fields.Many2one(
        "property.renovation", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="renovation_id.company_id", store=True, index=True)
    name = fields.Char(required=True)
    id_number = fields.Char(string="ID Number", required=True, groups="base.group_user")
    phone = fields.Char()
    trade = fields.Char(help="E.g. plumber, electrician, tiler.")
    pass_number = fields.Char(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("id_number"):
                vals["id_number"] = vals["id_number"].strip().upper()
        workers = super().create(vals_list)
        workers.renovation_id._check_workers_editable()
        return workers

    def write(self, vals):
        if "id_number" in vals and vals["id_number"]:
            vals["id_number"] = vals["id_number"].strip().upper()
        return super().write(vals)

    @api.constrains("id_number")
    def _check_id_number(self):
        for worker in self.sudo():
            if not ID_NUMBER.match(worker.id_number or ""):
                raise ValidationError(
                    self.env._(
                        "The ID number of %s must have 18 characters: 17 digits and a last "
                        "digit or X.",
                        worker.name,
                    )
                )

    def _system_frozen(self):
        return self.filtered("pass_number")

    def _system_frozen_message(self, frozen):
        return self.env._(
            "%s already has a pass: the worker's record can no longer be changed.",
            ", ".join(frozen.mapped("name")),
        )

    def _kept_on_record(self):
        return self.filtered("pass_number")

    def _issue_passes(self):
        for worker in self.filtered(lambda w: not w.pass_number):
            number = self.env["ir.sequence"].next_by_code("property.renovation.worker.pass")
            worker._write_system({"pass_number": number})

    def _read_format(self, fnames, load="_classic_read"):
        return mask_id_numbers(self, super()._read_format(fnames, load), ["id_number"])

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        def export(records):
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

        return mask_export_id_numbers(self, fields, ["id_number"], export)
