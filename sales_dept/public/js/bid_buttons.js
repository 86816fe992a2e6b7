// Bid review (rulebook R27): "Create → Bid Review" on an Opportunity (filled from it) and on a Customer.
// Loaded through hooks.doctype_js for both doctypes.

frappe.ui.form.on("Opportunity", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "Lost" || !frappe.model.can_create("Bid Review")) return;
		frm.add_custom_button(
			__("Bid Review"),
			() =>
				frappe
					.xcall("sales_dept.sales_dept.doctype.bid_review.bid_review.make_from_opportunity", {
						opportunity: frm.doc.name,
					})
					.then((doc) => {
						frappe.model.sync(doc);
						frappe.set_route("Form", doc.doctype, doc.name);
					}),
			__("Create")
		);
	},
});

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
