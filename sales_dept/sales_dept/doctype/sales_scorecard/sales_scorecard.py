# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""A salesperson's appraisal for a period (rulebook R2, R21, R31-R35, R40): KPIs computed from ERPNext's records
(`services.scorecard_figures`, `services.scorecard_content`), the manager's ratings, the total, grade and reward suggestion, and both sides' comments.

The "Sales Scorecard Review" workflow moves it Draft → Self Review → Manager Review → Leadership Approval →
Approved (submitted). Whatever the workflow says, entering a status is checked here (`rules.scoring.step_problem`):
one step at a time; the salesperson hands in their own self review; the manager's review (by the sales manager
role, every manager-rated row rated) and the approval (by leadership) are never of one's own scorecard. Computed
values change only by recomputing, allowed until the manager's review; from leadership approval on they are
frozen (a later invoice changes nothing). The manager's ratings (permission level 1) are given in the manager's
review; the salesperson's comment in the draft or the self review, by the salesperson."""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name
from frappe.utils import cstr, now_datetime

from sales_dept.rules.robots import DECIDED, WAITING_FOR_YOU
from sales_dept.rules.scoring import (
	APPROVED,
	CANCELLED,
	COMMENT_MISSING,
	LEADERSHIP_APPROVAL,
	MANAGER_REVIEW,
	NOT_A_MANAGER,
	NOT_A_STEP,
	NOT_AN_OVERSEER,
	NOT_LEADERSHIP,
	NOT_THE_SALESPERSON,
	OWN_SCORECARD,
	RATINGS_MISSING,
	SELF_REVIEW,
	STATUSES,
	may_recompute,
	step_problem,
)
from sales_dept.rules.scoring import DRAFT as STATUS_DRAFT
from sales_dept.services import decisions
from sales_dept.services.decisions import decision_comment
from sales_dept.services.notify import notify_role, notify_users
from sales_dept.services.org import get_org_chart
from sales_dept.services.robots import Push
from sales_dept.services.scorecard_content import COMPUTED_FIELDS, ROW_FIELDS, fill, same_values, unique_key
from sales_dept.services.scorecard_drilldown import drill_down
from sales_dept.services.scorecard_periods import period_for
from sales_dept.services.scorecard_review import reviewer_for
from sales_dept.services.scorecard_templates import TEMPLATE, load_template, reward_shown
from sales_dept.services.settings import get_settings, is_enabled
from sales_dept.services.user_names import timeline_versions
from sales_dept.services.visit_access import check_sales_person_allowed

# Row fields only a recomputation writes (the manager's rating is the one a person gives).
COMPUTED_ROW_FIELDS = tuple(f for f in ROW_FIELDS if f != "rating")


def step_messages() -> dict[str, str]:
	return {
		NOT_A_STEP: _("A scorecard moves one step at a time: it cannot go from {0} to {1}."),
		OWN_SCORECARD: _("You cannot review or approve your own scorecard."),
		NOT_THE_SALESPERSON: _("Only {2} hands in their own self review."),
		NOT_AN_OVERSEER: _(
			"Only the team leader of {2}, the sales manager or leadership release a scorecard."
		),
		NOT_A_MANAGER: _("The manager's review is given by the sales manager."),
		NOT_LEADERSHIP: _("Only company leadership approves scorecards."),
		COMMENT_MISSING: _("Sending a scorecard back needs a comment saying what to look at again."),
		RATINGS_MISSING: _("Rate every row rated by the manager first: {3}."),
	}


