// Loaded on every desk page (hooks.app_include_js; built by `bench build --app sales_dept`).

// Role names in the user's language wherever a Link to Role is shown read-only (price policy section, the
// policy's allowances, the settings, the request). Frappe translates the values of translated doctypes
// (Role is one) in editable links and lists, but a read-only link is translated only for users who may read
// the Role doctype, and salespeople, team leaders and sales managers may not. The value behind the link
// stays the role's name.
if (!frappe.form.link_formatters["Role"]) {
	frappe.form.link_formatters["Role"] = (value) => (value ? __(value) : value);
}

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
