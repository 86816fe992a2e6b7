import unittest
from collections import Counter
from datetime import date, timedelta

from sales_dept.demo.data import MANAGER, PEOPLE
from sales_dept.demo.plan import plan_accounts
from sales_dept.demo.visit_schedule import (
	APPROVED,
	DRAFT,
	PENDING,
	VISITS_PER_PLAN,
	WEEKS_BACK,
	monday_of,
	plan_weeks,
	rotation,
)

TODAY = date(2026, 11, 27)  # a Friday
THIS_MONDAY, NEXT_MONDAY = date(2026, 11, 23), date(2026, 11, 30)
ACCOUNTS = list(plan_accounts().items())
PLANNERS = {person.name for person in PEOPLE if person is not MANAGER}


def schedule(today=TODAY):
	return plan_weeks(today, ACCOUNTS, MANAGER.name)


class TestWeekPlans(unittest.TestCase):
	def test_the_same_inputs_give_the_same_schedule(self):
		self.assertEqual(schedule(), schedule())

	def test_every_salesperson_but_the_manager_plans_every_week_up_to_this_one(self):
		plans, _visits = schedule()
		approved = Counter(plan.sales_person for plan in plans if plan.state == APPROVED)
		self.assertEqual(approved, {person: WEEKS_BACK + 1 for person in PLANNERS})
		mondays = {plan.monday for plan in plans if plan.state == APPROVED}
		self.assertEqual(min(mondays), THIS_MONDAY - timedelta(weeks=WEEKS_BACK))
		self.assertEqual(max(mondays), THIS_MONDAY)
		self.assertEqual([plan.monday for plan in plans], sorted(plan.monday for plan in plans))

	def test_next_week_one_draft_one_missing_the_rest_pending(self):
		plans, _visits = schedule()
		next_week = Counter(plan.state for plan in plans if plan.monday == NEXT_MONDAY)
		self.assertEqual(next_week, {PENDING: len(PLANNERS) - 2, DRAFT: 1})

	def test_visits_are_the_salespersons_customers_inside_the_week(self):
		owners = dict(ACCOUNTS)
		plans, _visits = schedule()
		for plan in plans:
			self.assertEqual(len(plan.visits), VISITS_PER_PLAN)
			self.assertEqual(len({visit.customer for visit in plan.visits}), VISITS_PER_PLAN)
			for visit in plan.visits:
				self.assertEqual(owners[visit.customer], plan.sales_person)
				self.assertEqual(monday_of(visit.day), plan.monday)

	def test_only_past_visits_are_made_and_some_are_missed(self):
		plans, _visits = schedule()
		visits = [visit for plan in plans for visit in plan.visits]
		self.assertFalse([visit for visit in visits if visit.made and visit.day >= TODAY])
		past = [visit for visit in visits if visit.day < TODAY]
		made = sum(visit.made for visit in past)
		self.assertTrue(0.6 * len(past) < made < len(past), (made, len(past)))


class TestUnplannedVisits(unittest.TestCase):
	def test_in_the_past_by_the_customers_salesperson(self):
		owners = dict(ACCOUNTS)
		_plans, visits = schedule()
		self.assertTrue(visits)
		for visit in visits:
			self.assertLess(visit.day, TODAY)
			self.assertEqual(owners[visit.customer], visit.sales_person)

	def test_the_managers_first_key_account_is_not_seen_for_weeks(self):
		key_accounts = [customer for customer, person in ACCOUNTS if person == MANAGER.name]
		_plans, visits = schedule()
		days = {}
		for visit in visits:
			if visit.sales_person == MANAGER.name:
				days.setdefault(visit.customer, []).append(visit.day)
		self.assertEqual(
			days[key_accounts[0]], [THIS_MONDAY - timedelta(weeks=WEEKS_BACK) + timedelta(days=1)]
		)
		for customer in key_accounts[1:]:
			self.assertGreaterEqual(max(days[customer]), TODAY - timedelta(days=14), customer)


class TestRotation(unittest.TestCase):
	def test_moves_on_and_wraps(self):
		self.assertEqual(rotation(list("abcde"), 0, 3), ["a", "b", "c"])
		self.assertEqual(rotation(list("abcde"), 1, 3), ["d", "e", "a"])
		self.assertEqual(rotation(list("ab"), 5, 3), ["a", "b"])
