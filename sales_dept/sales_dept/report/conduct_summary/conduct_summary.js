// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Conduct Summary"] = {
	filters: sales_dept.report_filters.org({
		between: [
			...sales_dept.report_filters.dates({ months_back: 12 }),
			{
				fieldname: "group_by",
				label: __("Group By"),
				fieldtype: "Select",
				default: "Person",
				options: [
					{ value: "Person", label: __("Sales Person") },
					{ value: "Rule", label: __("Rule") },
					{ value: "Team", label: __("Team") },
				],
			},
		],
		after: [{ fieldname: "conduct_rule", label: __("Rule"), fieldtype: "Link", options: "Conduct Rule" }],
	}),
};
