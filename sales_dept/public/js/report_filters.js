// The company, team and salesperson filters our script reports share, defined once (imported into
// sales_dept.bundle.js, so every report's filter script finds them):
//
//	frappe.query_reports["Visit Plan Execution"] = {
//		filters: sales_dept.report_filters.org({ between: [from_date, to_date], after: [...] }),
//	};
//
// gives Company, then `between`, then Team and Sales Person, then `after`. Options: `team: false` or
// `sales_person: false` leave one out; `company_unchecked: true` lets a user who may not read Company (a
// bid reviewer) keep their default company, which the report checks itself. Team and Sales Person search
// as the bundle's `sales_dept.sales_person_query` does (our access rules).
//
// sales_dept.report_filters.dates({ months_back, reqd }): From Date (`months_back` months ago) and To Date
// (today), for `between`.

frappe.provide("sales_dept.report_filters");

sales_dept.report_filters.org = function ({
	between = [],
	after = [],
	team = true,
	sales_person = true,
	company_unchecked = false,
} = {}) {
	const filters = [
		{
			fieldname: "company",
			label: __("Company"),
			fieldtype: "Link",
			options: "Company",
			default: frappe.defaults.get_user_default("Company"),
			reqd: 1,
			...(company_unchecked ? { ignore_link_validation: 1 } : {}),
		},
		...between,
	];
	if (team) {
		filters.push({
			fieldname: "team",
			label: __("Team"),
			fieldtype: "Link",
			options: "Sales Person",
			get_query: () => sales_dept.sales_person_query({ is_group: 1 }), // teams: groups of the tree
		});
	}
	if (sales_person) {
		filters.push({
			fieldname: "sales_person",
			label: __("Sales Person"),
			fieldtype: "Link",
			options: "Sales Person",
			get_query: () => sales_dept.sales_person_query({ is_group: 0 }),
		});
	}
	return [...filters, ...after];
};

sales_dept.report_filters.dates = function ({ months_back, reqd = false }) {
	const today = frappe.datetime.get_today();
	return [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(today, -months_back),
			...(reqd ? { reqd: 1 } : {}),
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: today, ...(reqd ? { reqd: 1 } : {}) },
	];
};
