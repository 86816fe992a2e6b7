"""Shared queries of the visit reports (rulebook R26, R37, R38): Visit Plan Execution, Customer Visit
Coverage and the Weekly Meeting Pack.

Each figure comes from one set-based query over all the plans, rows, visit records or customers in scope;
the decisions (execution, missed visits, due dates, coverage status) are those of `sales_dept.rules`.

Who sees what is the rule for the Visit Plan and Visit Record lists (`services.visit_access`): a salesperson
their own rows, a team leader those of the teams they lead (and their own), a holder of the sales manager
role (or System Manager) everyone. The scope is applied to the queries as a condition on the sales person.

Which plans count: those sent to the meeting, i.e. in workflow state "Pending Approval" or "Approved" (any
submitted plan counts too). Drafts, returned and cancelled plans are not commitments yet: their rows are
neither planned nor missed.

A visit record is planned when it names the plan row it fulfils (`visit_plan_row`); a plan row is done
when it is ticked done or names a submitted visit record (`visit_record`): done as planned when that visit
took place on the planned day, else done on another day (`services.visits.row_terms`). Both count as carried
out in the execution rate; neither is missed.

Execution so far: a planned visit whose date has not come yet (today included) and that is not done is still
open; it is counted apart and left out of the execution rate, which is the planned visits done (on their
day or another) over the planned visits whose date has passed (or that are done already). A planned visit
whose date has passed without being done is missed.

Who hands in plans: the salespeople in teams (`rules.org.OrgChart.planners`). A team is a group of the Sales Person
tree with no group below it; the groups above the teams (the department) are not teams, and the people
placed directly in them (the department head, the manager) lead rather than plan.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Coalesce, Concat_ws, Count, Max
from frappe.utils import getdate
from pypika.functions import Date
from pypika.terms import Criterion, ExistsCriterion, Term, ValueWrapper
from pypika.utils import format_alias_sql

from sales_dept.rules.org import default_sales_person
from sales_dept.rules.tiers import (
	AS_ARRANGED,
	DUE_SOON,
	ON_TIME,
	OVERDUE,
	coverage_status,
	days_until_due,
	next_visit_due,
	visited_since_to_be_on_time,
)
from sales_dept.rules.visits import ExecutionSoFar, execution_so_far, period_problem
from sales_dept.services.org import get_org_chart
from sales_dept.services.visit_access import reachable_sales_persons
from sales_dept.services.visits import count_of, join_row_records, row_terms

PENDING_APPROVAL, APPROVED = "Pending Approval", "Approved"
COUNTED_STATES = (PENDING_APPROVAL, APPROVED)
DUE_SOON_DAYS = 7  # "due soon": falls due within the next plan week

# Every sales person, for scopes that are not narrowed (None would be ambiguous with "nobody").
EVERYONE = None


# Filters and scope
# -----------------


def validate_common_filters(filters) -> None:
	if not filters.get("company"):
		frappe.throw(_("Choose a company."), title=_("Missing Filter"))
	if filters.get("from_date") and filters.get("to_date"):
		if getdate(filters.from_date) > getdate(filters.to_date):
			frappe.throw(_("From Date must be before To Date."), title=_("Invalid Filter"))
	team = filters.get("team")
	if team and not frappe.db.get_value("Sales Person", team, "is_group"):
		frappe.throw(
			_("{0} is not a team: choose a group Sales Person.").format(frappe.bold(team)),
			title=_("Invalid Filter"),
		)


def validate_week_start(week_start) -> date:
	monday = getdate(week_start)
	if period_problem("Week", monday):
		frappe.throw(
			_("The week must start on a Monday; {0} is not one.").format(frappe.bold(week_start)),
			title=_("Invalid Filter"),
		)
	return monday


def report_scope(
	user: str | None = None, team: str | None = None, sales_person: str | None = None
) -> frozenset[str] | None:
	"""The sales persons whose rows `user` may see, narrowed to `team` and `sales_person` when given.

	None: everyone (a manager without narrowing filters). An empty set: nobody.
	"""
	scope = reachable_sales_persons(user or frappe.session.user)
	if team:
		members = get_org_chart().members(team)
		scope = members if scope is EVERYONE else scope & members
	if sales_person:
		scope = {sales_person} if scope is EVERYONE else scope & {sales_person}
	return scope if scope is EVERYONE else frozenset(scope)


def scope_condition(field, scope: frozenset[str] | None):
	"""A qb condition keeping the rows whose `field` is in `scope` (None: no condition)."""
	return None if scope is EVERYONE else field.isin(sorted(scope))


def where_in_scope(query, field, scope):
	condition = scope_condition(field, scope)
	return query if condition is None else query.where(condition)


# Visit plans
# -----------


@dataclass
class PlanFigures:
	name: str
	sales_person: str
	period_type: str
	period_start: date
	period_end: date
	state: str
	is_late: bool
	submitted_on: object
	deadline: object
	figures: ExecutionSoFar


def _has_workflow_state() -> bool:
	return frappe.get_meta("Visit Plan").has_field("workflow_state")


def plan_state(plan):
	"""The workflow state of a plan (its docstatus as a word when no workflow is installed)."""
	if _has_workflow_state():
		return plan.workflow_state
	return Case().when(plan.docstatus == 1, "Submitted").when(plan.docstatus == 2, "Cancelled").else_("Draft")


def counted_plan_condition(plan):
	"""Plans sent to the meeting: pending approval or approved (any submitted plan)."""
	if _has_workflow_state():
		return (plan.docstatus < 2) & (plan.workflow_state.isin(COUNTED_STATES) | (plan.docstatus == 1))
	return plan.docstatus == 1


def plan_figures(
	company: str,
	from_date,
	to_date,
	scope: frozenset[str] | None,
	period_type: str | None = None,
	today: date | None = None,
) -> list[PlanFigures]:
	"""Execution so far of every counted plan whose period overlaps [from_date, to_date], in two queries:
	rows (planned, done as planned, still open on `today`) and the salesperson's visits in the period not
	made for a plan row."""
	if scope is not EVERYONE and not scope:
		return []
	today = getdate(today)
	plan, row, record = DocType("Visit Plan"), DocType("Visit Plan Row"), DocType("Visit Record")

	terms = row_terms(row, record)
	open_row = terms.planned & terms.done.negate() & (row.planned_date >= today)
	query = (
		frappe.qb.from_(plan)
		.left_join(row)
		.on((row.parent == plan.name) & (row.parenttype == "Visit Plan") & (row.parentfield == "visits"))
	)
	query = (
		join_row_records(query, row, record)
		.select(
			plan.name,
			plan.sales_person,
			plan.period_type,
			plan.period_start,
			plan.period_end,
			plan_state(plan).as_("state"),
			plan.is_late,
			plan.submitted_on,
			plan.deadline,
			count_of(terms.planned).as_("planned"),
			count_of(terms.done_as_planned).as_("done"),
			count_of(terms.done_other_day).as_("done_other_day"),
			count_of(open_row).as_("still_open"),
		)
		.where(
			(plan.company == company)
			& (plan.period_start <= getdate(to_date))
			& (plan.period_end >= getdate(from_date))
			& counted_plan_condition(plan)
		)
		.groupby(plan.name)
	)
	if period_type:
		query = query.where(plan.period_type == period_type)
	rows = where_in_scope(query, plan.sales_person, scope).run(as_dict=True)

	unplanned = unplanned_by_day(
		{r.sales_person for r in rows},
		min((r.period_start for r in rows), default=None),
		max((r.period_end for r in rows), default=None),
	)
	result = []
	for r in rows:
		result.append(
			PlanFigures(
				name=r.name,
				sales_person=r.sales_person,
				period_type=r.period_type,
				period_start=getdate(r.period_start),
				period_end=getdate(r.period_end),
				state=r.state,
				is_late=bool(r.is_late),
				submitted_on=r.submitted_on,
				deadline=r.deadline,
				figures=execution_so_far(
					int(r.planned or 0),
					int(r.done or 0),
					unplanned_between(unplanned, r.sales_person, r.period_start, r.period_end),
					int(r.still_open or 0),
					done_other_day=int(r.done_other_day or 0),
				),
			)
		)
	result.sort(key=lambda p: (p.sales_person, p.period_start, p.name))
	return result


def unplanned_by_day(sales_persons: Iterable[str], from_date, to_date) -> dict[str, dict[date, int]]:
	"""Submitted visits not made for a plan row, per (salesperson, day), in one range query. Like the
	plan form's previous-period figures (`services.visits.previous_period`), a salesperson's visits count
	whatever company they are filed under."""
	sales_persons = sorted(set(sales_persons))
	if not sales_persons or not from_date or not to_date:
		return {}
	record = DocType("Visit Record")
	rows = (
		frappe.qb.from_(record)
		.select(record.sales_person, record.visit_date, Count("*"))
		.where(
			record.sales_person.isin(sales_persons)
			& (record.docstatus == 1)
			& (record.visit_date >= getdate(from_date))
			& (record.visit_date <= getdate(to_date))
			& (record.visit_plan_row.isnull() | (record.visit_plan_row == ""))
		)
		.groupby(record.sales_person, record.visit_date)
		.run()
	)
	by_day: dict[str, dict[date, int]] = {}
	for person, day, count in rows:
		by_day.setdefault(person, {})[getdate(day)] = count
	return by_day


def unplanned_between(by_day: dict[str, dict[date, int]], sales_person: str, from_date, to_date) -> int:
	"""The visits of `by_day` (see unplanned_by_day) of one salesperson from `from_date` to `to_date`."""
	days = by_day.get(sales_person, {})
	from_date, to_date = getdate(from_date), getdate(to_date)
	return sum(days.get(from_date + timedelta(days=n), 0) for n in range((to_date - from_date).days + 1))


STATE_RANK = {APPROVED: 3, "Submitted": 3, PENDING_APPROVAL: 2}


def plans_of_period(
	company: str, period_type: str, period_start, scope: frozenset[str] | None
) -> dict[str, dict]:
	"""The plan each salesperson has for one period (any state but cancelled; the furthest along when
	there are several), with its non-waived rows' customers listed and whether it is handed in (pending
	approval or approved, see `counted_plan_condition`: a draft or a plan sent back is not)."""
	if scope is not EVERYONE and not scope:
		return {}
	plan, row = DocType("Visit Plan"), DocType("Visit Plan Row")
	query = (
		frappe.qb.from_(plan)
		.left_join(row)
		.on(
			(row.parent == plan.name)
			& (row.parenttype == "Visit Plan")
			& (row.parentfield == "visits")
			& (row.waived == 0)
		)
		.select(
			plan.name,
			plan.sales_person,
			plan_state(plan).as_("state"),
			plan.is_late,
			plan.submitted_on,
			plan.modified,
			Case().when(counted_plan_condition(plan), 1).else_(0).as_("handed_in"),
			row.customer,
		)
		.where(
			(plan.company == company)
			& (plan.period_type == period_type)
			& (plan.period_start == getdate(period_start))
			& (plan.docstatus < 2)
		)
	)
	found: dict[str, dict] = {}
	for r in where_in_scope(query, plan.sales_person, scope).run(as_dict=True):
		entry = found.setdefault(
			r.name,
			{
				"name": r.name,
				"sales_person": r.sales_person,
				"state": r.state,
				"is_late": bool(r.is_late),
				"submitted_on": r.submitted_on,
				"modified": r.modified,
				"handed_in": bool(r.handed_in),
				"customers": [],
			},
		)
		if r.customer:
			entry["customers"].append(r.customer)
	best: dict[str, dict] = {}
	for entry in found.values():
		current = best.get(entry["sales_person"])
		key = (STATE_RANK.get(entry["state"], 1), entry["modified"])
		if not current or key > (STATE_RANK.get(current["state"], 1), current["modified"]):
			best[entry["sales_person"]] = entry
	return best


# Customer coverage
# -----------------


def coverage_status_labels() -> dict[str, str]:
	return {
		OVERDUE: _("Overdue"),
		DUE_SOON: _("Due Soon"),
		ON_TIME: _("On Time"),
		AS_ARRANGED: _("As Arranged"),
	}


class OrderedGroupConcat(Term):
	"""MariaDB's GROUP_CONCAT(term ORDER BY order_by SEPARATOR separator) (pypika has no ORDER BY there)."""

	is_aggregate = True

	def __init__(self, term: Term, order_by: Term, separator: str, alias: str | None = None):
		super().__init__(alias=alias)
		self.term, self.order_by, self.separator = term, order_by, separator

	def get_sql(self, **kwargs) -> str:
		kwargs.pop("with_alias", None)
		term, order_by = self.term.get_sql(**kwargs), self.order_by.get_sql(**kwargs)
		separator = ValueWrapper(self.separator).get_sql()
		sql = f"GROUP_CONCAT({term} ORDER BY {order_by} SEPARATOR {separator})"
		return format_alias_sql(sql, self.alias, **kwargs)


