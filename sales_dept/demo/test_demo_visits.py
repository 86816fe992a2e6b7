"""The demo's visit step on the test site: it goes through the app's own documents and workflow, so a change
to their rules that the demo no longer satisfies shows here, not on a newcomer's first run."""

from collections import Counter
from datetime import timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, getdate, now_datetime

from sales_dept.demo.customers import make_customers
from sales_dept.demo.data import MANAGER, PEOPLE, USER_LANGUAGE
from sales_dept.demo.org import make_org
from sales_dept.demo.visit_schedule import DRAFT, PENDING, due_next_week, monday_of, plan_weeks
from sales_dept.demo.visits import first_account_interval, make_visits
from sales_dept.services.org import get_org_chart
from sales_dept.services.visit_reports import customer_coverage, fixed_intervals
from sales_dept.services.visits import due_customers
from sales_dept.setup.records import acting_as, default_company

DEMO_PEOPLE = [person.name for person in PEOPLE]


class TestDemoVisits(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		company = default_company()
		make_org(company)
		cls.accounts = make_customers(company)
		cls.today = getdate()
		cls.plans, cls.unplanned = plan_weeks(cls.today, cls.accounts, MANAGER.name, first_account_interval())
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
		tier, locked, reason = frappe.db.get_value(
			"Customer", key_account, ["sd_customer_tier", "sd_tier_locked", "sd_tier_keep_reason"]
		)
		self.assertEqual((fixed_intervals()[tier], locked), (min(fixed_intervals().values()), 1))
		self.assertTrue(reason)  # a kept tier says why, or the customer cannot be saved
		overdue = {row["customer"] for row in customer_coverage(self.today, None, overdue_only=True)}
		self.assertIn(key_account, overdue)

	def test_a_second_run_adds_nothing(self):
		before = frappe.db.count("Visit Record")
		make_visits(default_company(), self.accounts, self.today)
		self.assertEqual(frappe.db.count("Visit Record"), before)

	def test_plans_were_handed_in_before_now_and_are_late_only_after_their_deadline(self):
		plans = frappe.get_all(
			"Visit Plan",
			filters={"sales_person": ["in", DEMO_PEOPLE], "submitted_on": ["is", "set"]},
			fields=["name", "submitted_on", "deadline", "is_late"],
		)
		self.assertEqual(len(plans), sum(plan.state != DRAFT for plan in self.plans))
		now = now_datetime()
		for plan in plans:
			submitted_on, deadline = get_datetime(plan.submitted_on), get_datetime(plan.deadline)
			self.assertLessEqual(submitted_on, now, plan.name)
			self.assertEqual(bool(plan.is_late), submitted_on > deadline, plan.name)
		self.assertTrue(any(plan.is_late for plan in plans))

	def test_some_customers_fall_due_next_week_for_add_due_customers(self):
		next_monday = monday_of(self.today) + timedelta(weeks=1)
		next_sunday = next_monday + timedelta(days=6)
		falling_due = due_next_week(self.today, self.accounts, MANAGER.name, first_account_interval())
		self.assertEqual(len(falling_due), 3)
		next_week = {
			plan.sales_person: plan
			for plan in frappe.get_all(
				"Visit Plan",
				filters={"sales_person": ["in", DEMO_PEOPLE], "period_start": next_monday},
				fields=["name", "sales_person", "workflow_state"],
			)
		}
		states = set()
		for customer, last_visit in falling_due.items():
			sales_person = last_visit.sales_person
			due = {d.customer: d.due for d in due_customers(sales_person, next_sunday)}
			self.assertIn(customer, due)
			self.assertTrue(next_monday <= due[customer] <= next_sunday, due[customer])
			plan = next_week.get(sales_person)
			states.add(plan.workflow_state if plan else None)
			if not plan:
				continue
			doc = frappe.get_doc("Visit Plan", plan.name)
			planned = {row.customer for row in doc.visits}
			if plan.workflow_state == DRAFT:
				self.assertNotIn(customer, planned)
				with acting_as(get_org_chart().user_of(sales_person)):
					self.assertEqual(doc.add_due_customers(), 1)
			else:
				self.assertIn(customer, planned)
		self.assertEqual(states, {DRAFT, None, PENDING})

	def test_notifications_read_in_the_language_of_the_demo_users(self):
		leader = get_org_chart().user_of(get_org_chart().team_leader_of(self.plans[0].sales_person))
		subjects = frappe.get_all(
			"Notification Log", {"for_user": leader, "document_type": "Visit Plan"}, pluck="subject"
		)
		self.assertTrue(subjects)
		expected = frappe._("The visit plan of {0} for {1} waits for your approval", lang=USER_LANGUAGE)
		self.assertNotEqual(expected, "The visit plan of {0} for {1} waits for your approval")
		self.assertIn(expected.format(self.plans[0].sales_person, "X").split("X")[0], "\n".join(subjects))
