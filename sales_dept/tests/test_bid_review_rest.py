"""Bid review over the REST API (rulebook R27-R30): the same rules whatever the client. Supplier costs are
hidden from salespeople when the settings say so; refusals come translated and write nothing.

Requests run in their own thread and database connection, so this class commits its fixtures and leaves
the documents it creates through the API on the test site."""

import json
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.test_api import FrappeAPITestCase
from frappe.utils import add_days, now_datetime

import sales_dept.tests.test_concurrent_decisions as concurrent
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
TECH, TECH2, BUYER = "sd.tech@example.com", "sd.tech2@example.com", "sd.buyer@example.com"


class TestBidReviewOverREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()
		make_bid_review_kinds()
		make_bid_review_workflow()
		get_or_make_user(TECH, "SD Tech", ["Technical Reviewer"])
		get_or_make_user(TECH2, "SD Tech Two", ["Technical Reviewer"])
		get_or_make_user(BUYER, "SD Buyer", ["Purchase Manager"])
		cls.customer = make_customer("_Test SD Customer Zhou", "Zhou")
		users = {key: cls.people[key].user for key in ("Zhou", "Qian", "Wang")}
		users |= {"Tech": TECH, "Tech2": TECH2, "Buyer": BUYER}
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

	# Two reviewers, one review, the same moment
	# ------------------------------------------

	at_once = concurrent.TestOneDecisionWins.at_once  # two real requests, released together

	def technical_review_waiting(self) -> tuple[str, str]:
		"""A bid of Zhou's in review whose purchasing review approves it: (bid, its technical review's row)."""
		made = self.create()
		name = made.json["data"]["name"]
		frappe.db.commit()  # nosemgrep: our snapshot must include the API's commit
		with self.set_user(self.people["Zhou"].user):
			apply_workflow(frappe.get_doc("Bid Review", name), "Submit for Go/No-Go")
		with self.set_user(self.people["Wang"].user):
			apply_workflow(frappe.get_doc("Bid Review", name), "Participate")
		rows = dict(
			frappe.get_all("Bid Review Check", {"parent": name}, ["review_kind", "name"], as_list=True)
		)
		frappe.db.commit()  # nosemgrep: the API threads read through their own connections
		bought = self.call(
			"Buyer", f"{BIDS}.review", {"name": name, "review": rows["Purchasing"], "decision": "Approved"}
		)
		self.assertEqual(bought.status_code, 200, bought.json)
		frappe.db.commit()  # nosemgrep
		return name, rows["Technical"]

	def test_approve_and_ask_for_changes_at_once_leave_one_decision(self):
		name, row = self.technical_review_waiting()
		comments_before = frappe.db.count("Comment", {"reference_name": name, "comment_type": "Comment"})
		told = []
		module = "sales_dept.sales_dept.doctype.bid_review.bid_review"
		with patch(
			f"{module}.notify_users", concurrent.slowed(frappe.get_attr(f"{module}.notify_users"), told)
		):
			responses = self.at_once(
				[
					("Tech", f"{BIDS}.review", {"name": name, "review": row, "decision": "Approved"}),
					(
						"Tech2",
						f"{BIDS}.review",
						{
							"name": name,
							"review": row,
							"decision": "Changes Requested",
							"comment": "Frame 132",
						},
					),
				]
			)
		codes = [response.status_code for response in responses]
		self.assertEqual(sorted(codes), [200, 417], [r.json for r in responses])
		winner = codes.index(200)
		loser = json.dumps(responses[1 - winner].json)
		self.assertIn("Already Decided", loser)
		self.assertIn("nothing was changed", loser)
		status, reviewer, comment = frappe.db.get_value(
			"Bid Review Check", row, ["status", "reviewer", "comment"]
		)
		expected = [("Approved", TECH, None), ("Changes Requested", TECH2, "Frame 132")]
		self.assertEqual((status, reviewer, comment), expected[winner])
		self.assertEqual(
			frappe.db.count("Comment", {"reference_name": name, "comment_type": "Comment"}),
			comments_before + 1,
		)
		self.assertEqual([users for users, _name, _subject in told], [(self.people["Zhou"].user,)], told)
