// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

const PENALTY_METHODS = "sales_dept.sales_dept.doctype.penalty_record.penalty_record";

frappe.ui.form.on("Penalty Record", {
	setup(frm) {
		frm.set_query("sales_person", () => sales_dept.sales_person_query({ is_group: 0 }));
		frm.set_query("conduct_rule", () => ({
			filters: { enabled: 1, breakable: 1, version_in_force: ["is", "set"] },
		}));
	},

	refresh(frm) {
		const rule = (frm.doc.__onload || {}).rule;
		if (rule) {
			frm.set_intro(
				`${frappe.utils.escape_html(rule.article || "")} ${frappe.utils.escape_html(rule.title || "")}: ${frappe.utils.escape_html(rule.text || "")}`,
				"blue"
			);
		}
		if (frm.doc.proposed_action) {
			const proposal =
				frm.doc.proposed_action === "Fine"
					? __("Fine {0}", [format_currency(frm.doc.proposed_fine)])
					: frm.doc.proposed_action === "Suspension"
						? __("Suspension of {0} days", [frm.doc.proposed_suspension_days])
						: __(frm.doc.proposed_action);
			frm.dashboard.add_indicator(
				__("Offence {0} within the rule's window: the rulebook proposes {1}", [frm.doc.offence_number, proposal]),
				"orange"
			);
		}
		if ((frm.doc.__onload || {}).proposal_moved) {
			frm.dashboard.add_comment(
				__(
					"Another penalty under this rule was decided since this draft was saved: the proposal above, and the action following it, count it. The decision records them as shown."
				),
				"orange",
				true
			);
		}
		if (frm.doc.needs_leadership && frm.doc.docstatus === 0) {
			frm.dashboard.add_indicator(__("Company leadership decides too"), "red");
		}
	},

	before_workflow_action(frm) {
		const onload = frm.doc.__onload || {};
		if (!onload.awaiting_decision) return;
		return sales_dept.decide_with_comment(frm, {
			method: `${PENALTY_METHODS}.take_workflow_action`,
			comment_required: (onload.actions_needing_comment || []).includes(frm.selected_workflow_action),
			title: __("Penalty {0}: {1}", [frm.doc.name, __(frm.selected_workflow_action)]),
		});
	},
});
