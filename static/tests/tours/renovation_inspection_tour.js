import {registry} from "@web/core/registry";

// A 1×1 PNG: the photo the inspector takes on site.
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function photoFile() {
    const bytes = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0));
    return new File([bytes], "violation.png", {type: "image/png"});
}

/**
 * An inspector on a phone: the planned inspection, a violation with a photo, done; the
 * rectification notice is issued.
 */
registry.category("web_tour.tours").add("property_renovation_inspection_tour", {
    steps: () => [
        {
            content: "Open the planned inspection",
            trigger: ".o_kanban_record:contains('T1-808')",
            run: "click",
        },
        {
            content: "A violation",
            trigger: ".o_field_widget[name='result'] input[data-value='violation']",
            run: "click",
        },
        {
            content: "What was seen",
            trigger: ".o_field_widget[name='findings'] textarea",
            run: "edit Tiles cut in the corridor",
        },
        {
            content: "What must be put right",
            trigger: ".o_field_widget[name='required_action'] textarea",
            run: "edit Clean the corridor today",
        },
        {
            content: "Take a photo",
            trigger:
                ".o_field_widget[name='photo_ids'] input[type='file']:not(:visible)",
            run() {
                const input = this.anchor;
                const transfer = new DataTransfer();
                transfer.items.add(photoFile());
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The photo is attached",
            trigger: ".o_field_widget[name='photo_ids'] :contains('violation.png')",
        },
        {
            content: "Inspection done",
            trigger: ".o_form_sheet button[name='action_done']",
            run: "click",
        },
        {
            content: "The rectification notice is issued",
            trigger: ".o_field_widget[name='notice_id']:contains('ZGTZ')",
        },
    ],
});
