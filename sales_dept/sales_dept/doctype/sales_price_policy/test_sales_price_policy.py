# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.services.pricing import clear_policy_cache, company_policies
from sales_dept.setup.records import default_company, get_or_make_item, get_or_make_item_group
from sales_dept.tests.factories import MOTOR, MOTOR_GROUP, make_motor_policy, make_priced_motor


def policy(**fields):
	return frappe.get_doc(
		{
			"doctype": "Sales Price Policy",
			"company": default_company(),
			"applies_to": "Item",
			"item_code": make_priced_motor(),
			"floor_basis": "Maximum Discount",
			"max_discount_pct": 10,
			"allowances": [{"role": "Sales User", "max_discount_pct": 2}],
			**fields,
		}
	)


class TestSalesPricePolicy(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("sales_price_policy_test")

	def tearDown(self):
		frappe.db.rollback(save_point="sales_price_policy_test")
		clear_policy_cache()  # a rollback to a savepoint runs no rollback hooks

	def assert_refused(self, doc, message: str):
		before = frappe.db.count("Sales Price Policy")
		with self.assertRaisesRegex(frappe.ValidationError, message):
			doc.insert()
		self.assertEqual(frappe.db.count("Sales Price Policy"), before)

	def test_sound_policy_is_saved_and_reaches_the_cache(self):
		name = policy().insert().name
		self.assertIn(name, [p.name for p in company_policies(default_company())])

	def test_negative_and_over_100_discounts_are_refused(self):
		self.assert_refused(policy(max_discount_pct=-1), "cannot be negative")
		self.assert_refused(policy(max_discount_pct=101), "cannot exceed 100")
		self.assert_refused(
			policy(allowances=[{"role": "Sales User", "max_discount_pct": -2}]), "cannot be negative"
		)

	def test_allowances_must_grow_with_seniority(self):
		allowances = [
			{"role": "Sales User", "max_discount_pct": 5},
			{"role": "Sales Team Leader", "max_discount_pct": 3},
		]
		self.assert_refused(policy(allowances=allowances), "must not shrink with seniority")

	def test_allowance_below_the_floor_is_refused(self):
		self.assert_refused(
			policy(allowances=[{"role": "Sales User", "max_discount_pct": 15}]), "below the policy's floor"
		)

	def test_floor_above_list_rate_is_refused(self):
		self.assert_refused(policy(floor_basis="Minimum Rate", min_rate=150), "above the list rate")

	def test_policy_for_disabled_item_is_refused(self):
		item = get_or_make_item("_Test SD Disabled Item", item_group=MOTOR_GROUP)
		frappe.db.set_value("Item", item, "disabled", 1)
		self.assert_refused(policy(item_code=item), "is disabled")

	def test_two_policies_of_equal_specificity_are_refused(self):
		make_motor_policy()
		twin = policy(applies_to="Item Group", item_code=None, item_group=MOTOR_GROUP)
		self.assert_refused(twin, "already covers the same items")

	def test_a_customer_group_policy_may_sit_beside_the_general_one(self):
		make_motor_policy()
		narrower = policy(applies_to="Item Group", item_group=MOTOR_GROUP, customer_group="Commercial")
		self.assertTrue(narrower.insert().name)
		self.assertIsNone(narrower.item_code)  # the unused target is cleared

	def test_all_customer_groups_narrows_nothing(self):
		saved = policy(customer_group="All Customer Groups").insert()
		self.assertIsNone(saved.customer_group)
		self.assertEqual(
			[p.customer_group for p in company_policies(default_company()) if p.name == saved.name], [None]
		)

	def test_unknown_role_is_refused(self):
		self.assert_refused(
			policy(allowances=[{"role": "Accounts User", "max_discount_pct": 1}]), "is not one of the roles"
		)

	def test_renaming_a_group_keeps_its_policy_in_force(self):
		group = get_or_make_item_group("_Test SD Rename Group")
		policy(applies_to="Item Group", item_code=None, item_group=group).insert()
		self.assertIn(group, [p.item_group for p in company_policies(default_company())])
		frappe.rename_doc("Item Group", group, "_Test SD Renamed Group")
		groups = [p.item_group for p in company_policies(default_company())]
		self.assertIn("_Test SD Renamed Group", groups)
		self.assertNotIn(group, groups)

	def test_item_policy_beside_group_policy_is_fine(self):
		make_motor_policy()
		self.assertEqual(policy(item_code=MOTOR).insert().item_code, MOTOR)
