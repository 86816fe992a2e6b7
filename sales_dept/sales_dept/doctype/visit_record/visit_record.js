// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Visit Record", {
	setup(frm) {
		frm.set_query("sales_person", () => ({ filters: { is_group: 0, enabled: 1 } }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.sales_person) {
			frappe.xcall("sales_dept.services.org.get_my_position").then((position) => {
				if (position && position.sales_person && !frm.doc.sales_person) {
					frm.set_value("sales_person", position.sales_person);
				}
			});
		}
	},

	// After checking in or out, offer the next step at once instead of after the next save.
	check_in(frm) {
		frm.clear_custom_buttons();
		frm.events.refresh(frm);
	},

	check_out(frm) {
		frm.clear_custom_buttons();
		frm.events.refresh(frm);
	},

	refresh(frm) {
		show_check_in_out(frm);
	},
});

// On a phone (narrower than 768 px) Frappe moves a form's custom buttons into the "…" menu; there, checking in
// and out is the point of the form, so the next of the two is a full-width primary button above the tabs.
const PHONE = "(max-width: 767.98px)";

function show_check_in_out(frm) {
	const next = next_check(frm);
	const on_phone = window.matchMedia(PHONE).matches;
	const $area = phone_button_area(frm).empty().toggleClass("hide", !(next && on_phone));
	if (!next) return;
	if (on_phone) {
		$(`<button class="btn btn-primary btn-block btn-lg" data-sd-check="${next.check}"></button>`)
			.text(next.label)
			.on("click", next.action)
			.appendTo($area);
	} else {
		frm.add_custom_button(next.label, next.action);
	}
}

function next_check(frm) {
	if (frm.doc.docstatus !== 0) return null;
	if (!frm.doc.check_in) {
		return { check: "in", label: __("Check In"), action: () => check_in(frm) };
	}
	if (!frm.doc.check_out) {
		return {
			check: "out",
			label: __("Check Out"),
			action: () => frm.set_value("check_out", frappe.datetime.now_datetime()),
		};
	}
	return null;
}

function phone_button_area(frm) {
	if (!frm.sd_phone_buttons) {
		frm.sd_phone_buttons = $('<div class="sd-check-in-out hide" style="padding: var(--padding-sm) 0"></div>');
		frm.sd_phone_buttons.insertAfter(frm.layout.message);
	}
	return frm.sd_phone_buttons;
}

function check_in(frm) {
	const now = frappe.datetime.now_datetime();
	if (!navigator.geolocation) {
		frappe.show_alert({ message: __("This browser cannot tell your location."), indicator: "orange" });
		frm.set_value("check_in", now);
		return;
	}
	frappe.show_alert({ message: __("Finding your location…"), indicator: "blue" });
	navigator.geolocation.getCurrentPosition(
		(position) => {
			frm.set_value({
				check_in: now,
				latitude: position.coords.latitude,
				longitude: position.coords.longitude,
			});
		},
		(error) => {
			frappe.show_alert({
				message: __("Your location is not available ({0}); checked in without it.", [error.message]),
				indicator: "orange",
			});
			frm.set_value("check_in", now);
		},
		{ enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
	);
}
