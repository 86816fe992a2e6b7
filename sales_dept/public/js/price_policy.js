// Price policy (rulebook R9) on Quotation and Sales Order: shows the lines below the policy and lets the
// salesperson ask for a price exception. Loaded for both doctypes through hooks.doctype_js.

if (!window.sales_dept_price_policy_form) {
	window.sales_dept_price_policy_form = {
		refresh(frm) {
			// Cancelling the document leaves its price exception request as decided (see the server's
			// let_cancel_past_price_exceptions): the desk must not try to cancel the request first.
			const ignored = frm.ignore_doctypes_on_cancel_all || [];
			if (!ignored.includes("Price Exception Request")) {
				frm.ignore_doctypes_on_cancel_all = [...ignored, "Price Exception Request"];
			}
			render_price_check(frm);
			const needed = frm.doc.docstatus === 0 && frm.doc.sd_price_exception_needed;
			// Frappe may run refresh more than once for one render (after a save, say): shown once, not stacked.
			sales_dept.show_form_message(
				frm,
				"price-policy",
				needed
					? __("Some prices are below your allowance: submitting, printing and e-mailing wait for an approved price exception.")
					: null,
				"orange"
			);
			sales_dept.show_form_message(frm, "price-exception-pending", null);
			if (needed && !frm.is_dirty()) show_request_or_pending(frm);
		},
	};
	["Quotation", "Sales Order"].forEach((doctype) =>
		frappe.ui.form.on(doctype, window.sales_dept_price_policy_form)
	);
}

function render_price_check(frm) {
	const field = frm.get_field("sd_price_check_html");
	if (!field) return;
	const lines = frm.doc.sd_price_check ? JSON.parse(frm.doc.sd_price_check) : [];
	if (!lines.length) {
		field.$wrapper.empty();
		return;
	}
	const money = (value) => format_currency(value, frm.doc.currency);
	const rows = lines
		.map(
			(line) => `<tr>
				<td>${line.idx}</td><td>${frappe.utils.escape_html(line.item_code)}</td>
				<td class="text-right">${money(line.list_rate)}</td><td class="text-right">${money(line.floor_rate)}</td>
				<td class="text-right">${money(line.rate)}</td><td class="text-right">${format_number(line.discount_pct, null, 2)}%</td>
				<td>${__(line.required_role)}${line.below_floor ? " · " + __("below floor") : ""}</td>
			</tr>`
		)
		.join("");
	field.$wrapper.html(`<div style="overflow-x: auto"><table class="table table-bordered table-sm small">
		<thead><tr><th>${__("Row")}</th><th>${__("Item")}</th><th>${__("List Rate")}</th><th>${__("Floor Rate")}</th>
		<th>${__("Rate")}</th><th>${__("Discount")}</th><th>${__("Who May Approve")}</th></tr></thead>
		<tbody>${rows}</tbody></table></div>`);
}

function show_request_or_pending(frm) {
	// One pending request at a time: show it instead of offering another.
	frappe.db
		.get_value(
			"Price Exception Request",
			{ reference_doctype: frm.doc.doctype, reference_name: frm.doc.name, status: "Pending", docstatus: 1 },
			"name"
		)
		.then(({ message }) => {
			if (message && message.name) {
				const link = $("<a>")
					.attr("href", frappe.utils.get_form_link("Price Exception Request", message.name))
					.css("text-decoration", "underline")
					.text(message.name)
					.prop("outerHTML");
				sales_dept.show_form_message(
					frm,
					"price-exception-pending",
					__("Price exception {0} waits for a decision.", [link]),
					"blue"
				);
			} else {
				frm.add_custom_button(__("Request Price Exception"), () => request_price_exception(frm));
			}
		});
}

function request_price_exception(frm) {
	frappe.prompt(
		[{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 }],
		(values) =>
			frappe
				.call({
					method: "sales_dept.sales_dept.doctype.price_exception_request.price_exception_request.make_from_document",
					args: { doctype: frm.doc.doctype, name: frm.doc.name, reason: values.reason },
					freeze: true,
				})
				.then((r) => {
					frappe.show_alert({ message: __("Price exception {0} requested", [r.message]), indicator: "green" });
					frm.reload_doc();
				}),
		__("Request Price Exception"),
		__("Request")
	);
}
