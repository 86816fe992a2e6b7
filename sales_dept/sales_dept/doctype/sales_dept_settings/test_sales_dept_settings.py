# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

from datetime import time

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import get_time

from sales_dept.services.settings import get_settings, is_administrator, is_enabled, setting
from sales_dept.services.visit_access import reachable_sales_persons
from sales_dept.setup.install import set_missing_setting_defaults
from sales_dept.setup.records import get_or_make_user


class TestSalesDeptSettings(FrappeTestCase):
	def test_install_saved_the_documented_defaults(self):
		settings = get_settings()
		self.assertEqual(settings.salesperson_role, "Sales User")
		self.assertEqual(settings.team_leader_role, "Sales Team Leader")
		self.assertEqual(settings.sales_manager_role, "Sales Manager")
		self.assertEqual(settings.leadership_role, "Sales Director")
		self.assertEqual(settings.technical_reviewer_role, "Technical Reviewer")
		self.assertEqual(settings.purchasing_reviewer_role, "Purchase Manager")
		self.assertEqual(settings.meeting_weekday, "Saturday")
		self.assertEqual(get_time(settings.meeting_time), time(9, 0))
		self.assertEqual(settings.checkin_radius_m, 500)

	def test_default_roles_exist(self):
		for role in ("Sales Team Leader", "Sales Director", "Technical Reviewer"):
			self.assertTrue(frappe.db.exists("Role", role), role)

	@change_settings("Sales Dept Settings", {"enable_pricing_policy": 0})
	def test_switch_is_read_through_the_cached_accessor(self):
		self.assertFalse(is_enabled("pricing_policy"))
		self.assertTrue(is_enabled("visit_plans"))

	def test_negative_threshold_is_refused_and_nothing_saved(self):
		settings = frappe.get_doc("Sales Dept Settings")
		before = settings.major_bid_amount
		settings.major_bid_amount = -1
		self.assertRaises(frappe.ValidationError, settings.save)
		self.assertEqual(frappe.db.get_single_value("Sales Dept Settings", "major_bid_amount"), before)

	def test_unknown_role_is_refused(self):
		settings = frappe.get_doc("Sales Dept Settings")
		settings.team_leader_role = "No Such Role"
		self.assertRaises(frappe.LinkValidationError, settings.save)


class TestAdministrators(FrappeTestCase):
	"""Who counts as an administrator of the app is read in one place, from the settings."""

	def test_new_settings_read_as_their_declared_defaults(self):
		self.assertEqual(setting("administrator_role"), "System Manager")
		self.assertEqual(setting("price_exceptions_decided_by"), "Line of Oversight")

	def test_the_administrator_role_comes_from_the_settings(self):
		user = get_or_make_user("sd.sysadmin@example.com", "SD Sysadmin", ["System Manager"])
		self.assertTrue(is_administrator("Administrator"))
		self.assertTrue(is_administrator(user))
		self.assertIsNone(reachable_sales_persons(user))  # sees every plan and record
		with change_settings("Sales Dept Settings", {"administrator_role": "Sales Director"}):
			self.assertFalse(is_administrator(user))
			self.assertEqual(reachable_sales_persons(user), set())
			self.assertTrue(is_administrator("Administrator"))


class TestSettingDefaultsOnMigrate(FrappeTestCase):
	def test_a_setting_without_a_stored_value_gets_its_default_and_a_stored_one_stays(self):
		frappe.db.delete("Singles", {"doctype": "Sales Dept Settings", "field": "bid_deadline_reminder_days"})
		frappe.db.set_single_value("Sales Dept Settings", "bid_review_escalation_days", 5)
		set_missing_setting_defaults()
		self.assertEqual(frappe.db.get_single_value("Sales Dept Settings", "bid_deadline_reminder_days"), 3)
		self.assertEqual(frappe.db.get_single_value("Sales Dept Settings", "bid_review_escalation_days"), 5)
