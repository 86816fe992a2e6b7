// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Sales Price Policy", {
	setup(frm) {
		frm.set_query("price_list", () => ({ filters: { selling: 1 } }));
		frm.set_query("item_code", () => ({ filters: { disabled: 0 } }));
	},
});
