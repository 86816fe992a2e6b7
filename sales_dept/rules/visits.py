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


def plan_title(sales_person: str, period_type: str, start: date) -> str:
	"""What a plan is called in lists and on its form: the period it plans, then whose it is (a phone cuts a
	form's title short: the week shows first), the dates as ISO (the same in every language), e.g.
	"2026-12-07 ~ 12-13 王伟" for a week, "2026-12 王伟" for a month."""
	if period_type == MONTH:
		return f"{start:%Y-%m} {sales_person}"
	end = period_end(WEEK, start)
	end_shown = f"{end:%m-%d}" if end.year == start.year else f"{end:%Y-%m-%d}"
	return f"{start:%Y-%m-%d} ~ {end_shown} {sales_person}"


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
	"""Plan execution: of the `planned` visits, those done on their planned day (`done_as_planned`), those
	done on another day (`done_other_day`, earlier or later: the visit took place, not as planned) and those
	`missed`; `done_unplanned` counts the visits made outside any plan row."""

	planned: int
	done_as_planned: int
	done_unplanned: int
	missed: int
	done_other_day: int = 0

	@property
	def done(self) -> int:
		"""Planned visits that took place, on their day or another."""
		return self.done_as_planned + self.done_other_day

	@property
	def execution_pct(self) -> float:
		"""Planned visits that took place (on their day or another) over the planned visits."""
		return round(self.done / self.planned * 100, 1) if self.planned else 0.0


def done_on_planned_day(planned_date: date, visit_date: date) -> bool:
	"""Whether a planned visit took place as planned: on its planned day. A visit recorded for a plan row
	on any other day (its date is the check-in's) is done on another day."""
	return visit_date == planned_date


def execution(
	planned_rows: int,
	done_as_planned: int,
	unplanned_visits: int,
	period_over: bool,
	done_other_day: int = 0,
) -> Execution:
	"""Plan execution for one salesperson and period: `done_as_planned` planned visits took place on their
	day, `done_other_day` on another day; a planned visit not done counts as missed once the period is over
	(before that it is still open)."""
	return Execution(
		planned=planned_rows,
		done_as_planned=done_as_planned,
		done_unplanned=unplanned_visits,
		missed=planned_rows - done_as_planned - done_other_day if period_over else 0,
		done_other_day=done_other_day,
	)


def combined(figures: Iterable[Execution]) -> Execution:
	"""Several plans' execution added up (a salesperson over several weeks, a team, the department)."""
	planned = done = other_day = unplanned = missed = 0
	for figure in figures:
		planned += figure.planned
		done += figure.done_as_planned
		other_day += figure.done_other_day
		unplanned += figure.done_unplanned
		missed += figure.missed
	return Execution(
		planned=planned,
		done_as_planned=done,
		done_unplanned=unplanned,
		missed=missed,
		done_other_day=other_day,
	)


def still_open(figures: Execution) -> int:
	"""Planned visits neither done (on any day) nor (yet) missed: the rest of a period that is not over."""
	return figures.planned - figures.done - figures.missed


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
	def done_other_day(self) -> int:
		return self.due.done_other_day

	@property
	def done_unplanned(self) -> int:
		return self.due.done_unplanned

	@property
	def missed(self) -> int:
		return self.due.missed

	@property
	def execution_pct(self) -> float | None:
		return self.due.execution_pct if self.due.planned else None


def execution_so_far(
	planned: int, done: int, unplanned: int, still_open: int, done_other_day: int = 0
) -> ExecutionSoFar:
	"""`planned` visits of which `done` took place on their planned day, `done_other_day` on another day and
	`still_open` are neither done nor due yet; the rest is missed."""
	return ExecutionSoFar(
		execution(planned - still_open, done, unplanned, period_over=True, done_other_day=done_other_day),
		still_open,
	)


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


# Who may hand in, approve or return a plan.
TEAM_LEADER, SALES_MANAGER = "Team Leader", "Sales Manager"
OWN_PLAN = "own_plan"
NOT_AN_APPROVER = "not_an_approver"
NOT_THE_PLANS_SALESPERSON = "not_the_plans_salesperson"


def hand_in_problem(own_plan: bool, made_plan: bool, files_for_salesperson: bool) -> str | None:
	"""Why a user may not hand a plan in (nor fill it with the customers falling due): a plan is the
	salesperson's to hand in. Someone who may file plans for them (their team leader, a sales manager) hands
	in only a plan they made themselves, never one the salesperson made: an approver who sent such a plan
	back waits for the salesperson's revision."""
	if own_plan or (made_plan and files_for_salesperson):
		return None
	return NOT_THE_PLANS_SALESPERSON


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
