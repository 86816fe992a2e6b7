// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

// Tier names in the user's language (VIP, Level 1… are seeded in English; Customer Tier is a translated doctype,
// which Frappe honours in links to it but not in the tier's own list).
frappe.listview_settings["Customer Tier"] = {
	formatters: {
		name: (value) => frappe.utils.escape_html(__(value)),
		tier_name: (value) => frappe.utils.escape_html(__(value)),
	},
};
