from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.groups import PROJECT_MANAGER


class PropertyRenovationExtension(models.Model):
    """A request to run the works past the permit; the service centre approves or refuses it."""

    _name = "property.renovation.extension"
    _description = "Renovation Extension"
    _inherit = ["mail.thread", "property.system.fields.mixin"]
    _order = "id desc"
    _system_fields = ("renovation_id", "state", "previous_end_date", "decided_by_id", "decided_at")
    _system_intake_fields = ("renovation_id",)

    renovation_id = fields.Many2one(
        "property.renovation", required=True, index=True, ondelete="restrict"
    )
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="renovation_id.company_id", store=True, index=True)
    previous_end_date = fields.Date(readonly=True)
    new_end_date = fields.Date(string="New End", required=True)
    reason = fields.Text(required=True)
    state = fields.Selection(
        [("requested", "Requested"), ("approved", "Approved"), ("refused", "Refused")],
        default="requested",
        required=True,
        tracking=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_at = fields.Datetime(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        extensions = super().create(vals_list)
        for extension in extensions:
            renovation = extension.renovation_id
            if renovation.state != "permitted":
                raise UserError(
                    self.env._("Only works under a permit can be extended (%s).", renovation.name)
                )
            if not (extension.reason or "").strip():
                raise UserError(self.env._("Write why the works need more time."))
            if extension.new_end_date <= renovation.permit_end_date:
                raise UserError(
                    self.env._(
                        "The new end must be after the end of the permit (%s).",
                        renovation.permit_end_date,
                    )
                )
            extension._write_system({"previous_end_date": renovation.permit_end_date})
        return extensions

    def write(self, vals):
        result = super().write(vals)
        if "new_end_date" in vals:
            for extension in self.filtered("previous_end_date"):
                if extension.new_end_date <= extension.previous_end_date:
                    raise UserError(
                        self.env._(
                            "The new end must be after the end of the permit (%s).",
                            extension.previous_end_date,
                        )
                    )
        return result

    def _system_frozen(self):
        return self.filtered(lambda e: e.state != "requested")

    def _kept_on_record(self):
        return self.filtered(lambda e: e.state != "requested")

    def _decide(self, state):
        self._check_caller(
            PROJECT_MANAGER,
            message=self.env._("Only the service centre's managers decide on extensions."),
        )
        if done := self.filtered(lambda e: e.state != "requested"):
            raise UserError(
                self.env._(
                    "The extension of %s is already decided.",
                    ", ".join(done.renovation_id.mapped("name")),
                )
            )
        self._write_system(
            {"state": state, "decided_by_id": self.env.uid, "decided_at": fields.Datetime.now()}
        )

    def action_approve(self):
        self._decide("approved")
        for extension in self:
            extension.renovation_id.sudo()._extend_permit(extension.new_end_date)
        return True

    def action_refuse(self):
        self._decide("refused")
        return True
