"""The REST path of the price policy: the same rules whatever the client, here over /api with tokens.

Requests run in their own thread and database connection, so this class commits its fixtures (the
idempotent factories' records) and leaves the documents it creates through the API on the test site.
"""

import json

import frappe
from frappe.tests.test_api import FrappeAPITestCase

from sales_dept.tests.factories import (
	MOTOR,
	PRICE_LIST,
	api_token_header,
	make_customer,
	make_motor_policy,
	make_sales_org,
)

REQUEST_FACTORY = (
	"sales_dept.sales_dept.doctype.price_exception_request.price_exception_request.make_from_document"
)


class TestPricePolicyOverREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		people = make_sales_org()
		make_motor_policy()
		cls.customer = make_customer("_Test SD Customer Zhou", "Zhou")
		cls.headers = {key: api_token_header(people[key].user) for key in ("Zhou", "Li")}
		frappe.db.commit()  # nosemgrep: the API thread reads through its own connection

	@staticmethod
	def stored(doctype: str, name: str, field: str):
		"""A value as the API left it: end our transaction first, so its snapshot includes their commits."""
		frappe.db.commit()  # nosemgrep
		return frappe.db.get_value(doctype, name, field)

	def call(self, who: str, method: str, data: dict):
		return self.post(self.method(method), data, headers=self.headers[who])

	def test_salesperson_beyond_allowance_is_blocked_until_the_leader_approves(self):
		quotation = {
			"doctype": "Quotation",
			"quotation_to": "Customer",
			"party_name": self.customer,
			"selling_price_list": PRICE_LIST,
			"items": [{"item_code": MOTOR, "qty": 2, "discount_percentage": 5}],
		}
		created = self.post(self.resource("Quotation"), quotation, headers=self.headers["Zhou"])
		self.assertEqual(created.status_code, 200, created.json)
		doc = created.json["data"]
		self.assertEqual(
			(doc["sd_price_exception_needed"], doc["sd_price_approver_role"]), (1, "Sales Team Leader")
		)

		refused = self.call("Zhou", "frappe.client.submit", {"doc": doc})
		self.assertEqual(refused.status_code, 417)
		self.assertIn("Price Exception Needed", json.dumps(refused.json))
		self.assertEqual(self.stored("Quotation", doc["name"], "docstatus"), 0)

		requested = self.call(
			"Zhou", REQUEST_FACTORY, {"doctype": "Quotation", "name": doc["name"], "reason": "tender"}
		)
		self.assertEqual(requested.status_code, 200, requested.json)
		request = requested.json["message"]

		own = self.call(
			"Zhou", "run_doc_method", {"dt": "Price Exception Request", "dn": request, "method": "approve"}
		)
		self.assertEqual(own.status_code, 403)
		self.assertIn("You cannot decide your own price exception request", json.dumps(own.json))
		approved = self.call(
			"Li",
			"run_doc_method",
			{
				"dt": "Price Exception Request",
				"dn": request,
				"method": "approve",
				"args": json.dumps({"comment": "ok"}),
			},
		)
		self.assertEqual(approved.status_code, 200, approved.json)
		self.assertEqual(self.stored("Price Exception Request", request, "status"), "Approved")

		fresh = self.get(self.resource("Quotation", doc["name"]), headers=self.headers["Zhou"]).json["data"]
		self.assertEqual((fresh["sd_price_exception"], fresh["sd_price_exception_needed"]), (request, 0))
		submitted = self.call("Zhou", "frappe.client.submit", {"doc": fresh})
		self.assertEqual(submitted.status_code, 200, submitted.json)
		self.assertEqual(self.stored("Quotation", doc["name"], "docstatus"), 1)
