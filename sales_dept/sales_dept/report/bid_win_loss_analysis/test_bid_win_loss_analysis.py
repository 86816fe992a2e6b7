# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Bid Win Loss Analysis on known data: bids decided from 2025-02-01 to 2025-03-31, written straight to the
database (the flow that leads to an outcome is irrelevant to the figures; `test_an_outcome_recorded_through
_the_flow` records one through the real flow instead). Amounts in company currency; lines at quantity 1.

| bid | salesperson | customer (tier) | outcome   | on    | amount             | winning | competitor | lines                |
| W1  | Zhou        | Gold            | Won       | 02-10 | 1000               |         |            | motor 600, sensor 400 |
| W2  | Zhou        | Gold            | Lost      | 02-20 | 1100               | 1000    | Rival A    | motor 500, motor 600 |
| W3  | Zhou        | Silver          | Lost      | 03-05 | 800                | -       | Rival B    | sensor 800           |
| W4  | Qian        | Silver          | Won       | 03-10 | 500 at 4.0 = 2000  |         |            | motor 300, sensor 200 |
| W5  | Qian        | (a prospect)    | Lost      | 03-12 | 1200               | 1000    | Rival A    | motor 1200           |
| W6  | Qian        | Silver          | Withdrawn | 03-15 | 300                |         |            | sensor 300           |
Not counted: W7 won on 01-15 (before the period), W8 lost but cancelled, W9 still open.

