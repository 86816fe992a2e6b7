// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Visit Plan Execution"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
			reqd: 1,
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "period_type",
			label: __("Period Type"),
			fieldtype: "Select",
			options: ["", { value: "Week", label: __("Week") }, { value: "Month", label: __("Month") }],
		},
		{
			fieldname: "team",
			label: __("Team"),
			fieldtype: "Link",
			options: "Sales Person",
			get_query: () => ({ filters: { is_group: 1 } }),
		},
		{
			fieldname: "sales_person",
			label: __("Sales Person"),
			fieldtype: "Link",
			options: "Sales Person",
			get_query: () => ({ filters: { is_group: 0 } }),
		},
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (!data) return value;
		if (column.fieldname === "missed" && data.missed > 0) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		// the rate counts only the visits whose date has passed: none yet, nothing to colour
		const due = (data.planned || 0) - (data.open || 0);
		if (column.fieldname === "execution_pct" && due > 0 && data.execution_pct < 80) {
			value = `<span style="color: var(--orange-600)">${value}</span>`;
		}
		return value;
	},
};
