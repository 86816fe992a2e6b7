import unittest
from datetime import date, datetime, time

from sales_dept.rules.visits import (
	ALL_WAIVED,
	CHECKOUT_BEFORE_CHECKIN,
	CUSTOMER_NOT_SERVED,
	DUPLICATE_ROW,
	EMPTY_PLAN,
	FUTURE_VISIT,
	MONTH,
	MONTH_NOT_FIRST,
	NEW_CUSTOMER,
	NOT_AN_APPROVER,
	NOT_THE_PLANS_SALESPERSON,
	OWN_PLAN,
	ROW_OUTSIDE_PERIOD,
	SALES_MANAGER,
	TEAM_LEADER,
	WEEK,
	WEEK_NOT_MONDAY,
	Execution,
	PlanRow,
	approval_problem,
	combined,
	combined_so_far,
	distance_m,
	done_on_planned_day,
	execution,
	execution_so_far,
	hand_in_problem,
	handed_in_content,
	is_late,
	meeting_date,
	newly_overdue,
	period_end,
	period_problem,
	plan_deadline,
	plan_title,
	previous_period_start,
	purpose_totals,
	row_problems,
	still_open,
	uncovered_due_customers,
	visit_problems,
	week_reminded_on,
	week_start,
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

	def test_a_plan_is_called_by_its_salesperson_and_period(self):
		self.assertEqual(plan_title("王伟", WEEK, MONDAY), "2026-11-30 ~ 12-06 王伟")
		self.assertEqual(plan_title("王伟", WEEK, date(2026, 12, 28)), "2026-12-28 ~ 2027-01-03 王伟")
		self.assertEqual(plan_title("王伟", MONTH, date(2026, 12, 1)), "2026-12 王伟")


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
		figures = execution(planned_rows=10, done_as_planned=7, unplanned_visits=2, period_over=True)
		self.assertEqual((figures.missed, figures.execution_pct), (3, 70.0))

	def test_a_visit_on_another_day_is_done_but_not_as_planned(self):
		planned = date(2026, 12, 2)
		self.assertTrue(done_on_planned_day(planned, date(2026, 12, 2)))
		self.assertFalse(done_on_planned_day(planned, date(2026, 12, 5)))  # checked in three days later
		self.assertFalse(done_on_planned_day(planned, date(2026, 12, 1)))  # or a day early
		figures = execution(10, 5, 1, period_over=True, done_other_day=2)
		self.assertEqual(
			(figures.done_as_planned, figures.done_other_day, figures.done, figures.missed), (5, 2, 7, 3)
		)
		self.assertEqual(figures.execution_pct, 70.0)  # the plan was carried out, two visits on another day

	def test_open_period_has_no_misses_yet(self):
		self.assertEqual(execution(10, 4, 0, period_over=False).missed, 0)

	def test_empty_plan(self):
		self.assertEqual(execution(0, 0, 3, True).execution_pct, 0.0)


class TestCombinedExecution(unittest.TestCase):
	def test_plans_add_up_and_the_percentage_follows(self):
		total = combined([execution(10, 7, 2, True), execution(4, 1, 0, False), execution(0, 0, 5, True)])
		self.assertEqual(total, Execution(planned=14, done_as_planned=8, done_unplanned=7, missed=3))
		self.assertEqual(total.execution_pct, 57.1)

	def test_nothing_planned(self):
		self.assertEqual(combined([]), Execution(0, 0, 0, 0))

	def test_still_open_is_what_is_neither_done_nor_missed(self):
		self.assertEqual(still_open(execution(10, 4, 1, period_over=False)), 6)
		self.assertEqual(still_open(execution(10, 4, 1, period_over=True)), 0)
		self.assertEqual(still_open(execution(10, 4, 1, period_over=False, done_other_day=3)), 3)

	def test_visits_on_another_day_add_up(self):
		total = combined(
			[execution(3, 1, 0, True, done_other_day=1), execution(2, 0, 0, True, done_other_day=2)]
		)
		self.assertEqual(
			total, Execution(planned=5, done_as_planned=1, done_unplanned=0, missed=1, done_other_day=3)
		)


class TestWeeks(unittest.TestCase):
	def test_week_start_is_the_monday(self):
		self.assertEqual(week_start(MONDAY), MONDAY)
		self.assertEqual(week_start(date(2026, 12, 5)), MONDAY)
		self.assertEqual(week_start(date(2026, 12, 6)), MONDAY)
		self.assertEqual(week_start(date(2026, 12, 7)), date(2026, 12, 7))

	def test_meeting_date_in_the_week(self):
		self.assertEqual(meeting_date(MONDAY, "Saturday"), date(2026, 12, 5))
		self.assertEqual(meeting_date(MONDAY, "Monday"), MONDAY)


class TestPlanHelpers(unittest.TestCase):
	def test_previous_period(self):
		self.assertEqual(previous_period_start(WEEK, MONDAY), date(2026, 11, 23))
		self.assertEqual(previous_period_start(MONTH, date(2026, 3, 1)), date(2026, 2, 1))
		self.assertEqual(previous_period_start(MONTH, date(2027, 1, 1)), date(2026, 12, 1))

	def test_purpose_totals_skip_waived_rows(self):
		rows = [
			PlanRow(1, "A", MONDAY, "Revisit"),
			PlanRow(2, "B", MONDAY, "Revisit"),
			PlanRow(3, "C", MONDAY, NEW_CUSTOMER),
			PlanRow(4, "D", MONDAY, "Revisit", waived=True),
		]
		self.assertEqual(purpose_totals(rows), {"Revisit": 2, NEW_CUSTOMER: 1})


class TestReminders(unittest.TestCase):
	def test_reminded_the_day_before_the_saturday_meeting(self):
		friday = date(2026, 11, 27)
		self.assertEqual(week_reminded_on(friday, "Saturday", 1), MONDAY)
		self.assertIsNone(week_reminded_on(date(2026, 11, 26), "Saturday", 1))

	def test_reminded_on_the_meeting_day_itself(self):
		self.assertEqual(week_reminded_on(date(2026, 11, 28), "Saturday", 0), MONDAY)

	def test_monday_meeting_plans_the_week_after(self):
		self.assertEqual(week_reminded_on(date(2026, 11, 20), "Monday", 3), MONDAY)

	def test_overdue_announced_once(self):
		due = date(2026, 11, 27)
		self.assertFalse(newly_overdue(due, due))
		self.assertTrue(newly_overdue(due, date(2026, 11, 28)))
		self.assertFalse(newly_overdue(due, date(2026, 11, 29)))
		self.assertFalse(newly_overdue(None, date(2026, 11, 28)))


class TestApprover(unittest.TestCase):
	def test_nobody_decides_their_own_plan(self):
		self.assertEqual(approval_problem(TEAM_LEADER, True, True, True), OWN_PLAN)

	def test_team_leader_decides_the_team_when_the_setting_says_so(self):
		self.assertIsNone(approval_problem(TEAM_LEADER, False, False, True))
		self.assertEqual(approval_problem(SALES_MANAGER, False, False, True), NOT_AN_APPROVER)
		self.assertEqual(approval_problem(TEAM_LEADER, False, False, False), NOT_AN_APPROVER)

	def test_a_plan_is_handed_in_by_its_salesperson_or_whoever_filed_it_for_them(self):
		self.assertIsNone(hand_in_problem(own_plan=True, made_plan=False, files_for_salesperson=False))
		self.assertIsNone(hand_in_problem(own_plan=False, made_plan=True, files_for_salesperson=True))

	def test_the_leader_who_sent_a_plan_back_does_not_hand_it_in(self):
		# the salesperson made the plan; their leader sent it back and may file plans for them
		self.assertEqual(
			hand_in_problem(own_plan=False, made_plan=False, files_for_salesperson=True),
			NOT_THE_PLANS_SALESPERSON,
		)
		self.assertEqual(
			hand_in_problem(own_plan=False, made_plan=True, files_for_salesperson=False),
			NOT_THE_PLANS_SALESPERSON,
		)

	def test_sales_manager_decides_any_other_plan(self):
		self.assertIsNone(approval_problem(TEAM_LEADER, False, True, False))
		self.assertIsNone(approval_problem(SALES_MANAGER, False, True, False))


class TestHandedInContent(unittest.TestCase):
	def test_a_plan_without_rows_is_empty(self):
		self.assertEqual(handed_in_content([]), EMPTY_PLAN)

	def test_only_waived_rows_are_said_so(self):
		rows = [
			PlanRow(1, "A", MONDAY, "Revisit", waived=True),
			PlanRow(2, "B", MONDAY, "Revisit", waived=True),
		]
		self.assertEqual(handed_in_content(rows), ALL_WAIVED)

	def test_one_visit_makes_a_plan(self):
		rows = [PlanRow(1, "A", MONDAY, "Revisit", waived=True), PlanRow(2, "B", MONDAY, "Revisit")]
		self.assertIsNone(handed_in_content(rows))


class TestExecutionSoFar(unittest.TestCase):
	def test_open_visits_are_apart_and_out_of_the_rate(self):
		figures = execution_so_far(planned=10, done=6, unplanned=2, still_open=2)
		self.assertEqual(
			(figures.planned, figures.done_as_planned, figures.missed, figures.still_open), (10, 6, 2, 2)
		)
		self.assertEqual(figures.execution_pct, 75.0)  # 6 of the 8 whose date has passed

	def test_visits_on_another_day_are_neither_as_planned_nor_missed(self):
		figures = execution_so_far(planned=5, done=2, unplanned=0, still_open=1, done_other_day=1)
		self.assertEqual(
			(figures.done_as_planned, figures.done_other_day, figures.missed, figures.still_open),
			(2, 1, 1, 1),
		)
		self.assertEqual(figures.execution_pct, 75.0)  # 3 of the 4 whose date has passed took place
		total = combined_so_far([figures, execution_so_far(2, 0, 0, 0, done_other_day=2)])
		self.assertEqual((total.done_as_planned, total.done_other_day, total.missed), (2, 3, 1))

	def test_nothing_due_yet_has_no_rate(self):
		self.assertIsNone(execution_so_far(planned=3, done=0, unplanned=0, still_open=3).execution_pct)

	def test_added_up(self):
		total = combined_so_far(
			[execution_so_far(4, 2, 1, 1), execution_so_far(5, 5, 0, 0), execution_so_far(2, 0, 0, 2)]
		)
		self.assertEqual(
			(total.planned, total.done_as_planned, total.missed, total.still_open), (11, 7, 1, 3)
		)
		self.assertEqual(total.done_unplanned, 1)
		self.assertEqual(total.execution_pct, 87.5)
