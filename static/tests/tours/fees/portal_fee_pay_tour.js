import {registry} from "@web/core/registry";

/**
 * An owner on her phone sees her unit's fee bill under My Fees and pays it online through the
 * company's payment provider (Odoo's demo provider in test mode). My Fees fits the phone.
 */
registry.category("web_tour.tours").add("property_portal_fee_pay_tour", {
    steps: () => [
        {
            content: "Her home counts the bills to pay",
            trigger: ".o_portal_index_card a[href='/my/fees']",
            run: "click",
        },
        {
            content: "My Fees fits the phone's width",
            trigger: ".o_portal_fee_unit",
            run() {
                const overflow =
                    document.documentElement.scrollWidth -
                    document.documentElement.clientWidth;
                if (overflow > 1) {
                    throw new Error(`My Fees is ${overflow}px too wide`);
                }
            },
        },
        {
            content: "Her unit's arrears are shown",
            trigger: ".o_fee_arrears.text-danger",
        },
        {
            content: "Pay the bill of the tour",
            trigger: ".o_portal_fee_bill:contains('2026-10') .o_portal_fee_pay",
            run: "click",
        },
        {
            content: "Odoo's invoice page: Pay Now",
            trigger: "a[data-bs-target='#pay_with']:visible",
            run: "click",
        },
        {
            content: "Choose the company's provider",
            trigger:
                "#pay_with input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        {
            // Odoo's zh_CN translation of payment_demo translates the option's value ("done"
            // becomes "完成"), which the demo provider then reads as an error: say "done".
            content: "The demo provider simulates a successful payment",
            trigger: "#pay_with #simulated_payment_state",
            run() {
                const select = document.querySelector(
                    "#pay_with #simulated_payment_state"
                );
                select.options[0].value = "done";
                select.value = "done";
            },
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']:not(:disabled)",
            run: "click",
        },
        {
            content: "Back on her bill, with nothing left to pay",
            trigger: "div.o_portal_sidebar:not(:has(a[data-bs-target='#pay_with']))",
            timeout: 60000,
        },
    ],
});
