// sales_dept.phone_actions(frm, actions): the actions a form is for (check in, add the customers falling
// due, record a visit) where a phone user sees them. On a phone (narrower than 768 px) Frappe moves a form's
// custom buttons into the "…" menu; there each action is a full-width button above the tabs, the first one
// primary. On a wider screen they are the form's custom buttons. `actions`: [{ key, label, action }]; call it
// on every refresh (with [] when there is none: the buttons of the last refresh go).

frappe.provide("sales_dept");

sales_dept.PHONE_MEDIA = "(max-width: 767.98px)";

sales_dept.phone_actions = function (frm, actions) {
	const on_phone = window.matchMedia(sales_dept.PHONE_MEDIA).matches;
	if (!frm.sd_phone_actions) {
		frm.sd_phone_actions = $('<div class="sd-phone-actions hide" style="padding: var(--padding-sm) 0"></div>');
		frm.sd_phone_actions.insertAfter(frm.layout.message);
	}
	const $area = frm.sd_phone_actions.empty().toggleClass("hide", !(on_phone && actions.length));
	actions.forEach(({ key, label, action }, index) => {
		if (!on_phone) {
			frm.add_custom_button(label, action);
			return;
		}
		$(`<button class="btn btn-block ${index === 0 ? "btn-primary btn-lg" : "btn-default"}"></button>`)
			.attr("data-sd-action", key)
			.text(label)
			.on("click", action)
			.appendTo($area);
	});
};
