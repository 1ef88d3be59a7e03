import {registry} from "@web/core/registry";

/**
 * An agent on a phone: the uncollected parcels, hand one over, the collector signs.
 */
registry.category("web_tour.tours").add("property_parcel_handover_tour", {
    steps: () => [
        {
            content: "Hand over from the parcel card",
            trigger:
                ".o_kanban_record:contains('SFTOUR0001') button[name='action_open_pickup_wizard']",
            run: "click",
        },
        {
            content: "The collector is the recipient by default",
            trigger:
                ".modal .o_field_widget[name='collector_name'] input:value('Zhao Lei')",
        },
        {
            content: "The collector signs",
            trigger: ".modal .o_field_widget[name='signature'] .o_signature",
            run: "click",
        },
        {
            trigger: ".modal .o_web_sign_signature_group canvas",
        },
        {
            trigger:
                ".modal:has(.o_web_sign_signature_group) footer .btn-primary:enabled",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='signature'] img.o_signature",
        },
        {
            content: "Confirm the handover",
            trigger: ".modal .modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The parcel leaves the uncollected list",
            trigger:
                ".o_kanban_view:not(:has(.o_kanban_record:contains('SFTOUR0001')))",
        },
    ],
});
