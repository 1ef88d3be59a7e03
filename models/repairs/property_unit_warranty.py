from odoo import fields, models
from odoo.exceptions import UserError


class PropertyUnit(models.Model):
    """Free warranty repairs (保修) of a unit: housing-quality complaints, defects at move-in."""

    _inherit = "property.unit"

    def _create_warranty_repair_request(
        self, description, *, name=None, partner=None, source=None, received_at=None
    ):
        """Open a free warranty repair request on this unit, with its draft work order for the
        engineering lead to dispatch, and return the request.

        For the addon's own flows, which check their caller first (the caller's access rights
        and record rules still apply): a class 2 complaint (`source`, the complaint, is linked),
        a defect found when the unit is handed over at move-in."""
        self.ensure_one()
        description = (description or "").strip()
        if not description:
            raise UserError(self.env._("Describe the defect to repair under warranty."))
        request = (
            self.env["helpdesk.ticket"]
            ._as_system()
            .create(
                {
                    "name": name or self.env._("Warranty repair: %s", self.display_name),
                    "description": description,
                    "unit_id": self.id,
                    "partner_id": (partner or self._default_customer()).id,
                    "request_kind": "repair",
                    "area_scope": "private",
                    "received_at": received_at or fields.Datetime.now(),
                    "is_warranty_repair": True,
                    "warranty_complaint_id": source.id if source else False,
                }
            )
        )
        self.env["property.work.order"]._as_system().create(
            {"ticket_id": request.id, "description": description}
        )
        return request
