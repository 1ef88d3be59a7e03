from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.groups import ACCOUNTANT, DESK
from ...tools.personal_data import mask_export_id_numbers, mask_id_numbers
from ...tools.row_claims import lock_rows
from ..mechanisms.property_input_guard import COUNT, READING

PAID_STATES = ("paid", "in_payment")
STATES = [("open", "Open"), ("done", "Completed"), ("cancelled", "Cancelled")]
ID_DOCUMENTS = [
    ("id_card", "Resident Identity Card"),
    ("passport", "Passport"),
    ("hk_macao_taiwan", "Home Return Permit / Taiwan Compatriot Permit"),
    ("other", "Other"),
]
PURCHASE_DOCUMENTS = [
    ("sales_contract", "Commercial Housing Sales Contract"),
    ("title_certificate", "Real Estate Title Certificate"),
    ("move_in_notice", "Move-in Notice from the Developer"),
    ("other", "Other"),
]
# Counted on the handover sheet: keys by kind, and the documents every new owner receives.
KEY_COUNT_FIELDS = (
    "key_unit_door_count",
    "key_building_door_count",
    "key_mailbox_count",
    "access_card_count",
)
DOCUMENT_COUNT_FIELDS = (
    "quality_guarantee_count",
    "usage_manual_count",
    "owner_manual_count",
)