# A customer's Sales Team read in one column: "sales person<US>allocation" per member in list order, <RS> apart.
UNIT_SEPARATOR, RECORD_SEPARATOR = "\x1f", "\x1e"


def parse_sales_team(members: str | None) -> tuple[tuple[str, float], ...]:
	"""The (sales person, allocated %) pairs of a Sales Team read with OrderedGroupConcat, in list order."""
	if not members:
		return ()
	team = []
	for member in members.split(RECORD_SEPARATOR):
		sales_person, _sep, share = member.partition(UNIT_SEPARATOR)
		team.append((sales_person, float(share or 0)))
	return tuple(team)


def fixed_intervals() -> dict[str, int]:
	"""The visit interval of each tier that has one (VIP, Level 1 as seeded)."""
	return dict(
		frappe.get_all(
			"Customer Tier",
			filters={"visit_interval_days": (">", 0)},
			fields=["name", "visit_interval_days"],
			as_list=True,
		)
	)


def customer_coverage(
	as_on,
	scope: frozenset[str] | None,
	tier: str | None = None,
	fixed_interval_only: bool = False,
	overdue_only: bool = False,
	soon_days: int = DUE_SOON_DAYS,
) -> list[dict]:
	"""One row per enabled customer: tier, interval, responsible salesperson, last submitted visit on or
	before `as_on`, next due date, days until due and coverage status; the most overdue first.

	The responsible salesperson is the one a new deal goes to (`rules.org.default_sales_person`): the Sales
	Team member with the largest allocation, the first listed on a tie, among enabled sales persons. Like
	the plan checks (`services.visits.customer_due_dates`), the last visit is anyone's, in any company.

	One query whatever the number of customers and visits: a row per customer asked for (with a scope, those
	with someone in scope on their Sales Team), with its Sales Team in one column and its last visit looked
	up in the index Visit Record (customer, docstatus, visit_date), so each customer costs the same however
	many visits it has. Customers sharing a Sales Team are decided once.
	"""
	if scope is not EVERYONE and not scope:
		return []
	as_on = getdate(as_on)
	customer, tier_doc = DocType("Customer"), DocType("Customer Tier")
	team_row, record = DocType("Sales Team"), DocType("Visit Record")

	def customer_team(table):
		return (
			(table.parent == customer.name)
			& (table.parenttype == "Customer")
			& (table.parentfield == "sales_team")
		)

	sales_team = (
		frappe.qb.from_(team_row)
		.select(
			OrderedGroupConcat(
				Concat_ws(UNIT_SEPARATOR, team_row.sales_person, team_row.allocated_percentage),
				team_row.idx,
				RECORD_SEPARATOR,
			)
		)
		.where(customer_team(team_row))
	)
	last_visit = (
		frappe.qb.from_(record)
		.select(Max(record.visit_date))
		.where((record.customer == customer.name) & (record.docstatus == 1) & (record.visit_date <= as_on))
	)
	query = (
		frappe.qb.from_(customer)
		.left_join(tier_doc)
		.on(tier_doc.name == customer.sd_customer_tier)
		.select(
			customer.name,
			customer.customer_name,
			customer.sd_customer_tier,
			tier_doc.visit_interval_days,
			# when a never-visited customer falls due (only asked of tiers with an interval)
			Case()
			.when(
				tier_doc.visit_interval_days > 0,
				Date(Coalesce(customer.sd_tier_classified_on, customer.creation)),
			)
			.else_(None),
			sales_team,
			last_visit,
		)
		.where(customer.disabled == 0)
	)
	if tier:
		query = query.where(customer.sd_customer_tier == tier)
	if fixed_interval_only or overdue_only:  # customers visited as arranged are never overdue
		intervals = fixed_intervals()
		if not intervals:
			return []
		query = query.where(customer.sd_customer_tier.isin(sorted(intervals)))
	if overdue_only:
		# Only those not visited since the day that keeps them on time; the rule below still decides.
		recent = DocType("Visit Record").as_("recent")
		query = query.where(
			Criterion.any(
				(customer.sd_customer_tier == tier_name)
				& ExistsCriterion(
					frappe.qb.from_(recent)
					.select(recent.name)
					.where(
						(recent.customer == customer.name)
						& (recent.docstatus == 1)
						& (recent.visit_date[visited_since_to_be_on_time(as_on, interval) : as_on])
					)
				).negate()
				for tier_name, interval in intervals.items()
			)
		)
	if scope is not EVERYONE:
		member = DocType("Sales Team").as_("member")
		query = query.where(
			ExistsCriterion(
				frappe.qb.from_(member)
				.select(member.name)
				.where(customer_team(member) & member.sales_person.isin(sorted(scope)))
			)
		)

	chart = get_org_chart()
	enabled = chart.salespeople()
	responsible: dict[str | None, tuple] = {}  # per Sales Team as read: (sales person, team)
	rows = []
	for name, customer_name, tier_name, interval, since, members, last in query.run():
		if members not in responsible:
			sales_person = default_sales_person(parse_sales_team(members), None, enabled)
			responsible[members] = (sales_person, chart.team_of(sales_person) if sales_person else None)
		sales_person, team = responsible[members]
		if scope is not EVERYONE and sales_person not in scope:
			continue
		due = next_visit_due(last, interval, since)
		days = days_until_due(due, as_on)
		status = coverage_status(days, soon_days)
		if overdue_only and status != OVERDUE:
			continue
		rows.append(
			{
				"customer": name,
				"customer_name": customer_name,
				"tier": tier_name,
				"visit_interval_days": interval,
				"sales_person": sales_person,
				"team": team,
				"last_visit": last,
				"next_due": due,
				"days_until_due": days,
				"status": status,
			}
		)
	rows.sort(key=most_urgent_first)
	return rows


