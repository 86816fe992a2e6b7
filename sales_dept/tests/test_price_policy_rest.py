"""The REST path of the price policy: the same rules whatever the client, here over /api with tokens.

Requests run in their own thread and database connection, so this class commits its fixtures (the
idempotent factories' records) and leaves the documents it creates through the API on the test site.
"""

import json

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import add_days, nowdate

from sales_dept.sales_dept.doctype.price_exception_request.price_exception_request import make_from_document
from sales_dept.setup.records import get_or_make_user
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
		cls.people = people = make_sales_org()
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

	def approve(self, who: str, request: str, comment: str | None = None):
		"""`who` approves the price exception `request` over REST (the form's Approve)."""
		args = {"dt": "Price Exception Request", "dn": request, "method": "approve"}
		if comment is not None:
			args["args"] = json.dumps({"comment": comment})
		return self.call(who, "run_doc_method", args)

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

		own = self.approve("Zhou", request)
		self.assertEqual(own.status_code, 403)
		self.assertIn("You cannot decide your own price exception request", json.dumps(own.json))
		approved = self.approve("Li", request, "ok")
		self.assertEqual(approved.status_code, 200, approved.json)
		self.assertEqual(self.stored("Price Exception Request", request, "status"), "Approved")

		fresh = self.get(self.resource("Quotation", doc["name"]), headers=self.headers["Zhou"]).json["data"]
		self.assertEqual((fresh["sd_price_exception"], fresh["sd_price_exception_needed"]), (request, 0))
		submitted = self.call("Zhou", "frappe.client.submit", {"doc": fresh})
		self.assertEqual(submitted.status_code, 200, submitted.json)
		self.assertEqual(self.stored("Quotation", doc["name"], "docstatus"), 1)

	def motor_order(self, customer: str, discount_pct: float = 5) -> dict:
		"""A Sales Order as an integration posts it: no Sales Team (the desk would fill it from the customer)."""
		delivery = add_days(nowdate(), 7)
		return {
			"doctype": "Sales Order",
			"customer": customer,
			"delivery_date": delivery,
			"selling_price_list": PRICE_LIST,
			"items": [
				{"item_code": MOTOR, "qty": 2, "discount_percentage": discount_pct, "delivery_date": delivery}
			],
		}

	def test_a_price_exception_on_an_order_posted_without_a_sales_team_is_the_team_leaders(self):
		created = self.call("Zhou", "frappe.client.insert", {"doc": self.motor_order(self.customer)})
		self.assertEqual(created.status_code, 200, created.json)
		order = created.json["message"]
		self.assertEqual((order["sales_team"], order["sd_price_exception_needed"]), ([], 1))
		requested = self.call(
			"Zhou",
			REQUEST_FACTORY,
			{"doctype": "Sales Order", "name": order["name"], "reason": "Tender price"},
		)
		self.assertEqual(requested.status_code, 200, requested.json)
		request = requested.json["message"]
		self.assertEqual(
			self.stored("Price Exception Request", request, "sales_person"), self.people["Zhou"].sales_person
		)  # the customer's Sales Team, as on a quotation
		self.assertEqual(
			frappe.db.get_value("Price Exception Request", request, "waits_for"), self.people["Li"].user
		)
		approved = self.approve("Li", request, "Tender: ok")
		self.assertEqual(approved.status_code, 200, approved.json)
		self.assertEqual(self.stored("Price Exception Request", request, "status"), "Approved")
		self.assertEqual(self.stored("Sales Order", order["name"], "sd_price_exception"), request)

	def test_a_request_naming_no_salesperson_says_so(self):
		"""An order of a customer without a Sales Team, requested by someone who is no salesperson: the team
		leader is refused in words that name no one, never "None"."""
		unowned = make_customer("_Test SD Customer Unowned", None)
		clerk = get_or_make_user("sd.clerk@example.com", "SD Clerk", ["Sales User"])  # no Sales Person
		with self.set_user(clerk):
			order = frappe.get_doc(self.motor_order(unowned)).insert()
			request = make_from_document("Sales Order", order.name, "Imported order")
		self.assertIsNone(frappe.db.get_value("Price Exception Request", request, "sales_person"))
		frappe.db.commit()  # nosemgrep
		refused = self.approve("Li", request)
		self.assertEqual(refused.status_code, 403, refused.json)
		message = json.dumps(refused.json)
		self.assertIn("names no salesperson", message)
		self.assertNotIn("None", message)
