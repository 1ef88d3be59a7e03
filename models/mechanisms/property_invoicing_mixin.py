from odoo import fields, models


class PropertyInvoicingMixin(models.AbstractModel):
    """A record that bills its customer in Accounting (move-in files, convenience services,
    work orders, renovations): the one way its customer invoices and credit notes are made.

    The action that invoices checked its caller; the desk issues invoices without being an
    accountant, so the move is written and posted as the system. The record says who pays
    (`_invoice_partner`) and how the move links back to it (`_invoice_link_vals`)."""

    _name = "property.invoicing.mixin"
    _description = "Invoicing Record"

    def _create_posted_invoice(self, line_vals, move_type="out_invoice"):
        """The posted customer invoice (or credit note) of `line_vals`, invoice line values."""
        self.ensure_one()
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": move_type,
                    "partner_id": self._invoice_partner().id,
                    "company_id": self.company_id.id,
                    "invoice_origin": self.name,
                    **self._invoice_link_vals(),
                    "invoice_line_ids": [fields.Command.create(vals) for vals in line_vals],
                }
            )
        )
        move.action_post()
        return move

    def _invoice_partner(self):
        return self.partner_id

    def _invoice_link_vals(self):
        """More values of the move: what links it back to the record, its reference."""
        return {}
