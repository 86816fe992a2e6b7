# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""A penalty under a rule of the rulebook (R13: 警告, 罚款, 停职), filed by the sales manager, a team leader for
their people, or the app's daily detection (a draft, never decided by the app).

The rule's approved version proposes the action: the n-th standing offence of that rule by the same person
within the rule's rolling window gets the ladder's n-th step. The decided action may differ only with a
reason. The "Penalty Record Approval" workflow moves it on (admins may rename its states and actions); each
state sets the record's `status`, and whatever the workflow allows, the controller checks each step: the
manager approves, leadership too for a suspension, a referral or a fine above the settings' amount; nobody
decides a record about themself; only the person concerned acknowledges it or appeals (with a comment),
which sends it to leadership; a cancellation needs a reason."""

import json

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, now_datetime, nowdate

from sales_dept.rules.conduct import (
	ACKNOWLEDGED,
	APPEALED,
	APPROVED,
	CANCELLED,
	DEVIATION_WITHOUT_REASON,
	DISMISSED,
	DRAFT,
	FINE,
	FINE_ABOVE_MAX,
	FINE_NOT_POSITIVE,
	INCIDENT_IN_FUTURE,
	PENALTY_STEPS,
	PENDING_LEADERSHIP,
	REVOKED,
	SUSPENSION,
	SUSPENSION_WITHOUT_DAYS,
	UNKNOWN_ACTION,
	UPHELD,
	Proposal,
	action_problems,
	deviates,
	incident_problem,
	penalty_needs_leadership,
	propose,
)
from sales_dept.rules.robots import DECIDED, WAITING_FOR_YOU
from sales_dept.services.conduct import (
	PENALTY,
	ConductRecord,
	earlier_offences,
	fine_threshold,
	heading_of,
	in_force,
	rule_heading,
	rule_title,
	rulebook_heading,
	standing_offences,
	summary_of,
	whitelisted_decision,
)
from sales_dept.services.robots import Push
from sales_dept.services.settings import is_enabled

CONTENT_FIELDS = (
	"sales_person",
	"company",
	"conduct_rule",
	"incident_date",
	"description",
	"reference_doctype",
	"reference_name",
	"action",
	"fine_amount",
	"suspension_days",
	"deviation_reason",
)


def problem_messages() -> dict[str, str]:
	return {
		INCIDENT_IN_FUTURE: _("The incident date {0} is in the future."),
		FINE_NOT_POSITIVE: _("A fine needs an amount above zero."),
		FINE_ABOVE_MAX: _("The fine is above the largest fine rule {1} allows ({2})."),
		SUSPENSION_WITHOUT_DAYS: _("A suspension needs its number of days."),
		UNKNOWN_ACTION: _("Choose an action."),
		DEVIATION_WITHOUT_REASON: _(
			"The action differs from what the rulebook proposes ({3}): say why in “Why It Differs from the Proposal”."
		),
	}


class PenaltyRecord(ConductRecord):
	steps = PENALTY_STEPS
	incident_key_field = "incident_key"
	content_fields = CONTENT_FIELDS
	decision_fields = (
		*ConductRecord.decision_fields,
		"acknowledged_on",
		"appeal_reason",
		"appeal_decided_by",
		"appeal_decided_on",
	)

	def onload(self):
		super().onload()
		rule = in_force(self.conduct_rule) if self.conduct_rule else None
		if rule:
			self.set_onload(
				"rule",
				{
					"article": rule.content.get("article"),
					"title": rule_title(rule.content),
					"text": rule.content.get("text_zh"),
					"version_no": rule.version_no,
				},
			)
		if not self.is_new():
			# The form shows the proposal its approval will check: offences decided since the draft was saved
			# count (nothing is written by loading: the decision saves it, see take_workflow_action).
			self.set_onload("proposal_moved", self.proposal_moved())

	def validate(self):
		before = self.get_doc_before_save()
		if not before or before.status == DRAFT:
			self.validate_incident()
		self.validate_step()

	def validate_incident(self):
		"""A draft: its rule in force, the incident's date, the ladder's proposal and the decided action."""
		problem = incident_problem(getdate(self.incident_date), getdate(nowdate()))
		if problem:
			self.refuse(problem, frappe.format(self.incident_date, "Date"))
		self.check_duplicate_incident()
		rule = in_force(self.conduct_rule)
		if not rule:
			frappe.throw(
				_("Rule {0} has no version in force yet: company leadership approves it first.").format(
					heading_of(self.conduct_rule)
				),
				title=_("Rule Not in Force"),
			)
		if not rule.usable:
			frappe.throw(
				_(
					"Rule {0} is not one penalties are filed under (disabled, or not marked as breakable)."
				).format(heading_of(self.conduct_rule)),
				title=_("Rule Not Applicable"),
			)
		self.rule_version = rule.version
		self.rule_title = rulebook_heading(rule.content)
		terms = rule.terms
		proposal = self.apply_proposal(rule)
		if self.action != FINE:
			self.fine_amount = 0
		if self.action != SUSPENSION:
			self.suspension_days = 0
		for problem in action_problems(
			self.action, flt(self.fine_amount), self.suspension_days or 0, terms.max_fine
		):
			self.refuse(problem, frappe.format(terms.max_fine, "Currency"))
		if not self.action and self.status != DRAFT:
			self.refuse(UNKNOWN_ACTION)
		if (
			deviates(proposal, self.action, flt(self.fine_amount), self.suspension_days or 0)
			and not (self.deviation_reason or "").strip()
		):
			self.refuse(
				DEVIATION_WITHOUT_REASON,
				summary_of(proposal.action, proposal.fine, proposal.suspension_days),
			)
		self.needs_leadership = int(
			penalty_needs_leadership(self.action, flt(self.fine_amount), fine_threshold())
		)

	def apply_proposal(self, rule) -> Proposal:
		"""The ladder's proposal for this incident as it stands now: which standing offence (approved,
		acknowledged, upheld) of the rule by the person within its window this is, and the step it earns.
		An action that was the proposal's (not chosen apart from it with a reason) follows the proposal when
		it moves, e.g. when another penalty of the rule was approved meanwhile. Run at every save of a draft,
		at its decision and when the form loads it, so the form shows what the approval checks."""
		terms = rule.terms
		offences = standing_offences({(self.sales_person, self.conduct_rule)}).get(
			(self.sales_person, self.conduct_rule), []
		)
		proposal = propose(
			terms,
			earlier_offences(offences, getdate(self.incident_date), terms.window_days, exclude=self.name),
			getdate(self.incident_date),
		)
		saved = Proposal(
			cint(self.offence_number),
			self.proposed_action or None,
			flt(self.proposed_fine),
			cint(self.proposed_suspension_days),
		)
		follows = not self.action or (
			bool(saved.action)
			and not (self.deviation_reason or "").strip()
			and not deviates(saved, self.action, flt(self.fine_amount), self.suspension_days or 0)
		)
		self.offence_number = proposal.offence
		self.proposed_action = proposal.action
		self.proposed_fine = proposal.fine
		self.proposed_suspension_days = proposal.suspension_days
		if follows and proposal.action:
			self.action = proposal.action
			self.fine_amount = proposal.fine
			self.suspension_days = proposal.suspension_days
			self.needs_leadership = int(
				penalty_needs_leadership(proposal.action, proposal.fine, fine_threshold())
			)
		return proposal

	def proposal_moved(self) -> bool:
		"""Whether the draft's ladder proposal (or the action following it) is no longer what it says: another
		penalty of the rule by the person was decided since it was saved. Leaves the draft as it is now."""
		rule = in_force(self.conduct_rule) if self.status == DRAFT and self.docstatus == 0 else None
		if not rule or not rule.usable:
			return False
		fields = ("offence_number", "proposed_action", "action", "fine_amount", "suspension_days")
		saved = [str(self.get(field) or "") for field in fields]
		self.apply_proposal(rule)
		return saved != [str(self.get(field) or "") for field in fields]

	def cited_rule(self) -> str:
		"""The rule as users see it cited ("第十二条 按时提交销售报告和销售数据"), as the version applied says it."""
		content = (
			frappe.db.get_value("Conduct Rule Version", self.rule_version, "content")
			if self.rule_version
			else None
		)
		return (
			rule_heading(json.loads(content), self.conduct_rule) if content else heading_of(self.conduct_rule)
		)

	def refuse(self, problem: str, detail: str = ""):
		frappe.throw(
			problem_messages()[problem].format(
				frappe.format(self.incident_date, "Date"), heading_of(self.conduct_rule), detail, detail
			),
			title=_("Invalid Penalty"),
		)

	def check_duplicate_incident(self):
		"""An incident is filed once (the detection's key is unique; a copy made by hand is refused here, with
		a message rather than the database's)."""
		if not self.incident_key:
			return
		other = frappe.db.get_value(
			PENALTY, {"incident_key": self.incident_key, "name": ("!=", self.name or "")}
		)
		if other:
			frappe.throw(
				_("This incident is already filed as penalty {0}.").format(other),
				title=_("Duplicate Incident"),
			)

	def record_step(self, previous: str, comment: str):
		user, now = frappe.session.user, now_datetime()
		if self.status in (PENDING_LEADERSHIP, APPROVED):
			self.record_approval(previous, comment)
		elif self.status == DRAFT:  # sent back by leadership
			self.approved_by = self.approved_on = None
			self.decision_comment = comment
		elif self.status == DISMISSED:
			self.decision_comment = comment
		elif self.status == ACKNOWLEDGED:
			self.acknowledged_on = now
		elif self.status == APPEALED:
			self.appeal_reason = comment
		elif self.status in (UPHELD, REVOKED):
			self.appeal_decided_by, self.appeal_decided_on = user, now
			self.decision_comment = comment or self.decision_comment
		elif self.status == CANCELLED:
			self.cancel_reason = comment

	def notify_step(self, previous: str, now: str):
		if now == PENDING_LEADERSHIP:
			self.notify_leadership(
				lambda: _("Penalty {0} for {1} ({2}) waits for company leadership").format(
					self.name,
					self.employee_name,
					summary_of(self.action, flt(self.fine_amount), self.suspension_days or 0),
				),
				push=Push(WAITING_FOR_YOU, private=True),
			)
		elif now == APPROVED:
			self.notify(
				[self.person_user],
				lambda: _("A penalty was decided for you under {0}: {1}. Acknowledge it or appeal.").format(
					self.cited_rule(),
					summary_of(self.action, flt(self.fine_amount), self.suspension_days or 0),
				),
			)
			self.notify(
				[self.team_leader_user()],
				lambda: _("Penalty {0} for {1} was approved").format(self.name, self.employee_name),
				push=Push(DECIDED, private=True),
			)
		elif now == DRAFT:
			before = self.get_doc_before_save()
			self.notify(
				[before.approved_by if before else None],
				lambda: _("Leadership sent penalty {0} back: {1}").format(
					self.name, self.decision_comment or ""
				),
				push=Push(DECIDED, private=True),
			)
		elif now == APPEALED:
			self.notify_leadership(
				lambda: _("{0} appeals penalty {1}: {2}").format(
					self.employee_name, self.name, self.appeal_reason
				),
				push=Push(WAITING_FOR_YOU, private=True),
			)
		elif now in (UPHELD, REVOKED):
			self.notify(
				[self.person_user, self.approved_by],
				lambda: _("The appeal against penalty {0} was decided: {1}").format(
					self.name, _(self.status)
				),
				push=Push(DECIDED, comment=self.decision_comment, private=True),
			)
		elif now == CANCELLED:
			self.notify([self.person_user], lambda: _("Penalty {0} was cancelled").format(self.name))


@frappe.whitelist()
def take_workflow_action(
	name: str, action: str, comment: str | None = None, state: str | None = None
) -> dict:
	"""The form's decisions (approve, dismiss, acknowledge, appeal, uphold, revoke, cancel) with a comment. A
	draft whose proposal moved since it was saved is saved with it first, so that the workflow chooses the
	step (the manager alone, or leadership too) by the action the decision records, as the form showed it."""
	if is_enabled("conduct"):
		draft = frappe.get_doc(PENALTY, name)
		draft.check_permission("read")
		if draft.proposal_moved():
			draft.save()
	return whitelisted_decision(PENALTY, name, action, comment, state)
