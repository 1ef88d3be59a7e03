from odoo import fields, models


class PropertyEvaluationPaperWizard(models.TransientModel):
    """Who handed the paper form out and who collected it back (SPEC §7)."""

    _inherit = "property.evaluation.paper.wizard"

    issued_by_id = fields.Many2one(
        "res.users", string="Issued by", required=True, default=lambda self: self.env.user
    )
    collected_by_id = fields.Many2one(
        "res.users", string="Collected by", required=True, default=lambda self: self.env.user
    )

    def action_confirm(self):
        self.ensure_one()
        self.campaign_id.action_enter_paper_form(
            self.unit_id.id,
            self.partner_id.id,
            self._answers(),
            issued_by_id=self.issued_by_id.id,
            collected_by_id=self.collected_by_id.id,
        )
        return {"type": "ir.actions.act_window_close"}
