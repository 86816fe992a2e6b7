// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

function sd_this_monday() {
	const today = moment(frappe.datetime.get_today());
	return today.subtract((today.day() + 6) % 7, "days").format("YYYY-MM-DD");
}

frappe.query_reports["Weekly Meeting Pack"] = {
	filters: sales_dept.report_filters.org({
		sales_person: false,
		between: [
			{
				fieldname: "week_start",
				label: __("Week Under Review (Monday)"),
				fieldtype: "Date",
				default: sd_this_monday(),
				reqd: 1,
			},
		],
	}),

	// A team's header row shows the team, a section's header row the section; their lines are indented under
	// them (the data keeps team and section on every row, for export). The block of the people outside the
	// teams has no team: its header shows its title instead.
	formatter(value, row, column, data, default_formatter) {
		if (!data) return default_formatter(value, row, column, data);
		const level = data.is_header ? data.indent : 2;
		if (column.fieldname === "team" && level !== 0) return "";
		if (column.fieldname === "section" && level !== 1) return "";
		if (column.fieldname === "team" && !data.team) {
			value = frappe.utils.escape_html(data.section || "");
		} else {
			value = default_formatter(value, row, column, data);
		}
		if (column.fieldname === "section" || (column.fieldname === "detail" && level === 2)) {
			value = `<span style="padding-left: 12px">${value}</span>`;
		}
		if (data.is_note) {
			value = `<span class="text-muted">${value}</span>`;
		}
		if (["status", "detail"].includes(column.fieldname) && data.plan_missing) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		if (data.bold) {
			value = `<b>${value}</b>`;
		}
		return value;
	},
};
