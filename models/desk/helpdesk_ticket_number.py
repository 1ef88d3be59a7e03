from odoo import api, models, tools

TICKET_SEQUENCE = "helpdesk.ticket.sequence"


class PropertyRequestNumber(models.AbstractModel):
    """The request number: helpdesk_mgmt's sequence, without searching for it at each request."""

    _name = "property.request.number"
    _description = "Request Concern: Number"

    @api.model
    def _number_from_known_sequence(self, values):
        """The next number of the company's request sequence, or None when it has none."""
        sequences = self.env["ir.sequence"]
        if "company_id" in values:
            sequences = sequences.with_company(values["company_id"])
        sequences.browse().check_access("read")
        sequence_id = self._ticket_sequence_id(sequences.env.company.id)
        if not sequence_id:
            return None
        return sequences.browse(sequence_id)._next() or "/"

    @api.model
    @tools.ormcache("company_id")
    def _ticket_sequence_id(self, company_id):
        """What ir.sequence.next_by_code picks for the company (cleared whenever a sequence
        changes, see ir_sequence.py)."""
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [("code", "=", TICKET_SEQUENCE), ("company_id", "in", [company_id, False])],
                order="company_id",
                limit=1,
            )
        )
        return sequence.id
