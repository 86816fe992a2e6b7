// Bid review (rulebook R27): "Create → Bid Review" on an Opportunity, filled from it.
// Loaded through hooks.doctype_js (each doctype its own file, so no handler is registered twice).

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
