// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.listview_settings["Penalty Record"] = {
	add_fields: ["status", "needs_leadership"],
	get_indicator(doc) {
		const colours = {
			Draft: "gray",
			"Pending Leadership": "orange",
			Approved: "blue",
			Acknowledged: "green",
			Appealed: "orange",
			Upheld: "green",
			Revoked: "gray",
			Dismissed: "gray",
			Cancelled: "red",
		};
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
	onload(listview) {
		frappe.xcall("sales_dept.services.conduct_detection.detection_info").then((info) => {
			if (!info.enabled || !info.can_run) return;
			listview.page.add_inner_button(__("Detect Incidents Now"), () =>
				frappe
					.xcall("sales_dept.services.conduct_detection.run_detection_now")
					.then((message) => frappe.show_alert({ message, indicator: "blue" }))
			);
		});
	},
};
