from odoo import models


class PropertyWorkOrder(models.Model):
    """A defect found at the move-in inspection is repaired free under the warranty (SPEC §8)."""

    _inherit = "property.work.order"

    def _charge_by_rule(self):
        if not self.owner_caused and self.ticket_id and self._is_move_in_defect():
            return "free"
        return super()._charge_by_rule()

    def _is_move_in_defect(self):
        # Read as the system: a technician sees the order, not the move-in file behind it.
        return bool(
            self.env["property.move.in.line"]
            .sudo()
            .search_count([("ticket_id", "=", self.ticket_id.id)], limit=1)
        )
