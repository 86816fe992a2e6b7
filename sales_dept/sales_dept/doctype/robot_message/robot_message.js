// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Robot Message", {
	refresh(frm) {
		if (["Failed", "Given Up"].includes(frm.doc.status) && frm.doc.kind !== "Test") {
			frm.add_custom_button(__("Resend"), () =>
				frappe
					.xcall("sales_dept.services.robot_delivery.resend", { names: [frm.doc.name] }, "POST")
					.then(() => frm.reload_doc())
			);
		}
	},
});
