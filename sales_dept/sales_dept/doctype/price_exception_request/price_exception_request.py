# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form, now_datetime

from sales_dept.rules.pricing import (
	DOCUMENT_CHANGED,
	DOCUMENT_STANDS_ON_IT,
	NOT_PENDING,
	NOT_YOURS_TO_WITHDRAW,
	OWN_REQUEST,
	ROLE_TOO_LOW,
	ApprovedLine,
	approver_role,
	cancel_problem,
	decision_problem,
	lines_signature,
)
from sales_dept.services.notify import notify_role, notify_users
from sales_dept.services.pricing import flagged_lines, seniority
from sales_dept.services.settings import get_settings, is_enabled

PRICED_DOCTYPES = ("Quotation", "Sales Order")


def _decision_messages() -> dict[str, str]:
	return {
		NOT_PENDING: _("This request is {0}; only pending requests can be decided."),
		OWN_REQUEST: _("You cannot decide your own price exception request."),
		ROLE_TOO_LOW: _("Only a user with the role {0} or a more senior one can decide this request."),
		DOCUMENT_CHANGED: _(
			"{0} has changed since the request was made: its lines no longer match. Ask for a new request."
		),
	}


class PriceExceptionRequest(Document):
	def validate(self):
		if not self.reason or not self.reason.strip():
			frappe.throw(_("Give a reason for the price exception."), title=_("Reason Missing"))
		if not self.lines:
			frappe.throw(_("A price exception request needs at least one line."), title=_("No Lines"))
		self.lines_signature = lines_signature(self.approved_lines())
		if self.docstatus == 0:
			self.status = "Draft"

	def approved_lines(self) -> list[ApprovedLine]:
		return [ApprovedLine(row.item_code, row.qty, row.rate) for row in self.lines]

	def on_submit(self):
		self.db_set("status", "Pending")
		notify_role(
			self.approver_role,
			self,
			_("Price exception for {0} waits for your decision").format(self.reference_name),
			exclude=self.requested_by,
		)

	def before_cancel(self):
		"""Withdrawn by the requester (or the sales manager or someone more senior), and never while a
		submitted quotation or order was made on this approval."""
		used_by = self.submitted_documents_using_it()
		problem = cancel_problem(
			user=frappe.session.user,
			requester=self.requested_by,
			user_roles=frappe.get_roles(),
			manager_role=get_settings().sales_manager_role,
			seniority=seniority(),
			used_by_submitted_document=bool(used_by),
		)
		if problem == DOCUMENT_STANDS_ON_IT:
			frappe.throw(
				_("{0} was submitted on this approval: cancel it first.").format(
					", ".join(get_link_to_form(doctype, name) for doctype, name in used_by)
				),
				title=_("Cannot Cancel Price Exception"),
			)
		if problem == NOT_YOURS_TO_WITHDRAW:
			frappe.throw(
				_("Only the requester or the sales manager can withdraw this price exception request."),
				title=_("Cannot Cancel Price Exception"),
			)

	def submitted_documents_using_it(self) -> list[tuple[str, str]]:
		"""The submitted quotations and orders whose price exception is this request."""
		return [
			(doctype, name)
			for doctype in PRICED_DOCTYPES
			for name in frappe.get_all(
				doctype, filters={"sd_price_exception": self.name, "docstatus": 1}, pluck="name"
			)
		]

	def on_cancel(self):
		self.db_set("status", "Cancelled")
		self.release_reference()

	def release_reference(self):
		"""The document this request covered needs an exception again."""
		reference = frappe.db.get_value(
			self.reference_doctype, self.reference_name, ["sd_price_exception", "docstatus"], as_dict=True
		)
		if reference and reference.sd_price_exception == self.name and reference.docstatus == 0:
			frappe.db.set_value(
				self.reference_doctype,
				self.reference_name,
				{"sd_price_exception": None, "sd_price_exception_needed": 1},
				update_modified=False,
			)

	def decide(self, decision: str, comment: str | None):
		"""Approve or reject: the decider holds the approver role (or a senior one), is not the requester,
		and (to approve) the document's lines are still those the request was made for."""
		self.check_permission("read")
		reference = frappe.get_doc(self.reference_doctype, self.reference_name)
		signature_now = None
		if decision == "Approved":
			signature_now = lines_signature(flagged_lines(reference, user=self.requested_by))
		problem = decision_problem(
			status=self.status,
			user=frappe.session.user,
			requester=self.requested_by,
			user_roles=frappe.get_roles(),
			approver_role=self.approver_role,
			seniority=seniority(),
			signature_then=self.lines_signature if decision == "Approved" else None,
			signature_now=signature_now,
		)
		if problem:
			frappe.throw(
				_decision_messages()[problem].format(
					{NOT_PENDING: _(self.status), ROLE_TOO_LOW: _(self.approver_role)}.get(
						problem, self.reference_name
					)
				),
				title=_("Cannot Decide Price Exception"),
			)
		self.db_set(
			{
				"status": decision,
				"decided_by": frappe.session.user,
				"decided_on": now_datetime(),
				"decision_comment": comment,
			},
			notify=True,
		)
		self.add_comment("Comment", f"{_(decision)}: {comment or ''}")
		reference.add_comment(
			"Info",
			_("Price exception {0} {1} by {2}").format(
				get_link_to_form(self.doctype, self.name), _(decision), frappe.utils.get_fullname()
			),
		)
		if decision == "Approved" and reference.docstatus == 0:
			frappe.db.set_value(
				self.reference_doctype,
				self.reference_name,
				{"sd_price_exception": self.name, "sd_price_exception_needed": 0},
				update_modified=False,
			)
		notify_users(
			[self.requested_by],
			self,
			_("Your price exception for {0} was {1}").format(self.reference_name, _(decision).lower()),
		)

	@frappe.whitelist()
	def approve(self, comment: str | None = None):
		self.decide("Approved", comment)

	@frappe.whitelist()
	def reject(self, comment: str | None = None):
		if not comment or not comment.strip():
			frappe.throw(_("Say why the exception is rejected."), title=_("Comment Missing"))
		self.decide("Rejected", comment)


