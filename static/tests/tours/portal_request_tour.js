import {registry} from "@web/core/registry";

/**
 * An owner on a phone: new request on the portal for one of her units, a repair, urgent.
 */
registry.category("web_tour.tours").add("property_portal_request_tour", {
    steps: () => [
        {
            content: "New request",
            trigger: ".o_property_new_request",
            run: "click",
        },
        {
            content: "Choose the unit",
            trigger: "select[name='unit']",
            run: "selectByLabel 1栋-101",
        },
        {
            content: "A repair",
            trigger: "select[name='request_kind']",
            run: "select repair",
        },
        {
            content: "Urgent",
            trigger: "input[name='urgency'][value='urgent']",
            run: "click",
        },
        {
            content: "Title",
            trigger: "input[name='subject']",
            run: "edit Tour: kitchen pipe leaking",
        },
        {
            content: "Description",
            trigger: "textarea[name='description']",
            run: "edit Water under the sink since this morning.",
        },
        {
            content: "Send",
            trigger: "form[action='/submitted/ticket'] button[type='submit']",
            run: "click",
        },
        {
            content: "The request page shows the unit",
            trigger: ".o_property_unit:contains('1栋-101')",
        },
        {
            trigger: ".o_property_kind",
        },
    ],
});
