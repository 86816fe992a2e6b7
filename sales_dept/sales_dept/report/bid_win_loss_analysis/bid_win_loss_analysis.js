// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Bid Win Loss Analysis"] = {
	// a reviewer may not read Company: the report checks the value itself
	filters: sales_dept.report_filters.org({
		company_unchecked: true,
		between: [
			...sales_dept.report_filters.dates({ months_back: 12, reqd: true }),
			{
				fieldname: "group_by",
				label: __("Group By"),
				fieldtype: "Select",
				options: ["Sales Person", "Team", "Customer Tier", "Item Group", "Competitor", "Month"].map(
					(grouping) => ({ value: grouping, label: __(grouping) })
				),
				default: "Sales Person",
				reqd: 1,
			},
		],
		after: [
			{
				fieldname: "kind",
				label: __("Kind"),
				fieldtype: "Select",
				options: ["", "Inquiry", "Tender"].map((kind) => ({ value: kind, label: __(kind) })),
			},
		],
	}),

	// A group without a value (a bid for a prospect has no customer tier, a won bid no competitor) reads
	// "Not Set"; the total row is bold.
	formatter(value, row, column, data, default_formatter) {
		if (data && column.fieldname === "group" && data.not_set) {
			value = `<span class="text-muted">${__("Not Set")}</span>`;
		} else if (data && column.fieldname === "group" && data.is_total) {
			value = frappe.utils.escape_html(data.group);
		} else {
			value = default_formatter(value, row, column, data);
		}
		if (data && data.bold) value = `<b>${value}</b>`;
		return value;
	},
};
