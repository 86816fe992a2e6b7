// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Customer Visit Coverage"] = {
	filters: sales_dept.report_filters.org({
		between: [
			{
				fieldname: "as_on",
				label: __("As On"),
				fieldtype: "Date",
				default: frappe.datetime.get_today(),
				reqd: 1,
			},
		],
		after: [
			{ fieldname: "tier", label: __("Customer Tier"), fieldtype: "Link", options: "Customer Tier" },
			{ fieldname: "overdue_only", label: __("Overdue Only"), fieldtype: "Check", default: 0 },
		],
	}),

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (!data) return value;
		const colours = { overdue: "var(--red-600)", due_soon: "var(--orange-600)", on_time: "var(--green-600)" };
		if (["status", "days_until_due"].includes(column.fieldname) && colours[data.status_code]) {
			value = `<span style="color: ${colours[data.status_code]}">${value}</span>`;
		}
		return value;
	},
};
