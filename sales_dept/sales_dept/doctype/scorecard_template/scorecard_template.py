# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""How a salesperson is appraised (rulebook R2, R32, R33, R35, R40): KPI rows with their weights (totalling
100), scoring method and target, threshold bands, grade bands with their reward suggestions (without overlap
or gap), the period, and optionally a team and a feedback form. One is seeded; admins edit it or add more."""

import frappe
from frappe import _
from frappe.model.document import Document

from sales_dept.rules.scoring import MANAGER_RATED
from sales_dept.services.scorecard_templates import check_template, template_spec


class ScorecardTemplate(Document):
	def validate(self):
		for row in self.kpis:
			row.manager_rated = int(row.kpi in MANAGER_RATED)
		if self.team and not frappe.db.get_value("Sales Person", self.team, "is_group"):
			frappe.throw(
				_("{0} is not a team: choose a group Sales Person.").format(frappe.bold(self.team)),
				title=_("Invalid Team"),
			)
		check_template(template_spec(self))
