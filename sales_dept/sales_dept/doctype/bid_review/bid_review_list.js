// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

// An approved bid shows its outcome (won, lost, withdrawn) once recorded, in the list's indicator and its status
// column, as the weekly meeting pack does: "Approved" alone said nothing of a bid lost since. (The workflow's
// Approved state does not override the status indicator: setup/workflows.py, avoid_status_override.)
const BID_OUTCOME_COLOURS = { Won: "green", Lost: "red", Withdrawn: "gray" };

frappe.listview_settings["Bid Review"] = {
	add_fields: ["status", "outcome", "docstatus"],
	get_indicator(doc) {
		if (doc.status === "Approved" && doc.outcome) {
			return [__(doc.outcome), BID_OUTCOME_COLOURS[doc.outcome] || "gray", `outcome,=,${doc.outcome}`];
		}
		if (doc.status === "Approved") return [__("Approved"), "green", "status,=,Approved"];
		if (doc.status === "Declined") return [__("Declined"), "gray", "status,=,Declined"];
		return [__(doc.status), "orange", `status,=,${doc.status}`];
	},
	formatters: {
		status(value, df, doc) {
			return doc.status === "Approved" && doc.outcome ? __(doc.outcome) : __(value);
		},
	},
};
