// Copyright (c) 2026, sales_dept developers
// For license information, please see license.txt

const BID_METHODS = "sales_dept.sales_dept.doctype.bid_review.bid_review";

frappe.ui.form.on("Bid Review", {
	setup(frm) {
		frm.set_query("sales_person", () => sales_dept.sales_person_query({ is_group: 0 }));
	},

	refresh(frm) {
		const onload = frm.doc.__onload || {};
		if (frm.doc.submission_deadline && frm.doc.docstatus < 2 && !frm.doc.outcome) {
			frm.dashboard.add_indicator(
				__("Submission deadline: {0}", [frappe.datetime.str_to_user(frm.doc.submission_deadline)]),
				frappe.datetime.get_diff(frm.doc.submission_deadline, frappe.datetime.now_datetime()) < 3 ? "red" : "blue"
			);
		}
		if (frm.doc.is_major) frm.dashboard.add_indicator(__("Major bid: leadership decides too"), "orange");
		(onload.my_reviews || []).forEach((row_name) => {
			const row = (frm.doc.reviews || []).find((r) => r.name === row_name);
			if (!row) return;
			const group = __("Review: {0}", [__(row.review_kind)]);
			frm.add_custom_button(__("Approve"), () => give_review(frm, row, "Approved"), group);
			frm.add_custom_button(__("Ask for Changes"), () => give_review(frm, row, "Changes Requested"), group);
		});
		(onload.reviews_i_may_reopen || []).forEach((row_name) => {
			const row = (frm.doc.reviews || []).find((r) => r.name === row_name);
			if (row) frm.add_custom_button(__("Reopen {0} Review", [__(row.review_kind)]), () => reopen_review(frm, row));
		});
		if (frm.doc.docstatus === 1 && frm.doc.status === "Approved") {
			if (!frm.doc.quotation) {
				frm.add_custom_button(__("Create Quotation"), () =>
					frappe.xcall(`${BID_METHODS}.make_quotation`, { name: frm.doc.name }).then((doc) => {
						frappe.model.sync(doc);
						frappe.set_route("Form", doc.doctype, doc.name);
					})
				);
			}
			if (!frm.doc.outcome) {
				frm.add_custom_button(__("Record Outcome"), () => record_outcome(frm));
			}
		}
	},

	onload_post_render(frm) {
		// Steps and decisions are stored as the workflow names them (in English): shown in the user's language.
		for (const fieldname of ["step", "action"]) {
			frm.fields_dict.decisions.grid.update_docfield_property(fieldname, "formatter", (value) => __(value || ""));
		}
	},

	before_workflow_action(frm) {
		const onload = frm.doc.__onload || {};
		if (!onload.awaiting_decision) return;
		return sales_dept.decide_with_comment(frm, {
			method: `${BID_METHODS}.take_workflow_action`,
			comment_required: (onload.actions_needing_comment || []).includes(frm.selected_workflow_action),
			title: __("Bid {0}: {1}", [frm.doc.name, __(frm.selected_workflow_action)]),
		});
	},
});

function give_review(frm, row, decision) {
	const confirms_costs = ((frm.doc.__onload || {}).confirms_costs || []).includes(row.review_kind);
	const fields = [
		{
			fieldname: "comment",
			fieldtype: "Small Text",
			label: __("Comment"),
			reqd: decision === "Changes Requested" ? 1 : 0,
		},
	];
	if (confirms_costs) {
		fields.push({
			fieldname: "costs",
			fieldtype: "Table",
			label: __("Supplier Costs and Lead Times"),
			cannot_add_rows: true,
			in_place_edit: true,
			data: (frm.doc.lines || []).map((line) => ({
				row: line.name,
				item: line.item_code || line.description,
				supplier: line.supplier,
				supplier_cost: line.supplier_cost,
				lead_time_days: line.lead_time_days,
			})),
			fields: [
				{ fieldname: "row", fieldtype: "Data", hidden: 1 },
				{ fieldname: "item", fieldtype: "Data", label: __("Item"), read_only: 1, in_list_view: 1 },
				{ fieldname: "supplier", fieldtype: "Link", options: "Supplier", label: __("Supplier"), in_list_view: 1 },
				{ fieldname: "supplier_cost", fieldtype: "Currency", label: __("Supplier Cost (per Unit)"), in_list_view: 1 },
				{ fieldname: "lead_time_days", fieldtype: "Int", label: __("Lead Time (Days)"), in_list_view: 1 },
			],
		});
	}
	const dialog = new frappe.ui.Dialog({
		title: __("{0} review of {1}", [__(row.review_kind), frm.doc.name]),
		fields,
		size: confirms_costs ? "large" : "small",
		primary_action_label: decision === "Approved" ? __("Approve") : __("Ask for Changes"),
		primary_action(values) {
			dialog.hide();
			frappe
				.call({
					method: `${BID_METHODS}.review`,
					args: { name: frm.doc.name, review: row.name, decision, comment: values.comment || "", costs: values.costs || null },
					freeze: true,
				})
				.then(() => frm.reload_doc());
		},
	});
	dialog.show();
}

function reopen_review(frm, row) {
	frappe.prompt(
		{ fieldname: "comment", fieldtype: "Small Text", label: __("Why Reopen"), reqd: 1 },
		(values) =>
			frappe
				.call({
					method: `${BID_METHODS}.reopen_review`,
					args: { name: frm.doc.name, review: row.name, comment: values.comment },
					freeze: true,
				})
				.then(() => frm.reload_doc()),
		__("Reopen {0} Review", [__(row.review_kind)]),
		__("Reopen")
	);
}

function record_outcome(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Outcome of {0}", [frm.doc.name]),
		fields: [
			{ fieldname: "outcome", fieldtype: "Select", label: __("Bid Outcome"), reqd: 1, options: [
				{ value: "Won", label: __("Won") },
				{ value: "Lost", label: __("Lost") },
				{ value: "Withdrawn", label: __("Withdrawn") },
			] },
			{ fieldname: "sales_order", fieldtype: "Link", options: "Sales Order", label: __("Sales Order"),
				depends_on: "eval:doc.outcome==='Won'", mandatory_depends_on: "eval:doc.outcome==='Won'",
				get_query: () => ({ filters: { docstatus: 1, customer: frm.doc.customer } }) },
			{ fieldname: "lost_reason", fieldtype: "Link", options: "Opportunity Lost Reason", label: __("Lost Reason"),
				depends_on: "eval:doc.outcome==='Lost'", mandatory_depends_on: "eval:doc.outcome==='Lost'" },
			{ fieldname: "competitor", fieldtype: "Link", options: "Competitor", label: __("Winning Competitor"),
				depends_on: "eval:doc.outcome==='Lost'" },
			{ fieldname: "winning_price", fieldtype: "Currency", label: __("Winning Price"),
				depends_on: "eval:doc.outcome==='Lost'" },
		],
		primary_action_label: __("Record"),
		primary_action(values) {
			dialog.hide();
			frappe
				.call({ method: `${BID_METHODS}.record_outcome`, args: { name: frm.doc.name, ...values }, freeze: true })
				.then(() => frm.reload_doc());
		},
	});
	dialog.show();
}
