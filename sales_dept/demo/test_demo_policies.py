"""The demo's price policies on the test site: made once, with the roles of the settings, and deciding
who may allow which discount as README "The price policy" tells."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.demo.data import ITEM_GROUP_PARENT, MOTORS, SENSORS
from sales_dept.demo.policies import make_price_policies
from sales_dept.rules.pricing import Line, judge_line, policy_for
from sales_dept.services.pricing import clear_policy_cache, company_policies, item_group_chain, seniority
from sales_dept.services.settings import get_settings
from sales_dept.setup.records import default_company, get_or_make_item_group


class TestDemoPolicies(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.company = default_company()
		for group in (MOTORS, SENSORS):
			get_or_make_item_group(group, ITEM_GROUP_PARENT)
		# On a company without policies (rolled back with the class).
		existing = frappe.get_all("Sales Price Policy", {"company": cls.company}, pluck="name")
		if existing:
			frappe.db.delete("Sales Price Policy Allowance", {"parent": ["in", existing]})
			frappe.db.delete("Sales Price Policy", {"name": ["in", existing]})
		clear_policy_cache()
		cls.names = make_price_policies(cls.company)
		cls.settings = get_settings()

	def test_two_policies_made_once(self):
		self.assertEqual(len(self.names), 2)
		self.assertEqual(make_price_policies(self.company), self.names)
		self.assertEqual(frappe.db.count("Sales Price Policy", {"company": self.company}), 2)

	def test_allowances_are_for_the_roles_of_the_settings(self):
		settings = self.settings
		for name in self.names:
			roles = frappe.get_all(
				"Sales Price Policy Allowance", {"parent": name}, pluck="role", order_by="idx"
			)
			self.assertEqual(
				roles, [settings.salesperson_role, settings.team_leader_role, settings.sales_manager_role]
			)

	def required_role(self, group: str, discount: float) -> str | None:
		"""Who must allow `discount` % off a line of `group` that a salesperson quotes."""
		line = Line(
			1, "any item", 1, 1000, 1000 * (100 - discount) / 100, item_groups=item_group_chain(group)
		)
		policy = policy_for(company_policies(self.company), line, None, None)
		verdict = judge_line(
			policy, line, [self.settings.salesperson_role], seniority(), self.settings.leadership_role
		)
		return verdict.required_role

	def test_who_allows_which_discount(self):
		settings = self.settings
		self.assertIsNone(self.required_role(MOTORS, 5))
		self.assertEqual(self.required_role(MOTORS, 8), settings.team_leader_role)
		self.assertEqual(self.required_role(MOTORS, 15), settings.sales_manager_role)
		self.assertEqual(self.required_role(MOTORS, 20), settings.leadership_role)
		self.assertEqual(self.required_role(SENSORS, 5), settings.team_leader_role)
		self.assertEqual(self.required_role(SENSORS, 8), settings.sales_manager_role)
		self.assertEqual(self.required_role(SENSORS, 12), settings.leadership_role)
