import {registry} from "@web/core/registry";

/**
 * The accountant at a desk: lands on the work orders to invoice, opens a finished paid job,
 * invoices it and registers the customer's payment.
 */
registry.category("web_tour.tours").add("property_work_order_accountant_tour", {
    steps: () => [
        {
            content: "The accountant lands on the orders to invoice",
            trigger:
                ".o_list_view .o_data_row:contains('Accountant tour: kitchen tap') td.o_data_cell[name='name']",
            run: "click",
        },
        {
            content: "Invoice the finished job",
            trigger: ".o_form_view button[name='action_create_invoice']",
            run: "click",
        },
        {
            content: "The posted invoice opens: register the customer's payment",
            trigger: ".o_form_view button[name='action_register_payment']",
            run: "click",
        },
        {
            trigger: ".modal button[name='action_create_payments']",
            run: "click",
        },
        {
            content: "The invoice is paid",
            trigger: ".o_form_view .ribbon",
        },
    ],
});