def most_urgent_first(row: dict) -> tuple:
	"""Sort key of coverage rows: the most overdue first, then those due soonest; customers visited as
	arranged (no due date) last; by customer on a tie."""
	days = row["days_until_due"]
	return (days is None, days or 0, row["customer"])


def execution_summary(figures: ExecutionSoFar) -> dict:
	"""The report summary's execution rate; a dash while nothing is due yet (no rate is not 0 %)."""
	rate = figures.execution_pct
	return {
		"label": _("Execution (%)"),
		"value": "–" if rate is None else rate,
		"datatype": "Data" if rate is None else "Percent",
	}


def planned_visits_chart(figures_by_person: dict, title: str) -> dict:
	"""A stacked bar per salesperson of their planned visits: done as planned, done on another day, missed,
	still open, from {salesperson: ExecutionSoFar} (Visit Plan Execution over its dates, the meeting pack
	over its week)."""
	people = list(figures_by_person)
	parts = (
		(_("Done as Planned"), "done_as_planned"),
		(_("Done on Another Day"), "done_other_day"),
		(_("Missed Visits"), "missed"),
		(_("Still Open"), "still_open"),
	)
	return {
		"title": title,
		"data": {
			"labels": people,
			"datasets": [
				{"name": label, "values": [getattr(figures_by_person[p], field) for p in people]}
				for label, field in parts
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"fieldtype": "Int",
		"colors": ["#28a745", "#98d85b", "#ff5858", "#b8c2cc"],
	}


def salesperson_columns() -> list[dict]:
	"""The Sales Person and Team columns the visit reports share."""
	return [
		{
			"label": _("Sales Person"),
			"fieldname": "sales_person",
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 140,
		},
		{
			"label": _("Team"),
			"fieldname": "team",
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 120,
		},
	]
