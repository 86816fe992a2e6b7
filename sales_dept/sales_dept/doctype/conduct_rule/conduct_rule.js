// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

const RULE_METHODS = "sales_dept.sales_dept.doctype.conduct_rule.conduct_rule";

frappe.ui.form.on("Conduct Rule", {
	refresh(frm) {
		const onload = frm.doc.__onload || {};
		if (frm.doc.version_status === "Pending Leadership") {
			frm.dashboard.add_indicator(
				__("Version {0} waits for leadership; version {1} stays in force until then", [
					onload.pending_version_no,
					onload.version_no_in_force,
				]),
				"orange"
			);
		} else if (frm.doc.version_status === "Not in Force") {
			frm.dashboard.add_indicator(__("Not in force: waits for leadership's approval"), "red");
		} else if (onload.version_no_in_force) {
			frm.dashboard.add_indicator(__("Version {0} in force", [onload.version_no_in_force]), "green");
		}
		if (onload.can_decide_version && frm.doc.pending_version) {
			const group = __("Version {0}", [onload.pending_version_no]);
			frm.add_custom_button(__("Approve"), () => decide_version(frm, "approve_version", false), group);
			frm.add_custom_button(__("Reject"), () => decide_version(frm, "reject_version", true), group);
		}
	},
});

function decide_version(frm, method, comment_required) {
	const dialog = new frappe.ui.Dialog({
		title: __("Rule {0}, version {1}", [
			[frm.doc.article, frm.doc.title_zh].filter(Boolean).join(" ") || frm.doc.name,
			(frm.doc.__onload || {}).pending_version_no,
		]),
		fields: [
			{
				fieldname: "comment",
				fieldtype: "Small Text",
				label: __("Comment"),
				reqd: comment_required ? 1 : 0,
				description: comment_required ? __("Required: say why.") : __("Optional."),
			},
		],
		primary_action_label: method === "approve_version" ? __("Approve") : __("Reject"),
		primary_action(values) {
			dialog.hide();
			frappe
				.call({
					method: `${RULE_METHODS}.${method}`,
					args: { name: frm.doc.name, version: frm.doc.pending_version, comment: values.comment || "" },
					freeze: true,
				})
				.then(() => frm.reload_doc())
				.catch(() => frm.reload_doc());
		},
	});
	dialog.show();
}
