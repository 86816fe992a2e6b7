# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Targets against what was sold and collected (rulebook R1, R15, R21, R31, R39): per salesperson or team and
period (a month, quarter or fiscal year), the target (ERPNext's Sales Person targets spread by their Monthly
Distribution), the net sales credited by Sales Team allocation (returns deducted) and how much of it counts
against the targets, the achievement, what was collected against the collection target (回款完成率) and against
what was due (回款率, at most 100 %), new customers, and growth
against the same period last year and the settings' growth goal. The same figures as the scorecards
(`services.scorecard_figures`), read in a fixed number of queries for everyone in scope."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import flt, getdate

from sales_dept.rules.scoring import MONTH, PERIOD_TYPES, collection_rate, growth_pct, meets_growth_goal, pct
from sales_dept.services.org import get_org_chart
from sales_dept.services.scorecard_figures import Figures, compute, growth_goal
from sales_dept.services.scorecard_periods import period_for
from sales_dept.services.visit_reports import report_scope, validate_common_filters

SALES_PERSON, TEAM = "Sales Person", "Team"


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	period = period_for(filters.company, filters.period_type, filters.date)
	chart = get_org_chart()
	scope = report_scope(team=filters.team, sales_person=filters.sales_person)
	people = chart.salespeople() if scope is None else chart.salespeople() & set(scope)
	figures = compute(filters.company, period, people, sales_only=True)
	rows = get_rows(figures, filters.group_by, chart)
	return (
		get_columns(filters.group_by),
		rows,
		message(period),
		get_chart(rows, filters.group_by),
		get_summary(figures),
	)


def validate_filters(filters):
	filters.period_type = filters.period_type or MONTH
	if filters.period_type not in PERIOD_TYPES:
		frappe.throw(_("Choose a month, a quarter or a year."), title=_("Invalid Filter"))
	filters.date = getdate(filters.date or getdate())
	filters.group_by = filters.group_by or SALES_PERSON
	validate_common_filters(filters)


def message(period) -> str:
	return _(
		"{0} ({1} to {2}). Net sales: submitted invoices (or orders, as Sales Dept Settings say) credited by "
		"Sales Team allocation, returns deducted; Achieved: the part of it in the item groups the targets name. "
		"Collected: payments in the period on the credited invoices. Collection completion: collected ÷ the "
		"collection target. Collection rate: collected ÷ (collected + what was due by the period's end and is "
		"still open at its end), at most 100 %. Growth: against the same period last year."
	).format(period.label, frappe.format(period.start, "Date"), frappe.format(period.end, "Date"))


def get_columns(group_by: str) -> list[dict]:
	currency = {"fieldtype": "Currency", "width": 120}
	columns = [
		{
			"label": _("Team"),
			"fieldname": "team",
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 120,
		}
	]
	if group_by == TEAM:
		columns.append({"label": _("Salespeople"), "fieldname": "people", "fieldtype": "Int", "width": 90})
	else:
		columns.insert(
			0,
			{
				"label": _("Sales Person"),
				"fieldname": "sales_person",
				"fieldtype": "Link",
				"options": "Sales Person",
				"width": 140,
			},
		)
	return columns + [
		{"label": _("Target"), "fieldname": "target", **currency},
		{"label": _("Achieved"), "fieldname": "achieved", **currency},
		{"label": _("Achievement (%)"), "fieldname": "achievement_pct", "fieldtype": "Percent", "width": 110},
		{"label": _("Net Sales"), "fieldname": "net_sales", **currency},
		{"label": _("Collection Target"), "fieldname": "collection_target", **currency},
		{"label": _("Collected"), "fieldname": "paid", **currency},
		{
			"label": _("Collection Completion (%)"),
			"fieldname": "collection_completion",
			"fieldtype": "Percent",
			"width": 110,
		},
		{"label": _("Due and Open"), "fieldname": "due", **currency},
		{
			"label": _("Collection Rate (%)"),
			"fieldname": "collection_rate",
			"fieldtype": "Percent",
			"width": 110,
		},
		{"label": _("New Customers"), "fieldname": "new_customers", "fieldtype": "Float", "width": 100},
		{"label": _("Net Sales Last Year"), "fieldname": "net_sales_last_year", **currency},
		{"label": _("Growth (%)"), "fieldname": "growth_pct", "fieldtype": "Percent", "width": 90},
		{"label": _("Growth Goal (%)"), "fieldname": "growth_goal_pct", "fieldtype": "Percent", "width": 90},
		{"label": _("Against the Goal"), "fieldname": "against_goal", "fieldtype": "Float", "width": 100},
		{"label": _("Meets the Goal"), "fieldname": "meets_goal", "fieldtype": "Check", "width": 80},
	]


