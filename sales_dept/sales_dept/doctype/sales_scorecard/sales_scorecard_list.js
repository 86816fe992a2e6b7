// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.listview_settings["Sales Scorecard"] = {
	add_fields: ["status", "grade"],
	get_indicator(doc) {
		const colours = {
			Draft: "gray",
			"Self Review": "blue",
			"Manager Review": "orange",
			"Leadership Approval": "orange",
			Approved: "green",
			Cancelled: "red",
		};
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
	onload(listview) {
		if (!frappe.user.has_role(["Sales Manager", "Sales Director", "System Manager"])) return;
		listview.page.add_inner_button(__("Generate Scorecards"), () => {
			frappe.require("/assets/sales_dept/js/generate_scorecards.js", () => sales_dept.generate_scorecards());
		});
	},
};
