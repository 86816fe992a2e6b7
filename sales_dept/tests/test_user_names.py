"""A form sends the names of the people its user links point at (sales_dept.services.user_names), which the
desk shows instead of their user ids."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.tests.factories import PEOPLE, make_customer


class TestUserNames(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("_Test SD Customer Names", "Zhou")

	def onload_of(self, doctype: str, name: str) -> dict:
		doc = frappe.get_doc(doctype, name)
		doc.run_method("onload")
		return doc.get_onload()

	def test_the_customer_form_names_who_kept_its_tier(self):
		manager = PEOPLE["Wang"].user
		frappe.db.set_value("Customer", self.customer, "sd_tier_kept_by", manager)
		self.assertEqual(
			self.onload_of("Customer", self.customer).get("sd_user_names"),
			{manager: frappe.db.get_value("User", manager, "full_name")},
		)

	def test_no_people_no_names(self):
		frappe.db.set_value("Customer", self.customer, "sd_tier_kept_by", None)
		self.assertNotIn("sd_user_names", self.onload_of("Customer", self.customer))
