# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, fmt_money

from sales_dept.rules.tiers import NEGATIVE_INTERVAL, NEGATIVE_THRESHOLD, SAME_THRESHOLD, Tier, tier_problems


class CustomerTier(Document):
	def validate(self):
		others = frappe.get_all(
			"Customer Tier",
			filters={"name": ["!=", self.name or ""]},
			fields=["name", "min_net_sales", "visit_interval_days"],
		)
		problems = tier_problems(
			Tier(self.name or self.tier_name, flt(self.min_net_sales), cint(self.visit_interval_days)),
			[Tier(row.name, flt(row.min_net_sales), cint(row.visit_interval_days)) for row in others],
		)
		if problems:
			frappe.throw(
				"<br>".join(self.problem_message(problem, other) for problem, other in problems),
				title=_("Invalid Customer Tier"),
			)

	def problem_message(self, problem: str, other: str | None) -> str:
		if problem == NEGATIVE_THRESHOLD:
			return _("The minimum net sales cannot be negative.")
		if problem == NEGATIVE_INTERVAL:
			return _("The visit interval cannot be negative; 0 means visited as arranged.")
		if problem == SAME_THRESHOLD:
			return _("Tier {0} already starts at {1}: each tier needs its own minimum net sales.").format(
				frappe.bold(other), fmt_money(flt(self.min_net_sales))
			)
		return problem
