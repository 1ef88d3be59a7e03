import {registry} from "@web/core/registry";

/**
 * An agent on a phone walks through the unit with the new owner: one item is a defect, the
 * inspection is finished (the defect becomes a warranty repair), both sign.
 */
registry.category("web_tour.tours").add("property_move_in_inspection_tour", {
    steps: () => [
        {
            content: "The inspection page",
            trigger: ".o_notebook .nav-link[name='inspection']",
            run: "click",
        },
        {
            content: "Open the bathroom item",
            trigger:
                ".o_field_widget[name='line_ids'] .o_kanban_record:contains('Floor drain')",
            run: "click",
        },
        {
            content: "It is a defect",
            trigger: ".modal .o_field_widget[name='result'] input[data-value='defect']",
            run: "click",
        },
        {
            content: "Describe it",
            trigger: ".modal .o_field_widget[name='defect_note'] textarea",
            run: "edit Water stays around the floor drain",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='line_ids'] .o_kanban_record:contains('Water stays around')",
        },
        {
            content: "Finish the inspection from the action menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu button[name='action_finish_inspection']",
            run: "click",
        },
        {
            content: "The defect became a warranty repair",
            trigger:
                ".o_field_widget[name='line_ids'] .o_kanban_record:contains('Water stays around') .o_move_in_repair",
        },
        {
            content: "Signatures",
            trigger: ".o_notebook .nav-link[name='signatures']",
            run: "click",
        },
        {
            content: "The owner signs",
            trigger: ".o_field_widget[name='owner_signature'] .o_signature",
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
            content: "The agent signs",
            trigger: ".o_field_widget[name='agent_signature'] .o_signature",
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
            trigger: ".o_field_widget[name='agent_signature'] img.o_signature",
        },
        {
            content: "Save the signed file",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});

/**
 * An agent on a phone hands a sealed key set to a technician for a repair.
 */
registry.category("web_tour.tours").add("property_key_handover_tour", {
    steps: () => [
        {
            content: "Hand out from the key set card",
            trigger:
                ".o_kanban_record:contains('TOUR-SEAL') button[name='action_hand_out']",
            run: "click",
        },
        {
            content: "Why the keys are taken",
            trigger: ".modal .o_field_widget[name='reason'] input",
            run: "edit Replace the angle valve",
        },
        {
            content: "Who allowed it: on a phone this opens a search dialog",
            trigger: ".modal .o_field_widget[name='authorised_by_id'] input",
            run: "click",
        },
        {
            trigger: ".modal .o_kanban_record:contains('Tour Lead')",
            run: "click",
        },
        {
            trigger:
                ".modal .o_field_widget[name='authorised_by_id'] input:value('Tour Lead')",
        },
        {
            content: "Record the hand-out",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The key set is out",
            trigger:
                ".o_kanban_record:contains('TOUR-SEAL'):not(:has(button[name='action_hand_out']))",
        },
    ],
});
