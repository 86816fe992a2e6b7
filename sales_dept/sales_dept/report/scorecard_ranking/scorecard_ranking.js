// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Scorecard Ranking"] = {
	filters: sales_dept.report_filters.org({
		between: [
			{
				fieldname: "template",
				label: __("Scorecard Template"),
				fieldtype: "Link",
				options: "Scorecard Template",
				get_query: () => ({ filters: { enabled: 1 } }),
			},
			{
				fieldname: "date",
				label: __("Any Day of the Period"),
				fieldtype: "Date",
				default: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
				reqd: 1,
			},
			{
				fieldname: "view",
				label: __("View"),
				fieldtype: "Select",
				options: ["Sales Person", "Team"].map((view) => ({ value: view, label: __(view) })),
				default: "Sales Person",
			},
		],
		after: [{ fieldname: "approved_only", label: __("Approved Only"), fieldtype: "Check", default: 0 }],
	}),

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (!data) return value;
		if (column.fieldname === "trend" && data.trend !== null && data.trend !== undefined) {
			const arrow = data.trend > 0 ? "▲" : data.trend < 0 ? "▼" : "";
			const colour = data.trend > 0 ? "var(--green-600)" : data.trend < 0 ? "var(--red-600)" : "";
			value = `<span style="color: ${colour}">${arrow} ${value}</span>`;
		}
		if (column.fieldname === "rank" && data.rank && data.rank <= 3) {
			value = `<b>${value}</b>`;
		}
		return value;
	},
};
