// sales_dept.show_form_message: a message above a form's tabs (visible on every tab) that is shown once,
// however many times the form's refresh runs (Frappe runs it again after a save, say): showing it again
// replaces the earlier one; an empty `html` takes it away. Loaded through hooks.doctype_js ahead of the
// form scripts that use it.

frappe.provide("sales_dept");

if (!sales_dept.show_form_message) {
	sales_dept.show_form_message = function (frm, key, html, color) {
		const $container = frm.layout.message;
		$container.find(`[data-sd-message="${key}"]`).closest(".form-message").remove();
		if (html) {
			frm.layout.show_message(`<div data-sd-message="${key}">${html}</div>`, color, true);
		} else if (!$container.children().length) {
			frm.layout.show_message();
		}
	};
}
