import {registry} from "@web/core/registry";

/**
 * The administrator at a desk: the service desk's settings, a threshold changed and saved;
 * then a new estate, its time zone on the form.
 */
registry.category("web_tour.tours").add("property_admin_settings_tour", {
    steps: () => [
        {
            content: "At most 12 new requests an hour from one account",
            trigger:
                ".o_setting_container .o_field_widget[name='property_request_hourly_limit'] input",
            run: "edit 12",
        },
        {
            content: "Save: the settings reload the page",
            trigger: ".o_control_panel .o_form_button_save",
            async run(helpers) {
                document.body.classList.add("o_psd_before_reload");
                await helpers.click();
            },
        },
        {
            content: "Saved: the page came back with the new limit",
            trigger:
                "body:not(.o_psd_before_reload) .o_field_widget[name='property_request_hourly_limit'] input:value('12')",
        },
        {
            content: "Now a new estate",
            trigger:
                ".o_main_navbar [data-menu-xmlid='property_service_desk.property_menu_root']",
            run: "click",
        },
        {
            trigger:
                ".o-dropdown--menu [data-menu-xmlid='property_service_desk.property_estate_menu']",
            run: "click",
        },
        {
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit 翠湖二期",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='code'] input",
            run: "edit CH2",
        },
        {
            content:
                "Its time zone is on the form, the company's by default: Beijing time",
            trigger: ".o_form_view .o_field_widget[name='tz'] select",
            run: 'select "Asia/Shanghai"',
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name='tz']",
        },
    ],
});
