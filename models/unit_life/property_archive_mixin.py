from odoo import fields, models

# Section field -> (model, extra domain). What each record's archive scope means for a model is
# given by `_archive_scope` of the archive (the unit, or the owner / tenant).
SECTIONS = {
    "archive_request_ids": ("helpdesk.ticket", [("request_kind", "!=", "complaint")]),
    "archive_complaint_ids": ("helpdesk.ticket", [("request_kind", "=", "complaint")]),
    "archive_work_order_ids": ("property.work.order", []),
    "archive_callback_ids": ("property.callback", []),
    "archive_parcel_ids": ("property.parcel", []),
    "archive_invoice_ids": ("account.move", [("move_type", "in", ("out_invoice", "out_refund"))]),
    "archive_vacant_inspection_ids": ("property.vacant.inspection", []),
    "archive_lending_ids": ("property.lending", []),
    "archive_convenience_service_ids": ("property.convenience.service", []),
    "archive_visit_ids": ("property.customer.visit", []),
    "archive_move_in_ids": ("property.move.in", []),
    "archive_key_set_ids": ("property.key.set", []),
    "archive_key_log_ids": ("property.key.log", []),
    "archive_key_authorisation_ids": ("property.key.authorisation", []),
    "archive_renovation_ids": ("property.renovation", []),
}
# Only the estate's staff see an archive (the portal customer has their own portal pages).
STAFF_ONLY = "base.group_user"


def _section(model, string):
    return fields.Many2many(
        model, compute="_compute_archive_sections", string=string, groups=STAFF_ONLY
    )


class PropertyArchiveMixin(models.AbstractModel):
    """The sections of an owner archive (业户档案): everything the estate knows, read with the
    caller's own rights, so that each member of staff sees only what their estates hold."""

    _name = "property.archive.mixin"
    _description = "Owner Archive Sections"

    archive_household_ids = fields.Many2many(
        "res.partner",
        compute="_compute_archive_sections",
        string="Household and Contacts",
        groups=STAFF_ONLY,
    )
    archive_request_ids = _section("helpdesk.ticket", "Requests Other Than Complaints")
    archive_complaint_ids = _section("helpdesk.ticket", "Complaints")
    archive_work_order_ids = _section("property.work.order", "Work Orders")
    archive_callback_ids = _section("property.callback", "Callbacks")
    archive_parcel_ids = _section("property.parcel", "Parcels")
    archive_invoice_ids = _section("account.move", "Invoices")
    archive_vacant_inspection_ids = _section(
        "property.vacant.inspection", "Inspections While Vacant"
    )
    archive_lending_ids = _section("property.lending", "Lendings")
    archive_convenience_service_ids = _section(
        "property.convenience.service", "Convenience Services"
    )
    archive_visit_ids = _section("property.customer.visit", "Customer Visits")
    archive_move_in_ids = _section("property.move.in", "Move-in Records")
    archive_key_set_ids = _section("property.key.set", "Keys Held")
    archive_key_log_ids = _section("property.key.log", "Key Log")
    archive_key_authorisation_ids = _section("property.key.authorisation", "Key Authorisations")
    archive_renovation_ids = _section("property.renovation", "Renovation Files")

    def _archive_scope(self):
        """{model: domain} of what belongs to this archive (see SECTIONS)."""
        raise NotImplementedError

    def _archive_household(self):
        raise NotImplementedError

    def _compute_archive_sections(self):
        # A section of a model the caller may not read stays empty (e.g. invoices for a
        # desk without Accounting, parcels for an accountant).
        readable = {
            model: self.env[model].has_access("read") for model, _extra in SECTIONS.values()
        }
        for archive in self:
            scope = archive._archive_scope()
            archive.archive_household_ids = archive._archive_household()
            tickets = self.env["helpdesk.ticket"]
            if readable["helpdesk.ticket"]:
                tickets = tickets.search(scope["helpdesk.ticket"])
            scope["property.work.order"] = [("ticket_id", "in", tickets.ids)]
            scope["property.callback"] = [("ticket_id", "in", tickets.ids)]
            for name, (model, extra) in SECTIONS.items():
                found = self.env[model]
                if readable[model]:
                    found = found.search(scope[model] + extra)
                archive[name] = found

    def _archive_label(self):
        return self.display_name
