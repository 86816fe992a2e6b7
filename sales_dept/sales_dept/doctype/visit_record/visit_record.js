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
		if (frm.doc.docstatus !== 0) return;
		if (!frm.doc.check_in) {
			frm.add_custom_button(__("Check In"), () => check_in(frm));
		} else if (!frm.doc.check_out) {
			frm.add_custom_button(__("Check Out"), () => frm.set_value("check_out", frappe.datetime.now_datetime()));
		}
	},
});

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
