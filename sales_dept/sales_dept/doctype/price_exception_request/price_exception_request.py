# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""A request to sell below the price policy (rulebook R9), decided through the "Price Exception Approval"
workflow. The workflow says which roles may act in which state (admins edit it); this controller enforces
what no edit may skip, on every path (desk, list bulk actions, REST): never the requester, only someone in
the salesperson's line of oversight holding the approver role (or a later step once such a person has
endorsed it), the document's lines unchanged since the request, one decision at a time."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_fullname, get_link_to_form, now_datetime

from sales_dept.rules.pricing import (
	APPROVE,
	DOCUMENT_CHANGED,
	DOCUMENT_STANDS_ON_IT,
	NOT_IN_LINE,
	NOT_PENDING,
	NOT_YOURS_TO_WITHDRAW,
	OWN_REQUEST,
	REJECT,
	ROLE_TOO_LOW,
	STEP,
	ApprovedLine,
	approver_role,
	cancel_problem,
	decision_problem,
	lines_signature,
	qualifies_to_decide,
)
from sales_dept.rules.robots import DECIDED, WAITING_FOR_YOU
from sales_dept.services import decisions
from sales_dept.services.decisions import action_leading_to, decide_once, decision_comment
from sales_dept.services.notify import notify_role, notify_users
from sales_dept.services.pricing import (
	deal_sales_person,
	decided_by_role_alone,
	flagged_lines,
	in_line_of_oversight,
	nearest_decider_user,
	seniority,
)
from sales_dept.services.robots import Push
from sales_dept.services.settings import get_settings, is_enabled
from sales_dept.setup.workflows import PRICE_EXCEPTION_WORKFLOW

PRICED_DOCTYPES = ("Quotation", "Sales Order")
# A request without a salesperson has no team leader to decide it (the message says so, never "None").
NO_SALES_PERSON = "no_sales_person"
PENDING, APPROVED, REJECTED = "Pending", "Approved", "Rejected"
# Fields only a decision writes.
DECISION_FIELDS = ("decided_by", "decided_by_name", "decided_on", "decision_comment", "endorsed_by")


def _decision_messages() -> dict[str, str]:
	return {
		NOT_PENDING: _("This request is already decided ({0}); only pending requests can be decided."),
		OWN_REQUEST: _("You cannot decide your own price exception request."),
		ROLE_TOO_LOW: _("Only a user with the role {0} or a more senior one can decide this request."),
		NOT_IN_LINE: _(
			"Only the team leader of {0}, someone above them or the sales manager can decide this request."
		),
		NO_SALES_PERSON: _(
			"This request names no salesperson: only the sales manager or someone more senior can decide it."
		),
		DOCUMENT_CHANGED: _(
			"{0} has changed since the request was made: its lines no longer match. Ask for a new request."
		),
	}


