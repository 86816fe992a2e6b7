// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.listview_settings["Scorecard Template"] = {
	formatters: {
		// Scorecard Template is a translated doctype: its names (the seeded "Monthly Sales Scorecard") show in the
		// reader's language, as Frappe shows them in links; the name itself stays as stored.
		template_name: (value) => (value ? __(value) : value),
	},
};
