// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Bid Win Loss Analysis"] = {
	filters: [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
			reqd: 1,
			// a reviewer may not read Company: the report checks the value itself
			ignore_link_validation: 1,
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
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
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: ["Sales Person", "Team", "Customer Tier", "Item Group", "Competitor", "Month"].map(
				(grouping) => ({ value: grouping, label: __(grouping) })
			),
			default: "Sales Person",
			reqd: 1,
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
		{
			fieldname: "kind",
			label: __("Kind"),
			fieldtype: "Select",
			options: ["", "Inquiry", "Tender"].map((kind) => ({ value: kind, label: __(kind) })),
		},
	],

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
