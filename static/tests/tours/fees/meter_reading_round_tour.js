import {registry} from "@web/core/registry";

/**
 * A meter reader on a phone: the meters left to read, the previous reading shown, a reading
 * below it refused, the right one saved.
 */
registry.category("web_tour.tours").add("property_meter_reading_round_tour", {
    steps: () => [
        {
            content: "Read a meter left to read this month",
            trigger: ".o_kanban_record:contains('TOUR-W-1')",
            run: "click",
        },
        {
            content: "The previous reading is shown",
            trigger: ".o_field_widget[name='previous_value']:contains('100')",
        },
        {
            content: "A reading below the last one",
            trigger: ".o_field_widget[name='value'] input",
            run: "edit 90",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content:
                "is refused: the message names the meter and its last reading, in the user's language",
            trigger: ".modal:contains('TOUR-W-1'):contains('100.0')",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The right reading",
            trigger: ".o_field_widget[name='value'] input",
            run: "edit 112",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "is saved with its consumption",
            trigger: ".o_form_saved .o_field_widget[name='consumption']:contains('12')",
        },
    ],
});
