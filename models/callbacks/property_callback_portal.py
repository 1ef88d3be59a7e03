from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ...tools.groups import PORTAL
from ...tools.row_claims import lock_rows

# What the customer may fill in when answering a callback online.
PORTAL_ANSWER_FIELDS = (
    "attitude_score",
    "quality_score",
    "efficiency_score",
    "fee_score",
    "professionalism_score",
    "satisfaction",
    "shortcomings",
    "suggestions",
)


class PropertyCallback(models.Model):
    """Callbacks answered by the customer on the portal (回访, online)."""

    _inherit = "property.callback"

    method = fields.Selection(
        selection_add=[("portal", "Online (Portal)")], ondelete={"portal": "set null"}
    )

    def _property_answerable_on_portal(self):
        """A callback to do that needs no on-site visit can be answered online, once."""
        self.ensure_one()
        return self.state == "to_do" and not self.on_site_only

    def action_answer_from_portal(self, answers):
        """Record the customer's own answer and close the callback the way the desk does
        (unsatisfied: the complaint is escalated or the request reopened)."""
        self.ensure_one()
        self._check_portal_customer()
        # The customer reads the callback but may not edit it: the answer is stored for them.
        callback = self.sudo()
        # Two tabs or two clicks must not answer twice: lock the row, then look again.
        lock_rows(callback, ["state"])
        if callback.state != "to_do":
            raise UserError(self.env._("This callback has already been answered. Thank you."))
        if callback.on_site_only:
            raise UserError(
                self.env._("This callback is made on site: our business manager will visit you.")
            )
        vals = {key: answers.get(key) or False for key in PORTAL_ANSWER_FIELDS}
        callback._check_portal_answer_values(vals)
        if not vals["satisfaction"]:
            raise UserError(self.env._("Choose your overall satisfaction."))
        vals["method"] = "portal"
        callback.write(vals)
        return callback.action_done()

    def _check_portal_customer(self):
        if self.env.su:
            return
        self._check_caller(PORTAL, access="read")
        if not self.ticket_id._property_is_customer(self.env.user):
            raise AccessError(self.env._("Only the customer of the request answers its callback."))

    def _check_portal_answer_values(self, vals):
        """Scores and satisfaction come from a form: only the values of their scale pass."""
        for key, value in vals.items():
            field = self._fields[key]
            if value and field.type == "selection" and value not in field.get_values(self.env):
                raise UserError(
                    self.env._(
                        "“%(value)s” is not a valid answer for %(question)s.",
                        value=value,
                        question=field._description_string(self.env),
                    )
                )
