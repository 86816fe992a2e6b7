"""Weeks of customer visits, planned in plain Python before anything is written (no frappe here).

Every salesperson but the manager has a weekly plan for each of the past WEEKS_BACK weeks and this one,
approved at the Saturday meeting; next week's plans are waiting for approval, except one still in draft and
one not made yet (the Weekly Meeting Pack shows both). Most planned visits before today were made, a few of
them a day later than planned (done on another day), some were missed, and now and then a salesperson calls
on a customer without a plan. The manager visits her key
accounts without plans, and the first of them not for WEEKS_BACK weeks, so that it is overdue as a VIP.

Given the visit interval of its tier, the first account of a few salespeople (the draft's, the missing
plan's and a pending one's) is left out of their plans and was last seen that interval before a day of
next week: it falls due next week, so "Add Due Customers" has something to add.

The same seed, day and accounts always give the same schedule.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

SEED = 20261
WEEKS_BACK = 6
VISITS_PER_PLAN = 3
VISIT_WEEKDAYS = (0, 2, 3)  # Monday, Wednesday, Thursday
MISSED_SHARE = 0.2  # planned visits before today that did not take place
LATE_SHARE = 0.1  # plans handed in after the meeting deadline
UNPLANNED_SHARE = 0.3  # weeks in which a salesperson also calls on a customer without a plan
OTHER_DAY_SHARE = 0.15  # visits made that took place the day after the planned day
KEY_ACCOUNT_VISIT_WEEKS = 2  # the manager sees each of her key accounts every other week
DUE_NEXT_WEEK_PLANNERS = 3  # salespeople whose first account falls due next week
DUE_NEXT_WEEK_DAY = 2  # on the Wednesday
ON_TIME_AT = time(16, 30)  # plans are handed in the afternoon before the meeting day
LATE_BY = timedelta(hours=2)  # or, late, two hours after the meeting began
PURPOSES = ("Revisit", "Collection", "Delivery / Contract", "Revisit", "Complaint", "Other")

APPROVED, PENDING, DRAFT = "Approved", "Pending Approval", "Draft"


@dataclass(frozen=True)
class PlannedVisit:
	customer: str
	day: date
	purpose: str
	made: bool  # the visit took place (only ever for days before today)
	visited_on: date | None = None  # the day it took place (when made): `day`, or the day after


@dataclass(frozen=True)
class WeekPlan:
	sales_person: str
	monday: date
	state: str
	late: bool
	visits: tuple[PlannedVisit, ...]


@dataclass(frozen=True)
class Visit:
	"""A visit without a plan."""

	sales_person: str
	customer: str
	day: date
	purpose: str


def monday_of(day: date) -> date:
	return day - timedelta(days=day.weekday())


def kept_accounts(accounts: list[tuple[str, str]], manager: str) -> dict[str, int]:
	"""Customers whose tier the demo keeps, by rank of tier: the manager's key accounts in the tier with the
	shortest visit interval (0), each other salesperson's first customer in the next one (1)."""
	kept, seen = {}, set()
	for customer, sales_person in accounts:
		if sales_person == manager:
			kept[customer] = 0
		elif sales_person not in seen:
			kept[customer] = 1
			seen.add(sales_person)
	return kept


def submission_time(deadline: datetime, late: bool, now: datetime) -> datetime:
	"""When a plan was handed in: the afternoon before the meeting day, or (late) two hours after the
	meeting began, but never after `now` (a plan for next week is handed in as the demo is built)."""
	meant = deadline + LATE_BY if late else datetime.combine(deadline.date() - timedelta(days=1), ON_TIME_AT)
	return min(meant, now)


