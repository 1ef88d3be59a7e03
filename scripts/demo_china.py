"""The demo company as a Chinese property company (issue 27), run by scripts/demo.sh in
`odoo-bin shell`: PSD_DEMO_STEP=company before the addon is installed (China, yuan, Beijing time,
so that `account` installs Odoo's Chinese chart, l10n_cn), PSD_DEMO_STEP=taxes after it (the VAT
a Chinese property company charges on its paid services, from l10n_cn's taxes)."""

import os

# Product (external id) -> VAT rate: property and modern services 6 %, construction works 9 %,
# goods and repair labour (修理修配劳务) 13 %.
VAT_RATES = {
    "property_service_desk.product_product_demo_drain": 13,
    "property_service_desk.product_product_demo_tap_replacement": 13,
    "property_service_desk.product_product_demo_tap": 13,
    "property_service_desk.product_product_demo_ball_valve": 13,
    "property_service_desk.product_product_demo_waterproofing": 9,
    "property_service_desk.product_product_demo_move_in_management_fee": 6,
    "property_service_desk.product_product_demo_move_in_card_fee": 6,
    "property_service_desk.product_convenience_print_bw": 6,
    "property_service_desk.product_convenience_print_colour": 6,
    "property_service_desk.product_convenience_copy": 6,
    "property_service_desk.product_convenience_scan": 6,
    "property_service_desk.product_convenience_fax": 6,
}


def make_company_chinese(env):
    company = env.ref("base.main_company")
    cny = env.ref("base.CNY")
    cny.active = True
    company.write({"country_id": env.ref("base.cn").id, "currency_id": cny.id})
    company.partner_id.tz = "Asia/Shanghai"
    env.ref("base.user_admin").tz = "Asia/Shanghai"


def set_taxes(env):
    company = env.ref("base.main_company")
    for xmlid, rate in VAT_RATES.items():
        product = env.ref(xmlid, raise_if_not_found=False)
        tax = env.ref(f"account.{company.id}_l10n_cn_sales_excluded_{rate}", False)
        if product and tax:
            product.taxes_id = product.taxes_id.filtered(lambda t: t.company_id != company) | tax


STEPS = {"company": make_company_chinese, "taxes": set_taxes}
STEPS[os.environ["PSD_DEMO_STEP"]](env)  # noqa: F821 (odoo-bin shell's env)
env.cr.commit()  # noqa: F821
