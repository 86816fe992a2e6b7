// The Sales Person who owns a deal (sd_sales_person) on Quotation and Opportunity: the dropdown offers
// enabled salespeople only, never a team (a group node, refused on save). Loaded for both doctypes through
// hooks.doctype_js.

if (!window.sales_dept_deal_sales_person_form) {
	window.sales_dept_deal_sales_person_form = {
		setup(frm) {
			frm.set_query("sd_sales_person", () => sales_dept.sales_person_query({ is_group: 0 }));
		},
	};
	["Quotation", "Opportunity"].forEach((doctype) =>
		frappe.ui.form.on(doctype, window.sales_dept_deal_sales_person_form)
	);
}
