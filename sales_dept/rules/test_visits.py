import unittest
from datetime import date, datetime, time

from sales_dept.rules.visits import (
	CHECKOUT_BEFORE_CHECKIN,
	CUSTOMER_NOT_SERVED,
	DUPLICATE_ROW,
	FUTURE_VISIT,
	MONTH,
	MONTH_NOT_FIRST,
	NEW_CUSTOMER,
	ROW_OUTSIDE_PERIOD,
	WEEK,
	WEEK_NOT_MONDAY,
	PlanRow,
	distance_m,
	execution,
	is_late,
	period_end,
	period_problem,
	plan_deadline,
	row_problems,
	uncovered_due_customers,
	visit_problems,
)

MONDAY = date(2026, 11, 30)


class TestPeriods(unittest.TestCase):
	def test_week_and_month_ends(self):
		self.assertEqual(period_end(WEEK, MONDAY), date(2026, 12, 6))
		self.assertEqual(period_end(MONTH, date(2026, 2, 1)), date(2026, 2, 28))
		self.assertEqual(period_end(MONTH, date(2028, 2, 1)), date(2028, 2, 29))
		self.assertEqual(period_end(MONTH, date(2026, 12, 1)), date(2026, 12, 31))

	def test_period_must_start_on_monday_or_the_first(self):
		self.assertIsNone(period_problem(WEEK, MONDAY))
		self.assertEqual(period_problem(WEEK, date(2026, 12, 1)), WEEK_NOT_MONDAY)
		self.assertIsNone(period_problem(MONTH, date(2026, 12, 1)))
		self.assertEqual(period_problem(MONTH, MONDAY), MONTH_NOT_FIRST)


class TestRows(unittest.TestCase):
	def test_sound_rows(self):
		rows = [PlanRow(1, "A", MONDAY, "Revisit"), PlanRow(2, "B", date(2026, 12, 6), NEW_CUSTOMER)]
		self.assertEqual(row_problems(WEEK, MONDAY, rows, served={"A"}), [])

	def test_each_problem(self):
		rows = [
			PlanRow(1, "A", date(2026, 12, 7), "Revisit"),
			PlanRow(2, "A", MONDAY, "Revisit"),
			PlanRow(3, "A", MONDAY, "Collection"),
			PlanRow(4, "Z", MONDAY, "Revisit"),
		]
		self.assertEqual(
			row_problems(WEEK, MONDAY, rows, served={"A"}),
			[(ROW_OUTSIDE_PERIOD, 1, "A"), (DUPLICATE_ROW, 3, "A"), (CUSTOMER_NOT_SERVED, 4, "Z")],
		)

	def test_waived_rows_are_not_visits(self):
		rows = [PlanRow(1, "Z", date(2027, 1, 1), "Revisit", waived=True)]
		self.assertEqual(row_problems(WEEK, MONDAY, rows, served=set()), [])

	def test_due_customers_must_be_planned_or_waived(self):
		rows = [PlanRow(1, "A", MONDAY, "Revisit"), PlanRow(2, "B", MONDAY, "Revisit", waived=True)]
		self.assertEqual(uncovered_due_customers(["A", "B", "C", "D"], rows), ["C", "D"])


class TestDeadline(unittest.TestCase):
	def test_saturday_meeting_before_the_week(self):
		self.assertEqual(plan_deadline(MONDAY, "Saturday", time(9, 0)), datetime(2026, 11, 28, 9, 0))

	def test_meeting_on_monday_is_the_one_a_week_before(self):
		self.assertEqual(plan_deadline(MONDAY, "Monday", time(9, 0)), datetime(2026, 11, 23, 9, 0))

	def test_late(self):
		deadline = datetime(2026, 11, 28, 9, 0)
		self.assertFalse(is_late(datetime(2026, 11, 28, 8, 59), deadline))
		self.assertTrue(is_late(datetime(2026, 11, 28, 9, 1), deadline))


class TestVisits(unittest.TestCase):
	def test_truthful_record(self):
		self.assertEqual(
			visit_problems(MONDAY, MONDAY, datetime(2026, 11, 30, 9), datetime(2026, 11, 30, 10)), []
		)

	def test_future_and_backwards_times(self):
		self.assertEqual(visit_problems(date(2026, 12, 1), MONDAY, None, None), [FUTURE_VISIT])
		self.assertEqual(
			visit_problems(MONDAY, MONDAY, datetime(2026, 11, 30, 10), datetime(2026, 11, 30, 9)),
			[CHECKOUT_BEFORE_CHECKIN],
		)

	def test_distance(self):
		# two points in central Shanghai about 1.9 km apart
		self.assertAlmostEqual(distance_m(31.2304, 121.4737, 31.2400, 121.4900) / 1000, 1.9, delta=0.2)
		self.assertEqual(distance_m(31.0, 121.0, 31.0, 121.0), 0)


class TestExecution(unittest.TestCase):
	def test_figures(self):
		figures = execution(planned_rows=10, done_planned_rows=7, unplanned_visits=2, period_over=True)
		self.assertEqual((figures.missed, figures.execution_pct), (3, 70.0))

	def test_open_period_has_no_misses_yet(self):
		self.assertEqual(execution(10, 4, 0, period_over=False).missed, 0)

	def test_empty_plan(self):
		self.assertEqual(execution(0, 0, 3, True).execution_pct, 0.0)
