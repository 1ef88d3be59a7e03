import {registry} from "@web/core/registry";

/**
 * The service agent at the desk: registers a phone request for a unit typed as people say it
 * ("2栋-402"), relays it to its handler, then records the callback of a finished request.
 */
registry.category("web_tour.tours").add("property_agent_desk_tour", {
    steps: () => [
        {
            content: "A call: what the caller reports",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit 厨房水龙头漏水",
        },
        {
            trigger:
                ".o_form_view .o_field_widget[name='description'] .odoo-editor-editable",
            run: "editor 业主来电：厨房水龙头一直滴水。",
        },
        {
            content: "A repair",
            trigger: ".o_form_view .o_field_widget[name='request_kind'] select",
            run: 'select "repair"',
        },
        {
            content: "The unit, typed as the caller says it",
            trigger: ".o_form_view .o_field_widget[name='unit_id'] input",
            run: "edit 2栋-402",
        },
        {
            trigger:
                ".o_field_widget[name='unit_id'] .o-autocomplete--dropdown-item:contains('2栋-402')",
            run: "click",
        },
        {
            content: "The customer comes with the unit",
            trigger:
                ".o_form_view .o_field_widget[name='partner_id'] input:value('周敏')",
        },
        {
            content: "By phone",
            trigger: ".o_form_view .o_field_widget[name='channel_id'] input",
            run: "edit 电话",
        },
        {
            trigger:
                ".o_field_widget[name='channel_id'] .o-autocomplete--dropdown-item:contains('电话')",
            run: "click",
        },
        {
            content: "Relay to the handler",
            trigger: ".o_form_view .o_field_widget[name='user_id'] input",
            run: "edit 孙立",
        },
        {
            trigger:
                ".o_field_widget[name='user_id'] .o-autocomplete--dropdown-item:contains('孙立')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Registered: it has its number",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Now the callbacks to make",
            trigger:
                ".o_main_navbar [data-menu-xmlid='property_service_desk.property_callback_menu']",
            run: "click",
        },
        {
            trigger:
                ".o_list_view .o_data_row:contains('吴芳') td.o_data_cell[name='name']",
            run: "click",
        },
        {
            content: "Called back by phone",
            trigger:
                ".o_form_view .o_field_widget[name='method'] input[data-value='phone']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='phone_attestation'] input",
            run: "click",
        },
        {
            content: "The customer is satisfied",
            trigger: ".o_form_view .o_field_widget[name='satisfaction'] select",
            run: 'select "5"',
        },
        {
            content: "Close the callback",
            trigger: ".o_form_view button[name='action_done']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_form_statusbar:not(:has(button[name='action_done']))",
        },
    ],
});
