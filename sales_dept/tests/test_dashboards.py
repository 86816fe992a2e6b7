"""Connections of ERPNext forms (hooks.override_doctype_dashboards, sales_dept.overrides.dashboards): a
quotation's (or order's) price exception requests, a customer's visit records and visit plans, the bid
reviews of an opportunity, a customer and a quotation, counted as the form's Connections tab counts them."""

import frappe
from frappe.desk.notifications import _get_linked_document_counts
from frappe.tests.utils import FrappeTestCase

from sales_dept.sales_dept.report.visit_plan_execution.test_visit_plan_execution import (
	PREFIX,
	customer,
	make_report_fixtures,
)
from sales_dept.setup.records import default_company
from sales_dept.tests.factories import make_motor_policy, make_motor_quotation

REQUEST = "Price Exception Request"
BID = "Bid Review"


def insert_request(name: str, reference_doctype: str, reference_name: str):
	frappe.get_doc(
		{
			"doctype": REQUEST,
			"name": name,
			"company": default_company(),
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"status": "Pending",
			"docstatus": 1,
		}
	).db_insert()


def insert_bid(name: str, **fields):
	frappe.get_doc(
		{"doctype": BID, "name": name, "company": default_company(), "status": "Draft", **fields}
	).db_insert()


class TestConnections(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_report_fixtures()
		make_motor_policy()
		cls.quotation = make_motor_quotation(0).insert().name
		insert_request(f"{PREFIX} PER Q", "Quotation", cls.quotation)
		# a request on an order that happens to bear the quotation's name is not the quotation's
		insert_request(f"{PREFIX} PER SO", "Sales Order", cls.quotation)
		cls.opportunity = (
			frappe.get_doc(
				{
					"doctype": "Opportunity",
					"opportunity_from": "Customer",
					"party_name": customer("VIP Zhou"),
					"company": default_company(),
				}
			)
			.insert()
			.name
		)
		insert_bid(f"{PREFIX} BID O", customer=customer("VIP Zhou"), opportunity=cls.opportunity)
		insert_bid(f"{PREFIX} BID C", customer=customer("VIP Zhou"))
		insert_bid(f"{PREFIX} BID Q", customer=customer("L1 Zhou"))
		insert_bid(f"{PREFIX} BID Named", quotation=cls.quotation)  # a bid that names its quotation
		quotation = make_motor_quotation(0)
		quotation.sd_bid_review = f"{PREFIX} BID Q"
		cls.quotation_from_bid = quotation.insert().name

	def linked_counts(self, doctype: str, name: str) -> dict[str, int]:
		found = _get_linked_document_counts(doctype, name)["count"]["external_links_found"]
		return {row["doctype"]: row["count"] for row in found}

	def test_a_quotation_lists_its_price_exception_requests(self):
		self.assertEqual(self.linked_counts("Quotation", self.quotation)[REQUEST], 1)

	def test_a_sales_order_lists_its_own_requests_by_doctype_and_name(self):
		data = frappe.get_meta("Sales Order").get_dashboard_data()
		self.assertEqual(data.non_standard_fieldnames[REQUEST], "reference_name")
		self.assertEqual(data.dynamic_links["reference_name"], ["Sales Order", "reference_doctype"])
		self.assertIn(REQUEST, [item for group in data.transactions for item in group["items"]])

	def test_a_customer_lists_its_visit_records_and_the_plans_that_visit_it(self):
		counts = self.linked_counts("Customer", customer("VIP Zhou"))
		# records: Zhou's (one cancelled) and Li's; plans: Zhou's and Li's of week 1, through their rows
		self.assertEqual((counts["Visit Record"], counts["Visit Plan"]), (3, 2))
		self.assertEqual(self.linked_counts("Customer", customer("L1 Never Qian"))["Visit Plan"], 0)

	def test_an_opportunity_and_a_customer_list_their_bid_reviews_beside_their_quotations(self):
		self.assertEqual(self.linked_counts("Opportunity", self.opportunity)[BID], 1)
		self.assertEqual(self.linked_counts("Customer", customer("VIP Zhou"))[BID], 2)
		self.assertEqual(self.linked_counts("Customer", customer("L1 Never Qian"))[BID], 0)
		for doctype in ("Opportunity", "Customer"):
			groups = frappe.get_meta(doctype).get_dashboard_data().transactions
			self.assertIn(BID, next(group["items"] for group in groups if "Quotation" in group["items"]))

	def test_a_quotation_lists_the_bid_review_it_was_made_from(self):
		found = _get_linked_document_counts("Quotation", self.quotation_from_bid)["count"]
		self.assertEqual(
			[(row["doctype"], row["names"]) for row in found["internal_links_found"]],
			[(BID, [f"{PREFIX} BID Q"])],
		)
		# a quotation not made from a bid shows the bid that names it as its quotation
		self.assertEqual(self.linked_counts("Quotation", self.quotation)[BID], 1)
