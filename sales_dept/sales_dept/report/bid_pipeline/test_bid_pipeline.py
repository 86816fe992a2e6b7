# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Bid Pipeline on known data, looked at on Saturday 2025-03-15.

The open bids below are written straight to the database (no controller runs: the flow is irrelevant to
what the report reads of them), with the status, workflow state, reviews and dates each case needs; the
test of the whole flow (`TestPipelineAlongTheFlow`) makes its bid through the real workflow instead.

| bid | salesperson | status (workflow state)           | since | deadline     | days left | waits for             |
| P1  | Zhou        | Draft                             | 03-10 (created) | 03-20 | 5 | Salesperson             |
| P2  | Zhou        | Go/No-Go                          | 03-12 | 03-14 10:00  | -1        | Sales Manager           |
| P3  | Qian        | Go/No-Go (Leadership Go/No-Go)    | 03-14 | -            | -         | Sales Director (major)  |
| P4  | Qian        | In Review (Technical pending)     | 03-01 | 03-25        | 10        | Review: Technical       |
| P5  | Zhou        | In Review (both approved)         | 03-11 | -            | -         | Salesperson             |
| P6  | Zhou        | Sent Back                         | 03-13 | -            | -         | Salesperson             |
| P7  | Li          | Final Approval (prices need the director) | 03-14 | - | -      | Sales Director          |
| P8  | Zhou        | Final Approval                    | 03-15 | -            | -         | Sales Manager           |
An approved and a declined bid are not open and not listed.
"""

import frappe
from frappe.desk.query_report import run as run_query_report
from frappe.model.workflow import apply_workflow
from frappe.utils import get_datetime

from sales_dept.sales_dept.doctype.bid_review.test_bid_review import BOSS, BUYER, TECH, BidTestCase
from sales_dept.sales_dept.report.bid_pipeline.bid_pipeline import execute
from sales_dept.sales_dept.report.visit_plan_execution.test_visit_plan_execution import on_day
from sales_dept.services.bid_reports import bids_waiting_for_my_review
from sales_dept.setup.records import default_company
from sales_dept.tests.factories import DEPT, EAST, MOTOR, MOTOR_GROUP, PEOPLE, SOUTH

PREFIX = "_Test SDB"
TODAY = "2025-03-15"
TECHNICAL, PURCHASING = ("Technical", "Technical Reviewer"), ("Purchasing", "Purchase Manager")


def bid_name(short: str) -> str:
	return f"{PREFIX} {short}"


def clear_bids():
	"""No bid but those a test writes (each test class rolls back what it wrote)."""
	for doctype in ("Bid Review Check", "Bid Review Line", "Bid Review"):
		frappe.db.delete(doctype)


def insert_bid(
	short: str,
	person_key: str,
	status: str,
	*,
	docstatus: int = 0,
	workflow_state: str | None = None,
	status_since: str | None = None,
	creation: str = "2025-03-01 09:00:00",
	lines: tuple = ((MOTOR, MOTOR_GROUP, 1000.0),),
	conversion_rate: float = 1.0,
	reviews: tuple = (),
	**fields,
) -> str:
	"""A bid written as it is stored. `lines`: (item, item group, amount) each, at quantity 1; `reviews`:
	(kind, role, status, reviewer) each; `fields`: any other field of the bid."""
	name = bid_name(short)
	total = sum(amount for _item, _group, amount in lines)
	frappe.get_doc(
		{
			"doctype": "Bid Review",
			"name": name,
			"title": f"{short} motors",
			"kind": "Tender",
			"company": default_company(),
			"currency": frappe.get_cached_value("Company", default_company(), "default_currency"),
			"conversion_rate": conversion_rate,
			"sales_person": PEOPLE[person_key].sales_person,
			"team": PEOPLE[person_key].team,
			"status": status,
			"workflow_state": workflow_state or status,
			"status_since": status_since,
			"total_amount": total,
			"base_total_amount": total * conversion_rate,
			"docstatus": docstatus,
			"creation": creation,
			"modified": creation,
			**fields,
		}
	).db_insert()
	for idx, (item, group, amount) in enumerate(lines, 1):
		frappe.get_doc(
			{
				"doctype": "Bid Review Line",
				"name": f"{name}-L{idx}",
				"parent": name,
				"parenttype": "Bid Review",
				"parentfield": "lines",
				"idx": idx,
				"item_code": item,
				"item_group": group,
				"qty": 1,
				"rate": amount,
				"amount": amount,
				"docstatus": docstatus,
			}
		).db_insert()
	for idx, (kind, role, review_status, reviewer) in enumerate(reviews, 1):
		frappe.get_doc(
			{
				"doctype": "Bid Review Check",
				"name": f"{name}-R{idx}",
				"parent": name,
				"parenttype": "Bid Review",
				"parentfield": "reviews",
				"idx": idx,
				"review_kind": kind,
				"role": role,
				"status": review_status,
				"reviewer": reviewer,
				"docstatus": docstatus,
			}
		).db_insert()
	return name


def make_open_bids():
	insert_bid(
		"P1", "Zhou", "Draft", creation="2025-03-10 08:00:00", submission_deadline="2025-03-20 17:00:00"
	)
	insert_bid(
		"P2",
		"Zhou",
		"Go/No-Go",
		status_since="2025-03-12 10:00:00",
		submission_deadline="2025-03-14 10:00:00",
		lines=((MOTOR, MOTOR_GROUP, 2000.0),),
	)
	insert_bid(
		"P3",
		"Qian",
		"Go/No-Go",
		workflow_state="Leadership Go/No-Go",
		status_since="2025-03-14 16:00:00",
		is_major=1,
		lines=((MOTOR, MOTOR_GROUP, 600000.0),),
		kind="Inquiry",
	)
	insert_bid(
		"P4",
		"Qian",
		"In Review",
		status_since="2025-03-01 09:00:00",
		submission_deadline="2025-03-25 12:00:00",
		reviews=((*TECHNICAL, "Pending", None), (*PURCHASING, "Approved", BUYER)),
	)
	insert_bid(
		"P5",
		"Zhou",
		"In Review",
		status_since="2025-03-11 09:00:00",
		reviews=((*TECHNICAL, "Approved", TECH), (*PURCHASING, "Approved", BUYER)),
	)
	insert_bid("P6", "Zhou", "Sent Back", status_since="2025-03-13 09:00:00")
	insert_bid(
		"P7",
		"Li",
		"Final Approval",
		status_since="2025-03-14 09:00:00",
		price_approver_role="Sales Director",
	)
	insert_bid("P8", "Zhou", "Final Approval", status_since="2025-03-15 08:00:00")
	insert_bid("Approved", "Zhou", "Approved", docstatus=1, status_since="2025-03-14 09:00:00")
	insert_bid("Declined", "Qian", "Declined", docstatus=1, status_since="2025-03-14 09:00:00")


class TestBidPipeline(BidTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		clear_bids()
		make_open_bids()

	def run_report(self, **filters):
		with on_day(TODAY):
			_columns, rows, _message, chart, summary = execute({"company": default_company(), **filters})
		return {row["bid"]: row for row in rows}, chart, {s["label"]: s["value"] for s in summary}

	def shown(self, **filters) -> list[str]:
		return [name.removeprefix(f"{PREFIX} ") for name in self.run_report(**filters)[0]]

	def test_each_open_bid_with_its_days_and_who_it_waits_for(self):
		rows = self.run_report()[0]
		expected = {
			"P1": ("Draft", "Salesperson", 5, 5, "Zhou", EAST),
			"P2": ("Go/No-Go", "Sales Manager", 3, -1, "Zhou", EAST),
			"P3": ("Go/No-Go", "Sales Director", 1, None, "Qian", SOUTH),
			"P4": ("In Review", "Review: Technical", 14, 10, "Qian", SOUTH),
			"P5": ("In Review", "Salesperson", 4, None, "Zhou", EAST),
			"P6": ("Sent Back", "Salesperson", 2, None, "Zhou", EAST),
			"P7": ("Final Approval", "Sales Director", 1, None, "Li", EAST),
			"P8": ("Final Approval", "Sales Manager", 0, None, "Zhou", EAST),
		}
		self.assertEqual(set(rows), {bid_name(short) for short in expected})
		for short, (status, waits_for, days_in_status, days_left, person, team) in expected.items():
			row = rows[bid_name(short)]
			with self.subTest(bid=short):
				self.assertEqual(
					(row["status"], row["waits_for"], row["days_in_status"], row["days_left"]),
					(status, waits_for, days_in_status, days_left),
				)
				self.assertEqual((row["sales_person"], row["team"]), (PEOPLE[person].sales_person, team))
		self.assertEqual((rows[bid_name("P3")]["amount"], rows[bid_name("P3")]["is_major"]), (600000.0, 1))
		self.assertEqual(rows[bid_name("P3")]["kind"], "Inquiry")

	def test_nearest_deadline_first_and_bids_without_one_last(self):
		self.assertEqual(self.shown()[:3], ["P2", "P1", "P4"])

	def test_chart_and_summary(self):
		_rows, chart, summary = self.run_report()
		self.assertEqual(
			chart["data"]["labels"], ["Draft", "Go/No-Go", "In Review", "Sent Back", "Final Approval"]
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1, 2, 2, 1, 2])
		self.assertEqual(summary["Open Bids"], 8)
		self.assertEqual(summary["Amount"], 608000.0)
		self.assertEqual((summary["Deadline within 7 Days"], summary["Deadline Passed"]), (1, 1))

	def test_filters(self):
		self.assertEqual(sorted(self.shown(status="Go/No-Go")), ["P2", "P3"])
		self.assertEqual(self.shown(kind="Inquiry"), ["P3"])
		self.assertEqual(self.shown(deadline_within_days=7), ["P1"])
		self.assertEqual(self.shown(deadline_within_days=10), ["P1", "P4"])
		self.assertEqual(self.shown(deadline_within_days=0), [])
		self.assertEqual(sorted(self.shown(team=SOUTH)), ["P3", "P4"])
		self.assertEqual(sorted(self.shown(sales_person=PEOPLE["Li"].sales_person)), ["P7"])
		self.assertEqual(self.shown(team=DEPT, sales_person=PEOPLE["Qian"].sales_person)[0], "P4")

	def test_waiting_for_my_review_or_decision(self):
		for user, expected in (
			(PEOPLE["Wang"].user, ["P2", "P8"]),
			(BOSS, ["P3", "P7"]),
			(TECH, ["P4"]),
			(BUYER, []),  # the purchasing review of P4 is given
			(PEOPLE["Zhou"].user, []),  # a salesperson's part is not a review
		):
			with self.subTest(user=user), self.set_user(user):
				self.assertEqual(sorted(self.shown(waiting_for_me=1)), expected)
				self.assertEqual(self.run_report()[2]["Waiting for Me"], len(expected))

	def test_who_sees_which_bid(self):
		zhou = ["P1", "P2", "P5", "P6", "P8"]
		for key, expected in (
			("Zhou", zhou),
			("Li", [*zhou, "P7"]),
			("Qian", ["P3", "P4"]),
			("Zhao", ["P3", "P4"]),
			("Wang", [*zhou, "P3", "P4", "P7"]),
		):
			with self.subTest(user=key), self.set_user(PEOPLE[key].user):
				self.assertEqual(sorted(self.shown()), sorted(expected))
		with self.set_user(TECH):  # a reviewer: the bids with a technical review
			self.assertEqual(sorted(self.shown()), ["P4", "P5"])

	def test_everyone_runs_it_from_the_desk(self):
		"""Through Frappe's report runner, which refuses a report whose link columns a user may not read: a
		reviewer may read neither Sales Person nor Customer, so those columns are text for them."""
		for user, expected in ((PEOPLE["Li"].user, 6), (TECH, 2)):
			with self.subTest(user=user), self.set_user(user), on_day(TODAY):
				result = run_query_report("Bid Pipeline", {"company": default_company()})
			self.assertEqual(len(result["result"]), expected)
		with self.set_user(TECH):
			types = {
				column["fieldname"]: column["fieldtype"]
				for column in execute({"company": default_company()})[0]
			}
		self.assertEqual((types["sales_person"], types["customer"], types["bid"]), ("Data", "Data", "Link"))

	def test_a_salesperson_cannot_widen_the_scope_with_filters(self):
		with self.set_user(PEOPLE["Zhou"].user):
			self.assertEqual(self.shown(sales_person=PEOPLE["Qian"].sales_person), [])
			self.assertEqual(self.shown(team=SOUTH), [])

	def test_bad_filters_are_refused(self):
		for filters, message in (
			({"status": "Approved"}, "not the status of an open bid"),
			({"deadline_within_days": -1}, "0 or more"),
			({"team": PEOPLE["Qian"].sales_person}, "is not a team"),
		):
			with self.subTest(filters=filters), self.assertRaisesRegex(frappe.ValidationError, message):
				execute({"company": default_company(), **filters})
		with self.assertRaisesRegex(frappe.ValidationError, "Choose a company"):
			execute({})


class TestPipelineAlongTheFlow(BidTestCase):
	"""A bid through the real workflow (desk path): who it waits for at each step, and the workspace's
	number card "Bids Waiting for My Review" of each person."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		clear_bids()

	def waiting(self, bid) -> str:
		rows = execute({"company": default_company()})[1]
		return next(row["waits_for"] for row in rows if row["bid"] == bid.name)

	def card(self, key: str) -> int:
		with self.as_user(key):
			return bids_waiting_for_my_review({"company": default_company()})["value"]

	def test_who_it_waits_for_along_the_flow(self):
		bid = self.hand_in(self.make_bid())
		self.assertEqual(self.waiting(bid), "Sales Manager")
		self.assertEqual([self.card(key) for key in ("Wang", TECH, "Zhou")], [1, 0, 0])
		row = next(r for r in execute({"company": default_company()})[1] if r["bid"] == bid.name)
		self.assertEqual(row["days_in_status"], 0)
		self.assertAlmostEqual(
			get_datetime(frappe.db.get_value("Bid Review", bid.name, "status_since")).timestamp(),
			get_datetime().timestamp(),
			delta=120,
		)

		self.act("Wang", bid, "Participate")
		self.assertEqual(self.waiting(bid), "Review: Technical, Purchasing")
		self.assertEqual([self.card(key) for key in ("Wang", TECH, BUYER)], [0, 1, 1])

		self.give(TECH, bid, "Technical")
		self.assertEqual(self.waiting(bid), "Review: Purchasing")
		self.assertEqual([self.card(key) for key in (TECH, BUYER)], [0, 1])

		self.give(BUYER, bid, "Purchasing")
		self.assertEqual(self.waiting(bid), "Salesperson")
		self.assertEqual(self.card(BUYER), 0)

		with self.as_user("Zhou"):
			apply_workflow(frappe.get_doc("Bid Review", bid.name), "Request Final Approval")
		self.assertEqual(self.waiting(bid), "Sales Manager")
		self.assertEqual([self.card(key) for key in ("Wang", BOSS)], [1, 0])

		self.act("Wang", bid, "Approve")
		self.assertNotIn(bid.name, {row["bid"] for row in execute({"company": default_company()})[1]})
		self.assertEqual(self.card("Wang"), 0)

	def test_the_card_opens_the_pipeline_on_the_bids_waiting_for_me(self):
		with self.as_user("Wang"):
			card = bids_waiting_for_my_review({"company": default_company()})
		self.assertEqual(card["route"], ["query-report", "Bid Pipeline"])
		self.assertEqual(card["route_options"], {"waiting_for_me": 1, "company": default_company()})
		with self.as_user("Zhou"):  # no filter from the card: every company
			self.assertEqual(bids_waiting_for_my_review()["value"], 0)
