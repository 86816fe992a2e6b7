// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

// The indicator is the plan's workflow state (Frappe shows it for a doctype with an active workflow). A
// manager selects several plans pending approval and approves them at once from Actions: Frappe's bulk
// workflow action, which goes through the same checks as the form (one plan failing does not stop the
// others; the result lists each plan).
frappe.listview_settings["Visit Plan"] = {
	add_fields: ["workflow_state", "is_late", "period_type", "period_start", "team"],
};
