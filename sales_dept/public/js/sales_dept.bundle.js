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
{
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

	const shown_value = (doctype, fieldname, value, names) => {
		const df = value ? frappe.meta.get_docfield(doctype, fieldname) : null;
		if (!df || typeof value !== "string") return value;
		if (df.fieldtype === "Link" && df.options === "User") return names[value] || value;
		if (df.fieldtype === "Select") return __(value);
		return value;
	};

	const show_versions_readably = (frm, names) => {
		const docinfo = frm.get_docinfo && frm.get_docinfo();
		let changed = false;
		for (const version of (docinfo && docinfo.versions) || []) {
			if (version.__sd_readable || !version.data) continue;
			const data = JSON.parse(version.data);
			for (const change of data.changed || []) {
				change[1] = shown_value(frm.doctype, change[0], change[1], names);
				change[2] = shown_value(frm.doctype, change[0], change[2], names);
			}
			for (const [table, , , changes] of data.row_changed || []) {
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

	const make_readable = (frm) => {
		const names = names_of(frm);
		if (!names) return false;
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
