// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Sales Dept Settings", {
	refresh(frm) {
		frm.set_intro(
			__("These switches, roles and thresholds drive every check of the sales department rulebook."),
			"blue"
		);
	},
});
