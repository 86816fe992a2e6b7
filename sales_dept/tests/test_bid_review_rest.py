"""Bid review over the REST API (rulebook R27-R30): the same rules whatever the client. Supplier costs are
hidden from salespeople when the settings say so; refusals come translated and write nothing.

Requests run in their own thread and database connection, so this class commits its fixtures and leaves
the documents it creates through the API on the test site."""

import json

import frappe
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import add_days, now_datetime

from sales_dept.setup.install import make_bid_review_kinds
from sales_dept.setup.records import default_company, get_or_make_user
from sales_dept.setup.workflows import make_bid_review_workflow
from sales_dept.tests.factories import (
	MOTOR,
	PRICE_LIST,
	api_token_header,
	make_customer,
	make_motor_policy,
	make_sales_org,
)

BIDS = "sales_dept.sales_dept.doctype.bid_review.bid_review"
TECH = "sd.tech@example.com"


class TestBidReviewOverREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()
		make_bid_review_kinds()
		make_bid_review_workflow()
		get_or_make_user(TECH, "SD Tech", ["Technical Reviewer"])
		cls.customer = make_customer("_Test SD Customer Zhou", "Zhou")
		users = {key: cls.people[key].user for key in ("Zhou", "Qian", "Wang")} | {"Tech": TECH}
		cls.headers = {key: api_token_header(user) for key, user in users.items()}
		frappe.db.commit()  # nosemgrep: the API thread reads through its own connection

	def call(self, who: str, method: str, data: dict):
		return self.post(self.method(method), data, headers=self.headers[who])

	def create(self, who: str = "Zhou", **fields):
		data = {
			"kind": "Inquiry",
			"title": "REST motors",
			"customer": self.customer,
			"company": default_company(),
			"selling_price_list": PRICE_LIST,
			"submission_deadline": str(add_days(now_datetime(), 5)),
			"lines": [{"item_code": MOTOR, "qty": 3, "rate": 99, "supplier_cost": 60}],
			**fields,
		}
		return self.post(self.resource("Bid Review"), data, headers=self.headers[who])

	def test_refusals_over_rest_write_nothing(self):
		past = self.create(submission_deadline=str(add_days(now_datetime(), -1)))
		self.assertEqual(past.status_code, 417)
		self.assertIn("has passed already", json.dumps(past.json))
		zero = self.create(lines=[{"item_code": MOTOR, "qty": 0, "rate": 99}])
		self.assertEqual(zero.status_code, 417)

		made = self.create()
		self.assertEqual(made.status_code, 200, made.json)
		name = made.json["data"]["name"]
		self.assertEqual(
			self.get(self.resource("Bid Review", name), headers=self.headers["Qian"]).status_code, 403
		)
		handed = self.call(
			"Zhou",
			"frappe.model.workflow.apply_workflow",
			{"doc": made.json["data"], "action": "Submit for Go/No-Go"},
		)
		self.assertEqual(handed.status_code, 200, handed.json)
		own = self.call("Zhou", f"{BIDS}.take_workflow_action", {"name": name, "action": "Participate"})
		self.assertEqual(own.status_code, 403)
		ok = self.call("Wang", f"{BIDS}.take_workflow_action", {"name": name, "action": "Participate"})
		self.assertEqual(ok.status_code, 200, ok.json)
		frappe.db.commit()  # nosemgrep
		row = frappe.db.get_value("Bid Review Check", {"parent": name, "review_kind": "Technical"})
		by_salesperson = self.call(
			"Zhou", f"{BIDS}.review", {"name": name, "review": row, "decision": "Approved"}
		)
		self.assertEqual(by_salesperson.status_code, 403)
		by_reviewer = self.call(
			"Tech", f"{BIDS}.review", {"name": name, "review": row, "decision": "Approved"}
		)
		self.assertEqual(by_reviewer.status_code, 200, by_reviewer.json)
		frappe.db.commit()  # nosemgrep
		self.assertEqual(
			frappe.db.get_value("Bid Review Check", row, ["status", "reviewer"]), ("Approved", TECH)
		)

	def test_costs_hidden_from_salespeople_when_the_settings_say_so(self):
		made = self.create()
		name = made.json["data"]["name"]
		seen = self.get(self.resource("Bid Review", name), headers=self.headers["Zhou"]).json["data"]
		self.assertEqual((seen["lines"][0]["supplier_cost"], seen["total_cost"]), (60, 180))
		settings = frappe.get_doc("Sales Dept Settings")
		settings.hide_bid_costs_from_salespeople = 1
		settings.save()
		frappe.db.commit()  # nosemgrep
		try:
			hidden = self.get(self.resource("Bid Review", name), headers=self.headers["Zhou"]).json["data"]
			self.assertFalse(hidden["lines"][0].get("supplier_cost"))  # emptied by Frappe's permlevel check
			self.assertFalse(hidden.get("total_cost"))
			self.assertFalse(hidden.get("margin_pct"))
			manager = self.get(self.resource("Bid Review", name), headers=self.headers["Wang"]).json["data"]
			self.assertEqual(manager["total_cost"], 180)
		finally:
			settings.reload()
			settings.hide_bid_costs_from_salespeople = 0
			settings.save()
			frappe.db.commit()  # nosemgrep
		again = self.get(self.resource("Bid Review", name), headers=self.headers["Zhou"]).json["data"]
		self.assertEqual(again["total_cost"], 180)
