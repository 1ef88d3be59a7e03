import {registry} from "@web/core/registry";

/**
 * A business manager on a phone opens the quality dashboard, narrows it to an estate and
 * drills down from the complaint rate to the complaint behind it.
 */
registry.category("web_tour.tours").add("property_kpi_dashboard_tour", {
    steps: () => [
        {
            content: "The complaint rate of the month: one complaint of two requests",
            trigger:
                ".o_property_kpi_complaint_rate .o_property_kpi_value:contains('50.0 %')",
        },
        {
            content: "Trend charts are drawn",
            trigger: ".o_property_kpi_complaint_rate .o_property_kpi_trend canvas",
        },
        {
            content: "Narrow to the tour estate",
            trigger: "select.o_property_kpi_estate",
            run: "selectByLabel KPI Tour Estate",
        },
        {
            trigger:
                ".o_property_kpi_complaint_rate .o_property_kpi_denominator:contains('2')",
        },
        {
            content: "Open the complaint behind the rate",
            trigger: ".o_property_kpi_complaint_rate .o_property_kpi_numerator",
            run: "click",
        },
        {
            content: "Exactly the complaint is listed",
            trigger:
                ".o_content:contains('Noise from the gym'):not(:contains('Lift out of order'))",
        },
    ],
});
