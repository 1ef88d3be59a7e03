import {registry} from "@web/core/registry";

/**
 * The service-centre GM at a desk: the quality dashboard, narrowed to an estate; the month's
 * complaints behind the resolution rate; the overdue complaint from the media, which the GM
 * owns, and its solution proposed.
 */
registry.category("web_tour.tours").add("property_centre_manager_tour", {
    steps: () => [
        {
            content: "Narrow the dashboard to the estate",
            trigger: "select.o_property_kpi_estate",
            run: "selectByLabel GM Tour Estate",
        },
        {
            content: "The month's valid complaints behind the resolution rate",
            trigger:
                ".o_property_kpi_complaint_resolution .o_property_kpi_denominator:contains('2')",
            run: "click",
        },
        {
            content: "The complaint from the media, overdue",
            trigger:
                ".o_list_view .o_data_row:contains('媒体曝光：地库积水') td.o_data_cell[name='name']",
            run: "click",
        },
        {
            content: "Its promise was broken",
            trigger: ".o_form_view .alert-danger[role='alert']",
        },
        {
            content: "The complaint's page",
            trigger: ".o_form_view .o_notebook .nav-link[name='property_complaint']",
            run: "click",
        },
        {
            content: "The GM owns it",
            trigger:
                ".o_form_view .o_field_widget[name='complaint_owner_id']:contains('郑总')",
        },
        {
            content: "Propose the solution",
            trigger: ".o_form_view .o_form_statusbar button.btn-primary[type='action']",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='text'] textarea",
            run: "edit 今晚抽水并疏通排水沟，明日维修排水泵，赔偿车辆清洗费。",
        },
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The solution is on the complaint, awaiting the customer",
            trigger: ".o_form_view .o_field_widget[name='solution']:contains('排水泵')",
        },
    ],
});
