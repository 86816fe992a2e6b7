// Customer tiers (rulebook R36) on the Customer form: the tier and its visit interval above the tabs (so on
// every tab), and for the sales manager role of Sales Dept Settings a button that reclassifies every customer
// now. Loaded through hooks.doctype_js.

frappe.ui.form.on("Customer", {
	refresh(frm) {
		if (frm.is_new()) return;
		const customer = frm.doc.name;
		frappe
			.call({
				method: "sales_dept.services.tiers.customer_tier_info",
				args: { customer },
			})
			.then(({ message: info }) => {
				if (frm.doc.name !== customer) return;
				show_tier(frm, info && info.enabled ? info : {});
				if (!info || !info.enabled) return;
				if (info.can_reclassify) {
					frm.add_custom_button(
						__("Reclassify All Customers"),
						() => reclassify_all_customers(),
						__("Customer Tier")
					);
				}
			});
	},
});

function show_tier(frm, { tier, visit_interval_days }) {
	const label = !tier
		? null
		: visit_interval_days
		? __("Tier: {0} · visit every {1} days", [__(tier), visit_interval_days])
		: __("Tier: {0} · visited as arranged", [__(tier)]);
	sales_dept.show_form_message(frm, "customer-tier", label && frappe.utils.escape_html(label), "blue");
}

function reclassify_all_customers() {
	frappe.confirm(__("Classify every customer again by its net sales of the last twelve months?"), () =>
		frappe
			.call({ method: "sales_dept.services.tiers.reclassify_now", freeze: true })
			.then(({ message }) => frappe.show_alert({ message, indicator: "green" }, 10))
	);
}