Price gaps: W2 10 %, W5 20 % (W3's winning price is unknown).
"""

import frappe
from frappe.desk.query_report import run as run_query_report
from frappe.utils import nowdate

from sales_dept.sales_dept.doctype.bid_review.bid_review import record_outcome
from sales_dept.sales_dept.doctype.bid_review.test_bid_review import BUYER, TECH, BidTestCase
from sales_dept.sales_dept.report.bid_pipeline.test_bid_pipeline import PREFIX, clear_bids, insert_bid
from sales_dept.sales_dept.report.bid_win_loss_analysis.bid_win_loss_analysis import execute
from sales_dept.setup.records import (
	default_company,
	get_or_make_customer,
	get_or_make_item,
	get_or_make_item_group,
)
from sales_dept.tests.factories import EAST, MOTOR, MOTOR_GROUP, PEOPLE, SOUTH

SENSOR_GROUP, SENSOR = f"{PREFIX} Sensors", f"{PREFIX} Sensor"
GOLD, SILVER = f"{PREFIX} Gold", f"{PREFIX} Silver"
RIVAL_A, RIVAL_B = f"{PREFIX} Rival A", f"{PREFIX} Rival B"
PERIOD = {"from_date": "2025-02-01", "to_date": "2025-03-31"}
FIGURES = (
	"bids",
	"won",
	"lost",
	"withdrawn",
	"win_rate",
	"won_amount",
	"lost_amount",
	"lost_with_price",
	"average_price_gap",
)


def make_customers() -> dict[str, str]:
	for tier in (GOLD, SILVER):
		if not frappe.db.exists("Customer Tier", tier):
			frappe.get_doc(
				{"doctype": "Customer Tier", "tier_name": tier, "min_net_sales": 0, "visit_interval_days": 0}
			).db_insert()
	customers = {}
	for short, tier, key in (("Gold", GOLD, "Zhou"), ("Silver", SILVER, "Qian")):
		name = get_or_make_customer(f"{PREFIX} Customer {short}", PEOPLE[key].sales_person)
		frappe.db.set_value("Customer", name, "sd_customer_tier", tier, update_modified=False)
		customers[short] = name
	return customers


def make_decided_bids():
	get_or_make_item(SENSOR, item_group=get_or_make_item_group(SENSOR_GROUP))
	for rival in (RIVAL_A, RIVAL_B):
		if not frappe.db.exists("Competitor", rival):
			frappe.get_doc({"doctype": "Competitor", "competitor_name": rival}).insert()
	customers = make_customers()
	motor, sensor = (MOTOR, MOTOR_GROUP), (SENSOR, SENSOR_GROUP)

	def decided(short, key, outcome, on, lines, customer="Gold", docstatus=1, **fields):
		insert_bid(
			short,
			key,
			"Approved",
			docstatus=docstatus,
			outcome=outcome,
			outcome_on=on,
			customer=customers.get(customer),
			lines=tuple((*item, amount) for item, amount in lines),
			**fields,
		)

	decided("W1", "Zhou", "Won", "2025-02-10", [(motor, 600), (sensor, 400)])
	decided(  # two lines of one item group: the bid still counts once in it, its price gap once
		"W2",
		"Zhou",
		"Lost",
		"2025-02-20",
		[(motor, 500), (motor, 600)],
		competitor=RIVAL_A,
		winning_price=1000,
	)
	decided("W3", "Zhou", "Lost", "2025-03-05", [(sensor, 800)], customer="Silver", competitor=RIVAL_B)
	decided(
		"W4",
		"Qian",
		"Won",
		"2025-03-10",
		[(motor, 300), (sensor, 200)],
		customer="Silver",
		conversion_rate=4.0,
	)
	decided(
		"W5",
		"Qian",
		"Lost",
		"2025-03-12",
		[(motor, 1200)],
		customer=None,
		lead=f"{PREFIX} Lead",
		competitor=RIVAL_A,
		winning_price=1000,
	)
	decided("W6", "Qian", "Withdrawn", "2025-03-15", [(sensor, 300)], customer="Silver")
	decided("W7", "Zhou", "Won", "2025-01-15", [(motor, 5000)])
	decided("W8", "Zhou", "Lost", "2025-03-01", [(motor, 700)], docstatus=2, winning_price=100)
	insert_bid("W9", "Qian", "In Review", lines=((MOTOR, MOTOR_GROUP, 900.0),))


class TestBidWinLossAnalysis(BidTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		clear_bids()
		make_decided_bids()

	def run_report(self, group_by="Sales Person", **filters):
		filters = {"company": default_company(), "group_by": group_by, **PERIOD, **filters}
		_columns, rows, _message, chart, summary = execute(filters)
		by_group = {
			("Total" if row.get("is_total") else row["group"]): tuple(row[k] for k in FIGURES) for row in rows
		}
		return by_group, chart, {s["label"]: s["value"] for s in summary}

	def test_by_sales_person(self):
		rows, _chart, summary = self.run_report()
		self.assertEqual(
			rows,
			{
				PEOPLE["Zhou"].sales_person: (3, 1, 2, 0, 33.3, 1000.0, 1900.0, 1, 10.0),
				PEOPLE["Qian"].sales_person: (3, 1, 1, 1, 50.0, 2000.0, 1200.0, 1, 20.0),
				"Total": (6, 2, 3, 1, 40.0, 3000.0, 3100.0, 2, 15.0),
			},
		)
		self.assertEqual(
			[summary[k] for k in ("Decided Bids", "Won", "Lost", "Win Rate (%)", "Won Amount")],
			[6, 2, 3, 40.0, 3000.0],
		)
		self.assertEqual(summary["Average Price Gap (%)"], 15.0)

	def test_by_team(self):
		rows = self.run_report("Team")[0]
		self.assertEqual(rows[EAST], (3, 1, 2, 0, 33.3, 1000.0, 1900.0, 1, 10.0))
		self.assertEqual(rows[SOUTH], (3, 1, 1, 1, 50.0, 2000.0, 1200.0, 1, 20.0))
		self.assertEqual(set(rows), {EAST, SOUTH, "Total"})

	def test_by_customer_tier_a_prospect_has_none(self):
		rows = self.run_report("Customer Tier")[0]
		self.assertEqual(
			rows,
			{
				GOLD: (2, 1, 1, 0, 50.0, 1000.0, 1100.0, 1, 10.0),
				SILVER: (3, 1, 1, 1, 50.0, 2000.0, 800.0, 0, None),
				None: (1, 0, 1, 0, 0.0, 0.0, 1200.0, 1, 20.0),
				"Total": (6, 2, 3, 1, 40.0, 3000.0, 3100.0, 2, 15.0),
			},
		)

	def test_by_item_group_amounts_are_shared_out_by_line(self):
		rows = self.run_report("Item Group")[0]
		self.assertEqual(
			rows,
			{
				MOTOR_GROUP: (4, 2, 2, 0, 50.0, 1800.0, 2300.0, 2, 15.0),
				SENSOR_GROUP: (4, 2, 1, 1, 66.7, 1200.0, 800.0, 0, None),
				"Total": (6, 2, 3, 1, 40.0, 3000.0, 3100.0, 2, 15.0),  # each bid once
			},
		)

	def test_by_competitor(self):
		rows = self.run_report("Competitor")[0]
		self.assertEqual(rows[RIVAL_A], (2, 0, 2, 0, 0.0, 0.0, 2300.0, 2, 15.0))
		self.assertEqual(rows[RIVAL_B], (1, 0, 1, 0, 0.0, 0.0, 800.0, 0, None))
		self.assertEqual(rows[None], (3, 2, 0, 1, 100.0, 3000.0, 0.0, 0, None))

	def test_by_month_in_order(self):
		rows, chart, _summary = self.run_report("Month")
		self.assertEqual(list(rows), ["2025-02", "2025-03", "Total"])
		self.assertEqual(rows["2025-02"], (2, 1, 1, 0, 50.0, 1000.0, 1100.0, 1, 10.0))
		self.assertEqual(rows["2025-03"], (4, 1, 2, 1, 33.3, 2000.0, 2000.0, 1, 20.0))
		self.assertEqual(chart["data"]["labels"], ["2025-02", "2025-03"])
		datasets = {d["name"]: d["values"] for d in chart["data"]["datasets"]}
		self.assertEqual(datasets, {"Won": [1, 1], "Lost": [1, 2], "Withdrawn": [0, 1]})

	def test_filters(self):
		self.assertEqual(set(self.run_report(team=EAST)[0]), {PEOPLE["Zhou"].sales_person, "Total"})
		self.assertEqual(self.run_report(from_date="2025-03-01")[0]["Total"][:4], (4, 1, 2, 1))
		self.assertEqual(self.run_report(from_date="2025-01-01")[0]["Total"][:4], (7, 3, 3, 1))
		self.assertEqual(self.run_report(kind="Inquiry")[0], {})

	def test_who_sees_which_bids(self):
		for key, people in (
			("Zhou", {"Zhou"}),
			("Li", {"Zhou"}),
			("Qian", {"Qian"}),
			("Zhao", {"Qian"}),
			("Wang", {"Zhou", "Qian"}),
		):
			with self.subTest(user=key), self.set_user(PEOPLE[key].user):
				self.assertEqual(
					set(self.run_report()[0]) - {"Total"}, {PEOPLE[p].sales_person for p in people}
				)
		with self.set_user(PEOPLE["Zhou"].user):
			self.assertEqual(self.run_report(sales_person=PEOPLE["Qian"].sales_person)[0], {})
			self.assertEqual(self.run_report()[0]["Total"], (3, 1, 2, 0, 33.3, 1000.0, 1900.0, 1, 10.0))

	def test_a_reviewer_sees_the_bids_with_a_review_of_their_role(self):
		frappe.get_doc(
			{
				"doctype": "Bid Review Check",
				"name": f"{PREFIX} W5-tech",
				"parent": f"{PREFIX} W5",
				"parenttype": "Bid Review",
				"parentfield": "reviews",
				"review_kind": "Technical",
				"role": "Technical Reviewer",
				"status": "Approved",
				"reviewer": TECH,
				"docstatus": 1,
			}
		).db_insert()
		with self.set_user(TECH):
			self.assertEqual(self.run_report()[0]["Total"][:4], (1, 0, 1, 0))
		with self.set_user(TECH):  # through Frappe's report runner: no link column they may not read
			result = run_query_report("Bid Win Loss Analysis", {"company": default_company(), **PERIOD})
		self.assertEqual([row["group"] for row in result["result"]], [PEOPLE["Qian"].sales_person, "Total"])
		with self.set_user(BUYER):
			self.assertEqual(self.run_report()[0], {})

	def test_bad_filters_are_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "Group by one of"):
			self.run_report("Customer")
		with self.assertRaisesRegex(frappe.ValidationError, "From Date must be before To Date"):
			self.run_report(from_date="2025-04-01")

	def test_an_outcome_recorded_through_the_flow(self):
		bid = self.approved_bid()  # 10 motors at 95 and 2 gearboxes at 50: 1050
		if not frappe.db.exists("Opportunity Lost Reason", "Price"):
			frappe.get_doc({"doctype": "Opportunity Lost Reason", "lost_reason": "Price"}).insert()
		with self.as_user("Zhou"):
			record_outcome(bid.name, "Lost", competitor=RIVAL_B, winning_price=900, lost_reason="Price")
		rows = self.run_report("Competitor", from_date=nowdate(), to_date=nowdate())[0]
		self.assertEqual(rows[RIVAL_B], (1, 0, 1, 0, 0.0, 0.0, 1050.0, 1, 16.7))  # 150 above 900
