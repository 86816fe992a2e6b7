# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""A reward for outstanding performance (rulebook R12: 加薪, 奖金; honours), proposed by the sales manager or a
team leader for their people, with the scorecard or achievement that earned it. The "Reward Record Approval"
workflow moves it on; whatever it allows, the controller checks each step: the sales manager approves,
leadership too above the settings' amount; nobody decides a reward for themself; a rejection or a
cancellation needs a reason. The person concerned sees it once approved."""

import frappe
from frappe import _
from frappe.utils import flt

from sales_dept.rules.conduct import (
	AMOUNT_NOT_POSITIVE,
	APPROVED,
	CANCELLED,
	DRAFT,
	HONOUR,
	PENDING_LEADERSHIP,
	REJECTED,
	REWARD_STEPS,
	reward_needs_leadership,
	reward_problems,
)
from sales_dept.rules.robots import DECIDED, WAITING_FOR_YOU
from sales_dept.services.conduct import REWARD, ConductRecord, reward_threshold, whitelisted_decision
from sales_dept.services.robots import Push

CONTENT_FIELDS = (
	"sales_person",
	"company",
	"reward_type",
	"amount",
	"reward_date",
	"reason",
	"achievement_doctype",
	"achievement",
)


class RewardRecord(ConductRecord):
	steps = REWARD_STEPS
	content_fields = CONTENT_FIELDS

	def validate(self):
		before = self.get_doc_before_save()
		if not before or before.status == DRAFT:
			if self.reward_type == HONOUR:
				self.amount = 0
			if AMOUNT_NOT_POSITIVE in reward_problems(self.reward_type, flt(self.amount)):
				frappe.throw(
					_("A {0} names its amount, above zero.").format(_(self.reward_type).lower()),
					title=_("Invalid Reward"),
				)
			self.needs_leadership = int(
				reward_needs_leadership(self.reward_type, flt(self.amount), reward_threshold())
			)
		self.validate_step()

	def record_step(self, previous: str, comment: str):
		if self.status in (PENDING_LEADERSHIP, APPROVED):
			self.record_approval(previous, comment)
		elif self.status == DRAFT:
			self.approved_by = self.approved_on = None
			self.decision_comment = comment
		elif self.status == REJECTED:
			self.decision_comment = comment
		elif self.status == CANCELLED:
			self.cancel_reason = comment

	def what(self) -> str:
		if self.reward_type == HONOUR:
			return _(HONOUR)
		return f"{_(self.reward_type)} {frappe.format(self.amount, 'Currency')}"

	def notify_step(self, previous: str, now: str):
		if now == PENDING_LEADERSHIP:
			self.notify_leadership(
				lambda: _("Reward {0} for {1} ({2}) waits for company leadership").format(
					self.name, self.employee_name, self.what()
				),
				push=Push(WAITING_FOR_YOU, private=True),
			)
		elif now == APPROVED:
			self.notify(
				[self.person_user],
				lambda: _("You were granted a reward: {0}").format(self.what()),
			)
			self.notify(
				[self.team_leader_user()],
				lambda: _("Reward {0} for {1} was approved").format(self.name, self.employee_name),
				push=Push(DECIDED, private=True),
			)
		elif now in (REJECTED, DRAFT):
			self.notify(
				[self.owner],
				lambda: _("Reward {0} for {1}: {2}").format(self.name, self.employee_name, _(self.status)),
				push=Push(DECIDED, comment=self.decision_comment, private=True),
			)
		elif now == CANCELLED:
			self.notify([self.person_user], lambda: _("Reward {0} was cancelled").format(self.name))


@frappe.whitelist()
def take_workflow_action(
	name: str, action: str, comment: str | None = None, state: str | None = None
) -> dict:
	"""The form's decisions (approve, reject, send back, cancel) with the decider's comment."""
	return whitelisted_decision(REWARD, name, action, comment, state)
