// Workflow decisions with the decider's own comment (the decided doctypes' forms, through hooks.doctype_js).
// Frappe's form freezes the page and then waits for `before_workflow_action`; for a decision we unfreeze, ask
// for the comment and apply the action ourselves in one server call with the state this page shows (refused as
// decided meanwhile when someone else decided since the page was loaded), then reload. The promise we hand back
// to Frappe never settles, so Frappe's own apply_workflow does not run a second time.

window.sales_dept = window.sales_dept || {};

sales_dept.decide_with_comment = function (frm, { method, comment_required, title }) {
	const action = frm.selected_workflow_action;
	const state = frm.doc[frappe.workflow.get_state_fieldname(frm.doctype)];
	frappe.dom.unfreeze();
	const dialog = new frappe.ui.Dialog({
		title: title || __(action),
		fields: [
			{
				fieldname: "comment",
				fieldtype: "Small Text",
				label: __("Comment"),
				reqd: comment_required ? 1 : 0,
				description: comment_required ? __("Required: say why.") : __("Optional."),
			},
		],
		primary_action_label: __(action),
		primary_action(values) {
			dialog.hide();
			frappe
				.call({
					method,
					args: { name: frm.doc.name, action, comment: values.comment || "", state },
					freeze: true,
					freeze_message: __("{0}…", [__(action)]),
				})
				.then(() => frm.reload_doc())
				.catch(() => frm.reload_doc());
		},
	});
	dialog.onhide = () => {
		frm.selected_workflow_action = null;
	};
	dialog.show();
	return new Promise(() => {});
};
