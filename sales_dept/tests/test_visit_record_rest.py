# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Checking in and out of a visit over the REST API, as the salesperson on their phone does (rulebook R25):
the check-in is saved at once, without the outcome, and dates the visit; checking out and submitting need the
outcome, refused otherwise with a message in the salesperson's language and nothing written.

Requests run in their own thread and database connection, so this class commits its fixtures and deletes
the records it made when it ends."""

from datetime import timedelta

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import getdate, now_datetime

from sales_dept.setup.records import default_company
from sales_dept.tests.factories import api_token_header, make_customer, make_sales_org

CUSTOMER = "_Test SD VR REST Zhou"


class TestCheckInOutOverREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		cls.customer = make_customer(CUSTOMER, "Zhou")
		# A Chinese salesperson's phone asks for Chinese (a token request is answered in the language asked for,
		# else the system's; the desk answers in the user's own)
		cls.headers = {**api_token_header(cls.people["Zhou"].user), "Accept-Language": "zh"}
		frappe.db.commit()  # nosemgrep: the API thread reads through its own connection

	@classmethod
	def tearDownClass(cls):
		for name in frappe.get_all("Visit Record", {"customer": cls.customer}, pluck="name"):
			frappe.db.set_value("Visit Record", name, "docstatus", 0, update_modified=False)
			frappe.delete_doc("Visit Record", name, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def stored(self, name: str) -> dict:
		frappe.db.commit()  # nosemgrep: see the API's commits
		return frappe.db.get_value(
			"Visit Record",
			name,
			["docstatus", "check_in", "check_out", "outcome", "visit_date"],
			as_dict=True,
		)

	def insert(self, **fields):
		record = {
			"sales_person": self.people["Zhou"].sales_person,
			"company": default_company(),
			"customer": self.customer,
			"purpose": "Revisit",
			**fields,
		}
		return self.post(self.resource("Visit Record"), record, headers=self.headers)

	def update(self, name: str, data: dict):
		return self.put(self.resource("Visit Record", name), data, headers=self.headers)

	def assertRefusedSaying(self, response, chinese: str):
		self.assertEqual(response.status_code, 417, response.json)
		self.assertIn(chinese, frappe.as_json(response.json, ensure_ascii=False))

	def test_a_check_in_saves_at_once_and_the_outcome_comes_with_the_check_out(self):
		check_in = (now_datetime() - timedelta(hours=1)).replace(microsecond=0)
		response = self.insert(
			visit_date=str(getdate() - timedelta(days=3)),  # the check-in's day wins
			check_in=str(check_in),
		)
		self.assertEqual(response.status_code, 200, response.json)
		name = response.json["data"]["name"]
		stored = self.stored(name)
		self.assertEqual((stored.docstatus, stored.outcome), (0, None))
		self.assertEqual((stored.check_in, getdate(stored.visit_date)), (check_in, getdate(check_in)))

		check_out = str(check_in + timedelta(minutes=40))
		self.assertRefusedSaying(self.update(name, {"check_out": check_out}), "请先填写拜访结果再签退")
		self.assertIsNone(self.stored(name).check_out)
		self.assertRefusedSaying(self.update(name, {"docstatus": 1}), "请先填写拜访结果再提交拜访记录")
		self.assertEqual(self.stored(name).docstatus, 0)

		response = self.update(name, {"check_out": check_out, "outcome": "Agreed on the spring order."})
		self.assertEqual(response.status_code, 200, response.json)
		self.assertEqual(self.update(name, {"docstatus": 1}).status_code, 200)
		self.assertEqual(
			(self.stored(name).docstatus, self.stored(name).outcome), (1, "Agreed on the spring order.")
		)

	def test_a_record_without_a_check_in_or_out_is_submitted_only_with_its_outcome(self):
		response = self.insert(
			purpose="Collection", visit_date=str(getdate() - timedelta(days=1)), docstatus=1
		)
		self.assertRefusedSaying(response, "请先填写拜访结果再提交拜访记录")
		self.assertFalse(
			frappe.db.exists("Visit Record", {"customer": self.customer, "purpose": "Collection"})
		)
