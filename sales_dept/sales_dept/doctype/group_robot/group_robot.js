// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Group Robot", {
	setup(frm) {
		frm.set_query("team", () => sales_dept.sales_person_query({ is_group: 1 }));
	},
	refresh(frm) {
		// An address and a secret, not a user's password: no strength meter (on Frappe 16, a long address sent to
		// test_password_strength made it answer with a server error)
		for (const fieldname of ["webhook_address", "signing_secret"]) {
			frm.fields_dict[fieldname]?.disable_password_checks?.();
		}
		if (frm.is_new()) return;
		frm.add_custom_button(__("Send Test Message"), () => {
			if (frm.is_dirty()) {
				frappe.msgprint(__("Save the robot first: the test message goes to the saved address."));
				return;
			}
			frappe
				.xcall(
					"sales_dept.services.robot_delivery.send_test_message",
					{ robot: frm.doc.name },
					"POST"
				)
				.then((result) => {
					frappe.msgprint({
						title: result.ok ? __("The Group Got It") : __("The Group Did Not Get It"),
						message: frappe.utils.escape_html(result.message),
						indicator: result.ok ? "green" : "red",
					});
					frm.reload_doc();
				});
		});
	},
});
