# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Every script report of the app runs under `frappe.read_only()`: on a site with a read replica
(`read_from_replica` in the site config) it reads from the replica, and it writes nothing.

As in Frappe's own test of replica connections, the same database stands in for the replica through a
second connection; here that connection also refuses writes, as a replica would."""

from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.sales_dept.report.bid_pipeline import bid_pipeline
from sales_dept.sales_dept.report.bid_win_loss_analysis import bid_win_loss_analysis
from sales_dept.sales_dept.report.conduct_summary import conduct_summary
from sales_dept.sales_dept.report.customer_visit_coverage import customer_visit_coverage
from sales_dept.sales_dept.report.price_exceptions import price_exceptions
from sales_dept.sales_dept.report.sales_rulebook import sales_rulebook
from sales_dept.sales_dept.report.sales_target_achievement import sales_target_achievement
from sales_dept.sales_dept.report.scorecard_ranking import scorecard_ranking
from sales_dept.sales_dept.report.visit_plan_execution import visit_plan_execution
from sales_dept.sales_dept.report.weekly_meeting_pack import weekly_meeting_pack
from sales_dept.setup.records import default_company

REPORTS = {
	"Price Exceptions": (price_exceptions.execute, {}),
	"Visit Plan Execution": (visit_plan_execution.execute, {}),
	"Customer Visit Coverage": (customer_visit_coverage.execute, {}),
	"Weekly Meeting Pack": (weekly_meeting_pack.execute, {}),
	"Bid Pipeline": (bid_pipeline.execute, {}),
	"Bid Win Loss Analysis": (bid_win_loss_analysis.execute, {}),
	"Sales Rulebook": (sales_rulebook.execute, {}),
	"Conduct Summary": (conduct_summary.execute, {}),
	"Sales Target Achievement": (sales_target_achievement.execute, {}),
	"Scorecard Ranking": (scorecard_ranking.execute, {}),
}


@contextmanager
def read_replica():
	"""A site configured with a read replica; yields the list of connections made to it (one per call of a
	function under `frappe.read_only()`), each refusing writes."""
	connections = []
	connect_replica = frappe.connect_replica

	def connect_read_only_replica():
		switched = connect_replica()
		if switched:
			frappe.local.db.sql("SET SESSION TRANSACTION READ ONLY")
			connections.append(frappe.local.db)
		return switched

	conf = {
		"read_from_replica": 1,
		"replica_host": frappe.local.conf.db_host or "127.0.0.1",
		"replica_db_port": frappe.local.conf.db_port,  # the same server stands in: its port, not the default
	}
	try:
		with (
			patch.dict(frappe.local.conf, conf),
			patch.object(frappe, "connect_replica", connect_read_only_replica),
		):
			yield connections
	finally:
		# frappe.read_only() closes the replica but leaves it on frappe.local, where the next call would
		# take it for a connection still open
		for attribute in ("replica_db", "primary_db"):
			if hasattr(frappe.local, attribute):
				delattr(frappe.local, attribute)


class TestReportsReadOnly(FrappeTestCase):
	def test_every_report_of_the_app_is_covered(self):
		reports = frappe.get_all(
			"Report", filters={"module": "Sales Dept", "report_type": "Script Report"}, pluck="name"
		)
		self.assertEqual(sorted(reports), sorted(REPORTS))

	def test_the_stand_in_replica_refuses_writes(self):
		@frappe.read_only()
		def write():
			frappe.db.sql("update `tabDefaultValue` set defvalue = defvalue limit 1")

		with read_replica() as connections, self.assertRaises(frappe.InReadOnlyMode):
			write()
		self.assertEqual(len(connections), 1)

	def test_each_report_reads_from_the_replica_and_writes_nothing(self):
		primary = frappe.local.db
		for name, (execute, filters) in REPORTS.items():
			with self.subTest(report=name), read_replica() as connections:
				columns, *_rest = execute({"company": default_company(), **filters})
				self.assertTrue(columns)
				self.assertEqual(len(connections), 1, f"{name} did not switch to the read replica")
				self.assertIsNot(connections[0], primary)
				self.assertIs(frappe.local.db, primary)  # and came back to the primary

	def test_each_number_card_of_the_workspace_reads_from_the_replica(self):
		cards = frappe.get_all("Number Card", {"module": "Sales Dept", "type": "Custom"}, pluck="method")
		self.assertEqual(len(cards), 3, cards)
		primary = frappe.local.db
		for method in cards:
			with self.subTest(card=method), read_replica() as connections:
				frappe.call(method, filters={"company": default_company()})
				self.assertEqual(len(connections), 1, f"{method} did not switch to the read replica")
				self.assertIs(frappe.local.db, primary)
