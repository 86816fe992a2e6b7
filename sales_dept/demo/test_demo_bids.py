"""The demo's bids on the test site: made through the app's own bid review, by the people whose steps they
are, one in each state; a change to the bid review that the demo no longer satisfies shows here."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt, getdate

from sales_dept.demo.bid_plan import BIDS, LOST, QUOTED, WON, plan_bids, status_at
from sales_dept.demo.bids import make_bids
from sales_dept.demo.catalogue import make_catalogue
from sales_dept.demo.customers import make_customers
from sales_dept.demo.data import MANAGER, STAFF
from sales_dept.demo.org import make_org
from sales_dept.rules.bids import (
	APPROVED,
	CHANGES_REQUESTED,
	DECLINED,
	IN_REVIEW,
	REVIEW_APPROVED,
	REVIEW_PENDING,
	SENT_BACK,
)
from sales_dept.services.settings import setting
from sales_dept.setup.records import default_company

BID = "Bid Review"
FIELDS = [
	"name",
	"title",
	"status",
	"docstatus",
	"is_major",
	"customer",
	"opportunity",
	"quotation",
	"sales_order",
	"outcome",
	"competitor",
	"winning_price",
	"lost_reason",
	"go_decided_by",
	"go_reason",
	"leadership_go_by",
	"approved_by",
	"leadership_approved_by",
]


def staff_user(role_setting: str) -> str:
	return next(staff.email for staff in STAFF if staff.role_setting == role_setting)


class TestDemoBids(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		company = default_company()
		make_org(company)
		cls.accounts = make_customers(company)
		cls.price_list = make_catalogue(company)
		cls.today = getdate()
		cls.planned = {
			bid.spec.title: bid for bid in plan_bids(cls.accounts, flt(setting("major_bid_amount")))
		}
		make_bids(company, cls.accounts, cls.price_list, cls.today)
		cls.bids = {
			bid.title: bid
			for bid in frappe.get_all(
				BID, filters={"title": ["in", list(cls.planned)]}, fields=FIELDS, order_by="creation"
			)
		}

	def bid_ending(self, end: str):
		return self.bids[next(spec.title for spec in BIDS if spec.end == end)]

	def reviews(self, bid) -> dict[str, tuple]:
		return {
			row.role: (row.status, row.reviewer, row.comment)
			for row in frappe.get_all(
				"Bid Review Check", {"parent": bid.name}, ["role", "status", "reviewer", "comment"]
			)
		}

	def test_one_bid_in_each_state_by_its_salesperson_for_the_planned_customer(self):
		self.assertEqual(len(self.bids), len(BIDS))
		for title, planned in self.planned.items():
			bid = self.bids[title]
			self.assertEqual(bid.status, status_at(planned.spec.end), title)
			self.assertEqual(bid.customer, planned.customer, title)
		statuses = {bid.status for bid in self.bids.values()}
		self.assertEqual(
			statuses, {"Draft", "Go/No-Go", IN_REVIEW, SENT_BACK, "Final Approval", APPROVED, DECLINED}
		)

	def test_the_manager_decides_and_the_reviewers_review(self):
		manager = MANAGER.email
		technical, purchasing = setting("technical_reviewer_role"), setting("purchasing_reviewer_role")
		in_review = self.reviews(self.bid_ending(IN_REVIEW))
		self.assertEqual(in_review[technical][:2], (REVIEW_APPROVED, staff_user("technical_reviewer_role")))
		self.assertEqual(in_review[purchasing][:2], (REVIEW_PENDING, None))
		sent_back = self.reviews(self.bid_ending(SENT_BACK))
		self.assertEqual(
			sent_back[purchasing][:2], (CHANGES_REQUESTED, staff_user("purchasing_reviewer_role"))
		)
		self.assertTrue(sent_back[purchasing][2])
		declined = self.bid_ending(DECLINED)
		self.assertEqual((declined.docstatus, declined.go_decided_by), (1, manager))
		self.assertTrue(declined.go_reason)
		for bid in self.bids.values():
			if bid.status == APPROVED:
				self.assertEqual((bid.go_decided_by, bid.approved_by, bid.docstatus), (manager, manager, 1))

	def test_the_major_bid_went_through_leadership_twice(self):
		major = [bid for bid in self.bids.values() if bid.is_major]
		self.assertEqual([bid.title for bid in major], [spec.title for spec in BIDS if spec.major])
		leadership = staff_user("leadership_role")
		self.assertEqual(
			(major[0].status, major[0].leadership_go_by, major[0].leadership_approved_by),
			(APPROVED, leadership, leadership),
		)

	def test_quoted_won_and_lost(self):
		quoted = self.bid_ending(QUOTED)
		self.assertEqual(
			frappe.db.get_value("Quotation", quoted.quotation, ["docstatus", "sd_bid_review"]),
			(1, quoted.name),
		)
		won = self.bid_ending(WON)
		self.assertEqual(won.outcome, "Won")
		self.assertEqual(frappe.db.get_value("Sales Order", won.sales_order, "docstatus"), 1)
		self.assertEqual(frappe.db.get_value("Opportunity", won.opportunity, "status"), "Converted")
		lost = self.bid_ending(LOST)
		planned = self.planned[lost.title]
		self.assertEqual(
			(lost.outcome, lost.competitor, lost.winning_price, lost.lost_reason),
			("Lost", planned.spec.competitor, planned.winning_price, planned.spec.lost_reason),
		)
		self.assertEqual(frappe.db.get_value("Opportunity", lost.opportunity, "status"), "Lost")

	def test_the_quoted_bid_prints_as_a_tender_quotation(self):
		quoted = self.bid_ending(QUOTED)
		html = frappe.get_print("Quotation", quoted.quotation, print_format="Formal Quotation")
		self.assertIn(self.planned[quoted.title].spec.tender_number, html)

	def test_a_second_run_adds_nothing(self):
		counted = ("Bid Review", "Quotation", "Sales Order", "Opportunity", "Bid Review Check")
		before = {doctype: frappe.db.count(doctype) for doctype in counted}
		make_bids(default_company(), self.accounts, self.price_list, self.today)
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in counted}, before)
