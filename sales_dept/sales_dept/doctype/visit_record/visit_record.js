// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Visit Record", {
	setup(frm) {
		frm.set_query("sales_person", () => sales_dept.sales_person_query({ is_group: 0 }));
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

	// Typed into the fields instead: the next step is offered at once instead of after the next save.
	check_in(frm) {
		frm.clear_custom_buttons();
		frm.events.refresh(frm);
	},

	check_out(frm) {
		frm.clear_custom_buttons();
		frm.events.refresh(frm);
	},

	refresh(frm) {
		const next = next_check(frm);
		sales_dept.phone_actions(frm, next ? [next] : []);
		show_visit_day(frm);
	},
});

// Checking in and out is the point of the form on the phone: the next of the two is offered as its main
// button (sales_dept.phone_actions). Checking in saves at once, so the visit is on record while it goes on;
// checking out asks for the outcome and saves.
function next_check(frm) {
	if (frm.doc.docstatus !== 0) return null;
	if (!frm.doc.check_in) {
		return { key: "check-in", label: __("Check In"), action: () => check_in(frm) };
	}
	if (!frm.doc.check_out) {
		return { key: "check-out", label: __("Check Out"), action: () => check_out(frm) };
	}
	return null;
}

function check_in(frm) {
	const now = frappe.datetime.now_datetime();
	const save = (values) => frm.set_value(values).then(() => frm.save());
	if (!navigator.geolocation) {
		frappe.show_alert({ message: __("This browser cannot tell your location."), indicator: "orange" });
		save({ check_in: now });
		return;
	}
	frappe.show_alert({ message: __("Finding your location…"), indicator: "blue" });
	navigator.geolocation.getCurrentPosition(
		(position) =>
			save({ check_in: now, latitude: position.coords.latitude, longitude: position.coords.longitude }),
		(error) => {
			frappe.show_alert({ message: location_refused(error), indicator: "orange" }, 8);
			save({ check_in: now });
		},
		{ enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
	);
}

// Why the browser gave no position, in the user's language (the browser's own message is in English).
function location_refused(error) {
	const reasons = {
		1: __("you did not allow this site to know your location"), // PERMISSION_DENIED
		2: __("your position could not be found"), // POSITION_UNAVAILABLE
		3: __("finding your position took too long"), // TIMEOUT
	};
	return __("Checked in without your location: {0}.", [reasons[error && error.code] || reasons[2]]);
}

function check_out(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Check Out"),
		fields: [
			{ fieldname: "outcome", fieldtype: "Small Text", label: __("Outcome"), reqd: 1, default: frm.doc.outcome },
			{ fieldname: "next_step", fieldtype: "Small Text", label: __("Next Step"), default: frm.doc.next_step },
			{
				fieldname: "next_step_date",
				fieldtype: "Date",
				label: __("Next Step Date"),
				default: frm.doc.next_step_date,
			},
		],
		primary_action_label: __("Check Out"),
		primary_action(values) {
			dialog.hide();
			frm.set_value({ ...values, check_out: frappe.datetime.now_datetime() }).then(() => frm.save());
		},
	});
	dialog.show();
}

// A planned visit recorded on another day than planned says so: it counts as done on another day.
function show_visit_day(frm) {
	const onload = frm.doc.__onload || {};
	const other_day = onload.planned_date && onload.on_planned_day === false;
	sales_dept.show_form_message(
		frm,
		"visit-day",
		other_day
			? __("Planned for {0}, visited on {1}: counted as done on another day.", [
					frappe.datetime.str_to_user(onload.planned_date),
					frappe.datetime.str_to_user(frm.doc.visit_date),
			  ])
			: "",
		"orange"
	);
}
