// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

const SCORECARD_METHODS = "sales_dept.sales_dept.doctype.sales_scorecard.sales_scorecard";

frappe.ui.form.on("Sales Scorecard", {
	setup(frm) {
		frm.set_query("sales_person", () => sales_dept.sales_person_query({ is_group: 0 }));
		frm.set_query("template", () => ({ filters: { enabled: 1 } }));
	},

	refresh(frm) {
		const onload = frm.doc.__onload || {};
		// the rows come from the template and ERPNext: nobody adds or removes one by hand
		frm.set_df_property("kpis", "cannot_add_rows", true);
		frm.set_df_property("kpis", "cannot_delete_rows", true);
		show_unmeasured_as_dash(frm);
		show_reward_translated(frm);
		if (frm.doc.grade) {
			frm.dashboard.add_indicator(
				__("Grade {0}: {1} points", [frm.doc.grade, format_number(frm.doc.total_score, null, 2)]),
				{ A: "green", B: "blue", C: "orange" }[frm.doc.grade] || "red"
			);
		}
		if (!frm.is_new() && onload.may_recompute) {
			frm.add_custom_button(__("Recompute"), () =>
				frappe
					.xcall(`${SCORECARD_METHODS}.recompute`, { name: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
		if (!frm.is_new()) {
			(frm.doc.kpis || [])
				.filter((row) => !row.manager_rated)
				.forEach((row) => {
					frm.add_custom_button(__(row.kpi), () => show_sources(frm, row.kpi), __("Show Sources"));
				});
			if (frm.doc.standing_penalties) {
				frm.add_custom_button(__("Conduct"), () => show_sources(frm, "Conduct"), __("Show Sources"));
			}
		}
	},

	period_start(frm) {
		if (!frm.is_new() || !frm.doc.template || !frm.doc.company || !frm.doc.period_start) return;
		frappe
			.xcall(`${SCORECARD_METHODS}.period_of`, {
				template: frm.doc.template,
				company: frm.doc.company,
				day: frm.doc.period_start,
			})
			.then((period) => {
				frm.set_value("period_start", period.start);
				frm.set_value("period_end", period.end);
				frm.set_value("period_label", period.label);
			});
	},

	before_workflow_action(frm) {
		const onload = frm.doc.__onload || {};
		return sales_dept.decide_with_comment(frm, {
			method: `${SCORECARD_METHODS}.take_workflow_action`,
			comment_required: (onload.actions_needing_comment || []).includes(frm.selected_workflow_action),
			title: __("Scorecard {0}: {1}", [frm.doc.name, __(frm.selected_workflow_action)]),
		});
	},
});

function show_sources(frm, kpi) {
	frappe.xcall(`${SCORECARD_METHODS}.sources`, { name: frm.doc.name, kpi }).then((target) => {
		if (!target) {
			frappe.show_alert({ message: __("No documents behind this figure."), indicator: "orange" });
			return;
		}
		frappe.route_options = target.route_options;
		frappe.set_route(...target.route);
	});
}

// The reward suggestion is stored in source words, whoever computed it, and shown in the reader's language as
// the server words it (__onload.sd_shown_values.reward_suggestion: {stored: shown}; the timeline's versions
// through sales_dept.bundle.js), kept for a refresh without it (a workflow action's).
const rewards_shown = {};
function show_reward_translated(frm) {
	Object.assign(rewards_shown, ((frm.doc.__onload || {}).sd_shown_values || {}).reward_suggestion || {});
	const df = frappe.meta.get_docfield("Sales Scorecard", "reward_suggestion", frm.doc.name);
	df.formatter = (value, field, options, doc) =>
		frappe.form.get_formatter(field.fieldtype)(rewards_shown[value] || value, field, options, doc);
	frm.refresh_field("reward_suggestion");
}

// A row without anything to measure (or rated by the manager, for its computed value) shows a dash, not 0.
function show_unmeasured_as_dash(frm) {
	const dash = (hide) => (value, df, options, doc) =>
		doc && hide(doc) ? "–" : frappe.form.get_formatter(df.fieldtype)(value, df, options, doc);
	const fields = {
		value: (row) => !row.measured || row.manager_rated,
		achievement_pct: (row) => !row.measured,
		points: (row) => !row.measured || !row.weight,
	};
	const grid = frm.fields_dict.kpis.grid;
	Object.entries(fields).forEach(([fieldname, hide]) => {
		frappe.meta.get_docfield("Sales Scorecard KPI", fieldname, frm.doc.name).formatter = dash(hide);
		if (grid.grid_rows && grid.grid_rows.length) grid.update_docfield_property(fieldname, "formatter", dash(hide));
	});
}
