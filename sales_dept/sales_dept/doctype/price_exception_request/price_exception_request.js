// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Price Exception Request", {
	refresh(frm) {
		const onload = frm.doc.__onload || {};
		if (frm.doc.docstatus === 1 && onload.waits_for) {
			frm.set_intro(onload.waits_for, "orange");
		}
	},

	before_workflow_action(frm) {
		// Decisions carry the decider's own comment (required to reject).
		const onload = frm.doc.__onload || {};
		if (!onload.awaiting_decision) return;
		return sales_dept.decide_with_comment(frm, {
			method: "sales_dept.sales_dept.doctype.price_exception_request.price_exception_request.take_workflow_action",
			comment_required: (onload.actions_needing_comment || []).includes(frm.selected_workflow_action),
			title: __("Price Exception {0}: {1}", [frm.doc.name, __(frm.selected_workflow_action)]),
		});
	},
});
