// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

frappe.ui.form.on("Visit Plan", {
	setup(frm) {
		frm.set_query("sales_person", () => sales_dept.sales_person_query({ is_group: 0 }));
	},

	onload(frm) {
		if (frm.is_new() && !frm.doc.period_start && frm.doc.period_type !== "Month") {
			frm.set_value("period_start", next_monday());
		}
		if (frm.is_new() && !frm.doc.sales_person) {
			frappe.xcall("sales_dept.services.org.get_my_position").then((position) => {
				if (position && position.sales_person && !frm.doc.sales_person) {
					frm.set_value("sales_person", position.sales_person);
				}
			});
		}
	},

	refresh(frm) {
		// The date-time control adds the time zone to a field's description before translating it.
		frm.set_df_property("deadline", "description", __("The weekly meeting before the period starts."));
		const actions = [];
		// Preparing the plan is for whoever hands it in (the salesperson, or whoever filed it for them), never
		// for the approver who sent it back.
		const may_hand_in = frm.is_new() || (frm.doc.__onload || {}).may_hand_in;
		if (frm.doc.docstatus === 0 && frm.doc.workflow_state !== "Pending Approval" && may_hand_in) {
			actions.push({ key: "add-due", label: __("Add Due Customers"), action: () => add_due_customers(frm) });
		}
		if (frm.doc.docstatus === 1 && open_rows(frm).length) {
			actions.push({ key: "record-visit", label: __("Record Visit"), action: () => record_visit(frm) });
		}
		sales_dept.phone_actions(frm, actions);
		if ((frm.doc.__onload || {}).all_waived) {
			frm.dashboard.set_headline_alert(
				__("No visits planned: every customer in this plan is waived, with the reasons given."),
				"blue"
			);
		}
		if (frm.doc.is_late) {
			frm.dashboard.set_headline_alert(
				__("Submitted for approval after the deadline ({0}).", [
					frappe.datetime.str_to_user(frm.doc.deadline),
				]),
				"orange"
			);
		}
	},

	before_workflow_action(frm) {
		// The approver's decisions carry their own comment (required to send a plan back).
		const onload = frm.doc.__onload || {};
		if (!onload.awaiting_decision) return;
		return sales_dept.decide_with_comment(frm, {
			method: "sales_dept.sales_dept.doctype.visit_plan.visit_plan.take_workflow_action",
			comment_required: (onload.actions_needing_comment || []).includes(frm.selected_workflow_action),
			title: __("Visit Plan {0}: {1}", [frm.doc.name, __(frm.selected_workflow_action)]),
		});
	},
});

frappe.ui.form.on("Visit Plan Row", {
	waived(frm, cdt, cdn) {
		if (!locals[cdt][cdn].waived) frappe.model.set_value(cdt, cdn, "waive_reason", "");
	},
});

function add_due_customers(frm) {
	if (!frm.doc.sales_person || !frm.doc.period_start) {
		frappe.msgprint(__("Choose the salesperson and the period start first."));
		return;
	}
	frm.call({ method: "add_due_customers", doc: frm.doc, freeze: true }).then((r) => {
		frm.refresh_field("visits");
		if (r.message) {
			frm.dirty();
			frappe.show_alert({ message: __("{0} due customers added.", [r.message]), indicator: "green" });
		} else {
			frappe.show_alert({ message: __("No other customer falls due in this period."), indicator: "blue" });
		}
	});
}

function open_rows(frm) {
	return (frm.doc.visits || []).filter((row) => !row.done && !row.waived);
}

// The planned visit to record: the row ticked in the table; else asked, the prompt starting on the only open
// row, or on the first one planned for today (else the first not recorded yet).
function record_visit(frm) {
	const rows = open_rows(frm);
	const selected = frm.fields_dict.visits.grid.get_selected_children().filter((row) => rows.includes(row));
	if (selected.length === 1) {
		make_record(frm, selected[0].name);
		return;
	}
	const today = frappe.datetime.get_today();
	const first = rows.find((row) => row.planned_date === today) || rows[0];
	frappe.prompt(
		[
			{
				fieldname: "row",
				fieldtype: "Select",
				label: __("Planned Visit"),
				reqd: 1,
				default: first && first.name,
				options: rows.map((row) => ({
					value: row.name,
					label: `${row.customer_name || row.customer} (${frappe.datetime.str_to_user(row.planned_date)}, ${__(row.purpose)})`,
				})),
			},
		],
		(values) => make_record(frm, values.row),
		__("Record Visit"),
		__("Record Visit")
	);
}

function make_record(frm, row) {
	frappe
		.xcall("sales_dept.sales_dept.doctype.visit_plan.visit_plan.make_visit_record", {
			plan: frm.doc.name,
			row: row,
		})
		.then((doc) => {
			frappe.model.sync(doc);
			frappe.set_route("Form", doc.doctype, doc.name);
		});
}

function next_monday() {
	const today = frappe.datetime.str_to_obj(frappe.datetime.get_today());
	const days = ((8 - today.getDay()) % 7) || 7; // getDay(): Sunday 0, Monday 1
	return frappe.datetime.add_days(frappe.datetime.get_today(), days);
}
