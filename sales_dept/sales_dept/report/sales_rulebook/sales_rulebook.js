// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.query_reports["Sales Rulebook"] = {
	filters: [
		{
			fieldname: "category",
			label: __("Category"),
			fieldtype: "Select",
			options: ["", "Conduct", "Pricing", "Reporting", "Visits", "Confidentiality", "Gifts", "Performance"].map(
				(category) => ({ value: category, label: __(category) })
			),
		},
		{ fieldname: "breakable_only", label: __("Only Rules with Penalties"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		if (column.fieldname === "enforced_in" && data && data.control_url) {
			return `<a href="${encodeURI(data.control_url)}">${formatted}</a>`;
		}
		return formatted;
	},
};
