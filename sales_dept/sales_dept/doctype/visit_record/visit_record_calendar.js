// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

// Visits of the salesperson and of the teams they lead (permissions decide whose visits each user sees):
// timed from check-in to check-out, else all day on the visit date.
frappe.views.calendar["Visit Record"] = {
	field_map: {
		start: "start",
		end: "end",
		id: "name",
		title: "title",
		allDay: "all_day",
	},
	filters: [
		{ fieldtype: "Link", fieldname: "sales_person", options: "Sales Person", label: __("Sales Person") },
		{ fieldtype: "Link", fieldname: "customer", options: "Customer", label: __("Customer") },
	],
	get_events_method: "sales_dept.sales_dept.doctype.visit_record.visit_record.get_events",
	get_css_class(data) {
		return data.docstatus === 1 ? "success" : "warning";
	},
};
