from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.groups import BUSINESS_CLERK, DESK
from ...tools.row_claims import lock_rows
from ..mechanisms.property_input_guard import QUANTITY
from .property_priced_line_mixin import category_domain

STATES = [("draft", "To Charge"), ("paid", "Paid")]
PAYMENT_METHODS = [("cash", "Cash"), ("bank", "Bank / Card / Mobile Payment")]
CATEGORY = "property_service_desk.product_category_convenience"


class PropertyConvenienceService(models.Model):
    """A paid convenience service of the business centre (商务中心: printing, copying…), charged
    at the published price list through Accounting, with a receipt."""

    _name = "property.convenience.service"
    _description = "Convenience Service"
    _inherit = [
        "mail.thread",
        "property.register.mixin",
        "property.system.fields.mixin",
        "property.invoicing.mixin",
    ]
    _order = "date desc, id desc"
    _register_date_field = "date"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = (
        "name",
        "state",
        "price_unit",
        "invoice_move_id",
        "charged_at",
        "charged_by_id",
    )

    name = fields.Char(string="Reference", required=True, readonly=True, default="/", copy=False)
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        check_company=True,
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    unit_id = fields.Many2one(
        "property.unit",
        index="btree_not_null",
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        domain=lambda self: category_domain(self.env, CATEGORY),
    )
    quantity = fields.Float(
        required=True, default=1.0, digits="Product Unit of Measure", bounds=QUANTITY
    )
    price_unit = fields.Float(
        string="Published Price",
        compute="_compute_price_unit",
        store=True,
        precompute=True,
        digits="Product Price",
        help="From the published price list of the Settings (else the service's sales price).",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    payment_method = fields.Selection(PAYMENT_METHODS, required=True, default="cash")
    state = fields.Selection(STATES, required=True, default="draft", tracking=True, copy=False)
    invoice_move_id = fields.Many2one("account.move", string="Invoice", readonly=True, copy=False)
    invoice_number = fields.Char(related="invoice_move_id.name", string="Invoice Number")
    payment_state = fields.Selection(related="invoice_move_id.payment_state", string="Payment")
    charged_at = fields.Datetime(readonly=True, copy=False)
    charged_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    note = fields.Char()

    _sql_constraints = [
        ("quantity_positive", "check(quantity > 0)", "The quantity must be positive."),
    ]

    @api.depends("unit_id")
    def _compute_estate_id(self):
        for service in self:
            if service.unit_id:
                service.estate_id = service.unit_id.estate_id

    @api.depends("product_id", "quantity", "estate_id")
    def _compute_price_unit(self):
        for service in self:
            service.price_unit = service._published_price()

    def _published_price(self):
        if not self.product_id:
            return 0.0
        pricelist = (self.company_id or self.env.company).property_pricelist_id
        if pricelist:
            return pricelist._get_product_price(self.product_id, self.quantity or 1.0)
        return self.product_id.lst_price

    @api.depends("price_unit", "quantity")
    def _compute_amount_total(self):
        for service in self:
            service.amount_total = service.price_unit * service.quantity

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.convenience.service")
        return super().create(vals_list)

    @api.constrains("product_id")
    def _check_product_is_a_convenience_service(self):
        category = self.env.ref(CATEGORY)
        for service in self:
            if not service.product_id.categ_id.parent_path.startswith(category.parent_path):
                raise ValidationError(
                    self.env._(
                        "%s is not a convenience service of the published price list.",
                        service.product_id.display_name,
                    )
                )

    @api.constrains("unit_id", "estate_id")
    def _check_unit_in_estate(self):
        for service in self:
            if service.unit_id and service.unit_id.estate_id != service.estate_id:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is not in estate %(estate)s.",
                        unit=service.unit_id.display_name,
                        estate=service.estate_id.name,
                    )
                )

    def _system_frozen(self):
        return self.filtered(lambda service: service.state == "paid")

    def _kept_on_record(self):
        return self.filtered(lambda service: service.state == "paid")

    # Charging -----------------------------------------------------------------------------------

    def action_charge(self):
        """Invoice the service at the published price and record the customer's payment."""
        self.ensure_one()
        self._check_caller(DESK, BUSINESS_CLERK)
        lock_rows(self)
        if self.state != "draft":
            raise UserError(self.env._("%s is already paid.", self.name))
        if self.amount_total <= 0:
            raise UserError(
                self.env._(
                    "%s has no price in the published price list: set one before charging.",
                    self.product_id.display_name,
                )
            )
        journal = self._payment_journal()
        move = self._create_posted_invoice([self._service_line_vals()])
        self.env["account.payment.register"].sudo().with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"journal_id": journal.id})._create_payments()
        self._write_system(
            {
                "state": "paid",
                "invoice_move_id": move.id,
                "charged_at": fields.Datetime.now(),
                "charged_by_id": self.env.user.id,
            }
        )
        return self.action_print_receipt()

    def _payment_journal(self):
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("company_id", "parent_of", self.company_id.id),
                    ("type", "=", self.payment_method),
                ],
                limit=1,
            )
        )
        if not journal:
            raise UserError(
                self.env._(
                    "There is no %s journal in Accounting for this company: ask the accountant.",
                    dict(self._fields["payment_method"]._description_selection(self.env))[
                        self.payment_method
                    ],
                )
            )
        return journal

    def _service_line_vals(self):
        return {
            "product_id": self.product_id.id,
            # In the customer's language, as Odoo labels product lines.
            "name": self.product_id.with_context(
                lang=self.partner_id.lang or self.env.lang
            ).display_name,
            "quantity": self.quantity,
            "price_unit": self.price_unit,
        }

    def action_print_receipt(self):
        self.ensure_one()
        self._check_caller(DESK, BUSINESS_CLERK, access="read")
        if self.state != "paid":
            raise UserError(self.env._("%s is not paid yet: no receipt.", self.name))
        return self.env.ref(
            "property_service_desk.property_convenience_service_report_receipt"
        ).report_action(self)
