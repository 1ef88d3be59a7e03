from odoo import fields, models


class PropertyComplaintSolutionWizard(models.TransientModel):
    """Record the owner's proposed solution, or the customer's rejection of it."""

    _name = "property.complaint.solution.wizard"
    _description = "Complaint Solution"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Complaint", required=True)
    mode = fields.Selection(
        [("propose", "Propose a Solution"), ("reject", "Customer Rejects")],
        required=True,
        default="propose",
    )
    text = fields.Text(required=True)

    def action_confirm(self):
        if self.mode == "propose":
            self.ticket_id.action_propose_solution(self.text)
        else:
            self.ticket_id.action_reject_solution(self.text)
        return {"type": "ir.actions.act_window_close"}
