# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""A salesperson's visit plan for a week or a month (rulebook R23-R26, R37).

It goes through the "Visit Plan Approval" workflow: Draft -> Pending Approval (submitted for approval
before the weekly meeting) -> Approved (the document is submitted and frozen) or Sent Back (with the
approver's comment) -> Pending Approval again. The controller adds what the workflow cannot say: who
may approve (the salesperson's team leader or a sales manager, never the salesperson), that a weekly
plan covers the VIP and Level 1 customers falling due, and the deadline."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import format_date, get_datetime, get_link_to_form, get_time, getdate, now_datetime

from sales_dept.rules.robots import DECIDED, WAITING_FOR_YOU
from sales_dept.rules.visits import (
	ALL_WAIVED,
	CUSTOMER_NOT_SERVED,
	DUPLICATE_ROW,
	EMPTY_PLAN,
	MONTH_NOT_FIRST,
	NEW_CUSTOMER,
	NOT_AN_APPROVER,
	NOT_THE_PLANS_SALESPERSON,
	OWN_PLAN,
	ROW_OUTSIDE_PERIOD,
	TEAM_LEADER,
	WEEK,
	WEEK_NOT_MONDAY,
	WEEKDAYS,
	approval_problem,
	hand_in_problem,
	handed_in_content,
	is_late,
	period_end,
	period_problem,
	plan_deadline,
	plan_title,
	purpose_totals,
	row_problems,
	uncovered_due_customers,
)
from sales_dept.services import decisions
from sales_dept.services.decisions import decision_comment
from sales_dept.services.notify import notify_role, notify_users
from sales_dept.services.org import get_org_chart, oversight_of, sales_person_of
from sales_dept.services.robots import Push
from sales_dept.services.settings import get_settings, is_enabled
from sales_dept.services.visit_access import (
	check_sales_person_allowed,
	reachable_sales_persons,
	set_owner_defaults,
)
from sales_dept.services.visits import (
	DueCustomer,
	due_customers,
	plan_rows,
	previous_period,
	served_customers,
)
from sales_dept.setup.workflows import APPROVED, PENDING, RETURNED, VISIT_PLAN_WORKFLOW

# Visit Plan Int fields counting the planned visits of each purpose.
PURPOSE_TOTAL_FIELDS = {
	NEW_CUSTOMER: "new_customer_visits",
	"Revisit": "revisit_visits",
	"Complaint": "complaint_visits",
	"Collection": "collection_visits",
	"Delivery / Contract": "delivery_visits",
	"Other": "other_visits",
}


class VisitPlan(Document):
	def onload(self):
		"""What the form needs: the previous period's figures as they are now (until the plan is approved),
		whether the plan waits for a decision and which actions need the approver's comment."""
		if self.docstatus == 0 and self.sales_person and self.period_type and self.period_start:
			self.set_previous_period()
		self.set_onload("awaiting_decision", self.get("workflow_state") == PENDING)
		# Adding the customers falling due is preparing the plan for handing in: offered to whoever hands it in.
		self.set_onload("may_hand_in", self.docstatus == 0 and not self.hand_in_problem())
		self.set_onload("actions_needing_comment", self.actions_leading_to(RETURNED))
		self.set_onload("all_waived", handed_in_content(plan_rows(self)) == ALL_WAIVED)

	def actions_leading_to(self, state: str) -> list[str]:
		workflow = frappe.get_cached_doc("Workflow", VISIT_PLAN_WORKFLOW)
		return sorted(
			{
				t.action
				for t in workflow.transitions
				if t.state == self.get("workflow_state") and t.next_state == state
			}
		)

	def before_validate(self):
		set_owner_defaults(self)

	def validate(self):
		if not (self.sales_person and self.period_type and self.period_start):
			return  # Frappe names the missing mandatory fields next
		check_sales_person_allowed(self)
		self.team = get_org_chart().team_of(self.sales_person) if self.sales_person else None
		self.validate_period()
		self.validate_rows()
		self.validate_unique()
		self.set_totals()
		self.set_previous_period()
		self.validate_transition()

	def before_submit(self):
		self.check_approver()
		self.check_due_customers_covered()
		self.approved_by = frappe.session.user
		self.approver_comment = decision_comment(self) or None  # this decision's, never an earlier one

	def on_update(self):
		self.notify_transition()

	# Period, rows, uniqueness
	# ------------------------

	def validate_period(self):
		start = getdate(self.period_start)
		problem = period_problem(self.period_type, start)
		if problem == WEEK_NOT_MONDAY:
			frappe.throw(
				_("A weekly plan starts on a Monday; {0} is a {1}.").format(
					format_date(start), _(WEEKDAYS[start.weekday()])
				),
				title=_("Invalid Period Start"),
			)
		if problem == MONTH_NOT_FIRST:
			frappe.throw(
				_("A monthly plan starts on the first day of a month, not on {0}.").format(
					format_date(start)
				),
				title=_("Invalid Period Start"),
			)
		self.period_end = period_end(self.period_type, start)
		self.title = plan_title(self.sales_person, self.period_type, start)
		settings = get_settings()
		self.deadline = plan_deadline(
			start, settings.meeting_weekday or "Saturday", get_time(settings.meeting_time or "09:00:00")
		)

	def validate_rows(self):
		for row in self.visits:
			if row.waived and not (row.waive_reason or "").strip():
				frappe.throw(
					_("Row {0}: say why the visit to {1} is waived.").format(row.idx, row.customer),
					title=_("Waive Reason Missing"),
				)
		rows = plan_rows(self)
		served = served_customers(self.sales_person, [row.customer for row in rows])
		messages = {
			ROW_OUTSIDE_PERIOD: _("Row {0}: {1} is planned outside the period {2} to {3}."),
			DUPLICATE_ROW: _("Row {0}: {1} is already planned on the same day."),
			CUSTOMER_NOT_SERVED: _(
				"Row {0}: {1} is not served by {2} (not in the customer's Sales Team); only new customer development may visit it."
			),
		}
		problems = row_problems(self.period_type, getdate(self.period_start), rows, served)
		if problems:
			start, end = format_date(self.period_start), format_date(self.period_end)
			lines = []
			for problem, idx, customer in problems:
				extra = (start, end) if problem == ROW_OUTSIDE_PERIOD else (self.sales_person,)
				lines.append(messages[problem].format(idx, customer, *extra))
			frappe.throw("<br>".join(lines), title=_("Invalid Visit Plan Rows"))

	def validate_unique(self):
		plan = DocType("Visit Plan")
		query = (
			frappe.qb.from_(plan)
			.select(plan.name)
			.where(
				(plan.sales_person == self.sales_person)
				& (plan.period_type == self.period_type)
				& (plan.period_start == getdate(self.period_start))
				& (plan.docstatus < 2)
			)
			.limit(1)
		)
		chain = self.amendment_chain()
		if chain:
			query = query.where(plan.name.notin(chain))
		duplicate = query.run(pluck=True)
		if duplicate:
			frappe.throw(
				_("{0} already has a plan for the {1} starting {2}: {3}.").format(
					self.sales_person,
					_(self.period_type).lower(),
					format_date(self.period_start),
					get_link_to_form("Visit Plan", duplicate[0]),
				),
				title=_("Duplicate Visit Plan"),
			)

	def amendment_chain(self) -> list[str]:
		"""This plan and the plans it amends (each one cancelled before it was amended)."""
		chain, amended_from = [self.name] if self.name and not self.is_new() else [], self.amended_from
		while amended_from and amended_from not in chain:
			chain.append(amended_from)
			amended_from = frappe.db.get_value("Visit Plan", amended_from, "amended_from")
		return chain

	def set_totals(self):
		totals = purpose_totals(plan_rows(self))
		self.planned_visits = sum(totals.values())
		for purpose, fieldname in PURPOSE_TOTAL_FIELDS.items():
			self.set(fieldname, totals.get(purpose, 0))

	def set_previous_period(self):
		"""Refreshed on every save until the plan is approved (the approval included); frozen after."""
		if self.docstatus == 2 or (self.docstatus == 1 and self.get("_action") != "submit"):
			return
		previous = previous_period(self.sales_person, self.period_type, getdate(self.period_start), getdate())
		figures = previous.figures
		self.previous_plan = previous.plan
		self.previous_planned = figures.planned
		self.previous_done = figures.done_as_planned
		self.previous_done_other_day = figures.done_other_day
		self.previous_unplanned = figures.done_unplanned
		self.previous_execution_pct = figures.execution_pct

	# Due customers
	# -------------

	@frappe.whitelist()
	def add_due_customers(self) -> int:
		"""Add a row for each of the salesperson's customers falling due in the period (overdue ones on
		the first day), unless the plan has one already. Returns how many rows were added."""
		self.check_permission("write")
		if self.docstatus != 0:
			frappe.throw(_("Only a draft plan can be changed."), title=_("Not Allowed"))
		self.check_hand_in()
		if not self.sales_person or not self.period_start:
			frappe.throw(
				_("Choose the salesperson and the period start first."), title=_("Missing Information")
			)
		self.validate_period()
		start, planned = getdate(self.period_start), {row.customer for row in self.visits}
		added = 0
		for due in due_customers(self.sales_person, self.period_end):
			if due.customer in planned:
				continue
			self.append(
				"visits",
				{
					"customer": due.customer,
					"customer_name": due.customer_name,
					"customer_tier": due.tier,
					"planned_date": max(due.due, start),
					"purpose": "Revisit",
				},
			)
			planned.add(due.customer)
			added += 1
		self.set_totals()
		return added

	def uncovered_due_customers(self) -> list[DueCustomer]:
		"""VIP / Level 1 customers (tiers with a visit interval) due in a weekly plan's period that it
		neither plans nor waives; none for monthly plans or while visit plans are switched off."""
		if self.period_type != WEEK or not is_enabled("visit_plans"):
			return []
		due = due_customers(self.sales_person, getdate(self.period_end))
		uncovered = set(uncovered_due_customers([d.customer for d in due], plan_rows(self)))
		return [d for d in due if d.customer in uncovered]

	def check_due_customers_covered(self):
		uncovered = self.uncovered_due_customers()
		if uncovered:
			frappe.throw(
				_("Plan or waive (with a reason) the visits falling due in this period first:")
				+ "<br>"
				+ "<br>".join(
					_("{0} ({1}), due {2}").format(
						d.customer_name or d.customer, _(d.tier), format_date(d.due)
					)
					for d in uncovered
				),
				title=_("Due Customers Not Planned"),
			)

	# Approval
	# --------

	def previous_state(self) -> str | None:
		previous = self.get_doc_before_save()
		return previous.get("workflow_state") if previous else None

	def validate_transition(self):
		"""Handing in, editing while pending and sending back, each by whom it belongs to. The approver's
		comment is written only by a decision (see services.decisions): nobody edits it by hand."""
		before = self.get_doc_before_save()
		if not before:
			self.approver_comment = None
			return
		previous, now = before.get("workflow_state"), self.get("workflow_state")
		self.approver_comment = before.approver_comment
		if now == PENDING and previous != PENDING:
			self.check_hand_in()
			self.check_handed_in_content()
			self.check_due_customers_covered()
			self.submitted_on, self.handed_in_by = now_datetime(), frappe.session.user
			self.is_late = int(is_late(self.submitted_on, get_datetime(self.deadline)))
		elif now == PENDING:
			self.check_approver(_("This plan waits for approval: only its approvers can change it now."))
		elif now == RETURNED and previous != RETURNED:
			self.check_approver()
			comment = decision_comment(self)
			if not comment:
				frappe.throw(
					_(
						"Sending a plan back needs the approver's comment: open the plan and use Send Back there, which asks for it."
					),
					title=_("Comment Missing"),
				)
			self.approver_comment = comment

	def check_handed_in_content(self):
		if handed_in_content(plan_rows(self)) == EMPTY_PLAN:
			frappe.throw(
				_(
					"The plan has no visits. Plan at least one, or add the customers falling due and waive them with a reason."
				),
				title=_("Empty Visit Plan"),
			)

	def hand_in_problem(self) -> str | None:
		"""Why the current user may not hand this plan in: it is the salesperson's, or of whoever filed it for
		them (made it, and may file plans for them: their team leader, a sales manager)."""
		user = frappe.session.user
		reachable = reachable_sales_persons(user)
		return hand_in_problem(
			own_plan=sales_person_of(user) == self.sales_person,
			made_plan=self.is_new() or self.owner == user,
			files_for_salesperson=reachable is None or self.sales_person in reachable,
		)

	def check_hand_in(self):
		if self.hand_in_problem() == NOT_THE_PLANS_SALESPERSON:
			frappe.throw(
				_("Only {0}, or whoever filed the plan for them, prepares and hands in this plan.").format(
					self.sales_person
				),
				frappe.PermissionError,
				title=_("Not Your Plan to Hand In"),
			)

	def approver_problem(self) -> str | None:
		"""Why the current user may not approve or return this plan: their own, or one they handed in
		themselves; otherwise they lead its salesperson (when the setting says team leaders approve) or hold
		the sales manager role."""
		user = frappe.session.user
		oversight = oversight_of(user)
		return approval_problem(
			approver=get_settings().visit_plan_approver or TEAM_LEADER,
			own_plan=sales_person_of(user) == self.sales_person or user == self.handed_in_by,
			is_sales_manager=oversight.everyone,
			leads_salesperson=self.sales_person in oversight.sales_persons,
		)

	def may_take_transition(self, transition) -> bool:
		"""What the desk offers (services.decisions): a plan is handed in by its salesperson (or whoever filed
		it for them), a plan waiting for approval is decided by its approvers."""
		if self.get("workflow_state") == PENDING:
			return not self.approver_problem()
		if transition.get("next_state") == PENDING:
			return not self.hand_in_problem()
		return True

	def check_approver(self, message: str | None = None):
		"""The current user may approve or return this plan (see approver_problem)."""
		settings = get_settings()
		problem = self.approver_problem()
		if not problem:
			return
		if message:
			pass
		elif problem == OWN_PLAN:
			message = _("You cannot approve or return your own visit plan, nor one you handed in yourself.")
		elif problem == NOT_AN_APPROVER:
			if (settings.visit_plan_approver or TEAM_LEADER) == TEAM_LEADER:
				message = _("Only the team leader of {0} or a sales manager can approve or return this plan.")
			else:
				message = _("Only a sales manager can approve or return visit plans.")
		frappe.throw(message.format(self.sales_person), frappe.PermissionError, title=_("Not Your Approval"))

	def notify_transition(self):
		before, now = self.previous_state(), self.get("workflow_state")
		if before == now or not now:
			return
		comment = decision_comment(self)
		if comment and now in (APPROVED, RETURNED):
			self.add_comment("Comment", f"{_(now)}: {comment}")  # each decision keeps its own comment
		chart = get_org_chart()
		salesperson_user = chart.user_of(self.sales_person)
		if now == PENDING:

			def subject():
				return _("The visit plan of {0} for {1} waits for your approval").format(
					self.sales_person, format_date(self.period_start)
				)

			settings = get_settings()
			leader_user = chart.user_of(chart.team_leader_of(self.sales_person))
			waiting = Push(WAITING_FOR_YOU)
			if (settings.visit_plan_approver or TEAM_LEADER) == TEAM_LEADER and leader_user:
				notify_users([leader_user], self, subject, push=waiting)
			else:
				notify_role(
					settings.sales_manager_role, self, subject, exclude=salesperson_user, push=waiting
				)
		elif now == APPROVED:
			notify_users(
				[salesperson_user],
				self,
				lambda: _("Your visit plan for {0} was approved").format(format_date(self.period_start)),
				push=Push(DECIDED),
			)
		elif now == RETURNED:
			notify_users(
				[salesperson_user],
				self,
				lambda: _("Your visit plan for {0} was returned: {1}").format(
					format_date(self.period_start), self.approver_comment or ""
				),
				push=Push(DECIDED),
			)


def set_titles():
	"""Patch: the title (salesperson and period) of the plans made before plans had one."""
	plans = frappe.get_all(
		"Visit Plan",
		filters={"title": ("is", "not set")},
		fields=["name", "sales_person", "period_type", "period_start"],
	)
	frappe.db.bulk_update(
		"Visit Plan",
		{
			plan.name: {"title": plan_title(plan.sales_person, plan.period_type, getdate(plan.period_start))}
			for plan in plans
			if plan.sales_person and plan.period_type and plan.period_start
		},
		update_modified=False,
	)


@frappe.whitelist()
def make_visit_record(plan: str, row: str):
	"""A new Visit Record (not saved) for a row of an approved plan, filled from the row."""
	plan_doc = frappe.get_doc("Visit Plan", plan)
	plan_doc.check_permission("read")
	frappe.has_permission("Visit Record", "create", throw=True)
	if plan_doc.docstatus != 1:
		frappe.throw(_("Visits are recorded against an approved plan."), title=_("Plan Not Approved"))
	plan_row = next((r for r in plan_doc.visits if r.name == row), None)
	if not plan_row:
		frappe.throw(_("Row {0} is not part of plan {1}.").format(row, plan), title=_("Unknown Row"))
	if plan_row.waived:
		frappe.throw(
			_("Row {0}: the visit to {1} was waived.").format(plan_row.idx, plan_row.customer),
			title=_("Waived Visit"),
		)
	if plan_row.done:
		frappe.throw(
			_("Row {0}: the visit to {1} is already recorded in {2}.").format(
				plan_row.idx, plan_row.customer, get_link_to_form("Visit Record", plan_row.visit_record)
			),
			title=_("Already Recorded"),
		)
	record = frappe.new_doc("Visit Record")
	record.update(
		{
			"sales_person": plan_doc.sales_person,
			"company": plan_doc.company,
			"customer": plan_row.customer,
			"customer_name": plan_row.customer_name,
			"contact": plan_row.contact,
			"purpose": plan_row.purpose,
			"visit_plan": plan_doc.name,
			"visit_plan_row": plan_row.name,
			"visit_date": getdate(),  # the day of the visit (its check-in's once checked in), not the planned day
		}
	)
	return record


@frappe.whitelist()
def take_workflow_action(
	name: str, action: str, comment: str | None = None, state: str | None = None
) -> dict:
	"""The form's decisions, with the decider's comment, one at a time (services.decisions)."""
	return decisions.take_workflow_action("Visit Plan", name, action, comment, state)
