/** @odoo-module **/
import {
    Component,
    onMounted,
    onPatched,
    onWillStart,
    onWillUnmount,
    useRef,
    useState,
} from "@odoo/owl";
import {loadBundle} from "@web/core/assets";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

const MODEL = "property.kpi.monthly";

/** Twelve months of one KPI, with its target as a dashed line (Chart.js bundled by Odoo). */
export class KpiTrendChart extends Component {
    static template = "property_service_desk.KpiTrendChart";
    static props = {
        labels: Array,
        values: Array,
        target: Number,
        onPointClick: Function,
    };

    setup() {
        this.canvasRef = useRef("canvas");
        onMounted(() => this.renderChart());
        onPatched(() => this.renderChart());
        onWillUnmount(() => this.chart?.destroy());
    }

    renderChart() {
        this.chart?.destroy();
        const {labels, values, target} = this.props;
        this.chart = new Chart(this.canvasRef.el, {
            type: "line",
            data: {
                labels,
                datasets: [
                    {
                        data: values,
                        borderColor: "#017e84",
                        backgroundColor: "#017e84",
                        tension: 0.2,
                        spanGaps: true,
                    },
                    {
                        data: labels.map(() => target),
                        borderColor: "#adb5bd",
                        borderDash: [4, 4],
                        pointRadius: 0,
                    },
                ],
            },
            options: {
                animation: false,
                onClick: (event, elements) => {
                    if (elements.length) {
                        this.props.onPointClick(elements[0].index);
                    }
                },
                responsive: true,
                maintainAspectRatio: false,
                plugins: {legend: {display: false}},
                scales: {
                    x: {ticks: {maxTicksLimit: 6}},
                    y: {beginAtZero: true, suggestedMax: target * 1.2},
                },
            },
        });
    }
}

/** The managers' first screen: the quality KPIs of a month against the company's targets. */
export class KpiDashboard extends Component {
    static template = "property_service_desk.KpiDashboard";
    static components = {KpiTrendChart};
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({data: null, estateId: 0, month: ""});
        // Both at once: the data is asked for while the dashboard is alive (asked after the
        // chart library, it failed with "Component is destroyed" when the user left meanwhile).
        onWillStart(() => Promise.all([loadBundle("web.chartjs_lib"), this.load()]));
    }

    get estateIds() {
        return this.state.estateId ? [this.state.estateId] : [];
    }

    async load() {
        const data = await this.orm.call(MODEL, "get_dashboard", [], {
            estate_ids: this.estateIds,
            month: this.state.month ? `${this.state.month}-01` : false,
        });
        this.state.data = data;
        this.state.month = data.month.slice(0, 7);
    }

    onEstateChange(ev) {
        this.state.estateId = parseInt(ev.target.value) || 0;
        return this.load();
    }

    onMonthChange(ev) {
        if (ev.target.value) {
            this.state.month = ev.target.value;
            return this.load();
        }
    }

    format(kpi, value) {
        if (value === null || value === undefined) {
            return "—";
        }
        return `${value.toFixed(1)} ${kpi.unit_label}`;
    }

    statusClass(kpi) {
        if (kpi.on_target === null) {
            return "text-muted";
        }
        return kpi.on_target ? "text-success" : "text-danger";
    }

    /** Arrow and colour of the change since the previous month: green when it is better. */
    changeOf(kpi) {
        if (kpi.value === null || kpi.previous === null || kpi.value === kpi.previous) {
            return {arrow: "", css: "text-muted"};
        }
        const up = kpi.value > kpi.previous;
        const better = kpi.direction === ">=" ? up : !up;
        return {arrow: up ? "▲" : "▼", css: better ? "text-success" : "text-danger"};
    }

    /** A point of the trend: the records counted in that month's denominator (a KPI without
     * one, such as Prepaid: the records of its figure). */
    openMonth(kpi, index) {
        return this.openRecords(
            kpi,
            kpi.denominator_value === null ? "numerator" : "denominator",
            `${this.state.data.months[index]}-01`
        );
    }

    async openRecords(kpi, part, month = this.state.data.month) {
        const action = await this.orm.call(
            MODEL,
            "action_open_kpi_records",
            [kpi.key, part],
            {
                month,
                estate_ids: this.estateIds,
            }
        );
        return this.action.doAction(action);
    }

    openAnalysis() {
        return this.action.doAction(
            "property_service_desk.property_kpi_monthly_action"
        );
    }
}

registry.category("actions").add("property_service_desk.kpi_dashboard", KpiDashboard);
