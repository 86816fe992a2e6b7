# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from sales_dept.rules import robots as rules
from sales_dept.services.robot_schedule import start_when_needed
from sales_dept.services.robots import (
	MESSAGE,
	check_can_manage,
	keyword_message,
	robot_address_problem,
	secret_message,
)


class GroupRobot(Document):
	"""A 企业微信 / 钉钉 / 飞书 group's robot. Its webhook address (which carries the robot's key) and signing
	secret are Password fields: Frappe keeps them encrypted, shows and versions them as asterisks; they are
	checked here while they still hold what the user typed, before Frappe stores them."""

	def validate(self):
		check_can_manage()
		self.keyword = (self.keyword or "").strip()
		problems = [
			self.address_problem(),
			self.secret_problem(),
			self.keyword_problem(),
			self.team_problem(),
		]
		problems = [problem for problem in problems if problem]
		if problems:
			frappe.throw("<br>".join(problems), title=_("Invalid Group Robot"))
		if self.whole_department:
			self.team = None
		if not self.managers_only:
			self.receives_draft_penalties = 0

	def on_update(self):
		start_when_needed()

	def typed(self, fieldname: str) -> str | None:
		"""What the user typed into a Password field, or None when they left the stored value as it was."""
		value = self.get(fieldname)
		if value and self.is_dummy_password(value):
			return None
		value = (value or "").strip()
		self.set(fieldname, value)
		return value

	def stored(self, fieldname: str) -> str:
		if self.is_new():
			return ""
		return self.get_password(fieldname, raise_exception=False) or ""

	def address_problem(self) -> str | None:
		address = self.typed("webhook_address")
		if address is None:
			address = self.stored("webhook_address")
		return robot_address_problem(self.platform, address)

	def secret_problem(self) -> str | None:
		secret = self.typed("signing_secret")
		if secret is None:
			secret = self.stored("signing_secret")
		reason = rules.secret_problem(self.platform, secret)
		return secret_message(self.platform, reason) if reason else None

	def keyword_problem(self) -> str | None:
		reason = rules.keyword_problem(self.platform, self.keyword)
		return keyword_message(self.platform, reason) if reason else None

	def team_problem(self) -> str | None:
		if self.whole_department:
			return None
		if not self.team:
			return _("Choose the team this robot serves, or tick Serves the Whole Department.")
		if not frappe.db.get_value("Sales Person", self.team, "is_group"):
			return _(
				"{0} is not a group of the sales organisation: a robot serves a team (a Sales Person group) or the whole department."
			).format(frappe.bold(self.team))
		return None

	def on_trash(self):
		"""The robot's outbox goes with it (its messages could no longer be sent)."""
		check_can_manage()
		frappe.db.delete(MESSAGE, {"robot": self.name})
