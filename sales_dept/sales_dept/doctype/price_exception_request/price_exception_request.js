// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Price Exception Request", {
	refresh(frm) {
		if (frm.doc.docstatus !== 1 || frm.doc.status !== "Pending") return;
		if (frm.doc.requested_by === frappe.session.user) return;
		frm.add_custom_button(__("Approve"), () => decide(frm, "approve", false), __("Decide"));
		frm.add_custom_button(__("Reject"), () => decide(frm, "reject", true), __("Decide"));
	},
});

function decide(frm, method, comment_required) {
	frappe.prompt(
		[{ fieldname: "comment", fieldtype: "Small Text", label: __("Comment"), reqd: comment_required }],
		(values) => frm.call(method, { comment: values.comment }).then(() => frm.reload_doc()),
		method === "approve" ? __("Approve Price Exception") : __("Reject Price Exception")
	);
}
