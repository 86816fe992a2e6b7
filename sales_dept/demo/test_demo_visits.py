"""The demo's visit step on the test site: it goes through the app's own documents and workflow, so a change
to their rules that the demo no longer satisfies shows here, not on a newcomer's first run."""

from collections import Counter

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from sales_dept.demo.customers import make_customers
from sales_dept.demo.data import MANAGER, PEOPLE
from sales_dept.demo.org import make_org
from sales_dept.demo.visit_schedule import plan_weeks
from sales_dept.demo.visits import make_visits
from sales_dept.services.visit_reports import customer_coverage, fixed_intervals
from sales_dept.setup.records import default_company

DEMO_PEOPLE = [person.name for person in PEOPLE]


class TestDemoVisits(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		company = default_company()
		make_org(company)
		cls.accounts = make_customers(company)
		cls.today = getdate()
		cls.plans, cls.unplanned = plan_weeks(cls.today, cls.accounts, MANAGER.name)
		make_visits(company, cls.accounts, cls.today)

	def test_plans_in_the_states_scheduled(self):
		states = frappe.get_all(
			"Visit Plan", filters={"sales_person": ["in", DEMO_PEOPLE]}, pluck="workflow_state"
		)
		self.assertEqual(Counter(states), Counter(plan.state for plan in self.plans))

	def test_visits_recorded_for_plan_rows_and_without(self):
		records = frappe.get_all(
			"Visit Record",
			filters={"sales_person": ["in", DEMO_PEOPLE], "docstatus": 1},
			fields=["name", "visit_plan_row"],
		)
		unplanned = [record for record in records if not record.visit_plan_row]
		self.assertEqual(len(unplanned), len(self.unplanned))
		done_rows = frappe.db.count("Visit Plan Row", {"visit_record": ["in", [r.name for r in records]]})
		self.assertEqual(done_rows, len(records) - len(unplanned))
		made = sum(visit.made for plan in self.plans for visit in plan.visits)
		self.assertTrue(0.8 * made <= done_rows <= made, (done_rows, made))

	def test_the_managers_first_key_account_is_kept_and_overdue(self):
		key_account = next(customer for customer, person in self.accounts if person == MANAGER.name)
		tier, locked = frappe.db.get_value("Customer", key_account, ["sd_customer_tier", "sd_tier_locked"])
		self.assertEqual((fixed_intervals()[tier], locked), (min(fixed_intervals().values()), 1))
		overdue = {row["customer"] for row in customer_coverage(self.today, None, overdue_only=True)}
		self.assertIn(key_account, overdue)

	def test_a_second_run_adds_nothing(self):
		before = frappe.db.count("Visit Record")
		make_visits(default_company(), self.accounts, self.today)
		self.assertEqual(frappe.db.count("Visit Record"), before)
