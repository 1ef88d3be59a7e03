import {registry} from "@web/core/registry";

/**
 * An owner on a phone signs a completed work order with the portal signature form.
 */
registry.category("web_tour.tours").add("property_portal_work_order_sign_tour", {
    steps: () => [
        {
            content: "Open the signature form",
            trigger: ".o_property_sign",
            run: "click",
        },
        {
            content: "The name written is the signature: confirm",
            trigger: ".modal.show .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content:
                "The page shows the customer's signature (after the signed PDF is archived)",
            trigger: "img.o_property_customer_signature",
            timeout: 60000,
        },
    ],
});
