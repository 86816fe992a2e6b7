// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Sales Target Achievement"] = {
	filters: sales_dept.report_filters.org({
		between: [
			{
				fieldname: "period_type",
				label: __("Period"),
				fieldtype: "Select",
				options: ["Month", "Quarter", "Year"].map((period) => ({ value: period, label: __(period) })),
				default: "Month",
				reqd: 1,
			},
			{
				fieldname: "date",
				label: __("Any Day of the Period"),
				fieldtype: "Date",
				default: frappe.datetime.get_today(),
				reqd: 1,
			},
			{
				fieldname: "group_by",
				label: __("Group By"),
				fieldtype: "Select",
				options: ["Sales Person", "Team"].map((group) => ({ value: group, label: __(group) })),
				default: "Sales Person",
			},
		],
	}),

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (!data) return value;
		if (column.fieldname === "against_goal" && data.against_goal !== null && data.against_goal !== undefined) {
			value = `<span style="color: ${data.against_goal < 0 ? "var(--red-600)" : "var(--green-600)"}">${value}</span>`;
		}
		if (column.fieldname === "achievement_pct" && data.achievement_pct !== null && data.achievement_pct < 100) {
			value = `<span style="color: var(--orange-600)">${value}</span>`;
		}
		return value;
	},
};
