// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Bid Pipeline"] = {
	// a reviewer may not read Company: the report checks the value itself
	filters: sales_dept.report_filters.org({
		company_unchecked: true,
		after: [
			{
				fieldname: "kind",
				label: __("Kind"),
				fieldtype: "Select",
				options: ["", "Inquiry", "Tender"].map((kind) => ({ value: kind, label: __(kind) })),
			},
			{
				fieldname: "status",
				label: __("Status"),
				fieldtype: "Select",
				options: ["", "Draft", "Go/No-Go", "In Review", "Sent Back", "Final Approval"].map((status) => ({
					value: status,
					label: __(status),
				})),
			},
			{ fieldname: "deadline_within_days", label: __("Deadline within (Days)"), fieldtype: "Int" },
			{ fieldname: "waiting_for_me", label: __("Waiting for My Review or Decision"), fieldtype: "Check" },
		],
	}),

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (!data) return value;
		if (column.fieldname === "days_left" && data.days_left !== null && data.days_left !== undefined) {
			const colour = data.days_left < 0 ? "var(--red-600)" : data.days_left <= 3 ? "var(--orange-600)" : "";
			if (colour) value = `<span style="color: ${colour}">${value}</span>`;
		}
		if (column.fieldname === "waits_for" && data.awaits_me) {
			value = `<b>${value}</b>`;
		}
		return value;
	},
};