class PriceExceptionRequest(Document):
	def onload(self):
		if self.docstatus == 1:
			self.set_onload("waits_for", self.waits_for_text() if self.status == PENDING else None)
			self.set_onload("can_withdraw", not self.withdraw_problem())
			self.set_onload("awaiting_decision", self.status == PENDING)
			self.set_onload("actions_needing_comment", self.actions_leading_to_status(REJECTED))

	def actions_leading_to_status(self, status: str) -> list[str]:
		"""The actions of the workflow, from the request's state, into a state that sets `status`."""
		workflow = frappe.get_cached_doc("Workflow", PRICE_EXCEPTION_WORKFLOW)
		states = {s.state for s in workflow.states if s.update_field == "status" and s.update_value == status}
		return sorted(
			{
				t.action
				for t in workflow.transitions
				if t.state == self.workflow_state and t.next_state in states
			}
		)

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

	def before_submit(self):
		self.waits_for = (
			None if decided_by_role_alone() else nearest_decider_user(self.sales_person, self.approver_role)
		)

	def on_submit(self):
		self.db_set("status", PENDING)

		def subject():
			return _("Price exception for {0} waits for your decision").format(self.reference_name)

		waiting = Push(WAITING_FOR_YOU)
		if self.waits_for:
			notify_users([self.waits_for], self, subject, push=waiting)
		else:
			notify_role(self.deciding_role(), self, subject, exclude=self.requested_by, push=waiting)

	def deciding_role(self) -> str:
		"""The role told of a request no one person waits for: its approver role, or, for a request naming no
		salesperson (no line of oversight), the sales manager's if that is more senior."""
		if self.sales_person or decided_by_role_alone():
			return self.approver_role
		order = seniority()
		return max(
			(self.approver_role, get_settings().sales_manager_role),
			key=lambda role: order.index(role) if role in order else -1,
		)

	def waits_for_text(self) -> str:
		"""Who may decide, as the form says it."""
		role = _(self.approver_role or "")
		if self.waits_for:
			return _("Waits for {0} or someone above them (role {1} or more senior).").format(
				get_fullname(self.waits_for), role
			)
		return _("Waits for a holder of the role {0} or a more senior one.").format(role)

	# Decisions
	# ---------

	def before_update_after_submit(self):
		"""Every change of a submitted request is a workflow transition (or none of the decision's fields)."""
		before = self.get_doc_before_save()
		if before.get("workflow_state") == self.get("workflow_state"):
			if before.status != self.status or any(
				str(before.get(f) or "") != str(self.get(f) or "") for f in DECISION_FIELDS
			):
				frappe.throw(
					_("A price exception is decided with its workflow actions, not by editing it."),
					title=_("Not Allowed"),
				)
			return
		self.check_decision(before)

	def decision_kind(self) -> str:
		return {APPROVED: APPROVE, REJECTED: REJECT}.get(self.status, STEP)

	def check_decision(self, before):
		"""The transition being saved is the current user's to take (see the module's docstring)."""
		user, kind, roles = frappe.session.user, self.decision_kind(), frappe.get_roles()
		in_line = in_line_of_oversight(user, self.sales_person)
		signature_now = None
		if kind == APPROVE:
			reference = frappe.get_doc(self.reference_doctype, self.reference_name)
			signature_now = lines_signature(flagged_lines(reference, user=self.requested_by))
		problem = decision_problem(
			status=before.status,
			user=user,
			requester=self.requested_by,
			user_roles=roles,
			approver_role=self.approver_role,
			seniority=seniority(),
			in_line=in_line,
			endorsed=bool(before.endorsed_by),
			kind=kind,
			signature_then=self.lines_signature if kind == APPROVE else None,
			signature_now=signature_now,
		)
		if problem:
			self.refuse(problem, before.status)
		comment = decision_comment(self)
		if kind == REJECT and not comment:
			frappe.throw(_("Say why the exception is rejected."), title=_("Comment Missing"))
		if not before.endorsed_by and qualifies_to_decide(roles, self.approver_role, seniority(), in_line):
			self.endorsed_by = user
		if kind != STEP:
			self.decided_by, self.decided_by_name = user, get_fullname(user)
			self.decided_on, self.decision_comment = now_datetime(), comment or None

	def refuse(self, problem: str, status: str):
		if problem == NOT_IN_LINE and not self.sales_person:
			problem = NO_SALES_PERSON
		argument = {
			NOT_PENDING: _(status),
			ROLE_TOO_LOW: _(self.approver_role or ""),
			NOT_IN_LINE: self.sales_person,
		}.get(problem, self.reference_name)
		frappe.throw(
			_decision_messages()[problem].format(argument),
			frappe.PermissionError
			if problem in (OWN_REQUEST, ROLE_TOO_LOW, NOT_IN_LINE, NO_SALES_PERSON)
			else frappe.ValidationError,
			title=_("Cannot Decide Price Exception"),
		)

	def on_update_after_submit(self):
		before = self.get_doc_before_save()
		if before.status != PENDING or self.status not in (APPROVED, REJECTED):
			return
		decision = self.status
		if self.decision_comment:
			self.add_comment("Comment", f"{_(decision)}: {self.decision_comment}")
		reference = frappe.get_doc(self.reference_doctype, self.reference_name)
		reference.add_comment(
			"Info",
			_("Price exception {0} {1} by {2}").format(
				get_link_to_form(self.doctype, self.name), _(decision), self.decided_by_name
			),
		)
		if decision == APPROVED and reference.docstatus == 0:
			frappe.db.set_value(
				self.reference_doctype,
				self.reference_name,
				{"sd_price_exception": self.name, "sd_price_exception_needed": 0},
				update_modified=False,
			)
		notify_users(
			[self.requested_by],
			self,
			lambda: _("Your price exception for {0} was {1}").format(
				self.reference_name, _(decision).lower()
			),
			push=Push(DECIDED, comment=self.decision_comment),
		)

	def decide(self, status: str, comment: str | None):
		"""Take the workflow action that leads to `status` (Approved or Rejected), with `comment`."""
		self.check_permission("read")
		self.reload()  # as stored: a refused attempt leaves this object in the state it tried to reach
		action = action_leading_to(self, "status", status)
		if not action:
			self.explain_no_action(status)
		decide_once(self, action, comment)
		self.reload()

	def may_take_transition(self, transition) -> bool:
		"""Whether the current user may take `transition` (services.decisions: what the desk offers)."""
		if self.status != PENDING:
			return True
		status = next(
			(
				s.update_value
				for s in frappe.get_cached_doc("Workflow", PRICE_EXCEPTION_WORKFLOW).states
				if s.state == transition.get("next_state") and s.update_field == "status"
			),
			PENDING,
		)
		return not decision_problem(
			status=self.status,
			user=frappe.session.user,
			requester=self.requested_by,
			user_roles=frappe.get_roles(),
			approver_role=self.approver_role,
			seniority=seniority(),
			in_line=in_line_of_oversight(frappe.session.user, self.sales_person),
			endorsed=bool(self.endorsed_by),
			kind={APPROVED: APPROVE, REJECTED: REJECT}.get(status, STEP),
		)

	def explain_no_action(self, status: str):
		"""No workflow action of the user's leads to `status`: say why in the controller's words."""
		kind = APPROVE if status == APPROVED else REJECT
		problem = decision_problem(
			status=self.status,
			user=frappe.session.user,
			requester=self.requested_by,
			user_roles=frappe.get_roles(),
			approver_role=self.approver_role,
			seniority=seniority(),
			in_line=in_line_of_oversight(frappe.session.user, self.sales_person),
			endorsed=bool(self.endorsed_by),
			kind=kind,
		)
		if problem:
			self.refuse(problem, self.status)
		frappe.throw(
			_("The workflow {0} offers you no action that leads to {1} from here.").format(
				_(PRICE_EXCEPTION_WORKFLOW), _(status)
			),
			frappe.PermissionError,
			title=_("Cannot Decide Price Exception"),
		)

	@frappe.whitelist()
	def approve(self, comment: str | None = None):
		self.decide(APPROVED, comment)

	@frappe.whitelist()
	def reject(self, comment: str | None = None):
		if not comment or not comment.strip():
			frappe.throw(_("Say why the exception is rejected."), title=_("Comment Missing"))
		self.decide(REJECTED, comment)

	# Withdrawal
	# ----------

	def withdraw_problem(self) -> str | None:
		return cancel_problem(
			user=frappe.session.user,
			requester=self.requested_by,
			user_roles=frappe.get_roles(),
			manager_role=get_settings().sales_manager_role,
			seniority=seniority(),
			used_by_submitted_document=bool(self.submitted_documents_using_it()),
		)

	def before_cancel(self):
		"""Withdrawn by the requester (or the sales manager or someone more senior), and never while a
		submitted quotation or order was made on this approval (cancelling that document first releases it;
		the desk offers to cancel both)."""
		problem = self.withdraw_problem()
		if problem == DOCUMENT_STANDS_ON_IT:
			frappe.throw(
				_("{0} was submitted on this approval: cancel it first.").format(
					", ".join(
						get_link_to_form(doctype, name)
						for doctype, name in self.submitted_documents_using_it()
					)
				),
				title=_("Cannot Cancel Price Exception"),
			)
		if problem == NOT_YOURS_TO_WITHDRAW:
			frappe.throw(
				_("Only the requester or the sales manager can withdraw this price exception request."),
				frappe.PermissionError,
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
		"""The drafts this request covered (the document it was asked for, or an amendment of it) need an
		exception again."""
		for doctype in PRICED_DOCTYPES:
			for name in frappe.get_all(
				doctype, filters={"sd_price_exception": self.name, "docstatus": 0}, pluck="name"
			):
				frappe.db.set_value(
					doctype,
					name,
					{"sd_price_exception": None, "sd_price_exception_needed": 1},
					update_modified=False,
				)


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
		{"reference_doctype": doctype, "reference_name": name, "status": PENDING, "docstatus": 1},
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
			"sales_person": deal_sales_person(document),
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


@frappe.whitelist()
def take_workflow_action(
	name: str, action: str, comment: str | None = None, state: str | None = None
) -> dict:
	"""The form's decisions, with the decider's comment, one at a time (services.decisions)."""
	return decisions.take_workflow_action("Price Exception Request", name, action, comment, state)
