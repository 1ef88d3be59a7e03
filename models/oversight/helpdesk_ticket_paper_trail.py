from odoo import fields, models
from odoo.exceptions import UserError

from ...tools.groups import PROJECT_MANAGER


class PropertyRequestPaperTrail(models.AbstractModel):
    """The paper trail of a request: its work contact sheets (工作联系单) and the director's
    sign-off of a complaint handling sheet (投诉处理单, SPEC §3 and §8)."""

    _name = "property.request.paper.trail"
    _description = "Request Concern: Paper Trail"

    contact_sheet_ids = fields.One2many(
        "property.contact.sheet", "ticket_id", string="Work Contact Sheets"
    )
    director_signoff_ids = fields.One2many(
        "property.director.signoff", "ticket_id", string="Director's Sign-off"
    )

    def action_open_director_signoff(self):
        """The sign-off of this complaint's handling sheet, opened (made the first time)."""
        self.ensure_one()
        self._check_caller(PROJECT_MANAGER, access="read")
        if self.request_kind != "complaint":
            raise UserError(self.env._("A complaint handling sheet is signed on a complaint."))
        signoff = self.director_signoff_ids[:1] or self.env["property.director.signoff"].create(
            {"kind": "complaint_sheet", "ticket_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.director.signoff",
            "res_id": signoff.id,
            "view_mode": "form",
            "target": "current",
        }
