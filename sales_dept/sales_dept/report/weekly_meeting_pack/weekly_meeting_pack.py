# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""What each team brings to the weekly (Saturday) meeting (rulebook R24, R26, R37): one section per team with

- the week under review (the one the meeting falls in): plan against actual per salesperson;
- next week's plan of each salesperson and its approval state: a plan is handed in once it is pending
  approval or approved ("Plan Missing" when there is none, its state when it is a draft or was sent back);
- customers of tiers with a visit interval (VIP, Level 1) that are overdue on the meeting day, and whether
  next week's plans visit them;
- pending price exceptions of the team's salespeople;
- open bids of the team's salespeople (status, deadline, who each waits for) and the bids decided in the week
  under review: an outcome recorded (won, lost, withdrawn), or approved or declined;
- draft penalties of the team's salespeople waiting for the manager's decision, for the sales manager and
  leadership only (rulebook R11, R13);
- complaints: the Issues of the team's customers opened in the week under review or still open, with their
  SLA (rulebook R7; a customer's Issue belongs to its salesperson, see `services.complaints`).

A section shows only while its capability is switched on in Sales Dept Settings (one without a switch always
shows). The teams are those of `rules.org.OrgChart.planners`: the salespeople in teams plan, the
department's groups above the teams are not teams and the people placed directly in them (the manager) do not
hand in plans; their overdue customers, price exceptions and bids are listed under "Outside the Teams".

A script report returns one table: team and section header rows (indent 0 and 1, shown bold) followed by
their lines (indent 2), so the pack prints team after team.
"""

from collections import defaultdict
from datetime import timedelta

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate

from sales_dept.rules.visits import WEEK, Execution, ExecutionSoFar, combined_so_far, meeting_date, week_start
from sales_dept.services.bid_reports import (
	BidFilters,
	Reach,
	bids_decided_between,
	open_bids,
	waiting_label,
)
from sales_dept.services.complaints import BREACHED, meeting_complaints, outcome_labels
from sales_dept.services.conduct import decides_penalties, draft_penalties, summary_of
from sales_dept.services.org import get_org_chart
from sales_dept.services.settings import BUILT_CAPABILITIES, get_settings, switched_on
from sales_dept.services.visit_reports import (
	customer_coverage,
	execution_summary,
	plan_figures,
	planned_visits_chart,
	plans_of_period,
	report_scope,
	unplanned_between,
	unplanned_by_day,
	validate_common_filters,
	validate_week_start,
)


def upcoming_sections() -> list[tuple[str, str, str]]:
	"""(capability, section, note) of the capabilities the pack will have a section for once built (none now:
	complaints came last)."""
	return []


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	pack = MeetingPack(filters)
	columns = get_columns()
	return columns, with_every_column(pack.rows(), columns), pack.message(), pack.chart(), pack.summary()


def with_every_column(rows: list[dict], columns: list[dict]) -> list[dict]:
	"""The rows with a value for every column, None (shown empty) where a figure does not apply: a column
	missing from a row is formatted from nothing, as "0%" or "CNY 0.00" in the desk and in print. A true 0
	stays 0."""
	empty = dict.fromkeys(column["fieldname"] for column in columns)
	return [{**empty, **row} for row in rows]


def validate_filters(filters):
	filters.week_start = validate_week_start(filters.week_start or week_start(getdate()))
	validate_common_filters(filters)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Team"),
			"fieldname": "team",
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 120,
		},
		{"label": _("Meeting Section"), "fieldname": "section", "fieldtype": "Data", "width": 220},
		{
			"label": _("Sales Person"),
			"fieldname": "sales_person",
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 130,
		},
		{"label": _("Document Type"), "fieldname": "reference_doctype", "fieldtype": "Data", "hidden": 1},
		{
			"label": _("Document"),
			"fieldname": "reference",
			"fieldtype": "Dynamic Link",
			"options": "reference_doctype",
			"width": 150,
		},
		{"label": _("Meeting Item"), "fieldname": "detail", "fieldtype": "Data", "width": 220},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 120},
		{"label": _("Planned"), "fieldname": "planned", "fieldtype": "Int", "width": 75},
		{"label": _("Done as Planned"), "fieldname": "done_as_planned", "fieldtype": "Int", "width": 90},
		{"label": _("Done on Another Day"), "fieldname": "done_other_day", "fieldtype": "Int", "width": 90},
		{"label": _("Done Unplanned"), "fieldname": "done_unplanned", "fieldtype": "Int", "width": 90},
		{"label": _("Missed Visits"), "fieldname": "missed", "fieldtype": "Int", "width": 70},
		{"label": _("Still Open"), "fieldname": "open", "fieldtype": "Int", "width": 65},
		{"label": _("Execution (%)"), "fieldname": "execution_pct", "fieldtype": "Percent", "width": 95},
		{"label": _("Late Plan"), "fieldname": "is_late", "fieldtype": "Check", "width": 70},
		{"label": _("Date"), "fieldname": "date", "fieldtype": "Date", "width": 100},
		{"label": _("Days Overdue"), "fieldname": "days_overdue", "fieldtype": "Int", "width": 90},
		{"label": _("In Next Week's Plan"), "fieldname": "in_next_plan", "fieldtype": "Check", "width": 90},
		{"label": _("Waiting On"), "fieldname": "waits_for", "fieldtype": "Data", "width": 140},
		{"label": _("Currency"), "fieldname": "currency", "fieldtype": "Data", "hidden": 1},
		{
			"label": _("Amount"),
			"fieldname": "amount",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 120,
		},
	]


class MeetingPack:
	"""Reads everything the pack shows for the teams in scope (a handful of set-based queries)."""

	def __init__(self, filters):
		self.company = filters.company
		self.week_start = filters.week_start
		self.week_end = self.week_start + timedelta(days=6)
		self.next_week_start = self.week_start + timedelta(days=7)
		self.meeting_day = meeting_date(self.week_start, get_settings().meeting_weekday or "Saturday")
		self.chart_of = get_org_chart()
		self.shows = {
			capability: switched_on(capability)
			for capability in (*BUILT_CAPABILITIES, *(c for c, _s, _n in upcoming_sections()))
		}

		scope = report_scope(team=filters.team)
		people = self.chart_of.salespeople()
		self.in_scope = people if scope is None else people & set(scope)
		self.team_of = {
			person: team for person, team in self.chart_of.planners().items() if person in self.in_scope
		}
		self.roster = set(self.team_of)
		self.teams = defaultdict(list)
		for person in sorted(self.roster):
			self.teams[self.team_of[person]].append(person)

		self.reviewed = defaultdict(list)
		self.unplanned_only, self.next_plans, self.overdue, self.price_exceptions = {}, {}, [], []
		self.open_bids, self.decided_bids = [], []
		self.shows_penalties = bool(self.shows.get("conduct")) and decides_penalties()
		self.penalties = draft_penalties(self.company, self.in_scope) if self.shows_penalties else []
		self.complaints = (
			meeting_complaints(self.company, self.week_start, self.week_end, self.in_scope)
			if self.shows.get("complaints")
			else []
		)
		self.currency = frappe.get_cached_value("Company", self.company, "default_currency")
		if self.shows["visit_plans"]:
			for plan in plan_figures(self.company, self.week_start, self.week_end, scope, period_type=WEEK):
				if plan.period_start == self.week_start:
					self.reviewed[plan.sales_person].append(plan)
			self.unplanned_only = unplanned_by_day(
				self.roster - set(self.reviewed), self.week_start, self.week_end
			)
			self.next_plans = plans_of_period(self.company, WEEK, self.next_week_start, scope)
			self.overdue = customer_coverage(
				self.meeting_day, scope, fixed_interval_only=True, overdue_only=True
			)
		if self.shows["pricing_policy"]:
			self.price_exceptions = pending_price_exceptions(self.company, frozenset(self.in_scope))
		if self.shows["bid_review"]:
			self.open_bids = open_bids(Reach(frozenset(self.in_scope)), BidFilters(company=self.company))
			self.decided_bids = bids_decided_between(
				self.company, self.in_scope, self.week_start, self.week_end
			)

	# Figures
	# -------

	def figure_cells_of(self, people: list[str]) -> dict:
		"""Plan-against-actual cells of a salesperson or a team: without any plan for the week only the visits
		made apply (the planned figures and the rate are left empty, not 0)."""
		cells = figure_cells(combined_so_far(self.figures_of(person) for person in people))
		if not any(self.reviewed.get(person) for person in people):
			cells.update(dict.fromkeys(PLANNED_FIGURES))
		return cells

	def figures_of(self, person: str) -> ExecutionSoFar:
		plans = self.reviewed.get(person)
		if plans:
			return combined_so_far(plan.figures for plan in plans)
		unplanned = unplanned_between(self.unplanned_only, person, self.week_start, self.week_end)
		return ExecutionSoFar(Execution(planned=0, done_as_planned=0, done_unplanned=unplanned, missed=0))

	def handed_in(self, person: str) -> bool:
		plan = self.next_plans.get(person)
		return bool(plan and plan["handed_in"])

	def missing_plans(self, people) -> list[str]:
		return [person for person in people if not self.handed_in(person)]

	# Rows
	# ----

	def rows(self) -> list[dict]:
		"""Team after team; then, when they have anything to discuss, the people outside the teams."""
		overdue_by_team, exceptions_by_team = defaultdict(list), defaultdict(list)
		open_by_team, decided_by_team = defaultdict(list), defaultdict(list)
		for customer in self.overdue:
			overdue_by_team[self.team_of.get(customer["sales_person"])].append(customer)
		for request in self.price_exceptions:
			exceptions_by_team[self.team_of.get(request.sales_person)].append(request)
		for bid in self.open_bids:
			open_by_team[self.team_of.get(bid.sales_person)].append(bid)
		for bid in self.decided_bids:
			decided_by_team[self.team_of.get(bid.sales_person)].append(bid)
		penalties_by_team = defaultdict(list)
		for penalty in self.penalties:
			penalties_by_team[self.team_of.get(penalty.sales_person)].append(penalty)
		complaints_by_team = defaultdict(list)
		for issue in self.complaints:
			complaints_by_team[self.team_of.get(issue.sales_person)].append(issue)
		rows = []
		for team in sorted(self.teams):
			rows.append(header(team, 0, team, _("{0} salespeople").format(len(self.teams[team]))))
			if self.shows["visit_plans"]:
				rows += self.plan_vs_actual_rows(team)
				rows += self.next_week_rows(team)
				rows += self.overdue_rows(team, overdue_by_team[team])
			if self.shows["pricing_policy"]:
				rows += self.price_exception_rows(team, exceptions_by_team[team])
			if self.shows["bid_review"]:
				rows += self.open_bid_rows(team, open_by_team[team])
				rows += self.decided_bid_rows(team, decided_by_team[team])
			if self.shows_penalties:
				rows += self.draft_penalty_rows(team, penalties_by_team[team])
			if self.shows.get("complaints"):
				rows += self.complaint_rows(team, complaints_by_team[team])
			for capability, section, note in upcoming_sections():
				if capability not in BUILT_CAPABILITIES and self.shows[capability]:
					rows += placeholder_rows(team, section, note)
		outside = (
			overdue_by_team[None],
			exceptions_by_team[None],
			open_by_team[None],
			decided_by_team[None],
			complaints_by_team[None],
		)
		if any(outside):
			rows.append(header(None, 0, _("Outside the Teams"), _("not expected to hand in visit plans")))
			if overdue_by_team[None]:
				rows += self.overdue_rows(None, overdue_by_team[None])
			if exceptions_by_team[None]:
				rows += self.price_exception_rows(None, exceptions_by_team[None])
			if open_by_team[None]:
				rows += self.open_bid_rows(None, open_by_team[None])
			if decided_by_team[None]:
				rows += self.decided_bid_rows(None, decided_by_team[None])
			if complaints_by_team[None]:
				rows += self.complaint_rows(None, complaints_by_team[None])
		if penalties_by_team[None]:
			if not any(outside):
				rows.append(header(None, 0, _("Outside the Teams"), _("not expected to hand in visit plans")))
			rows += self.draft_penalty_rows(None, penalties_by_team[None])
		return rows

	def plan_vs_actual_rows(self, team: str) -> list[dict]:
		section = _("Plan vs Actual, {0} to {1}").format(
			frappe.format(self.week_start, "Date"), frappe.format(self.week_end, "Date")
		)
		rows = [header(team, 1, section, "")]
		for person in self.teams[team]:
			plans = self.reviewed.get(person, [])
			rows.append(
				{
					**line(team, section, person),
					**self.figure_cells_of([person]),
					"reference_doctype": "Visit Plan" if plans else None,
					"reference": plans[0].name if plans else None,
					"status": _(plans[0].state) if plans else _("No Plan"),
					"is_late": int(any(plan.is_late for plan in plans)),
				}
			)
		rows.append(
			{
				**line(team, section, None),
				**self.figure_cells_of(self.teams[team]),
				"detail": _("Team Total"),
				"bold": 1,
			}
		)
		return rows

	def next_week_rows(self, team: str) -> list[dict]:
		section = _("Plans for {0} to {1}").format(
			frappe.format(self.next_week_start, "Date"),
			frappe.format(self.next_week_start + timedelta(days=6), "Date"),
		)
		missing = self.missing_plans(self.teams[team])
		rows = [header(team, 1, section, _("{0} missing").format(len(missing)))]
		for person in self.teams[team]:
			plan = self.next_plans.get(person)
			rows.append(
				{
					**line(team, section, person),
					"reference_doctype": "Visit Plan" if plan else None,
					"reference": plan["name"] if plan else None,
					"detail": None if person not in missing else _("Not handed in"),
					"status": (_(plan["state"]) if plan["state"] else None) if plan else _("Plan Missing"),
					"plan_missing": int(person in missing),
					"planned": len(plan["customers"]) if plan else None,
					"is_late": int(plan["is_late"]) if plan else 0,
					"date": getdate(plan["submitted_on"]) if plan and plan["submitted_on"] else None,
				}
			)
		return rows

	def overdue_rows(self, team: str | None, customers: list) -> list[dict]:
		"""The overdue customers, the most overdue first (as `customer_coverage` sorts them)."""
		section = _("Overdue Customers on {0}").format(frappe.format(self.meeting_day, "Date"))
		planned_next = {customer for plan in self.next_plans.values() for customer in plan["customers"]}
		return listed_section(
			team,
			section,
			customers,
			lambda customer: {
				"reference_doctype": "Customer",
				"reference": customer["customer"],
				"detail": customer["customer_name"],
				"status": _(customer["tier"]) if customer["tier"] else None,
				"date": customer["last_visit"],
				"days_overdue": -customer["days_until_due"],
				"in_next_plan": int(customer["customer"] in planned_next),
			},
		)

	def price_exception_rows(self, team: str | None, requests: list) -> list[dict]:
		section = _("Pending Price Exceptions")
		return listed_section(
			team,
			section,
			requests,
			lambda request: {
				"reference_doctype": "Price Exception Request",
				"reference": request.name,
				"detail": " ".join(
					filter(None, (request.customer, _(request.reference_doctype), request.reference_name))
				),
				"status": _(request.status),
				"date": getdate(request.creation),
			},
		)

	def open_bid_rows(self, team: str | None, bids: list) -> list[dict]:
		"""The open bids, the nearest submission deadline first (as `open_bids` sorts them)."""
		section = _("Open Bids")
		return listed_section(
			team,
			section,
			bids,
			lambda bid: {
				"reference_doctype": "Bid Review",
				"reference": bid.name,
				"detail": " · ".join(filter(None, (bid.title, bid.customer_name))),
				"status": _(bid.status),
				"date": getdate(bid.submission_deadline) if bid.submission_deadline else None,
				"waits_for": waiting_label(bid.waiting),
				"currency": self.currency,
				"amount": bid.amount,
			},
		)

	def decided_bid_rows(self, team: str | None, bids: list) -> list[dict]:
		section = _("Bids Decided, {0} to {1}").format(
			frappe.format(self.week_start, "Date"), frappe.format(self.week_end, "Date")
		)
		return listed_section(
			team,
			section,
			bids,
			lambda bid: {
				"reference_doctype": "Bid Review",
				"reference": bid.name,
				"detail": " · ".join(filter(None, (bid.title, bid.customer_name))),
				"status": _(bid.decision),
				"date": bid.decided_on,
				"currency": self.currency,
				"amount": bid.amount,
			},
		)

	def draft_penalty_rows(self, team: str | None, penalties: list) -> list[dict]:
		"""Draft penalties waiting for the manager (shown to the manager and leadership only)."""
		section = _("Draft Penalties for the Manager")
		return listed_section(
			team,
			section,
			penalties,
			lambda penalty: {
				"reference_doctype": "Penalty Record",
				"reference": penalty.name,
				"detail": penalty.rule_title,  # the rulebook's article and title, as the reader reads them
				"status": summary_of(penalty.action, penalty.fine_amount, penalty.suspension_days),
				"date": penalty.incident_date,
			},
		)

	def complaint_rows(self, team: str | None, issues: list) -> list[dict]:
		"""Complaints of the team's customers opened in the week or still open, the oldest first, with their SLA."""
		section = _("Complaints")
		labels = outcome_labels()
		return listed_section(
			team,
			section,
			issues,
			lambda issue: {
				"reference_doctype": "Issue",
				"reference": issue.name,
				"detail": " · ".join(filter(None, (issue.customer_name or issue.customer, issue.subject))),
				"status": f"{_(issue.status)} · {labels[issue.outcome]}",
				"date": issue.opening_date,
			},
		)

	# Message, chart, summary
	# -----------------------

	def message(self) -> str:
		return _(
			"Week under review: {0} to {1}; meeting on {2}. The salespeople in teams hand in visit plans; the "
			"department above the teams and the people placed directly in it (the manager) do not. A plan is "
			"handed in once it is pending approval or approved: a draft or a plan sent back is missing. A planned "
			"visit is done as planned on its planned day, done on another day otherwise (both count as carried "
			"out), missed once its date has passed without it; until then it is still open and left out of the "
			"execution rate."
		).format(
			frappe.format(self.week_start, "Date"),
			frappe.format(self.week_end, "Date"),
			frappe.format(self.meeting_day, "Date"),
		)

	def chart(self) -> dict | None:
		"""Planned visits of the week under review per salesperson: done, missed, still open."""
		if not self.roster or not self.shows["visit_plans"]:
			return None
		return planned_visits_chart(
			{person: self.figures_of(person) for person in sorted(self.roster)},
			_("Planned Visits, {0} to {1}").format(
				frappe.format(self.week_start, "Date"), frappe.format(self.week_end, "Date")
			),
		)

	def summary(self) -> list[dict]:
		summary = []
		if self.shows["visit_plans"]:
			total = combined_so_far(self.figures_of(person) for person in self.roster)
			missing = len(self.missing_plans(self.roster))
			summary += [
				execution_summary(total),
				{
					"label": _("Next Week's Plans Missing"),
					"value": missing,
					"datatype": "Int",
					"indicator": "Red" if missing else "Green",
				},
				{
					"label": _("Overdue Customers"),
					"value": len(self.overdue),
					"datatype": "Int",
					"indicator": "Red" if self.overdue else "Green",
				},
			]
		if self.shows["pricing_policy"]:
			summary.append(
				{
					"label": _("Pending Price Exceptions"),
					"value": len(self.price_exceptions),
					"datatype": "Int",
				}
			)
		if self.shows["bid_review"]:
			summary += [
				{"label": _("Open Bids"), "value": len(self.open_bids), "datatype": "Int"},
				{"label": _("Bids Decided"), "value": len(self.decided_bids), "datatype": "Int"},
			]
		if self.shows_penalties:
			summary.append(
				{
					"label": _("Draft Penalties for the Manager"),
					"value": len(self.penalties),
					"datatype": "Int",
				}
			)
		if self.shows.get("complaints"):
			breached = sum(issue.outcome == BREACHED for issue in self.complaints)
			summary += [
				{"label": _("Complaints"), "value": len(self.complaints), "datatype": "Int"},
				{
					"label": _("SLA Breached"),
					"value": breached,
					"datatype": "Int",
					"indicator": "Red" if breached else "Green",
				},
			]
		return summary


def listed_section(team: str | None, section: str, items: list, fields_of) -> list[dict]:
	"""A section listing `items`: its header with their count, then a row for each (its salesperson's line
	and the fields `fields_of(item)` gives), or "None." when there is none."""
	rows = [header(team, 1, section, str(len(items)))]
	rows += [{**line(team, section, sales_person_of(item)), **fields_of(item)} for item in items]
	if not items:
		rows.append({**line(team, section, None), "detail": _("None.")})
	return rows


def sales_person_of(item) -> str | None:
	"""The salesperson of a row, a dict or a record of the services."""
	return item.get("sales_person") if isinstance(item, dict) else getattr(item, "sales_person", None)


def header(team: str | None, indent: int, section: str, detail: str) -> dict:
	return {"team": team, "section": section, "detail": detail, "indent": indent, "is_header": 1, "bold": 1}


def line(team: str | None, section: str, sales_person: str | None) -> dict:
	return {"team": team, "section": section, "sales_person": sales_person, "indent": 2}


# The cells of plan against actual that need a plan (the visits done without one do not).
PLANNED_FIGURES = ("planned", "done_as_planned", "done_other_day", "missed", "open", "execution_pct")


def figure_cells(figures: ExecutionSoFar) -> dict:
	return {
		"planned": figures.planned,
		"done_as_planned": figures.done_as_planned,
		"done_other_day": figures.done_other_day,
		"done_unplanned": figures.done_unplanned,
		"missed": figures.missed,
		"open": figures.still_open,
		"execution_pct": figures.execution_pct,
	}


def placeholder_rows(team: str | None, section: str, note: str) -> list[dict]:
	return [header(team, 1, section, ""), {**line(team, section, None), "detail": note, "is_note": 1}]


def pending_price_exceptions(company: str, scope: frozenset[str]) -> list:
	"""Submitted price exception requests still waiting for a decision, of the salespeople in scope."""
	if not scope:
		return []
	request = DocType("Price Exception Request")
	return (
		frappe.qb.from_(request)
		.select(
			request.name,
			request.sales_person,
			request.customer,
			request.reference_doctype,
			request.reference_name,
			request.status,
			request.creation,
		)
		.where(
			(request.company == company)
			& (request.docstatus == 1)
			& (request.status == "Pending")
			& request.sales_person.isin(sorted(scope))
		)
		.orderby(request.creation)
		.run(as_dict=True)
	)
