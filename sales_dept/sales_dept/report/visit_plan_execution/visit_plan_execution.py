# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Visit plans against what was done (rulebook R26, R38): per salesperson and plan, the visits planned, done
as planned (on the planned day), done on another day, done without a plan, missed (date passed, not done),
still open (date not come yet) and the execution rate over the visits whose date has passed, with the plans
submitted after the meeting deadline.
Counts plans pending approval or approved (see `sales_dept.services.visit_reports`)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from sales_dept.rules.visits import combined_so_far
from sales_dept.services.org import get_org_chart
from sales_dept.services.visit_reports import (
	execution_summary,
	plan_figures,
	planned_visits_chart,
	report_scope,
	salesperson_columns,
	validate_common_filters,
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	scope = report_scope(team=filters.team, sales_person=filters.sales_person)
	plans = plan_figures(
		filters.company, filters.from_date, filters.to_date, scope, period_type=filters.period_type
	)
	return get_columns(), get_rows(plans), message(), get_chart(plans), get_summary(plans)


def message() -> str:
	return _(
		"Plans pending approval or approved whose period overlaps the dates chosen. A planned visit is done "
		"as planned on its planned day and done on another day otherwise; both count as carried out. A "
		"planned visit whose date has not come yet (today included) and that is not done is still open: it is "
		"counted apart and left out of the execution rate, which is computed only over the planned visits "
		"whose date has passed (and those already done). A planned visit whose date has passed without being "
		"done is missed."
	)


def validate_filters(filters):
	today = getdate()
	filters.from_date = getdate(filters.from_date or today.replace(day=1))
	filters.to_date = getdate(filters.to_date or today)
	validate_common_filters(filters)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Visit Plan"),
			"fieldname": "plan",
			"fieldtype": "Link",
			"options": "Visit Plan",
			"width": 140,
		},
		*salesperson_columns(),
		{"label": _("Period Type"), "fieldname": "period_type", "fieldtype": "Data", "width": 80},
		{"label": _("Period Start"), "fieldname": "period_start", "fieldtype": "Date", "width": 100},
		{"label": _("Period End"), "fieldname": "period_end", "fieldtype": "Date", "width": 100},
		{"label": _("Status"), "fieldname": "state", "fieldtype": "Data", "width": 120},
		{"label": _("Planned"), "fieldname": "planned", "fieldtype": "Int", "width": 80},
		{"label": _("Done as Planned"), "fieldname": "done_as_planned", "fieldtype": "Int", "width": 110},
		{"label": _("Done on Another Day"), "fieldname": "done_other_day", "fieldtype": "Int", "width": 110},
		{"label": _("Done Unplanned"), "fieldname": "done_unplanned", "fieldtype": "Int", "width": 110},
		{"label": _("Missed Visits"), "fieldname": "missed", "fieldtype": "Int", "width": 80},
		{"label": _("Still Open"), "fieldname": "open", "fieldtype": "Int", "width": 70},
		{"label": _("Execution (%)"), "fieldname": "execution_pct", "fieldtype": "Percent", "width": 100},
		{"label": _("Late Plan"), "fieldname": "is_late", "fieldtype": "Check", "width": 80},
		{
			"label": _("Submitted for Approval On"),
			"fieldname": "submitted_on",
			"fieldtype": "Datetime",
			"width": 150,
		},
		{"label": _("Due Before"), "fieldname": "deadline", "fieldtype": "Datetime", "width": 150},
	]


def get_rows(plans) -> list[dict]:
	chart = get_org_chart()
	return [
		{
			"plan": plan.name,
			"sales_person": plan.sales_person,
			"team": chart.team_of(plan.sales_person),
			"period_type": _(plan.period_type),
			"period_start": plan.period_start,
			"period_end": plan.period_end,
			"state": _(plan.state) if plan.state else None,
			"planned": plan.figures.planned,
			"done_as_planned": plan.figures.done_as_planned,
			"done_other_day": plan.figures.done_other_day,
			"done_unplanned": plan.figures.done_unplanned,
			"missed": plan.figures.missed,
			"open": plan.figures.still_open,
			"execution_pct": plan.figures.execution_pct,
			"is_late": int(plan.is_late),
			"submitted_on": plan.submitted_on,
			"deadline": plan.deadline,
		}
		for plan in plans
	]


def per_sales_person(plans) -> dict:
	by_person = defaultdict(list)
	for plan in plans:
		by_person[plan.sales_person].append(plan.figures)
	return {person: combined_so_far(figures) for person, figures in sorted(by_person.items())}


def get_chart(plans) -> dict | None:
	"""Planned visits per salesperson over the plans shown: done, missed and still open, stacked."""
	if not plans:
		return None
	return planned_visits_chart(per_sales_person(plans), _("Planned Visits per Salesperson"))


def get_summary(plans) -> list[dict]:
	total = combined_so_far(plan.figures for plan in plans)
	late = sum(plan.is_late for plan in plans)
	return [
		{"label": _("Plans Counted"), "value": len(plans), "datatype": "Int"},
		{"label": _("Planned"), "value": total.planned, "datatype": "Int"},
		{
			"label": _("Done as Planned"),
			"value": total.done_as_planned,
			"datatype": "Int",
			"indicator": "Green",
		},
		{"label": _("Done on Another Day"), "value": total.done_other_day, "datatype": "Int"},
		{"label": _("Done Unplanned"), "value": total.done_unplanned, "datatype": "Int"},
		{
			"label": _("Missed Visits"),
			"value": total.missed,
			"datatype": "Int",
			"indicator": "Red" if total.missed else "Green",
		},
		{"label": _("Still Open"), "value": total.still_open, "datatype": "Int", "indicator": "Grey"},
		execution_summary(total),
		{"label": _("Late Plans"), "value": late, "datatype": "Int", "indicator": "Red" if late else "Green"},
	]
