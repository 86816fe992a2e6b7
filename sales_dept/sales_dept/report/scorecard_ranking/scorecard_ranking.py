# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""The leaderboard of a scorecard template's period (rulebook R33: sales contests): each salesperson's total
score, grade and rank (equal scores share a rank), and the points gained or lost since the previous period;
or, for contests between teams, each team's average score and its best salesperson. Cancelled scorecards are
left out; with "Approved Only", so are those still in review. Two queries (this period, the previous one)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate

from sales_dept.rules.scoring import APPROVED, competition_ranks, previous_period_start, trend
from sales_dept.services.org import get_org_chart
from sales_dept.services.scorecard_periods import period_for
from sales_dept.services.scorecard_templates import SCORECARD, TEMPLATE, load_template, reward_shown
from sales_dept.services.visit_reports import report_scope, validate_common_filters, where_in_scope

SALES_PERSON, TEAM = "Sales Person", "Team"


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	spec = load_template(filters.template)
	period = period_for(filters.company, spec.period_type, filters.date)
	scope = report_scope(team=filters.team, sales_person=filters.sales_person)
	now = scorecards(filters, period.start, scope)
	before = scorecards(filters, previous_period_start(spec.period_type, period.start), scope)
	if filters.view == TEAM:
		rows = team_rows(now, before)
	else:
		rows = person_rows(now, before)
	return get_columns(filters.view), rows, message(period), get_chart(rows, filters.view), get_summary(now)


def validate_filters(filters):
	filters.date = getdate(filters.date or getdate())
	filters.view = filters.view or SALES_PERSON
	if not filters.template:
		filters.template = frappe.db.get_value(TEMPLATE, {"enabled": 1}, "name", order_by="creation")
	if not filters.template:
		frappe.throw(_("Choose a scorecard template."), title=_("Missing Filter"))
	validate_common_filters(filters)


def message(period) -> str:
	return _(
		"{0} ({1} to {2}). Equal scores share a rank. Trend: points gained or lost since the previous period."
	).format(period.label, frappe.format(period.start, "Date"), frappe.format(period.end, "Date"))


def scorecards(filters, period_start, scope) -> dict[str, frappe._dict]:
	"""{sales person: scorecard} of the template, company and period, in the user's reach."""
	card = DocType(SCORECARD)
	query = (
		frappe.qb.from_(card)
		.select(
			card.name,
			card.sales_person,
			card.team,
			card.status,
			card.total_score,
			card.grade,
			card.reward_suggestion,
		)
		.where(
			(card.template == filters.template)
			& (card.company == filters.company)
			& (card.period_start == period_start)
			& (card.docstatus < 2)
		)
	)
	if filters.approved_only:
		query = query.where(card.status == APPROVED)
	return {
		row.sales_person: row for row in where_in_scope(query, card.sales_person, scope).run(as_dict=True)
	}


def person_rows(now: dict, before: dict) -> list[dict]:
	ranks = competition_ranks({person: card.total_score for person, card in now.items()})
	rows = []
	for person, card in now.items():
		previous = before.get(person)
		rows.append(
			{
				"rank": ranks.get(person),
				"sales_person": person,
				"team": card.team,
				"scorecard": card.name,
				"status": _(card.status),
				"total_score": card.total_score,
				"grade": card.grade,
				"previous_score": previous.total_score if previous else None,
				"trend": trend(card.total_score, previous.total_score if previous else None),
				"reward_suggestion": reward_shown(card.reward_suggestion),
			}
		)
	rows.sort(key=lambda row: (row["rank"] is None, row["rank"] or 0, row["sales_person"]))
	return rows


def averages(cards: dict) -> dict[str | None, list]:
	teams = defaultdict(list)
	chart = get_org_chart()
	for person, card in cards.items():
		teams[card.team or chart.team_of(person)].append(card)
	return teams


def team_average(cards: list) -> float | None:
	scored = [card.total_score for card in cards if card.total_score is not None]
	return round(sum(scored) / len(scored), 2) if scored else None


