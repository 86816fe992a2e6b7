// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

const REWARD_METHODS = "sales_dept.sales_dept.doctype.reward_record.reward_record";

frappe.ui.form.on("Reward Record", {
	setup(frm) {
		frm.set_query("sales_person", () => sales_dept.sales_person_query({ is_group: 0 }));
	},

	refresh(frm) {
		if (frm.doc.needs_leadership && frm.doc.docstatus === 0) {
			frm.dashboard.add_indicator(__("Company leadership decides too"), "red");
		}
	},

	before_workflow_action(frm) {
		const onload = frm.doc.__onload || {};
		if (!onload.awaiting_decision) return;
		return sales_dept.decide_with_comment(frm, {
			method: `${REWARD_METHODS}.take_workflow_action`,
			comment_required: (onload.actions_needing_comment || []).includes(frm.selected_workflow_action),
			title: __("Reward {0}: {1}", [frm.doc.name, __(frm.selected_workflow_action)]),
		});
	},
});
