import {registry} from "@web/core/registry";

/**
 * The engineering lead at a desk: opens the work orders to dispatch, dispatches one to a
 * technician, then accepts a finished common-area repair.
 */
registry.category("web_tour.tours").add("property_engineering_lead_tour", {
    steps: () => [
        {
            content: "Only the order waiting for dispatch is listed",
            trigger:
                ".o_list_view:has(.o_data_row:contains('大堂灯不亮')):not(:has(.o_data_row:contains('电梯厅闭门器')))",
        },
        {
            trigger:
                ".o_list_view .o_data_row:contains('大堂灯不亮') td.o_data_cell[name='name']",
            run: "click",
        },
        {
            content: "Choose the technician",
            trigger: ".o_form_view .o_field_widget[name='technician_ids'] input",
            run: "edit 陈工",
        },
        {
            trigger:
                ".o_field_widget[name='technician_ids'] .o-autocomplete--dropdown-item:contains('陈工')",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_field_widget[name='technician_ids'] .o_tag, .o_form_view .o_field_widget[name='technician_ids'] img",
        },
        {
            content: "Dispatch",
            trigger: ".o_form_view .o_form_statusbar button[name='action_dispatch']",
            run: "click",
        },
        {
            content: "Dispatched",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='dispatched']",
        },
        {
            content: "Back to the orders to dispatch: none left",
            trigger:
                ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item:first-child a",
            run: "click",
        },
        {
            trigger:
                ".o_view_nocontent, .o_list_view:not(:has(.o_data_row:contains('大堂灯不亮')))",
        },
        {
            content: "Now all the work orders",
            trigger:
                ".o_main_navbar [data-menu-xmlid='property_service_desk.property_work_order_menu_root']",
            run: "click",
        },
        {
            trigger:
                ".o-dropdown--menu [data-menu-xmlid='property_service_desk.property_work_order_menu']",
            run: "click",
        },
        {
            content: "The common-area repair the technician finished",
            trigger:
                ".o_list_view .o_data_row:contains('电梯厅闭门器') td.o_data_cell[name='name']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
        {
            content: "Checked on site: accept the repair",
            trigger: ".o_form_view .o_form_statusbar button[name='action_accept']",
            run: "click",
        },
        {
            content: "Accepted",
            trigger:
                ".o_form_view .o_form_statusbar:not(:has(button[name='action_accept']))",
        },
    ],
});
