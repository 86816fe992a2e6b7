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


# What a plan handed in for approval holds.
EMPTY_PLAN = "empty_plan"
ALL_WAIVED = "all_waived"


def handed_in_content(rows: Iterable[PlanRow]) -> str | None:
	"""What is notable about a plan's rows when it is handed in: none at all (EMPTY_PLAN, refused: a plan
	plans visits, or waives the due ones with reasons) or only waived ones (ALL_WAIVED, accepted: the plan
	says so); None for a plan with visits."""
	rows = list(rows)
	if not rows:
		return EMPTY_PLAN
	if all(row.waived for row in rows):
		return ALL_WAIVED
	return None


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


def combined(figures: Iterable[Execution]) -> Execution:
	"""Several plans' execution added up (a salesperson over several weeks, a team, the department)."""
	planned = done = unplanned = missed = 0
	for figure in figures:
		planned += figure.planned
		done += figure.done_as_planned
		unplanned += figure.done_unplanned
		missed += figure.missed
	return Execution(planned=planned, done_as_planned=done, done_unplanned=unplanned, missed=missed)


def still_open(figures: Execution) -> int:
	"""Planned visits neither done nor (yet) missed: the rest of a period that is not over."""
	return figures.planned - figures.done_as_planned - figures.missed


@dataclass(frozen=True)
class ExecutionSoFar:
	"""Plan execution so far: `due` holds the figures (Execution) of the planned visits whose
	date has passed or that are done already, `still_open` counts the others (date not come, not done).
	The execution rate is that of `due`: the open visits are left out of it, and with nothing due yet there
	is no rate (None, shown empty) rather than 0 %."""

	due: Execution
	still_open: int = 0

	@property
	def planned(self) -> int:
		return self.due.planned + self.still_open

	@property
	def done_as_planned(self) -> int:
		return self.due.done_as_planned

	@property
	def done_unplanned(self) -> int:
		return self.due.done_unplanned

	@property
	def missed(self) -> int:
		return self.due.missed

	@property
	def execution_pct(self) -> float | None:
		return self.due.execution_pct if self.due.planned else None


def execution_so_far(planned: int, done: int, unplanned: int, still_open: int) -> ExecutionSoFar:
	"""`planned` visits of which `done` are done and `still_open` are neither done nor due yet; the rest is
	missed."""
	return ExecutionSoFar(execution(planned - still_open, done, unplanned, period_over=True), still_open)


def combined_so_far(figures: Iterable[ExecutionSoFar]) -> ExecutionSoFar:
	"""Several plans' execution so far added up (a salesperson, a team, the department)."""
	figures = list(figures)
	return ExecutionSoFar(
		combined(figure.due for figure in figures), sum(figure.still_open for figure in figures)
	)


def week_start(day: date) -> date:
	"""The Monday of the week `day` falls in."""
	return day - timedelta(days=day.weekday())


def meeting_date(week_monday: date, meeting_weekday: str) -> date:
	"""The day of the weekly meeting in the week starting on `week_monday`."""
	return week_monday + timedelta(days=WEEKDAYS.index(meeting_weekday))


def previous_period_start(period_type: str, start: date) -> date:
	"""The start of the period just before the one starting on `start`."""
	if period_type == WEEK:
		return start - timedelta(days=7)
	return (start.replace(day=1) - timedelta(days=1)).replace(day=1)


def purpose_totals(rows: Iterable[PlanRow]) -> dict[str, int]:
	"""Planned visits per purpose; waived rows are not visits."""
	totals: dict[str, int] = {}
	for row in rows:
		if not row.waived:
			totals[row.purpose] = totals.get(row.purpose, 0) + 1
	return totals


def week_reminded_on(today: date, meeting_weekday: str, days_before: int) -> date | None:
	"""The Monday of the week whose plan is due at the coming meeting, when `today` is `days_before` days
	before that meeting (the day to remind salespeople); None on any other day."""
	meeting = today + timedelta(days=max(days_before, 0))
	if WEEKDAYS[meeting.weekday()] != meeting_weekday:
		return None
	return meeting + timedelta(days=7 - meeting.weekday())


def newly_overdue(due: date | None, today: date) -> bool:
	"""Whether `today` is the first day a visit due on `due` is overdue (so it is announced once)."""
	return due is not None and (today - due).days == 1


# Who may approve or return a plan.
TEAM_LEADER, SALES_MANAGER = "Team Leader", "Sales Manager"
OWN_PLAN = "own_plan"
NOT_AN_APPROVER = "not_an_approver"


def approval_problem(
	approver: str, own_plan: bool, is_sales_manager: bool, leads_salesperson: bool
) -> str | None:
	"""Why a user may not approve or return a plan: nobody decides their own plan; a holder of the sales
	manager role may decide any other; a team leader only their team's, and only when `approver` (the
	setting) is "Team Leader"."""
	if own_plan:
		return OWN_PLAN
	if is_sales_manager or (approver == TEAM_LEADER and leads_salesperson):
		return None
	return NOT_AN_APPROVER