class PropertyMoveIn(models.Model):
    """A move-in file (入伙): a unit handed over to its new owner, step by step."""

    _name = "property.move.in"
    _description = "Move-in File"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.register.mixin",
        "property.system.fields.mixin",
        "property.invoicing.mixin",
    ]
    _order = "move_in_date desc, id desc"
    _register_date_field = "move_in_date"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = (
        "name",
        "state",
        "documents_checked_at",
        "documents_checked_by_id",
        "invoice_move_id",
        "inspection_done_at",
        "completed_at",
        "completed_by_id",
        "cancel_reason",
    )

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    state = fields.Selection(
        STATES, required=True, default="open", index=True, tracking=True, copy=False
    )
    unit_id = fields.Many2one(
        "property.unit",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        ondelete="restrict",
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="New Owner",
        required=True,
        index=True,
        tracking=True,
        help="The buyer who takes the unit over; the unit's owner once the file is completed.",
    )
    agent_id = fields.Many2one(
        "res.users",
        string="Handed Over By",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
        help="The service agent who walks through the unit with the owner and signs.",
    )
    move_in_date = fields.Date(
        string="Move-in Date",
        required=True,
        default=lambda self: self.env["property.estate"]._local_date(),
        index=True,
        tracking=True,
    )

    # 1. Identity and purchase documents
    id_document_type = fields.Selection(ID_DOCUMENTS, string="Identity Document")
    id_document_number = fields.Char(string="Identity Document Number")
    purchase_document_type = fields.Selection(PURCHASE_DOCUMENTS, string="Purchase Document")
    purchase_document_number = fields.Char()
    documents_note = fields.Text(string="Notes on the Documents")
    documents_checked_at = fields.Datetime(readonly=True, copy=False)
    documents_checked_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # 2. Fees due at move-in
    fee_line_ids = fields.One2many("property.move.in.fee", "move_in_id", string="Move-in Fees")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    invoice_move_id = fields.Many2one("account.move", string="Invoice", readonly=True, copy=False)
    invoice_payment_state = fields.Selection(
        related="invoice_move_id.payment_state", string="Payment"
    )

    # 3. Inspection room by room
    line_ids = fields.One2many("property.move.in.line", "move_in_id", string="Inspection")
    defect_count = fields.Integer(compute="_compute_defects", compute_sudo=True)
    repair_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        compute="_compute_defects",
        compute_sudo=True,
        string="Warranty Repair Requests",
    )
    inspection_done_at = fields.Datetime(readonly=True, copy=False)

    # 4. Meter readings
    water_reading = fields.Float(string="Water Meter (m³)", digits=(12, 2), bounds=READING)
    electricity_reading = fields.Float(
        string="Electricity Meter (kWh)", digits=(12, 2), bounds=READING
    )
    gas_reading = fields.Float(string="Gas Meter (m³)", digits=(12, 2), bounds=READING)
    has_gas = fields.Boolean(string="Gas Supplied", default=True)
    meters_read = fields.Boolean(
        string="Readings Confirmed",
        help="Tick once the meters are read together with the owner (a reading may be 0).",
    )

    # 5. Keys and documents handed over
    key_unit_door_count = fields.Integer(string="Unit Door Keys", bounds=COUNT)
    key_building_door_count = fields.Integer(string="Building Door Keys", bounds=COUNT)
    key_mailbox_count = fields.Integer(string="Mailbox Keys", bounds=COUNT)
    access_card_count = fields.Integer(string="Access Cards", bounds=COUNT)
    quality_guarantee_count = fields.Integer(
        string="Residential Quality Guarantee (住宅质量保证书)", default=1, bounds=COUNT
    )
    usage_manual_count = fields.Integer(
        string="Residential Usage Manual (住宅使用说明书)", default=1, bounds=COUNT
    )
    owner_manual_count = fields.Integer(string="Owner's Manual", default=1, bounds=COUNT)

    # 6. Household and contacts
    member_ids = fields.One2many(
        "property.move.in.member", "move_in_id", string="Household and Contacts"
    )

    # 7. Signatures
    owner_signature = fields.Binary(string="Owner's Signature", copy=False, attachment=True)
    agent_signature = fields.Binary(string="Agent's Signature", copy=False, attachment=True)

    # Steps (SPEC §8: complete only when every step is done). The progress and the defects are
    # counted over the household and the inspection, which the accountant does not read.
    step_documents = fields.Boolean(
        string="Documents Checked", compute="_compute_steps", compute_sudo=True
    )
    step_fees = fields.Boolean(string="Fees Paid", compute="_compute_steps", compute_sudo=True)
    step_inspection = fields.Boolean(
        string="Unit Inspected", compute="_compute_steps", compute_sudo=True
    )
    step_meters = fields.Boolean(string="Meters Read", compute="_compute_steps", compute_sudo=True)
    step_handover = fields.Boolean(
        string="Keys and Documents Handed Over", compute="_compute_steps", compute_sudo=True
    )
    step_household = fields.Boolean(
        string="Household Recorded", compute="_compute_steps", compute_sudo=True
    )
    step_signatures = fields.Boolean(string="Signed", compute="_compute_steps", compute_sudo=True)
    steps_done = fields.Integer(compute="_compute_steps", compute_sudo=True)

    completed_at = fields.Datetime(readonly=True, copy=False)
    completed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)

    _sql_constraints = [
        (
            "counts_positive",
            "check(key_unit_door_count >= 0 AND key_building_door_count >= 0"
            " AND key_mailbox_count >= 0 AND access_card_count >= 0"
            " AND quality_guarantee_count >= 0 AND usage_manual_count >= 0"
            " AND owner_manual_count >= 0)",
            "Counts of keys and documents cannot be negative.",
        ),
        (
            "readings_positive",
            "check(water_reading >= 0 AND electricity_reading >= 0 AND gas_reading >= 0)",
            "Meter readings cannot be negative.",
        ),
    ]

    # Creation -------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.move.in")
        files = super().create(vals_list)
        files.filtered(lambda f: not f.line_ids)._load_checklist()
        files.filtered(lambda f: not f.fee_line_ids)._load_fees()
        return files

    def _load_checklist(self):
        """The rooms and items to inspect, from the checklist the administrator keeps."""
        Item = self.env["property.move.in.checklist.item"]
        for move_in in self:
            items = Item.search([("company_id", "in", (move_in.company_id.id, False))])
            self.env["property.move.in.line"].create(
                [
                    {
                        "move_in_id": move_in.id,
                        "sequence": item.sequence,
                        "room": item.room,
                        "item": item.name,
                    }
                    for item in items
                ]
            )

    def _load_fees(self):
        """The fees due at move-in: the products of the move-in fee category."""
        category = self.env.ref(
            "property_service_desk.product_category_move_in_fee", raise_if_not_found=False
        )
        if not category:
            return
        products = self.env["product.product"].search(
            [("categ_id", "=", category.id), ("sale_ok", "=", True)]
        )
        self.env["property.move.in.fee"].create(
            [
                {"move_in_id": move_in.id, "product_id": product.id, "quantity": 1}
                for move_in in self
                for product in products
            ]
        )

    # Computed -------------------------------------------------------------------------------

    @api.depends("fee_line_ids.price_total")
    def _compute_amount_total(self):
        for move_in in self:
            move_in.amount_total = sum(move_in.fee_line_ids.mapped("price_total"))

    @api.depends("line_ids.result", "line_ids.ticket_id")
    def _compute_defects(self):
        for move_in in self:
            defects = move_in.line_ids.filtered(lambda line: line.result == "defect")
            move_in.defect_count = len(defects)
            move_in.repair_ticket_ids = defects.ticket_id

    @api.depends(
        "documents_checked_at",
        "fee_line_ids",
        "invoice_payment_state",
        "inspection_done_at",
        "meters_read",
        *KEY_COUNT_FIELDS,
        *DOCUMENT_COUNT_FIELDS,
        "member_ids.mobile",
        "member_ids.is_contact",
        "owner_signature",
        "agent_signature",
    )
    def _compute_steps(self):
        for move_in in self:
            move_in.step_documents = bool(move_in.documents_checked_at)
            move_in.step_fees = move_in._fees_settled()
            move_in.step_inspection = bool(move_in.inspection_done_at)
            move_in.step_meters = move_in.meters_read
            move_in.step_handover = move_in._handover_counted()
            move_in.step_household = bool(
                move_in.member_ids.filtered(lambda m: m.is_contact and m.mobile)
            )
            move_in.step_signatures = bool(move_in.owner_signature and move_in.agent_signature)
            move_in.steps_done = sum(move_in[name] for name, _label in move_in._steps())

    def _fees_settled(self):
        """Paid in Accounting, or nothing is due."""
        if not self.fee_line_ids:
            return True
        # Through the related field (read as the system): the desk does not read invoices.
        return self.invoice_payment_state in PAID_STATES

    def _handover_counted(self):
        return self.key_unit_door_count > 0 and all(
            self[name] > 0 for name in DOCUMENT_COUNT_FIELDS
        )

    def _steps(self):
        return [
            ("step_documents", self.env._("identity and purchase documents checked")),
            ("step_fees", self.env._("move-in fees invoiced and paid")),
            ("step_inspection", self.env._("inspection finished")),
            ("step_meters", self.env._("meters read")),
            (
                "step_handover",
                self.env._("unit door keys and the three documents handed over (counts)"),
            ),
            ("step_household", self.env._("a household contact with a mobile number")),
            ("step_signatures", self.env._("signatures of the owner and of the agent")),
        ]

    # Rules ----------------------------------------------------------------------------------

    @api.constrains("unit_id", "partner_id", "state")
    def _check_one_open_file_per_unit_and_owner(self):
        for move_in in self.filtered(lambda f: f.state == "open"):
            duplicate = self.sudo().search_count(
                [
                    ("id", "!=", move_in.id),
                    ("unit_id", "=", move_in.unit_id.id),
                    ("partner_id", "=", move_in.partner_id.id),
                    ("state", "=", "open"),
                ]
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "%(unit)s already has an open move-in file for %(owner)s: continue that "
                        "one.",
                        unit=move_in.unit_id.display_name,
                        owner=move_in.partner_id.name,
                    )
                )

    def _system_frozen(self):
        return self.filtered(lambda f: f.state in ("done", "cancelled"))

    def _system_frozen_message(self, frozen):
        return self.env._(
            "Move-in file %(files)s is completed or cancelled: it can no longer be changed.",
            files=frozen._records_label(),
        )

    def _kept_on_record(self):
        return self

    def _check_open(self, action):
        if closed := self.filtered(lambda f: f.state != "open"):
            raise UserError(
                self.env._(
                    "%(action)s is not possible: move-in file %(files)s is completed or cancelled.",
                    action=action,
                    files=", ".join(closed.mapped("name")),
                )
            )

    # Steps ----------------------------------------------------------------------------------

    def action_check_documents(self):
        """The agent saw the owner's identity and purchase documents."""
        self._check_caller(DESK)
        lock_rows(self)
        self._check_open(self.env._("Checking the documents"))
        for move_in in self:
            if not (
                move_in.id_document_type
                and (move_in.id_document_number or "").strip()
                and move_in.purchase_document_type
            ):
                raise UserError(
                    self.env._(
                        "%s: enter the identity document, its number and the purchase document "
                        "before marking them checked.",
                        move_in.name,
                    )
                )
        self._write_system(
            {"documents_checked_at": fields.Datetime.now(), "documents_checked_by_id": self.env.uid}
        )
        return True

    def action_create_invoice(self):
        """Invoice the move-in fees in Accounting, once."""
        self.ensure_one()
        self._check_caller(DESK, ACCOUNTANT, access="read")
        lock_rows(self, ["invoice_move_id"])
        self._check_open(self.env._("Invoicing the fees"))
        if not self.fee_line_ids:
            raise UserError(self.env._("%s has no move-in fees to invoice.", self.name))
        if not self.invoice_move_id:
            # The fee lines were checked and priced from the published price list.
            move = self._create_posted_invoice(
                [line._invoice_line_vals() for line in self.fee_line_ids]
            )
            # The accountant reads the file without editing it: the link is the system's.
            self.sudo()._write_system({"invoice_move_id": move.id})
        return self.invoice_move_id._get_records_action()

    def _invoice_link_vals(self):
        return {
            "ref": self.env._(
                "Move-in %(file)s, %(unit)s", file=self.name, unit=self.unit_id.display_name
            )
        }

    def action_view_invoice(self):
        self.ensure_one()
        self._check_caller(DESK, ACCOUNTANT, access="read")
        if not self.invoice_move_id:
            raise UserError(self.env._("The move-in fees of %s are not invoiced yet.", self.name))
        return self.invoice_move_id._get_records_action()

    def action_finish_inspection(self):
        """Every item checked with the owner; each defect becomes a free warranty repair."""
        self._check_caller(DESK)
        lock_rows(self)
        self._check_open(self.env._("Finishing the inspection"))
        for move_in in self:
            move_in._check_inspection_complete()
        for move_in in self:
            move_in._open_warranty_repairs()
        self._write_system({"inspection_done_at": fields.Datetime.now()})
        return True

    def _check_inspection_complete(self):
        if self.inspection_done_at:
            raise UserError(self.env._("The inspection of %s is already finished.", self.name))
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "%s has no inspection items: add the rooms and items checked with the owner.",
                    self.name,
                )
            )
        if unchecked := self.line_ids.filtered(lambda line: not line.result):
            raise UserError(
                self.env._(
                    "%(file)s: mark every item OK or defect first (%(items)s).",
                    file=self.name,
                    items=", ".join(unchecked.mapped("display_name")),
                )
            )
        undescribed = self.line_ids.filtered(
            lambda line: line.result == "defect" and not (line.defect_note or "").strip()
        )
        if undescribed:
            raise UserError(
                self.env._(
                    "%(file)s: describe each defect (%(items)s).",
                    file=self.name,
                    items=", ".join(undescribed.mapped("display_name")),
                )
            )

    def _open_warranty_repairs(self):
        """Each defect: a free warranty repair request on the unit, with its work order
        (property.unit._create_warranty_repair_request, shared with housing-quality
        complaints); the line keeps the link."""
        defects = self.line_ids.filtered(
            lambda line: line.result == "defect" and not line.ticket_id
        )
        # The request is the customer's (its title shows on the portal): in the customer's
        # language, whoever (an English-speaking admin, the demo's loader) finishes the file.
        customer_env = self.with_context(lang=self.partner_id.lang or self.env.lang).env
        for line in defects:
            ticket = self.unit_id._create_warranty_repair_request(
                line.with_env(customer_env)._warranty_description(),
                name=customer_env._(
                    "Move-in defect: %(room)s / %(item)s", room=line.room, item=line.item
                ),
                partner=self.partner_id,
            )
            line._as_system().write({"ticket_id": ticket.id})

    def action_view_repairs(self):
        self.ensure_one()
        self._check_caller(DESK, access="read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Warranty Repair Requests"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("id", "in", self.repair_ticket_ids.ids)],
        }

    # Completion -----------------------------------------------------------------------------

    def action_complete(self):
        """Complete the file once every step is done; the unit gets its owner and household."""
        self._check_caller(DESK)
        lock_rows(self)
        self._check_open(self.env._("Completing"))
        for move_in in self:
            move_in._check_every_step_done()
        now = fields.Datetime.now()
        for move_in in self:
            move_in._update_unit()
        self._write_system({"state": "done", "completed_at": now, "completed_by_id": self.env.uid})
        return True

    def _check_every_step_done(self):
        self.invalidate_recordset()
        missing = [label for name, label in self._steps() if not self[name]]
        if missing:
            raise UserError(
                self.env._(
                    "Move-in file %(file)s cannot be completed yet. Still to do: %(steps)s.",
                    file=self.name,
                    steps="; ".join(missing),
                )
            )

    def _update_unit(self):
        """The new owner and the household recorded become the unit's."""
        household = self.member_ids._make_partners(self.partner_id)
        self.unit_id.write(
            {
                "owner_id": self.partner_id.id,
                "household_ids": [fields.Command.set(household.ids)],
            }
        )
        self.unit_id.message_post(
            body=self.env._(
                "Handed over to %(owner)s (move-in file %(file)s).",
                owner=self.partner_id.name,
                file=self.name,
            )
        )

    def action_cancel(self, reason):
        self._check_caller(DESK)
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Write why the move-in file is cancelled."))
        lock_rows(self)
        self._check_open(self.env._("Cancelling"))
        self._write_system({"state": "cancelled", "cancel_reason": reason})
        return True

    def _read_format(self, fnames, load="_classic_read"):
        return mask_id_numbers(self, super()._read_format(fnames, load), ["id_document_number"])

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        def export(records):
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

        return mask_export_id_numbers(self, fields, ["id_document_number"], export)
