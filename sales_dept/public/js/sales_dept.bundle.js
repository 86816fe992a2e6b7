// Loaded on every desk page (hooks.app_include_js; built by `bench build --app sales_dept`).

// Role names in the user's language wherever a Link to Role is shown read-only (price policy section, the
// policy's allowances, the settings, the request). Frappe translates the values of translated doctypes
// (Role is one) in editable links and lists, but a read-only link is translated only for users who may read
// the Role doctype, and salespeople, team leaders and sales managers may not. The value behind the link
// stays the role's name.
if (!frappe.form.link_formatters["Role"]) {
	frappe.form.link_formatters["Role"] = (value) => (value ? __(value) : value);
}
