# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.query_builder import Interval
from frappe.query_builder.functions import Now

from sales_dept.services.robots import GIVEN_UP, MERGED, MESSAGE, SENT


class RobotMessage(Document):
	"""One message of a group robot's outbox (see sales_dept.services.robot_delivery)."""

	@staticmethod
	def clear_old_logs(days=30):
		"""Frappe's Log Settings: messages sent, merged or given up more than `days` ago (never one still
		waiting)."""
		table = frappe.qb.DocType(MESSAGE)
		frappe.db.delete(
			table,
			filters=(table.modified < (Now() - Interval(days=days)))
			& table.status.isin([SENT, MERGED, GIVEN_UP]),
		)


def on_doctype_update():
	"""The delivery job's questions: each robot's next waiting message, and what a robot sent in the last
	minute."""
	frappe.db.add_index(MESSAGE, ["status", "robot"])
	frappe.db.add_index(MESSAGE, ["robot", "last_attempt_at"])
