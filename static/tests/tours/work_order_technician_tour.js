import {registry} from "@web/core/registry";

/**
 * A technician on a phone: "My Jobs", check in, add a material, finish from the form (not
 * from the gear menu), both signatures.
 */
registry.category("web_tour.tours").add("property_work_order_technician_tour", {
    steps: () => [
        {
            content: "Check in from the job card",
            trigger: ".o_kanban_record button[name='action_check_in']",
            run: "click",
        },
        {
            content: "Open the job",
            trigger:
                ".o_kanban_record:has(button[name='action_done']) .o_work_order_place",
            run: "click",
        },
        {
            content: "Add a material",
            trigger: ".o_field_widget[name='line_ids'] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Choose the item: on a phone this opens a search dialog",
            trigger: ".modal .o_field_widget[name='product_id'] input",
            run: "click",
        },
        {
            trigger: ".modal .o_kanban_record:contains('Ball valve DN20')",
            run: "click",
        },
        {
            trigger:
                ".modal .o_field_widget[name='product_id'] input:value('Ball valve DN20')",
        },
        {
            content: "Keep the material",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='line_ids'] .o_kanban_record:contains('Ball valve DN20')",
        },
        {
            content: "Save the job",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content:
                "Finish the repair: the step is in plain sight on the phone's form",
            trigger: ".o_work_order_next_step button[name='action_done']",
            run: "click",
        },
        {
            trigger: ".o_work_order_next_step button[name='action_sign']",
        },
        {
            content: "Signatures",
            trigger: ".o_notebook .nav-link[name='signatures']",
            run: "click",
        },
        {
            content: "The customer signs",
            trigger: ".o_field_widget[name='customer_signature'] .o_signature",
            run: "click",
        },
        {
            trigger: ".modal .o_web_sign_signature_group canvas",
        },
        {
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The technician signs",
            trigger: ".o_field_widget[name='technician_signature'] .o_signature",
            run: "click",
        },
        {
            trigger: ".modal .o_web_sign_signature_group canvas",
        },
        {
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='technician_signature'] img.o_signature",
        },
        {
            content: "Save the signed job",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
