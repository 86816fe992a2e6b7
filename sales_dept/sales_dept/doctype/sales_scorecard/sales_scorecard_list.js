// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.listview_settings["Sales Scorecard"] = {
	add_fields: ["status", "grade", "period_label"],
	formatters: {
		// The period beside the salesperson, in the line that is all a phone shows of a scorecard: this month's
		// card is told from last month's.
		sales_person: (value, df, doc) => (doc && doc.period_label ? `${value} · ${doc.period_label}` : value),
	},
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
