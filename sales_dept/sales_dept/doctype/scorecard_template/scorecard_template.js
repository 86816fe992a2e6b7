// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Scorecard Template", {
	setup(frm) {
		frm.set_query("team", () => sales_dept.sales_person_query({ is_group: 1 }));
	},

	refresh(frm) {
		if (frm.is_new() || !frm.doc.enabled) return;
		frm.add_custom_button(__("Generate Scorecards"), () =>
			frappe.require("/assets/sales_dept/js/generate_scorecards.js", () =>
				sales_dept.generate_scorecards(frm.doc.name)
			)
		);
	},
});
