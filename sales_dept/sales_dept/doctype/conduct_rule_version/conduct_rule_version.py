# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""One version of a Conduct Rule (rulebook R14): proposed when the rule is edited, in force once company
leadership approves it, superseded by the next approved one. Kept as a document of its own rather than a
table on the rule: a table would be rewritten with every save of the rule and editable by whoever may edit
the rule, while versions are written by the app alone, decided by leadership, listed across rules for
leadership to see what waits for them, and referred to by the penalties filed under them."""

import frappe
from frappe import _
from frappe.model.document import Document


class ConductRuleVersion(Document):
	def autoname(self):
		self.name = f"{self.conduct_rule}-V{self.version_no}"

	def validate(self):
		if not self.flags.sd_version_step:
			frappe.throw(
				_(
					"Rule versions are written by the app: edit the rule, and leadership approves the new version."
				),
				frappe.PermissionError,
				title=_("Not Allowed"),
			)
