// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Visit Plan Execution"] = {
	filters: sales_dept.report_filters.org({
		between: [
			...sales_dept.report_filters.dates({ months_back: 1, reqd: true }),
			{
				fieldname: "period_type",
				label: __("Period Type"),
				fieldtype: "Select",
				options: ["", { value: "Week", label: __("Week") }, { value: "Month", label: __("Month") }],
			},
		],
	}),

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