class SalesScorecard(Document):
	def onload(self):
		self.set_onload("actions_needing_comment", self.actions_sending_back())
		self.set_onload(
			"may_recompute", self.docstatus == 0 and may_recompute(self.status) and self.is_overseen()
		)
		self.set_onload("sd_shown_values", {"reward_suggestion": self.rewards_shown()})

	def rewards_shown(self) -> dict[str, str]:
		"""{stored: shown} of the reward suggestion now and in the versions the timeline shows: stored in source
		words, shown in the reader's language (by the form, and its timeline through `sales_dept.bundle.js`)."""
		stored = {self.reward_suggestion}
		for version in timeline_versions(self):
			for fieldname, before, after in json.loads(version.data or "{}").get("changed") or []:
				if fieldname == "reward_suggestion":
					stored.update((before, after))
		return {value: reward_shown(value) for value in stored if value and isinstance(value, str)}

	def actions_sending_back(self) -> list[str]:
		"""The workflow actions open from the current state that send the scorecard back a step (they ask for
		a comment), whatever an admin renamed them to."""
		name = get_workflow_name(self.doctype)
		if not name or self.status not in STATUSES:
			return []
		workflow = frappe.get_cached_doc("Workflow", name)
		status_of = {state.state: state.update_value for state in workflow.states}
		now = STATUSES.index(self.status)
		return sorted(
			{
				t.action
				for t in workflow.transitions
				if t.state == self.workflow_state
				and status_of.get(t.next_state) in STATUSES
				and STATUSES.index(status_of[t.next_state]) < now
			}
		)

	def is_overseen(self) -> bool:
		reviewer = reviewer_for(self.sales_person)
		return reviewer.oversees and not reviewer.own

	# Saving
	# ------

	def before_validate(self):
		if self.is_new() and not self.status:
			self.status = STATUS_DRAFT

	def validate(self):
		before = self.get_doc_before_save()
		if self.is_new():
			self.validate_new()
		elif before.status != self.status:
			self.keep_computed(before)
			self.take_step(before)
		else:
			self.validate_edit(before)

	def validate_new(self):
		if not is_enabled("scorecards"):
			frappe.throw(
				_("Scorecards are switched off in Sales Dept Settings."), title=_("Scorecards Are Off")
			)
		check_sales_person_allowed(self)
		node = get_org_chart().nodes.get(self.sales_person)
		if not node or node.is_group:
			frappe.throw(
				_("{0} is a team: choose the salesperson.").format(self.sales_person),
				title=_("Not a Salesperson"),
			)
		if not frappe.db.get_value(TEMPLATE, self.template, "enabled"):
			frappe.throw(
				_("Scorecard Template {0} is disabled.").format(_(self.template)),
				title=_("Template Disabled"),
			)
		# one scorecard made at a time per template (the batch holds the same lock)
		frappe.db.sql(f"select name from `tab{TEMPLATE}` where name = %s for update", (self.template,))
		fill(self, recompute=True)
		if not self.user:
			frappe.throw(
				_(
					"{0} has no Employee with a User: link one on the Sales Person before appraising them."
				).format(self.sales_person),
				title=_("No User"),
			)
		self.status = STATUS_DRAFT
		self.unique_key = unique_key(self.sales_person, self.template, self.company, self.period_start)
		existing = frappe.db.get_value(
			self.doctype, {"unique_key": self.unique_key, "name": ("!=", self.name)}
		)
		if existing:
			frappe.throw(
				_("{0} already has scorecard {1} for {2} with template {3}.").format(
					self.sales_person, existing, self.period_label, _(self.template)
				),
				frappe.DuplicateEntryError,
				title=_("Scorecard Exists"),
			)

	def validate_edit(self, before):
		"""Outside a workflow step: computed values only by recomputing (until they are frozen); the manager's
		ratings only in the manager's review; the salesperson's comment only by them, before the manager's
		review; then the rows are scored again."""
		if self.flags.sd_recompute:
			if not may_recompute(before.status):
				frappe.throw(
					_("Scorecard {0} is {1}: its values are frozen.").format(self.name, _(before.status)),
					title=_("Values Frozen"),
				)
			fill(self, recompute=True)
			return
		self.keep_computed(before)
		if self.ratings_of(before) != self.ratings_of(self) or (before.manager_comment or "") != (
			self.manager_comment or ""
		):
			reviewer = reviewer_for(self.sales_person)
			if self.status != MANAGER_REVIEW:
				frappe.throw(
					_("The manager rates and comments in the manager's review ({0} is {1}).").format(
						self.name, _(self.status)
					),
					title=_("Not Allowed"),
				)
			if reviewer.own or not reviewer.manager:
				frappe.throw(
					step_messages()[OWN_SCORECARD if reviewer.own else NOT_A_MANAGER],
					frappe.PermissionError,
					title=_("Not Allowed"),
				)
			self.check_ratings()
		if (before.salesperson_comment or "") != (self.salesperson_comment or ""):
			if not reviewer_for(self.sales_person).own:
				frappe.throw(
					_("Only {0} writes their own comment.").format(self.sales_person),
					frappe.PermissionError,
					title=_("Not Allowed"),
				)
			if self.status not in (STATUS_DRAFT, SELF_REVIEW):
				frappe.throw(
					_("The salesperson's comment is written before the manager's review."),
					title=_("Not Allowed"),
				)
		if may_recompute(self.status):
			fill(self, recompute=False)

	@staticmethod
	def ratings_of(doc) -> list:
		return [(row.kpi, cstr(row.rating).strip()) for row in doc.kpis if row.manager_rated]

	def check_ratings(self):
		"""A rating is a number, not below 0; it is stored as typed, without spaces."""
		for row in self.kpis:
			if not row.manager_rated:
				row.rating = None
				continue
			row.rating = cstr(row.rating).strip() or None
			try:
				valid = row.rating is None or float(row.rating) >= 0
			except ValueError:
				valid = False
			if not valid:
				frappe.throw(
					_("Row {0}: the rating of {1} must be a number of 0 or more.").format(
						row.idx, _(row.kpi)
					),
					title=_("Invalid Rating"),
				)

	def keep_computed(self, before):
		"""Refuse a hand edit of a computed value (over REST or Data Import as on the form)."""
		changed = [f for f in COMPUTED_FIELDS if not same_values(before.get(f), self.get(f))]
		if [row.kpi for row in before.kpis] != [row.kpi for row in self.kpis]:
			changed.append("kpis")
		else:
			changed += [
				f"{row.kpi}: {f}"
				for old, row in zip(before.kpis, self.kpis, strict=True)
				for f in COMPUTED_ROW_FIELDS
				if not same_values(old.get(f), row.get(f))
			]
		if changed:
			frappe.throw(
				_(
					"Computed values come from ERPNext and are not edited by hand: recompute the scorecard instead ({0})."
				).format(", ".join(changed)),
				title=_("Not Allowed"),
			)

	# Workflow steps
	# --------------

	def take_step(self, before):
		previous, now = before.status, self.status
		comment = decision_comment(self)
		reviewer = reviewer_for(self.sales_person)
		missing = [
			_(row.kpi) for row in self.kpis if row.manager_rated and row.weight and row.rating in (None, "")
		]
		problem = step_problem(previous, now, reviewer, comment, ratings_missing=bool(missing))
		if problem:
			frappe.throw(
				step_messages()[problem].format(_(previous), _(now), self.sales_person, ", ".join(missing)),
				frappe.PermissionError
				if problem not in (NOT_A_STEP, COMMENT_MISSING, RATINGS_MISSING)
				else frappe.ValidationError,
				title=_("Not Allowed"),
			)
		user, moment = frappe.session.user, now_datetime()
		self.decision_comment = comment or None
		if now == MANAGER_REVIEW and previous == SELF_REVIEW:
			self.self_reviewed_on = moment
		if now == LEADERSHIP_APPROVAL:
			self.manager_reviewed_by, self.manager_reviewed_on = user, moment
		if now == APPROVED:
			self.approved_by, self.approved_on = user, moment
		if comment:
			self.flags.sd_step_comment = comment

	def before_submit(self):
		if self.status != APPROVED:
			frappe.throw(
				_("A scorecard is submitted by leadership's approval, not directly ({0} is {1}).").format(
					self.name, _(self.status)
				),
				title=_("Not Allowed"),
			)

	def before_update_after_submit(self):
		before = self.get_doc_before_save()
		self.keep_computed(before)
		if before and before.status != self.status:
			self.take_step(before)

	def before_cancel(self):
		"""An approved scorecard is cancelled (to be amended) by the sales manager or leadership, never by its
		salesperson, whether through the workflow or the Cancel button."""
		reviewer = reviewer_for(self.sales_person)
		if reviewer.own or not reviewer.manager:
			frappe.throw(
				step_messages()[OWN_SCORECARD if reviewer.own else NOT_A_MANAGER],
				frappe.PermissionError,
				title=_("Not Allowed"),
			)
		self.status = CANCELLED

	def on_cancel(self):
		self.db_set("unique_key", None, update_modified=False)

	def on_update(self):
		"""Frappe runs on_update on every save and on submit too (before on_submit): the steps are told here,
		once each, the approval (which submits) included."""
		self.notify_step()

	def before_print(self, settings=None):
		"""The standard print shows the template in the reader's language (the seeded one is named in English),
		through Frappe's link titles as the desk translates a translated doctype's names. (People print by name
		through `services.user_names`, hooked for our doctypes.) The reward suggestion, stored in source words,
		prints in the reader's language (the Select fields are translatable)."""
		self.reward_suggestion = reward_shown(self.reward_suggestion)
		if self.template:
			titles = self.get("__link_titles") or {}
			titles[f"{TEMPLATE}::{self.template}"] = _(self.template)
			setattr(self, "__link_titles", titles)

	def notify_step(self):
		before = self.get_doc_before_save()
		previous = before.status if before else None
		if previous == self.status or previous is None:
			return
		chart = get_org_chart()
		salesperson_user = self.user or chart.user_of(self.sales_person)
		period = self.period_label
		if self.status == SELF_REVIEW:
			notify_users(
				[salesperson_user],
				self,
				lambda: _("Your scorecard for {0} is ready for your self review").format(period),
				push=Push(WAITING_FOR_YOU),
			)
		elif self.status == MANAGER_REVIEW:
			notify_role(
				get_settings().sales_manager_role,
				self,
				lambda: _("The scorecard of {0} for {1} waits for your review").format(
					self.sales_person, period
				),
				exclude=salesperson_user,
				push=Push(WAITING_FOR_YOU),
			)
		elif self.status == LEADERSHIP_APPROVAL:
			notify_role(
				get_settings().leadership_role,
				self,
				lambda: _("The scorecard of {0} for {1} waits for leadership approval").format(
					self.sales_person, period
				),
				exclude=salesperson_user,
				push=Push(WAITING_FOR_YOU),
			)
		elif self.status == APPROVED:
			notify_users(
				[salesperson_user],
				self,
				lambda: _("Your scorecard for {0} is approved: grade {1}").format(period, self.grade or "-"),
				# the group reads that it is approved, not the grade: a salesperson's grade is theirs
				push=Push(DECIDED, line=lambda: _("Your scorecard for {0} is approved").format(period)),
			)


