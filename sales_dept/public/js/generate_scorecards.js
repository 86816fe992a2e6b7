// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

window.sales_dept = window.sales_dept || {};

// Every salesperson's scorecard for a template and period, in a background job with a progress bar.
sales_dept.generate_scorecards = function (template) {
	const dialog = new frappe.ui.Dialog({
		title: __("Generate Scorecards"),
		fields: [
			{
				fieldname: "template",
				fieldtype: "Link",
				options: "Scorecard Template",
				label: __("Scorecard Template"),
				default: template,
				reqd: 1,
				get_query: () => ({ filters: { enabled: 1 } }),
			},
			{
				fieldname: "company",
				fieldtype: "Link",
				options: "Company",
				label: __("Company"),
				default: frappe.defaults.get_user_default("Company"),
				reqd: 1,
			},
			{
				fieldname: "day",
				fieldtype: "Date",
				label: __("Any Day of the Period"),
				default: frappe.datetime.get_today(),
				reqd: 1,
			},
		],
		primary_action_label: __("Generate"),
		primary_action(values) {
			dialog.hide();
			frappe
				.xcall("sales_dept.services.scorecards.generate_scorecards", values)
				.then((result) => frappe.show_alert({ message: result.message, indicator: result.queued ? "blue" : "orange" }));
		},
	});
	dialog.show();
};
