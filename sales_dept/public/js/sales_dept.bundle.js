// Loaded on every desk page (hooks.app_include_js; built by `bench build --app sales_dept`).

import "./report_filters"; // sales_dept.report_filters.org: the reports' company, team and salesperson filters
import "./phone_actions"; // sales_dept.phone_actions: a form's own actions as buttons a phone shows
import "./form_message"; // sales_dept.show_form_message: a message above a form's tabs, shown once

// Role names in the user's language wherever a Link to Role is shown read-only (price policy section, the
// policy's allowances, the settings, the request). Frappe translates the values of translated doctypes
// (Role is one) in editable links and lists, but a read-only link is translated only for users who may read
// the Role doctype, and salespeople, team leaders and sales managers may not. The value behind the link
// stays the role's name.
// The same for the kinds of bid review (Technical, Purchasing: records named in English, a translated
// doctype) and for ERPNext's price lists and units (Standard Selling, Nos: named in the language of the
// site's setup wizard): a team leader may not read Bid Review Kind, and a read-only link is translated only
// for those who may read its doctype. Document types likewise ("Visit Plan" as a penalty's or a notification's
// reference type: DocType is a translated doctype nobody but an administrator may read).
for (const doctype of ["Role", "Bid Review Kind", "Price List", "UOM", "DocType"]) {
	if (!frappe.form.link_formatters[doctype]) {
		frappe.form.link_formatters[doctype] = (value) => (value ? __(value) : value);
	}
}

// The forms of our doctypes show their action buttons' labels on a phone too (sales_dept.bundle.css): the
// workflow's Actions button is an icon alone there otherwise.
$(document).on("form-refresh", (event, frm) => {
	if (frm && frm.page && frm.meta) {
		$(frm.page.wrapper).toggleClass("sd-labelled-actions", frm.meta.module === "Sales Dept");
	}
});

// Sales Person links of our forms and report filters search with our access rules
// (sales_dept.services.visit_access.search_sales_persons): a team leader may pick the people and teams they lead,
// a manager anyone. Frappe's own search would apply ERPNext's own-Employee restriction (each user linked to an
// Employee is restricted to it, and a Sales Person links an Employee) and offer a team leader only themselves.
// `filters` narrow the search as in any link query, e.g. { is_group: 1 } for teams.
frappe.provide("sales_dept");
sales_dept.sales_person_query = (filters) => ({
	query: "sales_dept.services.visit_access.search_sales_persons",
	filters: filters || {},
});

// People's names in read-only links to User (decided by, approved by, handed in by, tier kept by): Frappe shows
// a User link's full name only from a field `<field>_full_name` of the document; our forms send the names of
// the people they link instead (`__onload.sd_user_names`, sales_dept/services/user_names.py). The value
// behind the link stays the user id.
{
	const frappe_user_formatter = frappe.form.link_formatters["User"];
	frappe.form.link_formatters["User"] = (value, doc, docfield) => {
		const shown = frappe_user_formatter ? frappe_user_formatter(value, doc, docfield) : value;
		const names = window.cur_frm && cur_frm.doc && cur_frm.doc.__onload && cur_frm.doc.__onload.sd_user_names;
		return shown === value && names && names[value] ? names[value] : shown;
	};
}

