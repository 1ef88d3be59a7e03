from odoo import fields, models
from odoo.exceptions import UserError

from ...tools.groups import DESK, TECHNICIAN

DONE_STAGE = "helpdesk_mgmt.helpdesk_ticket_stage_done"


class PropertyRequestOnTheSpot(models.AbstractModel):
    """The commonest moments in one step (SPEC §3, §4 step 3): a free repair fixed on the spot,
    a complaint made face to face and settled on the spot. The request is closed as handled,
    so it counts in the registers and the KPIs like any other; the desk arranges the callback
    as for any closed request."""

    _name = "property.request.on.the.spot"
    _description = "Request Concern: Settled on the Spot"

    settled_on_the_spot = fields.Boolean(
        readonly=True,
        copy=False,
        help="Fixed (a free repair) or settled (a face-to-face complaint) on the spot, in one "
        "step.",
    )

    def action_settle_on_the_spot(self):
        """What was done is the Progress for the Customer note. A repair: fixed on the spot (the
        desk, or the technician on a phone); a complaint: its solution, accepted face to face,
        reported to the complaint owner's superior."""
        self.ensure_one()
        complaint = self.request_kind == "complaint"
        self._check_caller(*([DESK] if complaint else [DESK, TECHNICIAN]))
        self._check_settleable_on_the_spot()
        now = fields.Datetime.now()
        if complaint:
            self._settle_complaint_on_the_spot(now)
        else:
            self._reach_response(now)
            self._reach_on_site(now)
        self.sudo().write({"settled_on_the_spot": True, "stage_id": self.env.ref(DONE_STAGE).id})
        return True

    def _check_settleable_on_the_spot(self):
        if self.request_kind not in ("repair", "complaint") or self.closed:
            raise UserError(
                self.env._(
                    "Only an open repair or complaint can be fixed or settled on the spot (%s).",
                    self.number,
                )
            )
        if self.work_order_ids.filtered(lambda o: o.state != "cancelled"):
            raise UserError(
                self.env._("Request %s already has a work order: close it there.", self.number)
            )
        if not (self.progress_note or "").strip():
            raise UserError(self.env._("Write what was done in Progress for the Customer."))
        if self.request_kind == "repair" and self._property_repair_charge() == "paid":
            raise UserError(
                self.env._(
                    "Request %s is a paid repair: it needs a work order, approved by the "
                    "estate's director before it is done. Fixed on the Spot is for free "
                    "repairs only.",
                    self.number,
                )
            )

    def _property_repair_charge(self):
        """Free or paid, by the work orders' rule (SPEC §4), as an order of this request would
        be charged."""
        order = self.env["property.work.order"].sudo().new({"ticket_id": self.id})
        return order._charge_by_rule()

    def _settle_complaint_on_the_spot(self, now):
        self.sudo().write(
            {
                "solution": self.progress_note.strip(),
                "solution_proposed_at": now,
                "solution_decision": "accepted",
            }
        )
        self.promise_ids.filtered(lambda m: m.kind in ("solution", "escalation_answer"))._reach(now)
        self._reach_response(now)
        self._log_complaint_change(
            "decision", False, "accepted", self.env._("Settled face to face on the spot")
        )
        self._report_to_owners_superior(settled=True)
