from odoo import fields, models


class PropertyParcelCarrier(models.Model):
    """A courier or postal service that delivers parcels and mail to the service centre."""

    _name = "property.parcel.carrier"
    _description = "Parcel Carrier"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code, e.g. SF, EMS.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A carrier with this code already exists."),
    ]
