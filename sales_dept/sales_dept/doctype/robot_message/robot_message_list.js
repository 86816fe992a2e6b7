// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.listview_settings["Robot Message"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colours = {
			Queued: "blue",
			Sent: "green",
			Failed: "orange",
			"Given Up": "red",
			Merged: "gray",
		};
		return [__(doc.status), colours[doc.status] || "gray", `status,=,${doc.status}`];
	},
	onload(listview) {
		listview.page.add_action_item(__("Resend"), () => {
			const names = listview.get_checked_items(true);
			frappe
				.xcall("sales_dept.services.robot_delivery.resend", { names }, "POST")
				.then((count) => {
					frappe.show_alert({
						message: __("{0} messages queued again", [count]),
						indicator: "blue",
					});
					listview.refresh();
				});
		});
	},
};
