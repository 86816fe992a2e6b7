// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Price Exceptions"] = {
	filters: sales_dept.report_filters.org({
		team: false,
		between: sales_dept.report_filters.dates({ months_back: 3 }),
		after: [
			{ fieldname: "item_group", label: __("Item Group"), fieldtype: "Link", options: "Item Group" },
			{
				fieldname: "status",
				label: __("Status"),
				fieldtype: "Select",
				options: ["", "Pending", "Approved", "Rejected", "Cancelled"].map((status) => ({
					value: status,
					label: __(status),
				})),
			},
			{ fieldname: "approver_role", label: __("Approver Role"), fieldtype: "Link", options: "Role" },
		],
	}),
};