@frappe.whitelist()
def take_workflow_action(
	name: str, action: str, comment: str | None = None, state: str | None = None
) -> dict:
	"""The form's decisions, with the decider's comment, one at a time (services.decisions)."""
	return decisions.take_workflow_action("Sales Scorecard", name, action, comment, state)


@frappe.whitelist()
def recompute(name: str) -> dict:
	"""Read the scorecard's figures from ERPNext again (until the manager's review is done): by whoever oversees
	its salesperson."""
	frappe.db.get_value("Sales Scorecard", name, "modified", for_update=True)
	doc = frappe.get_doc("Sales Scorecard", name)
	doc.check_permission("write")
	reviewer = reviewer_for(doc.sales_person)
	if reviewer.own or not reviewer.oversees:
		frappe.throw(
			_("Only the team leader of {0}, the sales manager or leadership recompute a scorecard.").format(
				doc.sales_person
			),
			frappe.PermissionError,
			title=_("Not Allowed"),
		)
	if doc.docstatus != 0 or not may_recompute(doc.status):
		frappe.throw(
			_("Scorecard {0} is {1}: its values are frozen.").format(doc.name, _(doc.status)),
			title=_("Values Frozen"),
		)
	doc.flags.sd_recompute = True
	doc.save()
	return {"total_score": doc.total_score, "grade": doc.grade, "computed_on": str(doc.computed_on)}


@frappe.whitelist()
def sources(name: str, kpi: str) -> dict | None:
	"""Where the documents behind a KPI of the scorecard are: {route, route_options} for the desk."""
	doc = frappe.get_doc("Sales Scorecard", name)
	doc.check_permission("read")
	return drill_down(doc, kpi)


@frappe.whitelist()
def period_of(template: str, company: str, day: str) -> dict:
	"""The period a new scorecard of `template` covers for a day (the form shows it before saving)."""
	frappe.has_permission("Sales Scorecard", "read", throw=True)
	period = period_for(company, load_template(template).period_type, day)
	return {
		"start": str(period.start),
		"end": str(period.end),
		"label": period.label,
		"fiscal_year": period.fiscal_year,
	}