@frappe.whitelist()
def make_from_document(doctype: str, name: str, reason: str) -> str:
	"""Create and submit a request for the lines of a draft Quotation or Sales Order that break the
	price policy; returns the request's name."""
	if doctype not in PRICED_DOCTYPES:
		frappe.throw(_("Price exceptions are for quotations and sales orders."), title=_("Not Allowed"))
	document = frappe.get_doc(doctype, name)
	document.check_permission("write")
	frappe.has_permission("Price Exception Request", "create", throw=True)
	if not is_enabled("pricing_policy"):
		frappe.throw(_("The price policy is switched off in Sales Dept Settings."), title=_("Not Needed"))
	if document.docstatus != 0:
		frappe.throw(_("Only a draft can get a price exception."), title=_("Not Allowed"))
	if not reason or not reason.strip():
		frappe.throw(_("Give a reason for the price exception."), title=_("Reason Missing"))
	flagged = flagged_lines(document)
	if not flagged:
		frappe.throw(_("Every line of {0} is within your allowance.").format(name), title=_("Not Needed"))
	pending = frappe.db.get_value(
		"Price Exception Request",
		{"reference_doctype": doctype, "reference_name": name, "status": "Pending", "docstatus": 1},
	)
	if pending:
		frappe.throw(
			_("{0} already waits for a decision.").format(
				get_link_to_form("Price Exception Request", pending)
			),
			title=_("Already Requested"),
		)
	item_groups = {row.idx: row.item_group for row in document.items}
	request = frappe.get_doc(
		{
			"doctype": "Price Exception Request",
			"reference_doctype": doctype,
			"reference_name": name,
			"company": document.company,
			"customer": document.get("customer") or document.get("party_name"),
			"sales_person": document.get("sd_sales_person") or _first_sales_team_member(document),
			"currency": document.currency,
			"requested_by": frappe.session.user,
			"reason": reason.strip(),
			"approver_role": approver_role(flagged, seniority()),
			"lines": [
				{
					"document_row": v.idx,
					"item_code": v.item_code,
					"item_group": item_groups.get(v.idx),
					"qty": v.qty,
					"list_rate": v.list_rate,
					"floor_rate": v.floor_rate,
					"rate": v.rate,
					"discount_pct": v.discount_pct,
					"beyond_floor_pct": max(0.0, (v.floor_rate - v.rate) / v.list_rate * 100),
					"required_role": v.required_role,
					"policy": v.policy,
					"currency": document.currency,
				}
				for v in flagged
			],
		}
	)
	request.insert()
	request.submit()
	return request.name


def _first_sales_team_member(document) -> str | None:
	team = document.get("sales_team") or []
	return team[0].sales_person if team else None
