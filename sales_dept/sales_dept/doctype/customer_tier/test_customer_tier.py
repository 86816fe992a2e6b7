# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.setup.defaults import CUSTOMER_TIERS
from sales_dept.setup.install import make_customer_tiers

NEW_TIER = "_Test SD Tier Gold"


def new_tier(min_net_sales: float, visit_interval_days: int = 45):
	return frappe.get_doc(
		{
			"doctype": "Customer Tier",
			"tier_name": NEW_TIER,
			"sort_order": 9,
			"min_net_sales": min_net_sales,
			"visit_interval_days": visit_interval_days,
		}
	)


class TestCustomerTier(FrappeTestCase):
	def test_a_sound_tier_is_saved(self):
		new_tier(654_321).insert()
		self.assertEqual(frappe.db.get_value("Customer Tier", NEW_TIER, "min_net_sales"), 654_321)
		frappe.delete_doc("Customer Tier", NEW_TIER)

	def test_negative_threshold_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "minimum net sales cannot be negative"):
			new_tier(-1).insert()
		self.assertFalse(frappe.db.exists("Customer Tier", NEW_TIER))

	def test_negative_interval_is_refused(self):
		with self.assertRaisesRegex(frappe.ValidationError, "visit interval cannot be negative"):
			new_tier(654_321, -7).insert()
		self.assertFalse(frappe.db.exists("Customer Tier", NEW_TIER))

	def test_the_same_threshold_as_another_tier_is_refused(self):
		other = frappe.get_all("Customer Tier", fields=["name", "min_net_sales"], limit=1)[0]
		with self.assertRaisesRegex(frappe.ValidationError, "each tier needs its own minimum net sales"):
			new_tier(other.min_net_sales).insert()
		self.assertFalse(frappe.db.exists("Customer Tier", NEW_TIER))

	def test_changing_a_threshold_onto_another_is_refused(self):
		first, second = frappe.get_all("Customer Tier", fields=["name", "min_net_sales"], limit=2)
		tier = frappe.get_doc("Customer Tier", first.name)
		tier.min_net_sales = second.min_net_sales
		with self.assertRaisesRegex(frappe.ValidationError, "already starts at"):
			tier.save()
		self.assertEqual(
			frappe.db.get_value("Customer Tier", first.name, "min_net_sales"), first.min_net_sales
		)


class TestSeededTiers(FrappeTestCase):
	def test_seeded_once_and_then_left_to_the_admin(self):
		frappe.db.savepoint("seeded_tiers")
		try:
			frappe.db.delete("Customer Tier")
			make_customer_tiers()
			seeded = {tier["tier_name"]: tier["min_net_sales"] for tier in CUSTOMER_TIERS}
			self.assertEqual(
				dict(frappe.get_all("Customer Tier", fields=["name", "min_net_sales"], as_list=True)), seeded
			)
			# the admin renames one tier and deletes another: a migrate brings neither back
			frappe.rename_doc("Customer Tier", "Other Customers", "Others", force=True)
			frappe.delete_doc("Customer Tier", "Level 2", force=True)
			make_customer_tiers()
			self.assertEqual(
				sorted(frappe.get_all("Customer Tier", pluck="name")), ["Level 1", "Others", "VIP"]
			)
		finally:
			frappe.db.rollback(save_point="seeded_tiers")
