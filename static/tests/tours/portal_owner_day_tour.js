import {registry} from "@web/core/registry";

/**
 * The owner's day on a phone: her home says what waits; she opens her open repair, signs its
 * work order, answers its callback, then accepts the solution of her complaint. Every page fits
 * the screen's width (no sideways scrolling, of the page or of a table).
 */
function fitsThePhone(page, trigger) {
    return {
        content: `${page} fits the phone's width`,
        trigger,
        run() {
            // The page, and its tables (which Odoo wraps to scroll sideways on their own).
            const boxes = [
                document.documentElement,
                ...document.querySelectorAll(".table-responsive"),
            ];
            for (const box of boxes) {
                const overflow = box.scrollWidth - box.clientWidth;
                if (overflow > 1) {
                    throw new Error(
                        `${page}: ${box.className || "page"} is ${overflow}px too wide`
                    );
                }
            }
        },
    };
}

registry.category("web_tour.tours").add("property_portal_owner_day_tour", {
    steps: () => [
        {
            content: "Her home says a solution and a signature wait for her",
            trigger: ".o_property_waiting",
        },
        fitsThePhone("Her home", ".o_portal_my_home"),
        {
            content: "Her requests",
            trigger:
                ".o_portal_index_card a[href='/my/tickets']:not(.o_property_waiting)",
            run: "click",
        },
        {
            content: "The list shows each request's status on the phone",
            trigger: "tr:has(a:contains('Tour: bathroom tap dripping')) .badge",
        },
        fitsThePhone(
            "Her request list",
            "tr:has(a:contains('Tour: bathroom tap dripping'))"
        ),
        {
            content: "Open her open repair",
            trigger: "a:contains('Tour: bathroom tap dripping')",
            run: "click",
        },
        {
            content: "No large closing buttons: one withdrawal, behind a confirmation",
            trigger: ".o_property_withdraw",
        },
        fitsThePhone("Her request", ".o_property_withdraw"),
        {
            content: "Its conversation (mail's chatter, drawn by script) is in Chinese",
            // Loaded: its messages, or the line that says there are none.
            trigger:
                "#chatterRoot:shadow .o-mail-Message, #chatterRoot:shadow .o-mail-Thread-empty span.fs-1",
            run() {
                const text =
                    document.querySelector("#chatterRoot").shadowRoot.textContent;
                const words = text
                    .replace(/\b[A-Za-z]{1,6}[-/]?\d[\w/.-]*/g, " ") // Record numbers
                    .match(/\b(?!Odoo)[A-Za-z]{2,}\b/g);
                if (words) {
                    throw new Error(`English in the conversation: ${words.join(" ")}`);
                }
            },
        },
        {
            content: "Its work order waits for her signature",
            trigger: "#property_work_orders a:has(.text-bg-warning)",
            run: "click",
        },
        fitsThePhone("The work order", ".o_property_sign"),
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
            content: "Signed",
            trigger: "img.o_property_customer_signature",
            timeout: 60000,
        },
        {
            content: "Back to the request",
            trigger: "a[href^='/my/ticket/']",
            run: "click",
        },
        {
            content: "How did we do: very satisfied",
            trigger: ".o_property_callback select[name='satisfaction']",
            run: "select 5",
        },
        {
            content: "Send the answer",
            trigger: ".o_property_callback button[type='submit']",
            run: "click",
        },
        {
            content: "Answer recorded",
            trigger: ".o_property_message",
        },
        {
            content: "Her complaint",
            trigger: "body",
            run: "goToUrl /my/tickets",
        },
        {
            content: "Open the complaint",
            trigger: "a:contains('Tour: noise from the gym')",
            run: "click",
        },
        {
            content: "Accept the proposed solution",
            trigger: "#property_solution .o_property_accept",
            run: "click",
        },
        {
            content: "Decision recorded",
            trigger: ".o_property_message",
        },
        {
            content: "Her parcels",
            trigger: "body",
            run: "goToUrl /my/parcels",
        },
        fitsThePhone("Her parcels", ".o_portal_parcel_row"),
        {
            content: "Her renovations",
            trigger: "body",
            run: "goToUrl /my/renovations",
        },
        fitsThePhone("Her renovations", ".o_portal_renovation_row"),
    ],
});
