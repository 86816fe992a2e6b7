import unittest
from collections import Counter
from datetime import date, datetime, timedelta

from sales_dept.demo.data import MANAGER, PEOPLE
from sales_dept.demo.plan import plan_accounts
from sales_dept.demo.visit_schedule import (
	APPROVED,
	DRAFT,
	PENDING,
	VISITS_PER_PLAN,
	WEEKS_BACK,
	due_next_week,
	kept_accounts,
	monday_of,
	plan_weeks,
	rotation,
	submission_time,
)

TODAY = date(2026, 11, 27)  # a Friday
THIS_MONDAY, NEXT_MONDAY = date(2026, 11, 23), date(2026, 11, 30)
ACCOUNTS = list(plan_accounts().items())
PLANNERS = {person.name for person in PEOPLE if person is not MANAGER}
LEVEL_1_INTERVAL = 60  # days, as seeded


def schedule(today=TODAY, first_account_interval=None):
	return plan_weeks(today, ACCOUNTS, MANAGER.name, first_account_interval)


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

	def test_a_few_visits_took_place_the_day_after_the_planned_one_never_in_the_future(self):
		plans, _visits = schedule()
		made = [visit for plan in plans for visit in plan.visits if visit.made]
		later = [visit for visit in made if visit.visited_on != visit.day]
		self.assertTrue(0 < len(later) < 0.3 * len(made), (len(later), len(made)))
		for visit in later:
			self.assertEqual(visit.visited_on, visit.day + timedelta(days=1))
		self.assertFalse([visit for visit in made if visit.visited_on >= TODAY])
		unmade = [visit for plan in plans for visit in plan.visits if not visit.made]
		self.assertEqual({visit.visited_on for visit in unmade}, {None})


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


class TestKeptAccounts(unittest.TestCase):
	def test_the_managers_key_accounts_and_each_salespersons_first_customer(self):
		kept = kept_accounts(ACCOUNTS, MANAGER.name)
		owners = dict(ACCOUNTS)
		self.assertEqual(
			{c for c, rank in kept.items() if rank == 0}, {c for c, p in ACCOUNTS if p == MANAGER.name}
		)
		first = [c for c, rank in kept.items() if rank == 1]
		self.assertEqual(sorted(owners[c] for c in first), sorted(PLANNERS))
		for customer in first:
			self.assertEqual(customer, next(c for c, p in ACCOUNTS if p == owners[customer]))


class TestDueNextWeek(unittest.TestCase):
	def setUp(self):
		self.plans, self.visits = schedule(first_account_interval=LEVEL_1_INTERVAL)
		self.due = due_next_week(TODAY, ACCOUNTS, MANAGER.name, LEVEL_1_INTERVAL)

	def test_first_accounts_of_the_draft_the_missing_and_a_pending_plan_fall_due_next_week(self):
		owners = dict(ACCOUNTS)
		next_week = {plan.sales_person: plan.state for plan in self.plans if plan.monday == NEXT_MONDAY}
		states = sorted(next_week.get(owners[customer], "missing") for customer in self.due)
		self.assertEqual(states, sorted([DRAFT, "missing", PENDING]))
		for customer, visit in self.due.items():
			self.assertEqual(visit.customer, customer)
			self.assertEqual(kept_accounts(ACCOUNTS, MANAGER.name)[customer], 1)
			self.assertEqual(visit.day + timedelta(days=LEVEL_1_INTERVAL), NEXT_MONDAY + timedelta(days=2))
			self.assertLess(visit.day, TODAY)

	def test_that_visit_is_their_last_and_no_plan_has_them(self):
		for customer, last_visit in self.due.items():
			days = [visit.day for visit in self.visits if visit.customer == customer]
			self.assertEqual(days, [last_visit.day])
			planned = [
				plan.monday for plan in self.plans for visit in plan.visits if visit.customer == customer
			]
			self.assertEqual(planned, [])

	def test_without_an_interval_or_with_a_short_one_nothing_falls_due(self):
		self.assertEqual(due_next_week(TODAY, ACCOUNTS, MANAGER.name, None), {})
		self.assertEqual(due_next_week(TODAY, ACCOUNTS, MANAGER.name, 3), {})  # the visit would be today
		self.assertEqual(schedule(), schedule(first_account_interval=None))


class TestSubmissionTime(unittest.TestCase):
	DEADLINE = datetime(2026, 11, 28, 9, 0)  # Saturday's meeting

	def test_on_time_the_afternoon_before_late_after_the_meeting_began(self):
		now = datetime(2026, 12, 1, 12, 0)
		self.assertEqual(submission_time(self.DEADLINE, False, now), datetime(2026, 11, 27, 16, 30))
		self.assertEqual(submission_time(self.DEADLINE, True, now), datetime(2026, 11, 28, 11, 0))

	def test_never_after_now(self):
		before_the_meeting = datetime(2026, 11, 26, 10, 0)
		for late in (False, True):
			self.assertEqual(submission_time(self.DEADLINE, late, before_the_meeting), before_the_meeting)
		during_the_meeting = datetime(2026, 11, 28, 10, 0)
		self.assertEqual(submission_time(self.DEADLINE, True, during_the_meeting), during_the_meeting)
