// Bid review (rulebook R27): "Create → Bid Review" on a Customer.
// Loaded through hooks.doctype_js.

frappe.ui.form.on("Customer", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.disabled || !frappe.model.can_create("Bid Review")) return;
		frm.add_custom_button(
			__("Bid Review"),
			() => frappe.new_doc("Bid Review", { customer: frm.doc.name, company: frappe.defaults.get_user_default("Company") }),
			__("Create")
		);
	},
});
