"""Visit plans and visit records (rulebook R23-R26, R37): plan periods, plan validation, the deadline
before the weekly meeting, truthful visit records and execution figures."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEK, MONTH = "Week", "Month"
NEW_CUSTOMER = "New Customer Development"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Plan problems (the adapter turns them into translated messages).
WEEK_NOT_MONDAY = "week_not_monday"
MONTH_NOT_FIRST = "month_not_first"
ROW_OUTSIDE_PERIOD = "row_outside_period"
DUPLICATE_ROW = "duplicate_row"
CUSTOMER_NOT_SERVED = "customer_not_served"
DUE_NOT_COVERED = "due_not_covered"

# Visit record problems.
FUTURE_VISIT = "future_visit"
CHECKOUT_BEFORE_CHECKIN = "checkout_before_checkin"


@dataclass(frozen=True)
class PlanRow:
	idx: int
	customer: str
	planned_date: date
	purpose: str
	waived: bool = False  # a due customer the approver agreed not to visit this period (reason given)


def period_end(period_type: str, start: date) -> date:
	if period_type == WEEK:
		return start + timedelta(days=6)
	next_month = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
	return next_month - timedelta(days=1)


def period_problem(period_type: str, start: date) -> str | None:
	if period_type == WEEK and start.weekday() != 0:
		return WEEK_NOT_MONDAY
	if period_type == MONTH and start.day != 1:
		return MONTH_NOT_FIRST
	return None


def row_problems(
	period_type: str, start: date, rows: Iterable[PlanRow], served: set[str]
) -> list[tuple[str, int, str]]:
	"""(problem, row idx, customer) for rows outside the period, repeated customer+date, and customers the
	salesperson does not serve (allowed only to develop a new customer). Waived rows are not visits."""
	end = period_end(period_type, start)
	problems, seen = [], set()
	for row in rows:
		if row.waived:
			continue
		if not start <= row.planned_date <= end:
			problems.append((ROW_OUTSIDE_PERIOD, row.idx, row.customer))
		if (row.customer, row.planned_date) in seen:
			problems.append((DUPLICATE_ROW, row.idx, row.customer))
		seen.add((row.customer, row.planned_date))
		if row.customer not in served and row.purpose != NEW_CUSTOMER:
			problems.append((CUSTOMER_NOT_SERVED, row.idx, row.customer))
	return problems


def uncovered_due_customers(due: Iterable[str], rows: Iterable[PlanRow]) -> list[str]:
	"""Customers falling due in the period that the plan neither visits nor waives."""
	handled = {row.customer for row in rows}
	return sorted(set(due) - handled)


def plan_deadline(period_start: date, meeting_weekday: str, meeting_time: time) -> datetime:
	"""The last weekly meeting before the plan's period starts: the plan must be submitted by then."""
	day = period_start - timedelta(days=1)
	while WEEKDAYS[day.weekday()] != meeting_weekday:
		day -= timedelta(days=1)
	return datetime.combine(day, meeting_time)


def is_late(submitted_at: datetime, deadline: datetime) -> bool:
	return submitted_at > deadline


def visit_problems(
	visit_date: date, today: date, check_in: datetime | None, check_out: datetime | None
) -> list[str]:
	"""What makes a visit record untruthful: a date in the future, leaving before arriving."""
	problems = []
	if visit_date > today:
		problems.append(FUTURE_VISIT)
	if check_in and check_out and check_out <= check_in:
		problems.append(CHECKOUT_BEFORE_CHECKIN)
	return problems


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
	"""Great-circle distance in metres (haversine, mean Earth radius)."""
	radius = 6_371_008.8
	phi1, phi2 = math.radians(lat1), math.radians(lat2)
	dphi, dlmb = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
	a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
	return 2 * radius * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Execution:
	planned: int
	done_as_planned: int
	done_unplanned: int
	missed: int

	@property
	def execution_pct(self) -> float:
		return round(self.done_as_planned / self.planned * 100, 1) if self.planned else 0.0


def execution(
	planned_rows: int, done_planned_rows: int, unplanned_visits: int, period_over: bool
) -> Execution:
	"""Plan execution for one salesperson and period; a planned visit counts as missed once the period is
	over (before that it is still open)."""
	return Execution(
		planned=planned_rows,
		done_as_planned=done_planned_rows,
		done_unplanned=unplanned_visits,
		missed=planned_rows - done_planned_rows if period_over else 0,
	)