def row_of(figures: list[Figures]) -> dict:
	"""The figures of one salesperson, or of several added up (a team): rates from the sums."""
	target = sum(f.target for f in figures)
	achieved = sum(f.achieved for f in figures)
	net_sales, last_year = sum(f.net_sales for f in figures), sum(f.net_sales_last_year for f in figures)
	paid, due = sum(f.paid for f in figures), sum(f.due for f in figures)
	collection_target = sum(f.collection_target for f in figures)
	growth, goal = growth_pct(net_sales, last_year), growth_goal()
	return {
		"target": target,
		"achieved": achieved,
		"achievement_pct": rounded(pct(achieved, target) if any(f.has_target for f in figures) else None),
		"net_sales": net_sales,
		"collection_target": collection_target,
		"paid": paid,
		"collection_completion": rounded(
			pct(paid, collection_target) if any(f.has_collection_target for f in figures) else None
		),
		"due": due,
		"collection_rate": rounded(collection_rate(paid, due)),
		"new_customers": round(sum(f.new_customers for f in figures), 4),
		"net_sales_last_year": last_year,
		"growth_pct": rounded(growth),
		"growth_goal_pct": goal,
		"against_goal": None if growth is None else round(growth - goal, 2),
		"meets_goal": int(bool(meets_growth_goal(growth, goal))),
	}


def rounded(value: float | None) -> float | None:
	return None if value is None else round(value, 2)


def get_rows(figures: dict[str, Figures], group_by: str, chart) -> list[dict]:
	if group_by == TEAM:
		teams = defaultdict(list)
		for person, figure in figures.items():
			teams[chart.team_of(person)].append(figure)
		return [
			{"team": team, "people": len(members), **row_of(members)}
			for team, members in sorted(teams.items(), key=lambda item: item[0] or "")
		]
	return [
		{"sales_person": person, "team": chart.team_of(person), **row_of([figure])}
		for person, figure in sorted(figures.items())
	]


def get_chart(rows: list[dict], group_by: str) -> dict | None:
	if not rows:
		return None
	key = "team" if group_by == TEAM else "sales_person"
	return {
		"title": _("Target and Achieved"),
		"data": {
			"labels": [row[key] or _("Outside the Teams") for row in rows],
			"datasets": [
				{"name": _("Target"), "values": [flt(row["target"], 2) for row in rows]},
				{"name": _("Achieved"), "values": [flt(row["achieved"], 2) for row in rows]},
			],
		},
		"type": "bar",
		"fieldtype": "Currency",
		"colors": ["#b8c2cc", "#28a745"],
	}


def get_summary(figures: dict[str, Figures]) -> list[dict]:
	total = row_of(list(figures.values()))
	return [
		{"label": _("Target"), "value": total["target"], "datatype": "Currency"},
		{"label": _("Achieved"), "value": total["achieved"], "datatype": "Currency", "indicator": "Green"},
		{
			"label": _("Achievement (%)"),
			"value": "–" if total["achievement_pct"] is None else total["achievement_pct"],
			"datatype": "Data" if total["achievement_pct"] is None else "Percent",
		},
		{
			"label": _("Collection Completion (%)"),
			"value": "–" if total["collection_completion"] is None else total["collection_completion"],
			"datatype": "Data" if total["collection_completion"] is None else "Percent",
		},
		{
			"label": _("Collection Rate (%)"),
			"value": "–" if total["collection_rate"] is None else total["collection_rate"],
			"datatype": "Data" if total["collection_rate"] is None else "Percent",
		},
		{"label": _("New Customers"), "value": total["new_customers"], "datatype": "Float"},
		{
			"label": _("Growth (%)"),
			"value": "–" if total["growth_pct"] is None else total["growth_pct"],
			"datatype": "Data" if total["growth_pct"] is None else "Percent",
			"indicator": "Green" if total["meets_goal"] else "Red",
		},
	]