// People's names in the timeline and sidebar of our forms ("王芳 changed the value of …", "王芳 created this"):
// Frappe names a user there only when it knows them (frappe.boot.user_info: the session's user and the people
// of the form's comments, assignments and shares), so the owner, the last editor and the authors of versions
// showed as user ids; and it shows a version's values as stored: a user id ("approved by from "" to
// li.qiang@…"), a Select's English option ("status from Draft to Approved"). Our forms send the names
// (`__onload.sd_user_names`): they are added to what Frappe knows, and the versions of the form's docinfo show
// names and translated options, before the form is drawn (form-load) or on a later refresh, which then redraws
// the timeline. The versions themselves are not changed.
// A form may send how it shows stored values of its fields that are no Select (`__onload.sd_shown_values`:
// {field: {stored: shown}}, a scorecard's reward suggestion stored in source words): its versions show them so.
// The same rewriting shows an empty value as Frappe shows one ('""'): a field that had no value is stored as
// null, which Frappe's timeline prints as "null" ("提交审批时间从null到…"). Frappe 15 also numbers a changed table
// row from 0 (the version keeps the row's index; Frappe 16 adds 1) and shows the row's field label untranslated
// ("第0行Margin从…"; Frappe 16 translates it): on 15 the row number is rewritten, and the label is translated by
// the one call that reads it, frappe.meta.get_label, translating only while our form's timeline builds its
// version lines (the label comes from the doctype's meta, not from the version, so the data cannot carry it).
{
	const frappe_major = parseInt((frappe.boot.versions && frappe.boot.versions.frappe) || "", 10);
	const rows_from_zero = frappe_major < 16; // Frappe 15: rows numbered from 0, their labels untranslated

	const names_of = (frm) => (frm && frm.doc && frm.doc.__onload && frm.doc.__onload.sd_user_names) || null;

	const learn_names = (names) => {
		let learned = false;
		for (const [user, fullname] of Object.entries(names)) {
			const known = frappe.boot.user_info[user];
			if (!known || !known.fullname || known.fullname === user) {
				frappe.boot.user_info[user] = Object.assign(known || {}, { name: user, fullname });
				learned = true;
			}
		}
		return learned;
	};

	const shown_value = (doctype, fieldname, value, names, shown = {}) => {
		if (value === null || value === undefined) return ""; // shown '""', as Frappe shows an empty value
		if (shown[fieldname] && typeof shown[fieldname][value] === "string") return shown[fieldname][value];
		const df = value ? frappe.meta.get_docfield(doctype, fieldname) : null;
		if (!df || typeof value !== "string") return value;
		if (df.fieldtype === "Link" && df.options === "User") return names[value] || value;
		if (df.fieldtype === "Select") return __(value);
		return value;
	};

	const show_versions_readably = (frm, names) => {
		const docinfo = frm.get_docinfo && frm.get_docinfo();
		const shown = frm.doc.__onload.sd_shown_values || {};
		let changed = false;
		for (const version of (docinfo && docinfo.versions) || []) {
			if (version.__sd_readable || !version.data) continue;
			const data = JSON.parse(version.data);
			for (const change of data.changed || []) {
				change[1] = shown_value(frm.doctype, change[0], change[1], names, shown);
				change[2] = shown_value(frm.doctype, change[0], change[2], names, shown);
			}
			for (const row of data.row_changed || []) {
				const [table, , , changes] = row;
				if (rows_from_zero && typeof row[1] === "number") row[1] += 1;
				const row_doctype = (frappe.meta.get_docfield(frm.doctype, table) || {}).options;
				for (const change of (row_doctype && changes) || []) {
					change[1] = shown_value(row_doctype, change[0], change[1], names);
					change[2] = shown_value(row_doctype, change[0], change[2], names);
				}
			}
			version.data = JSON.stringify(data);
			version.__sd_readable = true;
			changed = true;
		}
		return changed;
	};

	const translate_row_labels = (timeline) => {
		if (!timeline || timeline.__sd_row_labels || !timeline.get_version_timeline_contents) return;
		const version_contents = timeline.get_version_timeline_contents;
		timeline.get_version_timeline_contents = function (...args) {
			const get_label = frappe.meta.get_label;
			frappe.meta.get_label = (...label_of) => __(get_label.apply(frappe.meta, label_of));
			try {
				return version_contents.apply(this, args);
			} finally {
				frappe.meta.get_label = get_label;
			}
		};
		timeline.__sd_row_labels = true;
	};

	const make_readable = (frm) => {
		const names = names_of(frm);
		if (!names) return false;
		if (rows_from_zero) translate_row_labels(frm.timeline);
		const learned = learn_names(names);
		return show_versions_readably(frm, names) || learned;
	};
	$(document).on("form-load", (event, frm) => make_readable(frm));
	$(document).on("form-refresh", (event, frm) => {
		if (make_readable(frm) && frm.timeline) frm.timeline.refresh();
	});
}

// Frappe 16 before frappe/frappe#36955 (16.10.7 among them) asks the server for the workflow's "Enable Action
// Confirmation" with frappe.db.get_value on Workflow each time a workflow action is clicked, a doctype only a
// System Manager may read: everyone else's action (hand in, approve, send back) stops on a 403. The workflow
// came with the form, so the answer is taken from it. Frappe 15, and 16 since that fix, never ask.
{
	const frappe_get_value = frappe.db.get_value;
	frappe.db.get_value = function (doctype, filters, fieldname, callback, ...rest) {
		const workflow =
			doctype === "Workflow" &&
			fieldname === "enable_action_confirmation" &&
			filters &&
			frappe.workflow.workflows[filters.document_type];
		if (!workflow) {
			return frappe_get_value.call(this, doctype, filters, fieldname, callback, ...rest);
		}
		const message = { enable_action_confirmation: workflow.enable_action_confirmation || 0 };
		if (typeof callback === "function") callback(message);
		return Promise.resolve({ message });
	};
}

// Moving from one report to the next inside the desk, as a report's links and the workspace's go:
// - Frappe's query report draws each run's chart into the same element and never destroys the chart before
//   (frappe-charts watches its element with a ResizeObserver and window listeners until destroy()). Every chart
//   drawn since the page loaded stays alive and redraws itself, out of the page, when the element changes size:
//   "NotFoundError: Failed to execute 'removeChild' on 'Node'" on the next report (ours all have charts). The
//   chart before is destroyed when the next is drawn.
// - A chart's entry animation swaps its drawing for a copy for a moment (about 0.7 s after it is drawn); a resize
//   in that moment (the page's scrollbar appearing as the rows arrive, a phone turned, the window resized)
//   redraws it and fails the same way (frappe-charts' makeChartArea removes the drawing that is not there).
//   Reports' charts are drawn without the entry animation.
// - Frappe's workspace, left before its pages arrived (a report, a notice or a form opened right after the desk
//   loaded), still draws the page of the route it finds then, which is no workspace: "Cannot read properties of
//   undefined (reading 'name')". It draws nothing once the user has left it.
// Both classes are Frappe's, the same on 15 and 16 (the report's is loaded with the first report): patched once,
// when a page is shown.
$(document).on("page-change", () => {
	const report = frappe.views.QueryReport && frappe.views.QueryReport.prototype;
	if (report && !report.__sd_destroys_charts) {
		const render_chart = report.render_chart;
		report.render_chart = function (options, ...args) {
			if (this.chart && this.chart.destroy) this.chart.destroy();
			if (options) options.disableEntryAnimation = 1;
			return render_chart.call(this, options, ...args);
		};
		report.__sd_destroys_charts = true;
	}
	const workspace = frappe.views.Workspace && frappe.views.Workspace.prototype;
	if (workspace && !workspace.__sd_left_alone) {
		const show = workspace.show;
		workspace.show = function (...args) {
			const view = frappe.router.current_route && frappe.router.current_route[0];
			if (view && view !== "Workspaces") return; // the user has moved on
			return show.apply(this, args);
		};
		workspace.__sd_left_alone = true;
	}
});
