"""Who sets a customer's tier (rulebook R36), over the REST API: a salesperson can neither set nor keep a
tier, the sales manager can, with a reason, and the customer's history shows who did it.

Requests run in their own thread and database connection, so this class commits its fixtures (the
idempotent factories' records) and puts the customer's tier back after each test."""

import json

import frappe
from frappe.tests.test_api import FrappeAPITestCase

from sales_dept.compat import outside_test_mode
from sales_dept.setup.install import make_customer_tiers
from sales_dept.tests.factories import api_token_header, make_customer, make_sales_org

TIER_FIELDS = ["sd_customer_tier", "sd_tier_locked", "sd_tier_keep_reason", "sd_tier_kept_by"]
KEPT_FIELDS = [*TIER_FIELDS, "sd_tier_kept_on", "website"]


class TestCustomerTierOverREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_customer_tiers()
		cls.customer = make_customer("_Test SD Customer Zhou", "Zhou")
		cls.headers = {key: api_token_header(cls.people[key].user) for key in ("Zhou", "Wang")}
		cls.original = frappe.db.get_value("Customer", cls.customer, KEPT_FIELDS, as_dict=True)
		frappe.db.commit()  # nosemgrep: the API thread reads through its own connection

	@classmethod
	def tearDownClass(cls):
		"""The customer's tier as it was: other tests plan visits to this customer."""
		frappe.db.set_value("Customer", cls.customer, cls.original)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def setUp(self):
		frappe.db.set_value(
			"Customer",
			self.customer,
			{
				"sd_customer_tier": "VIP",
				"sd_tier_locked": 0,
				"sd_tier_keep_reason": None,
				"sd_tier_kept_by": None,
			},
		)
		frappe.db.commit()  # nosemgrep

	def stored(self) -> list:
		frappe.db.commit()  # nosemgrep: see the API's commits
		return list(frappe.db.get_value("Customer", self.customer, TIER_FIELDS))

	def put(self, who: str, data: dict):
		return super().put(self.resource("Customer", self.customer), data, headers=self.headers[who])

	def test_a_salesperson_can_neither_set_nor_keep_a_tier(self):
		for data in (
			{"sd_customer_tier": "Level 1"},
			{"sd_tier_locked": 1, "sd_customer_tier": "Other Customers", "sd_tier_keep_reason": "lost"},
			{"sd_tier_locked": 1, "sd_tier_keep_reason": "Strategic account"},
		):
			with self.subTest(data=data):
				response = self.put("Zhou", data)
				self.assertEqual(response.status_code, 403, response.json)
				self.assertIn("Only the sales manager can set or keep", json.dumps(response.json))
				self.assertEqual(self.stored(), ["VIP", 0, None, None])
		response = self.post(
			self.method("frappe.client.set_value"),
			{
				"doctype": "Customer",
				"name": self.customer,
				"fieldname": "sd_customer_tier",
				"value": "Level 2",
			},
			headers=self.headers["Zhou"],
		)
		self.assertEqual(response.status_code, 403, response.json)
		self.assertEqual(self.stored(), ["VIP", 0, None, None])

	def test_a_salesperson_still_edits_the_rest_of_the_customer(self):
		response = self.put("Zhou", {"website": "https://zhou.example.com"})
		self.assertEqual(response.status_code, 200, response.json)
		self.assertEqual(self.stored(), ["VIP", 0, None, None])

	def test_the_manager_keeps_a_tier_with_a_reason_and_it_shows_in_the_history(self):
		without_reason = self.put("Wang", {"sd_tier_locked": 1})
		self.assertEqual(without_reason.status_code, 417, without_reason.json)
		self.assertIn("Say why this tier is kept", json.dumps(without_reason.json))
		self.assertEqual(self.stored(), ["VIP", 0, None, None])

		with outside_test_mode():  # the Version a real request writes
			kept = self.put("Wang", {"sd_tier_locked": 1, "sd_tier_keep_reason": "Strategic account"})
		self.assertEqual(kept.status_code, 200, kept.json)
		self.assertEqual(self.stored(), ["VIP", 1, "Strategic account", self.people["Wang"].user])
		self.assertTrue(frappe.db.get_value("Customer", self.customer, "sd_tier_kept_on"))
		version = frappe.get_last_doc(
			"Version", filters={"ref_doctype": "Customer", "docname": self.customer}
		)
		changed = {row[0]: row[2] for row in json.loads(version.data)["changed"]}
		self.assertEqual(
			(changed.get("sd_tier_locked"), changed.get("sd_tier_keep_reason"), version.owner),
			(1, "Strategic account", self.people["Wang"].user),
		)

		unkept_by_salesperson = self.put("Zhou", {"sd_tier_locked": 0})
		self.assertEqual(unkept_by_salesperson.status_code, 403)
		self.assertEqual(self.stored()[:2], ["VIP", 1])