def plan_weeks(
	today: date,
	accounts: list[tuple[str, str]],
	manager: str,
	first_account_interval: int | None = None,
	seed: int = SEED,
) -> tuple[list[WeekPlan], list[Visit]]:
	"""The weekly plans (oldest first) and the visits without a plan, for `accounts`' (customer, sales
	person) pairs. The manager has no plans of her own: nobody above her approves them.

	`first_account_interval` is the visit interval (days) of the tier the salespeople's first accounts are
	kept in (see kept_accounts); with it, some of them fall due next week (see due_next_week)."""
	rng = random.Random(seed)
	other_day = random.Random(seed + 1)  # draws of their own: the rest of the schedule is as without them
	this_monday = monday_of(today)
	customers_of: dict[str, list[str]] = {}
	for customer, sales_person in accounts:
		customers_of.setdefault(sales_person, []).append(customer)
	planners = [person for person in customers_of if person != manager]
	next_week_state = {person: PENDING for person in planners}
	if len(planners) > 2:
		next_week_state[planners[0]] = DRAFT
		del next_week_state[planners[1]]  # no plan yet
	falling_due = due_next_week(today, accounts, manager, first_account_interval)
	for person in planners:  # customers falling due next week are not visited before
		visited = [c for c in customers_of[person] if c not in falling_due]
		customers_of[person] = visited or customers_of[person]

	plans, unplanned = [], []
	for week in range(-WEEKS_BACK, 2):
		monday = this_monday + timedelta(weeks=week)
		for number, person in enumerate(planners):
			state = APPROVED if week <= 0 else next_week_state.get(person)
			if not state:
				continue
			customers = rotation(customers_of[person], week + WEEKS_BACK, VISITS_PER_PLAN)
			visits = tuple(
				planned_visit(
					customer,
					monday + timedelta(days=weekday),
					PURPOSES[(number + week + index) % len(PURPOSES)],
					made=monday + timedelta(days=weekday) < today and rng.random() >= MISSED_SHARE,
					day_after=other_day.random() < OTHER_DAY_SHARE,
					today=today,
				)
				for index, (customer, weekday) in enumerate(zip(customers, VISIT_WEEKDAYS, strict=False))
			)
			plans.append(WeekPlan(person, monday, state, late=rng.random() < LATE_SHARE, visits=visits))
			friday = monday + timedelta(days=4)
			if week <= 0 and friday < today and rng.random() < UNPLANNED_SHARE:
				others = [c for c in customers_of[person] if c not in customers] or customers_of[person]
				unplanned.append(Visit(person, rng.choice(others), friday, "Other"))
	unplanned += key_account_visits(customers_of.get(manager, []), manager, this_monday, today)
	unplanned += falling_due.values()
	return plans, sorted(unplanned, key=lambda visit: (visit.day, visit.sales_person, visit.customer))


def planned_visit(
	customer: str, day: date, purpose: str, made: bool, day_after: bool, today: date
) -> PlannedVisit:
	"""A planned visit; one made took place on its day, or (`day_after`) the day after when that is before
	today."""
	later = day + timedelta(days=1)
	visited_on = (later if day_after and later < today else day) if made else None
	return PlannedVisit(customer, day, purpose, made, visited_on)


def due_next_week(
	today: date, accounts: list[tuple[str, str]], manager: str, interval: int | None
) -> dict[str, Visit]:
	"""The last visit to each customer that falls due next week: the first account of the first
	DUE_NEXT_WEEK_PLANNERS salespeople (next week's draft, missing plan and first pending plan are theirs),
	seen `interval` days before next week's Wednesday. None when the tier has no interval or that visit
	would not be in the past."""
	if not interval:
		return {}
	last_seen = monday_of(today) + timedelta(weeks=1, days=DUE_NEXT_WEEK_DAY) - timedelta(days=interval)
	if last_seen >= today:
		return {}
	first_accounts = [c for c, rank in kept_accounts(accounts, manager).items() if rank == 1]
	owners = dict(accounts)
	return {
		customer: Visit(owners[customer], customer, last_seen, "Revisit")
		for customer in first_accounts[:DUE_NEXT_WEEK_PLANNERS]
	}


def rotation(customers: list[str], turn: int, count: int) -> list[str]:
	"""`count` of `customers`, moving on by `count` each turn (all of them when there are fewer)."""
	if len(customers) <= count:
		return list(customers)
	start = (turn * count) % len(customers)
	return [customers[(start + offset) % len(customers)] for offset in range(count)]


def key_account_visits(key_accounts: list[str], manager: str, this_monday: date, today: date) -> list[Visit]:
	"""The manager sees each key account every KEY_ACCOUNT_VISIT_WEEKS weeks on a Tuesday, except the
	first, which she has not seen since WEEKS_BACK weeks ago."""
	visits = []
	for number, customer in enumerate(key_accounts):
		for week in range(-WEEKS_BACK, 1):
			day = this_monday + timedelta(weeks=week, days=1)
			if day >= today or (number == 0 and week > -WEEKS_BACK):
				continue
			if number == 0 or (week + number) % KEY_ACCOUNT_VISIT_WEEKS == 0:
				visits.append(Visit(manager, customer, day, "Revisit"))
	return visits
