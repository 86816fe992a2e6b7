"""Two decisions on the same document at the same moment: exactly one wins, the other is told that the
document was decided meanwhile and writes nothing (rulebook R9 price exceptions, R23-R25 visit plans).

Each decision is a real request to the app, in its own thread, database connection and test client,
released together. The winner's notification is slowed down (inside its transaction, after it locked
the row) so that the other request certainly arrives while the first one is still deciding.

These requests commit, so this class commits its fixtures and leaves its documents on the test site."""

import json
import threading
import time
from unittest.mock import patch

import frappe
from frappe.tests.test_api import FrappeAPITestCase, ThreadWithReturnValue, get_test_client
from frappe.utils import add_days, getdate

from sales_dept.sales_dept.doctype.price_exception_request.price_exception_request import make_from_document
from sales_dept.setup.workflows import make_price_exception_workflow
from sales_dept.tests.factories import (
	api_token_header,
	make_customer,
	make_motor_policy,
	make_motor_quotation,
	make_sales_org,
)
from sales_dept.tests.visit_factories import APPROVE, PENDING, RETURN, find_visit_plan, make_visit_plan

REQUEST_MODULE = "sales_dept.sales_dept.doctype.price_exception_request.price_exception_request"
PLAN_MODULE = "sales_dept.sales_dept.doctype.visit_plan.visit_plan"


def slowed(real, calls: list):
	"""`real` (notify_users), recorded in `calls` and half a second later: the transaction that calls it
	holds its row lock that long. (The notifications themselves go through the queue from these threads.)"""

	def notify(users, doc, subject, **options):
		calls.append((tuple(users), doc.name, subject))
		time.sleep(0.5)
		return real(users, doc, subject, **options)

	return notify


class TestOneDecisionWins(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()
		make_price_exception_workflow()
		cls.customer = make_customer("_Test SD Customer Zhou", "Zhou")
		cls.headers = {key: api_token_header(cls.people[key].user) for key in ("Zhou", "Li", "Wang")}
		frappe.db.commit()  # nosemgrep: the API threads read through their own connections

	def at_once(self, calls: list[tuple[str, str, dict]]) -> list:
		"""POST each (who, method, data) in its own thread and client, released together."""
		barrier = threading.Barrier(len(calls))

		def post(who, url, data):
			client = get_test_client()
			barrier.wait()
			return client.post(url, json=data, headers=self.headers[who])

		threads = [
			ThreadWithReturnValue(target=post, args=(who, self.method(method), data))
			for who, method, data in calls
		]
		for thread in threads:
			thread.start()
		responses = [thread.join() for thread in threads]
		frappe.db.commit()  # nosemgrep: our snapshot must include their commits
		return responses

	def assert_one_wins(self, responses) -> int:
		codes = sorted(response.status_code for response in responses)
		self.assertEqual(codes, [200, 417], [r.json for r in responses])
		loser = next(r for r in responses if r.status_code == 417)
		self.assertIn("was decided meanwhile", json.dumps(loser.json))
		return next(i for i, r in enumerate(responses) if r.status_code == 200)

	def test_a_leader_approving_and_the_manager_rejecting_one_request(self):
		with self.set_user(self.people["Zhou"].user):
			quotation = make_motor_quotation(5, customer=self.customer).insert()
			name = make_from_document("Quotation", quotation.name, "Competitor offer")
		frappe.db.commit()  # nosemgrep

		told = []
		with patch(
			f"{REQUEST_MODULE}.notify_users", slowed(frappe.get_attr(f"{REQUEST_MODULE}.notify_users"), told)
		):
			responses = self.at_once(
				[
					(
						"Li",
						f"{REQUEST_MODULE}.take_workflow_action",
						{"name": name, "action": "Approve", "comment": "ok"},
					),
					(
						"Wang",
						f"{REQUEST_MODULE}.take_workflow_action",
						{"name": name, "action": "Reject", "comment": "no"},
					),
				]
			)
		winner = self.assert_one_wins(responses)
		status, decided_by, comment = frappe.db.get_value(
			"Price Exception Request", name, ["status", "decided_by", "decision_comment"]
		)
		expected = [("Approved", self.people["Li"].user, "ok"), ("Rejected", self.people["Wang"].user, "no")]
		self.assertEqual((status, decided_by, comment), expected[winner])
		decisions = frappe.get_all(
			"Comment",
			{
				"reference_doctype": "Price Exception Request",
				"reference_name": name,
				"comment_type": "Comment",
			},
			pluck="content",
		)
		self.assertEqual(len(decisions), 1, decisions)
		self.assertEqual([users for users, _name, _subject in told], [(self.people["Zhou"].user,)], told)
		self.assertEqual(
			frappe.db.get_value("Quotation", quotation.name, "sd_price_exception"),
			name if status == "Approved" else None,
		)

	def test_a_leader_approving_and_the_manager_sending_back_one_plan(self):
		start = add_days(getdate(), 7 * 60 - getdate().weekday())  # a Monday far ahead, no due customers
		while find_visit_plan(self.people["Zhou"].sales_person, start):  # this site ran the test before
			start = add_days(start, 7)
		plan = make_visit_plan("Zhou", start, rows=[(self.customer, start)], submit_for_approval=True)
		self.assertEqual(plan.workflow_state, PENDING)
		frappe.db.commit()  # nosemgrep

		told = []
		with patch(
			f"{PLAN_MODULE}.notify_users", slowed(frappe.get_attr(f"{PLAN_MODULE}.notify_users"), told)
		):
			responses = self.at_once(
				[
					("Li", f"{PLAN_MODULE}.take_workflow_action", {"name": plan.name, "action": APPROVE}),
					(
						"Wang",
						f"{PLAN_MODULE}.take_workflow_action",
						{"name": plan.name, "action": RETURN, "comment": "Add the Pudong site"},
					),
				]
			)
		winner = self.assert_one_wins(responses)
		state, docstatus, comment = frappe.db.get_value(
			"Visit Plan", plan.name, ["workflow_state", "docstatus", "approver_comment"]
		)
		expected = [("Approved", 1, None), ("Sent Back", 0, "Add the Pudong site")]
		self.assertEqual((state, docstatus, comment), expected[winner])
		self.assertEqual([users for users, _name, _subject in told], [(self.people["Zhou"].user,)], told)
