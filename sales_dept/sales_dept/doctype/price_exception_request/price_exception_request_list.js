// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.listview_settings["Price Exception Request"] = {
	get_indicator(doc) {
		const colours = { Pending: "orange", Approved: "green", Rejected: "red", Cancelled: "grey", Draft: "grey" };
		return [__(doc.status), colours[doc.status], "status,=," + doc.status];
	},
};
