"""Penalty records over the REST API (rulebook R11, R13): the same privacy as on the desk — a peer reaches
neither a form, a list row, a link search result nor a report row of another's penalty, and the person
concerned sees their own only once decided; only the person acknowledges; refusals write nothing.

Requests run in their own thread and database connection, so this class commits its fixtures and leaves the
records it makes on the test site (under a rule of its own whose ladder gives warnings only)."""

import json

import frappe
from frappe.tests.test_api import FrappeAPITestCase

from sales_dept.setup.records import default_company
from sales_dept.tests.conduct_factories import (
	approved_penalty,
	file_penalty,
	make_conduct_people,
	make_test_rule,
)
from sales_dept.tests.factories import api_token_header

RULE = "_TSD-REST"
PENALTIES = "sales_dept.sales_dept.doctype.penalty_record.penalty_record"


class TestPenaltiesOverREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_conduct_people()
		make_test_rule(RULE, ladder=(("Written Warning", 0, 0),))
		cls.zhou_draft = file_penalty("Zhou", RULE).name
		cls.zhou_decided = approved_penalty("Zhou", RULE).name
		cls.qian_decided = approved_penalty("Qian", RULE).name
		cls.headers = {key: api_token_header(cls.people[key].user) for key in ("Zhou", "Qian", "Li", "Wang")}
		frappe.db.commit()  # nosemgrep: the API thread reads through its own connection

	def get_record(self, who: str, name: str):
		return self.get(self.resource("Penalty Record", name), headers=self.headers[who])

	def listed(self, who: str) -> set[str]:
		response = self.get(
			self.resource("Penalty Record"),
			{"filters": json.dumps([["conduct_rule", "=", RULE]]), "limit_page_length": 0},
			headers=self.headers[who],
		)
		self.assertEqual(response.status_code, 200, response.json)
		return {row["name"] for row in response.json["data"]}

	def test_forms_and_lists(self):
		self.assertEqual(self.get_record("Zhou", self.zhou_decided).status_code, 200)
		self.assertEqual(self.get_record("Zhou", self.zhou_draft).status_code, 403)
		self.assertEqual(self.get_record("Qian", self.zhou_decided).status_code, 403)
		self.assertEqual(self.get_record("Li", self.zhou_draft).status_code, 200)
		mine = {self.zhou_draft, self.zhou_decided, self.qian_decided}
		self.assertEqual(self.listed("Zhou") & mine, {self.zhou_decided})
		self.assertEqual(self.listed("Qian") & mine, {self.qian_decided})
		self.assertEqual(self.listed("Li") & mine, {self.zhou_draft, self.zhou_decided})
		self.assertEqual(self.listed("Wang") & mine, mine)

	def test_link_search_and_report(self):
		found = self.post(
			self.method("frappe.desk.search.search_link"),
			{"doctype": "Penalty Record", "txt": "", "page_length": 500},
			headers=self.headers["Qian"],
		)
		self.assertEqual(found.status_code, 200, found.json)
		names = {row["value"] for row in found.json["message"]}
		self.assertIn(self.qian_decided, names)
		self.assertNotIn(self.zhou_decided, names)
		report = self.post(
			self.method("frappe.desk.query_report.run"),
			{
				"report_name": "Conduct Summary",
				"filters": json.dumps({"company": default_company(), "conduct_rule": RULE}),
			},
			headers=self.headers["Qian"],
		)
		self.assertEqual(report.status_code, 200, report.json)
		groups = {row.get("group") for row in report.json["message"]["result"] if isinstance(row, dict)}
		self.assertEqual(groups, {self.people["Qian"].sales_person})

	def test_refusals_write_nothing(self):
		acknowledged_by_peer = self.post(
			self.method(f"{PENALTIES}.take_workflow_action"),
			{"name": self.zhou_decided, "action": "Acknowledge"},
			headers=self.headers["Qian"],
		)
		self.assertEqual(acknowledged_by_peer.status_code, 403)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Penalty Record", self.zhou_decided, "status"), "Approved")
		before = frappe.db.count("Penalty Record", {"conduct_rule": RULE})
		about_himself = self.post(
			self.resource("Penalty Record"),
			{
				"sales_person": self.people["Zhou"].sales_person,
				"company": default_company(),
				"conduct_rule": RULE,
				"incident_date": frappe.utils.nowdate(),
				"description": "Filed by himself",
			},
			headers=self.headers["Zhou"],
		)
		self.assertEqual(about_himself.status_code, 403)
		future = self.post(
			self.resource("Penalty Record"),
			{
				"sales_person": self.people["Zhou"].sales_person,
				"company": default_company(),
				"conduct_rule": RULE,
				"incident_date": frappe.utils.add_days(frappe.utils.nowdate(), 3),
				"description": "Not yet happened",
			},
			headers=self.headers["Wang"],
		)
		self.assertEqual(future.status_code, 417)
		self.assertIn("in the future", json.dumps(future.json))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Penalty Record", {"conduct_rule": RULE}), before)
