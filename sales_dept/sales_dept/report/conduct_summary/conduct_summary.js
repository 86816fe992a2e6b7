// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Conduct Summary"] = {
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
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			default: "Person",
			options: ["Person", "Rule", "Team"].map((group) => ({ value: group, label: __(group) })),
		},
		{
			fieldname: "team",
			label: __("Team"),
			fieldtype: "Link",
			options: "Sales Person",
			get_query: () => ({ filters: { is_group: 1 } }),
		},
		{ fieldname: "sales_person", label: __("Sales Person"), fieldtype: "Link", options: "Sales Person" },
		{ fieldname: "conduct_rule", label: __("Rule"), fieldtype: "Link", options: "Conduct Rule" },
	],
};
