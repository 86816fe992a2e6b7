# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""A bid (询价 / 投标) under review, rulebook R27-R30: registered at once, go/no-go by the sales manager
(leadership too for a major bid), prepared from supplier prices, technical and purchasing reviews in
parallel, final approval by the manager (leadership too for a major bid), then the formal quotation.

The "Bid Review Approval" workflow moves it between states (admins may rename them, add steps or roles);
each state sets the bid's `status`, which is what this controller and the rest of the app read. Whatever
the workflow allows, entering a status is checked here: the review starts only after a go decision (and
leadership's, if major), final approval waits for every required review of the lines as they are, the
approval needs the manager (and leadership, if major, and the role the price policy asks for), and the
salesperson never decides their own bid."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow
from frappe.utils import flt, fmt_money, get_fullname, now_datetime

from sales_dept.rules.bids import (
	APPROVED,
	CHANGES_REQUESTED,
	COMMENT_MISSING,
	DECLINED,
	DRAFT,
	FINAL_APPROVAL,
	FINAL_DUE,
	GO_DUE,
	GO_NO_GO,
	IN_REVIEW,
	LEADERSHIP_GO_DUE,
	LOST,
	LOST_WITHOUT_REASON,
	NEEDS_LEADERSHIP,
	NO_ITEM_NOR_DESCRIPTION,
	NOT_A_DECIDER,
	NOT_A_REOPENER,
	NOT_A_REVIEWER,
	NOT_APPROVED,
	NOT_IN_REVIEW,
	OWN_BID,
	QTY_NOT_POSITIVE,
	REASON_MISSING,
	REVIEW_APPROVED,
	REVIEW_DECIDED,
	REVIEW_NOT_DECIDED,
	REVIEW_PENDING,
	REVIEWED_ANOTHER,
	REVIEWS_OPEN,
	ROLE_TOO_LOW_FOR_PRICES,
	SENT_BACK,
	WITHDRAWN,
	WON,
	WON_WITHOUT_ORDER,
	Review,
	amount,
	deadline_problem,
	decider_problem,
	decision_due,
	final_problem,
	go_problem,
	is_major,
	line_problems,
	margin_pct,
	open_reviews,
	outcome_problem,
	reopen_problem,
	review_problem,
	reviews_to_add,
	reviews_to_reopen,
	signature,
	waits_for,
)
from sales_dept.rules.robots import DECIDED, WAITING_FOR_YOU, WON_BID, RobotText
from sales_dept.services import decisions
from sales_dept.services.bids import (
	bid_lines,
	cost_confirming_kinds,
	deciding_roles_by_state,
	list_rates,
	notify_reviewers,
	party_terms,
	price_role,
	price_verdicts,
	review_kinds,
	reviews_of,
	salesperson_user,
)
from sales_dept.services.decisions import decision_comment
from sales_dept.services.notify import notify_users, users_with_role
from sales_dept.services.org import default_sales_person_for, get_org_chart
from sales_dept.services.pricing import seniority
from sales_dept.services.robots import Push, desk_line, tell
from sales_dept.services.settings import get_settings, setting
from sales_dept.services.visit_access import check_sales_person_allowed

# The manager's and leadership's decisions (go/no-go, final approval, a send-back), one row each.
DECISIONS = "decisions"
# Fields only the workflow's decisions and the reviews write (never a hand edit).
DECISION_FIELDS = (
	"go_decision",
	"go_reason",
	"go_decided_by",
	"leadership_go_by",
	"approved_by",
	"leadership_approved_by",
	"approved_signature",
)


def _messages() -> dict[str, str]:
	return {
		OWN_BID: _("You cannot decide on your own bid."),
		NOT_A_DECIDER: _("Only the sales manager or leadership decide on bids."),
		NEEDS_LEADERSHIP: _("{0} is a major bid: company leadership must agree as well."),
		REASON_MISSING: _("Say why the company does not take part."),
		REVIEWS_OPEN: _("These reviews do not yet approve the bid as it is: {0}."),
		ROLE_TOO_LOW_FOR_PRICES: _("The proposed rates need the approval of {0} or a more senior role."),
		NOT_A_REVIEWER: _("Only a holder of the role {0} gives this review."),
		REVIEW_DECIDED: _(
			"The {0} review of bid {1} was already decided ({2}, by {3}); nothing was changed. "
			"To change it, reopen it with a comment."
		),
		REVIEW_NOT_DECIDED: _("The {0} review of bid {1} is not decided yet: there is nothing to reopen."),
		NOT_A_REOPENER: _("Only a holder of the role {0} or the sales manager reopens this review."),
		REVIEWED_ANOTHER: _(
			"You decided another review of this bid: a second department must decide this one."
		),
		NOT_IN_REVIEW: _("Bid {0} is not in review ({1})."),
		COMMENT_MISSING: _("Say what has to change."),
		NOT_APPROVED: _("Only an approved bid has an outcome."),
		WON_WITHOUT_ORDER: _("A won bid names its sales order."),
		LOST_WITHOUT_REASON: _("A lost bid gives a lost reason."),
	}


def decisions_of(doc) -> list[tuple]:
	"""The decisions table as (step, action, decided by, comment) rows: compared, never edited by hand."""
	return [(row.step, row.action, row.decided_by, row.comment) for row in doc.get(DECISIONS) or []]


def refuse(problem: str, *args, exc=frappe.ValidationError, title: str | None = None):
	frappe.throw(_messages()[problem].format(*args), exc, title=title or _("Not Allowed"))


class BidReview(Document):
	def onload(self):
		self.set_onload("awaiting_decision", self.status in (GO_NO_GO, FINAL_APPROVAL, IN_REVIEW))
		workflow = frappe.get_cached_doc("Workflow", "Bid Review Approval")
		sent_back = {s.state for s in workflow.states if s.update_value in (SENT_BACK, DECLINED)}
		self.set_onload(
			"actions_needing_comment",
			sorted(
				{
					t.action
					for t in workflow.transitions
					if t.state == self.workflow_state and t.next_state in sent_back
				}
			),
		)
		self.set_onload("my_reviews", self.reviews_open_to_me())
		self.set_onload("reviews_i_may_reopen", self.reviews_reopenable_by_me())
		self.set_onload("confirms_costs", sorted(cost_confirming_kinds()))

	def reviews_open_to_me(self) -> list[str]:
		roles = set(frappe.get_roles())
		return [
			row.name
			for row in self.reviews
			if self.status == IN_REVIEW and row.status == REVIEW_PENDING and row.role in roles
		]

	def reviews_reopenable_by_me(self) -> list[str]:
		"""The decided reviews the current user may reopen (with a comment): see `reopen_review`."""
		return [row.name for row in self.reviews if not self.reopen_problem_of(row, "-")]

	# Saving
	# ------

	def before_validate(self):
		if not self.sales_person:
			party_type = "Customer" if self.customer else None
			self.sales_person = default_sales_person_for(party_type, self.customer)
		self.set_party_terms()

	def set_party_terms(self):
		"""The price list and currency of the party, as ERPNext's form sets them on a quotation when the
		customer is chosen (the customer's list, not Selling Settings' whatever its currency): on a new bid
		and when the party changes, unless someone chose others than those the form started with (Frappe's
		defaults for a new document) or the previous party's."""
		before = None if self.is_new() else self.get_doc_before_save()
		if before and (before.customer, before.lead) == (self.customer, self.lead):
			return
		terms = party_terms(self.company, self.customer, self.lead)
		started_with = (
			party_terms(before.company, before.customer, before.lead)
			if before
			else frappe.defaults.get_defaults()
		)
		for field in ("selling_price_list", "currency"):
			if not self.get(field) or self.get(field) == started_with.get(field):
				self.set(field, terms[field] or self.get(field))

	def validate(self):
		if self.sales_person:
			check_sales_person_allowed(self)
			self.team = get_org_chart().team_of(self.sales_person)
		self.customer_name = (
			frappe.db.get_value("Customer", self.customer, "customer_name")
			if self.customer
			else frappe.db.get_value("Lead", self.lead, "lead_name")
			if self.lead
			else self.issuing_party
		)
		before = self.get_doc_before_save()
		if not before:
			self.validate_deadline()
			self.set(DECISIONS, [])  # decisions are taken, never posted with a new bid
		self.validate_lines()
		self.set_figures()
		self.check_major_call(before)
		if before and before.get("workflow_state") != self.get("workflow_state"):
			self.take_step(before)
		elif before:
			self.keep_decisions(before)

	def validate_deadline(self):
		if deadline_problem(
			frappe.utils.get_datetime(self.submission_deadline) if self.submission_deadline else None,
			now_datetime(),
		):
			frappe.throw(
				_("The submission deadline {0} has passed already.").format(
					frappe.format(self.submission_deadline, "Datetime")
				),
				title=_("Deadline Passed"),
			)

	def validate_lines(self):
		messages = {
			NO_ITEM_NOR_DESCRIPTION: _("Row {0}: choose an item or describe it."),
			QTY_NOT_POSITIVE: _("Row {0}: the quantity must be more than zero."),
		}
		problems = line_problems((row.idx, row.item_code, row.description, row.qty) for row in self.lines)
		if problems:
			frappe.throw(
				"<br>".join(messages[problem].format(idx) for problem, idx in problems),
				title=_("Invalid Bid Lines"),
			)

	def set_figures(self):
		"""Amounts, list rates, margins, the price policy's verdict per line, and whether it is major."""
		rates = list_rates(self.selling_price_list, [row.item_code for row in self.lines if row.item_code])
		for row in self.lines:
			row.price_list_rate = rates.get(row.item_code) or row.price_list_rate
			row.amount = flt(row.qty) * flt(row.rate)
			row.margin_pct = margin_pct(
				row.amount, flt(row.qty) * flt(row.supplier_cost) if row.supplier_cost else None
			)
		self.total_amount = amount(bid_lines(self))
		self.base_total_amount = flt(self.total_amount) * flt(self.conversion_rate or 1)
		costed = [row for row in self.lines if row.supplier_cost]
		self.total_cost = sum(flt(row.qty) * flt(row.supplier_cost) for row in costed) if costed else None
		self.margin_pct = (
			margin_pct(sum(flt(row.amount) for row in costed), self.total_cost) if costed else None
		)
		verdicts = price_verdicts(self, salesperson_user(self) or frappe.session.user)
		for row in self.lines:
			row.required_role = verdicts.get(row.idx)
		self.price_approver_role = price_role(verdicts)
		self.is_major = int(
			is_major(
				flt(self.base_total_amount), flt(setting("major_bid_amount")), bool(self.major_by_manager)
			)
		)

	def check_major_call(self, before):
		previous = bool(before.major_by_manager) if before else False
		if bool(self.major_by_manager) != previous and not self.is_decider():
			frappe.throw(
				_("Only the sales manager may call a bid major."),
				frappe.PermissionError,
				title=_("Not Allowed"),
			)

	def is_decider(self, user: str | None = None) -> bool:
		return not decider_problem(
			user=user or frappe.session.user,
			user_roles=frappe.get_roles(user),
			salesperson_user=None,
			manager_role=get_settings().sales_manager_role,
			seniority=seniority(),
		)

	def may_take_transition(self, transition) -> bool:
		"""Whether the current user may take `transition` (services.decisions: what the desk offers): the
		decisions (go/no-go, final approval, a send-back by someone else) are the manager's or leadership's,
		never the bid's salesperson's."""
		if self.status not in (GO_NO_GO, FINAL_APPROVAL, IN_REVIEW):
			return True
		if self.status == IN_REVIEW and frappe.session.user == salesperson_user(self):
			return True
		return not decider_problem(
			user=frappe.session.user,
			user_roles=frappe.get_roles(),
			salesperson_user=salesperson_user(self),
			manager_role=get_settings().sales_manager_role,
			seniority=seniority(),
		)

	def keep_decisions(self, before):
		"""Outside a workflow step, the decisions and the reviews stay as they were; the lines change only
		while the salesperson prepares the bid (draft or sent back)."""
		if self.flags.sd_review_step:
			return
		if (
			any(str(before.get(f) or "") != str(self.get(f) or "") for f in DECISION_FIELDS)
			or [(r.review_kind, r.status, r.reviewer, r.lines_signature) for r in before.reviews]
			!= [(r.review_kind, r.status, r.reviewer, r.lines_signature) for r in self.reviews]
			or decisions_of(before) != decisions_of(self)
		):
			frappe.throw(
				_("Decisions and reviews of a bid are given with its actions, not by editing it."),
				title=_("Not Allowed"),
			)
		if before.status not in (DRAFT, SENT_BACK) and signature(bid_lines(before)) != signature(
			bid_lines(self)
		):
			frappe.throw(
				_("Bid {0} is {1}: its lines change only in a draft or once sent back (Revise).").format(
					self.name, _(before.status)
				),
				title=_("Not Allowed"),
			)

	# Workflow steps
	# --------------

	def take_step(self, before):
		"""A workflow transition from `before`: who may take it, what it records, what entering the new
		status requires."""
		user, previous, now = frappe.session.user, before.status, self.status
		comment = decision_comment(self)
		self.status_since = now_datetime()
		if (
			previous in (GO_NO_GO, FINAL_APPROVAL)
			or now in (APPROVED, DECLINED)
			or (previous == IN_REVIEW and now == SENT_BACK and user != salesperson_user(self))
		):
			problem = decider_problem(
				user=user,
				user_roles=frappe.get_roles(),
				salesperson_user=salesperson_user(self),
				manager_role=get_settings().sales_manager_role,
				seniority=seniority(),
			)
			if problem:
				refuse(problem, exc=frappe.PermissionError)
			self.record_decision(before, comment)
		if previous == GO_NO_GO:
			self.record_go(user, participate=now != DECLINED, comment=comment)
		if previous == FINAL_APPROVAL and now in (FINAL_APPROVAL, APPROVED):
			self.record_approval(user)
		if now == SENT_BACK and user != salesperson_user(self) and not comment:
			frappe.throw(
				_("Sending a bid back needs a comment saying what to change."), title=_("Comment Missing")
			)
		if now == IN_REVIEW and previous != IN_REVIEW:
			self.enter_review()
		if now == FINAL_APPROVAL and previous != FINAL_APPROVAL:
			self.check_reviews_done()
		if now == APPROVED:
			self.check_final()

	def record_decision(self, before, comment: str):
		"""A row of the decisions table: who took which action in which workflow step, when, and their own
		comment (each decision keeps its own; a later one never overwrites it)."""
		action = self.action_taken(before)
		self.append(
			DECISIONS,
			{
				"step": before.get("workflow_state") or before.status,
				"action": action,
				"decided_by": frappe.session.user,
				"decided_by_name": get_fullname(frappe.session.user),
				"decided_on": now_datetime(),
				"comment": comment or None,
			},
		)
		self.flags.sd_decision = (before.get("workflow_state") or before.status, action, comment)

	def action_taken(self, before) -> str:
		"""The workflow action that leads from the state before to the state now, as the user may take it."""
		roles = set(frappe.get_roles())
		transitions = [
			t
			for t in get_workflow(self.doctype).transitions
			if t.state == before.get("workflow_state") and t.next_state == self.get("workflow_state")
		]
		chosen = next((t for t in transitions if t.allowed in roles), transitions[0] if transitions else None)
		return chosen.action if chosen else self.status

	def record_go(self, user: str, participate: bool, comment: str):
		"""The first go/no-go decision and its reason, together (who decided is who gave the reason);
		leadership's own go of a major bid is recorded next to it. Each comment is in the decisions table."""
		leadership = get_settings().leadership_role in frappe.get_roles()
		if go_problem(participate=participate, major=False, leadership_has_said=True, reason=comment):
			refuse(REASON_MISSING)
		if not self.go_decided_by:
			self.go_decided_by, self.go_decided_on = user, now_datetime()
			self.go_decision = "Participate" if participate else "Decline"
			self.go_reason = comment or None
		elif not participate:
			self.go_decision = "Decline"  # leadership declines a major bid the manager agreed to
		if leadership:
			self.leadership_go_by, self.leadership_go_on = user, now_datetime()

	def record_approval(self, user: str):
		if not self.approved_by:
			self.approved_by, self.approved_on = user, now_datetime()
		if get_settings().leadership_role in frappe.get_roles():
			self.leadership_approved_by, self.leadership_approved_on = user, now_datetime()

	def enter_review(self):
		"""The review starts after the go decision (and leadership's for a major bid); the required reviews
		are added, and those given on other lines are reopened."""
		if self.go_decision != "Participate":
			frappe.throw(
				_("The sales manager decides to take part before the bid is reviewed."),
				title=_("Not Allowed"),
			)
		if go_problem(
			participate=True,
			major=bool(self.is_major),
			leadership_has_said=bool(self.leadership_go_by),
			reason=None,
		):
			refuse(NEEDS_LEADERSHIP, self.name)
		now, requested = now_datetime(), []
		for kind in reviews_to_add(review_kinds(), reviews_of(self)):
			self.append(
				"reviews",
				{"review_kind": kind.name, "role": kind.role, "status": REVIEW_PENDING, "requested_on": now},
			)
			requested.append(kind.name)
		reopen = set(reviews_to_reopen(reviews_of(self), signature(bid_lines(self))))
		for row in self.reviews:
			if row.review_kind in reopen:
				row.update({"status": REVIEW_PENDING, "requested_on": now, "escalated_on": None})
				requested.append(row.review_kind)
		self.flags.sd_reviews_requested = requested

	def check_reviews_done(self):
		still_open = open_reviews(reviews_of(self), signature(bid_lines(self)))
		if still_open:
			refuse(REVIEWS_OPEN, ", ".join(_(kind) for kind in still_open))

	def check_final(self):
		approver_roles = set(frappe.get_roles())
		if self.approved_by:
			approver_roles |= set(frappe.get_roles(self.approved_by))
		problem = final_problem(
			reviews_open=open_reviews(reviews_of(self), signature(bid_lines(self))),
			major=bool(self.is_major),
			leadership_approved=bool(self.leadership_approved_by),
			approver_roles=approver_roles,
			price_role=self.price_approver_role,
			seniority=seniority(),
		)
		if problem:
			refuse(
				problem,
				_(self.price_approver_role or "") if problem == ROLE_TOO_LOW_FOR_PRICES else self.name,
			)
		self.approved_signature = signature(bid_lines(self))

	def on_update(self):
		self.notify_step()
		self.keep_decision_comment()

	def keep_decision_comment(self):
		"""The decision just taken, with its comment, in the timeline (the decisions table keeps it too)."""
		if not self.flags.sd_decision:
			return
		step, action, comment = self.flags.sd_decision
		self.flags.sd_decision = None
		if comment:
			self.add_comment("Comment", f"{_(step)} · {_(action)}: {comment}")

	def notify_step(self):
		"""Whoever the step leaves the bid waiting for is told, once: the deciders of the step it entered
		(the sales manager, leadership for a major bid after the manager, as the workflow and the prices
		say), the reviewers of the reviews requested, and the salesperson of a decision on their bid. Never
		the person who took the step."""
		before = self.get_doc_before_save()
		previous = before.status if before else None
		state_changed = not before or before.get("workflow_state") != self.get("workflow_state")
		if not state_changed and not self.flags.sd_reviews_requested:
			return
		sales_user, actor = salesperson_user(self), frappe.session.user
		due = decision_due(
			previous_status=previous,
			status=self.status,
			state_changed=state_changed,
			waiting=waits_for(
				status=self.status,
				pending_reviews=[],
				deciding_roles=deciding_roles_by_state().get(self.get("workflow_state"))
				or (get_settings().sales_manager_role,),
				price_role=self.price_approver_role,
				seniority=seniority(),
			),
		)
		if due:
			self.notify_deciders(*due, exclude=(sales_user, actor))
		if self.flags.sd_reviews_requested:
			notify_reviewers(self, self.flags.sd_reviews_requested, exclude=(actor,))
		if self.status in (APPROVED, DECLINED, SENT_BACK) and previous != self.status and actor != sales_user:
			comment = self.last_decision_comment()
			notify_users([sales_user], self, lambda: self.decision_notice(comment), push=Push(DECIDED))

	def last_decision_comment(self) -> str | None:
		return self.get(DECISIONS)[-1].comment if self.get(DECISIONS) else None

	def decision_notice(self, comment: str | None) -> str:
		"""What the salesperson reads of a decision on their bid (in their language: notify.notify_users)."""
		if self.status == APPROVED:
			return _("Your bid {0} was approved").format(self.name)
		if self.status == DECLINED:
			return _("Your bid {0} was declined: {1}").format(self.name, comment or "")
		return _("Your bid {0} was sent back: {1}").format(self.name, comment or "")

	def notify_deciders(self, due: str, roles: tuple[str, ...], exclude: tuple[str | None, ...]):
		"""The holders of `roles`, once each, of the decision `due` (rules.bids.decision_due)."""
		by = get_fullname(frappe.session.user)
		title = self.title or self.customer_name or ""

		def subject() -> str:
			if due == GO_DUE:
				return _("New bid {0} ({1}): take part or not?").format(self.name, title)
			if due == LEADERSHIP_GO_DUE:
				return _("Major bid {0} ({1}): {2} says take part; leadership decides too.").format(
					self.name, title, by
				)
			if due == FINAL_DUE:
				return _("Bid {0} ({1}) waits for your final approval").format(self.name, title)
			return _("Major bid {0} ({1}): approved by {2}; leadership approves too.").format(
				self.name, title, by
			)

		users = [user for role in roles for user in users_with_role(role) if user not in exclude]
		notify_users(users, self, subject, push=Push(WAITING_FOR_YOU))

	def before_update_after_submit(self):
		"""An approved or declined bid changes only through its outcome (record_outcome)."""
		if not self.flags.sd_review_step:
			frappe.throw(_("An approved bid changes only by recording its outcome."), title=_("Not Allowed"))

	# Reviews
	# -------

	def give_review(
		self,
		row_name: str,
		decision: str,
		comment: str | None,
		costs: list | None,
		as_stored: dict | None = None,
	):
		"""One department's review (see `review`); `as_stored`: the review's row as read under the bid's lock
		(status, reviewer, reviewed_on), which decides whether it is still open."""
		row = self.review_row(row_name)
		user = frappe.session.user
		if as_stored:
			row.update(as_stored)
		others = [r.reviewer for r in self.reviews if r.name != row_name and r.reviewer]
		problem = review_problem(
			status=self.status,
			user=user,
			user_roles=frappe.get_roles(),
			review=reviews_of(self)[row.idx - 1],
			salesperson_user=salesperson_user(self),
			reviewed_other_kinds_by=others,
			decision=decision,
			comment=comment,
		)
		if problem == NOT_IN_REVIEW:
			refuse(problem, self.name, _(self.status))
		elif problem == NOT_A_REVIEWER:
			refuse(problem, _(row.role), exc=frappe.PermissionError)
		elif problem == REVIEW_DECIDED:
			refuse(
				problem,
				_(row.review_kind),
				self.name,
				_(row.status),
				row.reviewer_name or (get_fullname(row.reviewer) if row.reviewer else ""),
				title=_("Already Decided"),
			)
		elif problem in (OWN_BID, REVIEWED_ANOTHER):
			refuse(problem, exc=frappe.PermissionError)
		elif problem:
			refuse(problem)
		if costs and row.review_kind in cost_confirming_kinds():
			self.confirm_costs(costs)
		self.set_figures()
		row.update(
			{
				"status": decision,
				"reviewer": user,
				"reviewer_name": get_fullname(user),
				"reviewed_on": now_datetime(),
				"comment": (comment or "").strip() or None,
				"lines_signature": signature(bid_lines(self)),
			}
		)
		self.add_comment("Comment", f"{_(row.review_kind)}: {_(decision)}{': ' + comment if comment else ''}")
		self.flags.sd_review_step = True
		self.save(ignore_permissions=True)
		sales_user = salesperson_user(self)
		if decision == CHANGES_REQUESTED:
			notify_users(
				[sales_user],
				self,
				lambda: _("Bid {0}: the {1} review asks for changes").format(self.name, _(row.review_kind)),
				push=Push(DECIDED, comment=row.comment),
			)
		elif not open_reviews(reviews_of(self), signature(bid_lines(self))):
			notify_users(
				[sales_user],
				self,
				lambda: _("Bid {0}: every review approves it").format(self.name),
				push=Push(DECIDED),
			)

	def review_row(self, row_name: str):
		row = next((r for r in self.reviews if r.name == row_name), None)
		if not row:
			frappe.throw(
				_("Review {0} is not part of bid {1}.").format(row_name, self.name), title=_("Unknown Review")
			)
		return row

	def reopen_problem_of(self, row, comment: str | None) -> str | None:
		return reopen_problem(
			status=self.status,
			user=frappe.session.user,
			user_roles=frappe.get_roles(),
			review=Review(row.review_kind, row.role, row.status or REVIEW_PENDING, row.reviewer),
			salesperson_user=salesperson_user(self),
			manager_role=get_settings().sales_manager_role,
			seniority=seniority(),
			comment=comment,
		)

	def reopen(self, row_name: str, comment: str | None, as_stored: dict | None = None):
		"""A decided review is open again (see `reopen_review`): recorded in the timeline with the comment;
		the salesperson and the review's role are told."""
		row = self.review_row(row_name)
		if as_stored:
			row.update(as_stored)
		problem = self.reopen_problem_of(row, comment)
		if problem == NOT_IN_REVIEW:
			refuse(problem, self.name, _(self.status))
		elif problem == REVIEW_NOT_DECIDED:
			refuse(problem, _(row.review_kind), self.name)
		elif problem == NOT_A_REOPENER:
			refuse(problem, _(row.role), exc=frappe.PermissionError)
		elif problem == OWN_BID:
			refuse(problem, exc=frappe.PermissionError)
		elif problem:
			refuse(problem)
		was = row.status
		row.update(
			{
				"status": REVIEW_PENDING,
				"reviewer": None,
				"reviewer_name": None,
				"reviewed_on": None,
				"comment": None,
				"lines_signature": None,
				"requested_on": now_datetime(),
				"escalated_on": None,
			}
		)
		comment = comment.strip()
		self.add_comment(
			"Comment", _("{0} review reopened (was {1}): {2}").format(_(row.review_kind), _(was), comment)
		)
		self.flags.sd_review_step = True
		self.save(ignore_permissions=True)
		user = frappe.session.user
		notify_users(
			[salesperson_user(self)],
			self,
			lambda: _("Bid {0}: the {1} review was reopened by {2}: {3}").format(
				self.name, _(row.review_kind), get_fullname(user), comment
			),
		)
		notify_reviewers(self, [row.review_kind], exclude=(user,))

	def confirm_costs(self, costs: list):
		"""Purchasing's figures per line: supplier, cost per unit, lead time; the line is marked confirmed."""
		by_row = {row.name: row for row in self.lines}
		for entry in costs:
			row = by_row.get(entry.get("row"))
			if not row:
				continue
			for field in ("supplier", "supplier_cost", "lead_time_days"):
				if entry.get(field) not in (None, ""):
					row.set(field, entry[field])
			row.cost_confirmed = 1

	# Outcome
	# -------

	def set_outcome(
		self, outcome: str, sales_order=None, competitor=None, winning_price=None, lost_reason=None
	):
		problem = outcome_problem(
			status=self.status, outcome=outcome, sales_order=sales_order, lost_reason=lost_reason
		)
		if outcome not in (WON, LOST, WITHDRAWN):
			frappe.throw(_("Choose won, lost or withdrawn."), title=_("Invalid Outcome"))
		if problem:
			refuse(problem)
		if outcome == WON:
			order = frappe.db.get_value("Sales Order", sales_order, ["docstatus", "customer"], as_dict=True)
			if not order or order.docstatus != 1 or (self.customer and order.customer != self.customer):
				frappe.throw(
					_("{0} is not a submitted sales order of {1}.").format(
						sales_order, self.customer_name or self.customer or ""
					),
					title=_("Invalid Outcome"),
				)
		self.update(
			{
				"outcome": outcome,
				"outcome_on": frappe.utils.nowdate(),
				"sales_order": sales_order if outcome == WON else None,
				"competitor": competitor if outcome == LOST else None,
				"winning_price": flt(winning_price) if outcome == LOST and winning_price else None,
				"lost_reason": lost_reason if outcome == LOST else None,
			}
		)
		self.flags.sd_review_step = True
		self.save(ignore_permissions=True)  # the caller checked write permission on the bid
		self.update_opportunity()
		if outcome == WON:
			self.announce_win()

	def announce_win(self):
		"""喜报: a bid won goes to the department's groups whose robots receive won bids, @mentioning its
		salesperson."""

		def message() -> RobotText:
			amount = fmt_money(self.total_amount, currency=self.currency)
			return RobotText(
				_("Good news: {0} won the bid {1}").format(self.sales_person, self.title or self.name),
				(
					desk_line(
						self.doctype,
						self.name,
						" · ".join(filter(None, (self.customer_name or self.customer, amount))),
					),
				),
			)

		tell(WON_BID, self, message, mention_users=[salesperson_user(self)])

	def update_opportunity(self):
		"""The opportunity's status follows the outcome: won converted, lost lost (with the reason and the
		competitor), withdrawn closed."""
		if not self.opportunity:
			return
		opportunity = frappe.get_doc("Opportunity", self.opportunity)
		if self.outcome == LOST:
			opportunity.declare_enquiry_lost(
				[{"lost_reason": self.lost_reason}],
				[{"competitor": self.competitor}] if self.competitor else [],
				_("Bid {0} lost").format(self.name),
			)
		else:
			opportunity.db_set("status", "Converted" if self.outcome == WON else "Closed")


@frappe.whitelist()
def take_workflow_action(
	name: str, action: str, comment: str | None = None, state: str | None = None
) -> dict:
	"""The form's decisions, with the decider's comment, one at a time (services.decisions)."""
	return decisions.take_workflow_action("Bid Review", name, action, comment, state)


@frappe.whitelist()
def review(name: str, review: str, decision: str, comment: str | None = None, costs=None) -> dict:
	"""A department's review of bid `name`: approve it, or ask for changes with a comment; purchasing may
	confirm each line's supplier, cost and lead time with it (`costs`: [{row, supplier, supplier_cost,
	lead_time_days}]). One decision per review: the bid's row is locked while it is given, and a review
	decided meanwhile (or before) is refused as already decided; it changes only through `reopen_review`."""
	if decision not in (REVIEW_APPROVED, CHANGES_REQUESTED):
		frappe.throw(_("A review approves or asks for changes."), title=_("Invalid Review"))
	bid, as_stored = locked_bid(name, review)
	bid.give_review(review, decision, comment, frappe.parse_json(costs) if costs else None, as_stored)
	return {"status": decision, "open": open_reviews(reviews_of(bid), signature(bid_lines(bid)))}


@frappe.whitelist()
def reopen_review(name: str, review: str, comment: str) -> dict:
	"""Reopen a decided review of bid `name` (approved, or changes requested) so that it is given again: by a
	holder of the review's role or the sales manager, with a comment saying why, while the bid is in review.
	The timeline keeps it; the salesperson and the review's role are told."""
	bid, as_stored = locked_bid(name, review)
	bid.reopen(review, comment, as_stored)
	return {"status": REVIEW_PENDING, "open": open_reviews(reviews_of(bid), signature(bid_lines(bid)))}


def locked_bid(name: str, review: str):
	"""The bid, readable by the user, with its row locked, and the review's row as stored now ({status,
	reviewer, reviewer_name, reviewed_on}). The locking reads see what a request that decided meanwhile
	committed, whatever this request's snapshot holds; a bid changed otherwise since the snapshot is
	refused (reload and try again) rather than saved over."""
	frappe.has_permission("Bid Review", "read", name, throw=True)
	try:
		modified, as_stored = lock_bid_and_review(name, review)
	except frappe.QueryDeadlockError:
		# MariaDB 11.6+ (snapshot isolation) refuses to lock a row changed since this request's first read,
		# and rolls the request's transaction back: locked again, in a new transaction, the rows are read as
		# committed meanwhile (as MariaDB before 11.6 reads them at once), so a review decided meanwhile is
		# refused as such, saying by whom
		try:
			modified, as_stored = lock_bid_and_review(name, review)
		except frappe.QueryDeadlockError:
			modified = as_stored = None
	bid = frappe.get_doc("Bid Review", name)
	bid.check_permission("read")
	bid.review_row(review)
	if as_stored is None or str(modified) != str(bid.modified):
		if as_stored and as_stored.status != (bid.review_row(review).status or REVIEW_PENDING):
			return bid, as_stored  # decided meanwhile: the review's own check says so
		frappe.throw(
			_("Bid {0} changed meanwhile: reload it and review again.").format(name),
			title=_("Already Decided"),
		)
	return bid, as_stored


def lock_bid_and_review(name: str, review: str) -> tuple:
	"""The bid's `modified` and its review row ({status, reviewer, reviewer_name, reviewed_on}), both rows
	locked until this transaction ends."""
	modified = frappe.db.get_value("Bid Review", name, "modified", for_update=True)
	as_stored = frappe.db.get_value(
		"Bid Review Check",
		{"name": review, "parent": name, "parenttype": "Bid Review"},
		["status", "reviewer", "reviewer_name", "reviewed_on"],
		as_dict=True,
		for_update=True,
	)
	return modified, as_stored


@frappe.whitelist()
def record_outcome(
	name: str,
	outcome: str,
	sales_order: str | None = None,
	competitor: str | None = None,
	winning_price: float | None = None,
	lost_reason: str | None = None,
) -> str:
	"""Won (with its sales order), lost (with a reason, the competitor and the winning price if known) or
	withdrawn: by whoever may edit the bid."""
	bid = frappe.get_doc("Bid Review", name)
	bid.check_permission("write")
	bid.set_outcome(outcome, sales_order, competitor, winning_price, lost_reason)
	return bid.outcome


@frappe.whitelist()
def make_quotation(name: str):
	"""A new Quotation (not saved) from an approved bid, as ERPNext's own "Create Quotation" of an Opportunity
	makes one: customer or lead, the bid's items with their quantities, units and approved rates, every
	other field filled by ERPNext (item name, description, stock unit and conversion factor, list rate,
	default taxes, totals), the salesperson, the opportunity and the link back to the bid. Pricing rules
	are ignored: the bid's final approval set the rates. The desk opens it as a mapped document (ERPNext
	then leaves its rates and taxes alone until the user changes something)."""
	from erpnext.controllers.accounts_controller import get_default_taxes_and_charges

	bid = frappe.get_doc("Bid Review", name)
	bid.check_permission("read")
	frappe.has_permission("Quotation", "create", throw=True)
	if bid.status != APPROVED:
		refuse(NOT_APPROVED)
	missing = [row.idx for row in bid.lines if not row.item_code]
	if missing:
		frappe.throw(
			_(
				"Rows {0} describe items not in the catalogue: create the items and put them on the bid first."
			).format(", ".join(map(str, missing))),
			title=_("Items Missing"),
		)
	party = party_terms(bid.company, bid.customer, bid.lead)
	quotation = frappe.new_doc("Quotation")
	quotation.update(
		{
			"quotation_to": "Customer" if bid.customer else "Lead",
			"party_name": bid.customer or bid.lead,
			"company": bid.company,
			"currency": bid.currency,
			"conversion_rate": bid.conversion_rate,
			"selling_price_list": bid.selling_price_list,
			# printed in the party's language, as ERPNext's form sets it on choosing the party (a new document
			# of Frappe 16 starts with the system's language, which ERPNext's mapping then keeps)
			"language": party.language or quotation.language,
			"ignore_pricing_rule": 1,
			"opportunity": bid.opportunity,
			"sd_sales_person": bid.sales_person,
			"sd_bid_review": bid.name,
			"valid_till": frappe.utils.getdate(bid.submission_deadline) if bid.submission_deadline else None,
			"items": [bid_line_as_item(row) for row in bid.lines],
		}
	)
	taxes = get_default_taxes_and_charges("Sales Taxes and Charges Template", company=quotation.company)
	if taxes.get("taxes"):
		quotation.update(taxes)
	quotation.run_method("set_missing_values")
	for item, row in zip(quotation.items, bid.lines, strict=True):
		item.update(bid_line_as_item(row, keep_description=item.description))
		item.update({"discount_percentage": 0, "margin_type": None, "margin_rate_or_amount": 0})
	quotation.run_method("calculate_taxes_and_totals")
	quotation.set_onload("load_after_mapping", True)
	return quotation


def bid_line_as_item(row, keep_description: str | None = None) -> dict:
	"""What a bid's line sets on its quotation item: the item, quantity, unit (the item's own when the bid
	names none) and approved rate; its description when the bid gives one."""
	values = {"item_code": row.item_code, "qty": row.qty, "rate": row.rate}
	if row.uom:
		values["uom"] = row.uom
	description = (row.description or "").strip()
	values["description"] = description or keep_description
	return values


@frappe.whitelist()
def make_from_opportunity(opportunity: str):
	"""A new Bid Review (not saved) for an Opportunity: its party, currency, salesperson and items, and the
	party's price list."""
	source = frappe.get_doc("Opportunity", opportunity)
	source.check_permission("read")
	frappe.has_permission("Bid Review", "create", throw=True)
	bid = frappe.new_doc("Bid Review")
	customer = source.party_name if source.opportunity_from == "Customer" else None
	lead = source.party_name if source.opportunity_from == "Lead" else None
	bid.update(
		{
			"opportunity": source.name,
			"customer": customer,
			"lead": lead,
			"company": source.company,
			"currency": source.currency,
			"selling_price_list": party_terms(source.company, customer, lead).selling_price_list,
			"sales_person": source.get("sd_sales_person"),
			"title": source.title or source.party_name,
			"lines": [
				{
					"item_code": row.item_code,
					"description": None,
					"qty": row.qty,
					"uom": row.uom,
					"rate": row.rate,
				}
				for row in source.items
			],
		}
	)
	return bid


def on_quotation_submit(doc, method=None):
	"""A quotation made from a bid is remembered on it (its outcome follows from there)."""
	if doc.get("sd_bid_review"):
		frappe.db.set_value("Bid Review", doc.sd_bid_review, "quotation", doc.name, update_modified=False)
