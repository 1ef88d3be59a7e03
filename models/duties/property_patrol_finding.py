from odoo import fields, models


class PropertyPatrolFinding(models.Model):
    """What a patrol found at a checkpoint; when it needs work, a common-area request to the
    department responsible."""

    _name = "property.patrol.finding"
    _description = "Patrol Finding"
    _inherit = ["property.raised.matter.mixin"]
    _order = "patrol_id, id"
    _matter_parent = "patrol_id"
    _matter_default_kind = "repair"
    _system_fields = ("ticket_id",)

    patrol_id = fields.Many2one("property.patrol", required=True, index=True, ondelete="cascade")
    estate_id = fields.Many2one(related="patrol_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="patrol_id.company_id", store=True, index=True)
    checkpoint = fields.Char(required=True)
    content = fields.Text(string="Finding")
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Department",
        help="The department the request goes to; empty: the estate's team.",
    )

    def _request_values(self):
        vals = super()._request_values()
        vals["name"] = f"{self.checkpoint}: {vals['name']}"[:80]
        if self.team_id:
            vals["team_id"] = self.team_id.id
        return vals