def team_rows(now: dict, before: dict) -> list[dict]:
	teams, teams_before = averages(now), averages(before)
	average_now = {team: team_average(cards) for team, cards in teams.items()}
	ranks = competition_ranks({team or "": average for team, average in average_now.items()})
	rows = []
	for team, cards in teams.items():
		best = max(cards, key=lambda card: card.total_score or 0)
		previous = team_average(teams_before.get(team, []))
		rows.append(
			{
				"rank": ranks.get(team or ""),
				"team": team,
				"people": len(cards),
				"total_score": average_now[team],
				"best_score": best.total_score,
				"sales_person": best.sales_person,
				"previous_score": previous,
				"trend": trend(average_now[team], previous),
			}
		)
	rows.sort(key=lambda row: (row["rank"] is None, row["rank"] or 0, row["team"] or ""))
	return rows


def get_columns(view: str) -> list[dict]:
	rank = {"label": _("Rank"), "fieldname": "rank", "fieldtype": "Int", "width": 60}
	team = {
		"label": _("Team"),
		"fieldname": "team",
		"fieldtype": "Link",
		"options": "Sales Person",
		"width": 120,
	}
	person = {
		"label": _("Sales Person"),
		"fieldname": "sales_person",
		"fieldtype": "Link",
		"options": "Sales Person",
		"width": 140,
	}
	trend_columns = [
		{"label": _("Previous Period"), "fieldname": "previous_score", "fieldtype": "Float", "width": 110},
		{"label": _("Trend"), "fieldname": "trend", "fieldtype": "Float", "width": 80},
	]
	if view == TEAM:
		return [
			rank,
			team,
			{"label": _("Salespeople"), "fieldname": "people", "fieldtype": "Int", "width": 90},
			{"label": _("Average Score"), "fieldname": "total_score", "fieldtype": "Float", "width": 110},
			{"label": _("Best Score"), "fieldname": "best_score", "fieldtype": "Float", "width": 100},
			{**person, "label": _("Best Salesperson")},
			*trend_columns,
		]
	return [
		rank,
		person,
		team,
		{
			"label": _("Scorecard"),
			"fieldname": "scorecard",
			"fieldtype": "Link",
			"options": SCORECARD,
			"width": 130,
		},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 120},
		{"label": _("Total Score"), "fieldname": "total_score", "fieldtype": "Float", "width": 100},
		{"label": _("Grade"), "fieldname": "grade", "fieldtype": "Data", "width": 70},
		*trend_columns,
		{
			"label": _("Reward Suggestion"),
			"fieldname": "reward_suggestion",
			"fieldtype": "Data",
			"width": 220,
		},
	]


def get_chart(rows: list[dict], view: str) -> dict | None:
	if not rows:
		return None
	key = "team" if view == TEAM else "sales_person"
	return {
		"title": _("Average Score per Team") if view == TEAM else _("Total Score per Salesperson"),
		"data": {
			"labels": [row[key] or _("Outside the Teams") for row in rows],
			"datasets": [
				{"name": _("This Period"), "values": [row["total_score"] or 0 for row in rows]},
				{"name": _("Previous Period"), "values": [row["previous_score"] or 0 for row in rows]},
			],
		},
		"type": "bar",
		"fieldtype": "Float",
		"colors": ["#2490ef", "#b8c2cc"],
	}


def get_summary(now: dict) -> list[dict]:
	scores = [card.total_score for card in now.values() if card.total_score is not None]
	grades = defaultdict(int)
	for card in now.values():
		if card.grade:
			grades[card.grade] += 1
	summary = [
		{"label": _("Scorecards"), "value": len(now), "datatype": "Int"},
		{
			"label": _("Average Score"),
			"value": round(sum(scores) / len(scores), 2) if scores else "–",
			"datatype": "Float" if scores else "Data",
		},
	]
	summary += [
		{"label": _("Grade {0}").format(grade), "value": count, "datatype": "Int"}
		for grade, count in sorted(grades.items())
	]
	return summary
