import inspect

from odoo.fields import Field
from odoo.tests import TransactionCase, tagged

from ...models.desk import helpdesk_ticket


@tagged("post_install", "-at_install")
class TestRequestComposition(TransactionCase):
    """The request is composed in one visible place (models/desk/helpdesk_ticket.py) from concerns
    that never define the same name: no behaviour can depend on their order."""

    def _concern_names(self):
        composing = helpdesk_ticket.HelpdeskTicket
        concerns = [name for name in composing._inherit if name.startswith("property.request.")]
        names = {}
        for concern in concerns:
            own = set()
            for cls in type(self.env[concern]).__mro__:
                if getattr(cls, "_name", None) == concern and "_register" not in vars(cls):
                    own |= {
                        key
                        for key, value in vars(cls).items()
                        if isinstance(value, Field) or inspect.isfunction(value)
                    }
            names[concern] = own
        return composing, names

    def test_every_concern_is_composed(self):
        composing, names = self._concern_names()
        self.assertEqual(len(names), 15)
        ticket_class = type(self.env["helpdesk.ticket"])
        for concern in names:
            self.assertTrue(issubclass(ticket_class, type(self.env[concern])), concern)

    def test_no_two_concerns_define_the_same_name(self):
        _composing, names = self._concern_names()
        seen = {}
        for concern, own in names.items():
            for name in own:
                self.assertNotIn(name, seen, f"{name} is in {concern} and {seen.get(name)}")
                seen[name] = concern

    def test_no_concern_method_is_shadowed(self):
        """A concern's method is the request's own: neither upstream (helpdesk_mgmt, mail) nor
        the composing class defines it, so none is lost or wrapped by the order of classes."""
        _composing, names = self._concern_names()
        Ticket = type(self.env["helpdesk.ticket"])
        for concern, own in names.items():
            concern_class = type(self.env[concern])
            for name in own:
                if not inspect.isfunction(getattr(concern_class, name, None)):
                    continue
                owner = next(cls for cls in Ticket.__mro__ if name in vars(cls))
                self.assertEqual(
                    getattr(owner, "_name", None), concern, f"{concern}.{name} is shadowed"
                )
