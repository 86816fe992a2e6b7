# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Penalties and rewards by person, rule or team over a period (rulebook R2, R12, R13): how many penalties
stand (approved, acknowledged, upheld) and of which kind, fines and days of suspension, those under appeal,
the rewards granted, and the repeat offenders: people with two standing penalties of the same rule within
that rule's window.

Who sees what follows the records themselves (R11): everyone for the sales manager, leadership and HR, the
team for a team leader, one's own decided records for a salesperson. Two queries (penalties, rewards)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import add_months, flt, getdate

from sales_dept.rules.conduct import (
	APPEALED,
	APPROVED,
	FINE,
	STANDING,
	SUSPENSION,
	VERBAL_WARNING,
	WRITTEN_WARNING,
	repeat_offenders,
)
from sales_dept.services.conduct import (
	PENALTY,
	REWARD,
	RULE,
	rule_heading,
	versions_in_force,
	viewer_of,
	visible_condition,
)
from sales_dept.services.org import get_org_chart

PERSON, RULE_GROUP, TEAM = "Person", "Rule", "Team"
WARNINGS = (VERBAL_WARNING, WRITTEN_WARNING)
DEFAULT_WINDOW_DAYS = 365  # for rules without a window of their own


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	penalties, rewards = get_penalties(filters), get_rewards(filters)
	rows = summarise(filters.group_by or PERSON, penalties, rewards)
	return get_columns(filters.group_by or PERSON), rows, None, get_chart(rows), get_summary(rows, penalties)


def validate_filters(filters):
	if not filters.company:
		frappe.throw(_("Choose a company."), title=_("Missing Filter"))
	filters.to_date = getdate(filters.to_date or None)
	filters.from_date = getdate(filters.from_date or add_months(filters.to_date, -12))
	if filters.from_date > filters.to_date:
		frappe.throw(_("From Date must be before To Date."), title=_("Invalid Filter"))
	if filters.group_by and filters.group_by not in (PERSON, RULE_GROUP, TEAM):
		frappe.throw(_("Group by person, rule or team."), title=_("Invalid Filter"))


def narrowed(query, table, doctype: str, filters):
	"""The viewer's scope and the filters on a query of penalty or reward records."""
	condition = visible_condition(table, doctype, viewer_of())
	if condition is not None:
		query = query.where(condition)
	if filters.team:
		query = query.where(table.sales_person.isin(sorted(get_org_chart().members(filters.team)) or [""]))
	if filters.sales_person:
		query = query.where(table.sales_person == filters.sales_person)
	return query.where((table.company == filters.company) & (table.docstatus == 1))


def get_penalties(filters) -> list:
	record = DocType(PENALTY)
	query = (
		frappe.qb.from_(record)
		.select(
			record.sales_person,
			record.team,
			record.conduct_rule,
			record.status,
			record.action,
			record.fine_amount,
			record.suspension_days,
			record.incident_date,
		)
		.where(
			record.status.isin([*STANDING, APPEALED])
			& (record.incident_date >= filters.from_date)
			& (record.incident_date <= filters.to_date)
		)
	)
	if filters.conduct_rule:
		query = query.where(record.conduct_rule == filters.conduct_rule)
	return narrowed(query, record, PENALTY, filters).run(as_dict=True)


def get_rewards(filters) -> list:
	if filters.conduct_rule:
		return []  # rewards are not given under a rule
	record = DocType(REWARD)
	query = (
		frappe.qb.from_(record)
		.select(record.sales_person, record.team, record.reward_type, record.amount)
		.where(
			(record.status == APPROVED)
			& (record.reward_date >= filters.from_date)
			& (record.reward_date <= filters.to_date)
		)
	)
	return narrowed(query, record, REWARD, filters).run(as_dict=True)


def group_of(group_by: str, row) -> str | None:
	if group_by == RULE_GROUP:
		return row.get("conduct_rule")
	if group_by == TEAM:
		return row.team or get_org_chart().team_of(row.sales_person)
	return row.sales_person


def summarise(group_by: str, penalties: list, rewards: list) -> list[dict]:
	windows = {
		rule: version.terms.window_days or DEFAULT_WINDOW_DAYS
		for rule, version in versions_in_force(sorted({p.conduct_rule for p in penalties})).items()
	}
	repeats = repeat_offenders(
		(
			(p.sales_person, p.conduct_rule, getdate(p.incident_date))
			for p in penalties
			if p.status in STANDING
		),
		{rule: windows.get(rule, DEFAULT_WINDOW_DAYS) for rule in {p.conduct_rule for p in penalties}},
	)
	rows: dict[str, dict] = defaultdict(
		lambda: {
			"penalties": 0,
			"warnings": 0,
			"fines": 0,
			"fine_total": 0.0,
			"suspension_days": 0,
			"under_appeal": 0,
			"rewards": 0,
			"reward_total": 0.0,
			"repeat_offenders": set(),
		}
	)
	for p in penalties:
		row = rows[group_of(group_by, p) or ""]
		if p.status == APPEALED:
			row["under_appeal"] += 1
			continue
		row["penalties"] += 1
		row["warnings"] += p.action in WARNINGS
		if p.action == FINE:
			row["fines"] += 1
			row["fine_total"] += flt(p.fine_amount)
		if p.action == SUSPENSION:
			row["suspension_days"] += int(p.suspension_days or 0)
		if (p.sales_person, p.conduct_rule) in repeats:
			row["repeat_offenders"].add(p.sales_person)
	if group_by != RULE_GROUP:
		for r in rewards:
			row = rows[group_of(group_by, r) or ""]
			row["rewards"] += 1
			row["reward_total"] += flt(r.amount)
	titles = (
		{
			rule.name: rule_heading(rule, rule.name)
			for rule in frappe.get_all(RULE, fields=["name", "article", "title", "title_zh"])
		}
		if group_by == RULE_GROUP
		else {}
	)
	result = []
	for group, figures in rows.items():
		offenders = figures.pop("repeat_offenders")
		result.append(
			{
				"group": group,
				"rule_title": (titles.get(group) or "") if group_by == RULE_GROUP else None,
				**figures,
				"repeat_offenders": len(offenders),
				"repeat_offender_names": ", ".join(sorted(offenders)),
			}
		)
	result.sort(key=lambda row: (-row["penalties"], -row["rewards"], row["group"]))
	return result


def get_columns(group_by: str) -> list[dict]:
	group = {
		PERSON: {"label": _("Sales Person"), "fieldtype": "Link", "options": "Sales Person"},
		TEAM: {"label": _("Team"), "fieldtype": "Link", "options": "Sales Person"},
		RULE_GROUP: {"label": _("Rule"), "fieldtype": "Link", "options": RULE},
	}[group_by]
	columns = [{**group, "fieldname": "group", "width": 150}]
	if group_by == RULE_GROUP:
		columns.append(
			{"label": _("Article and Title"), "fieldname": "rule_title", "fieldtype": "Data", "width": 240}
		)
	columns += [
		{"label": _("Penalties"), "fieldname": "penalties", "fieldtype": "Int", "width": 90},
		{"label": _("Warnings"), "fieldname": "warnings", "fieldtype": "Int", "width": 90},
		{"label": _("Fines"), "fieldname": "fines", "fieldtype": "Int", "width": 80},
		{"label": _("Fines (Amount)"), "fieldname": "fine_total", "fieldtype": "Currency", "width": 120},
		{"label": _("Suspension (Days)"), "fieldname": "suspension_days", "fieldtype": "Int", "width": 120},
		{"label": _("Under Appeal"), "fieldname": "under_appeal", "fieldtype": "Int", "width": 100},
		{"label": _("Repeat Offenders"), "fieldname": "repeat_offenders", "fieldtype": "Int", "width": 120},
		{"label": _("Who Repeated"), "fieldname": "repeat_offender_names", "fieldtype": "Data", "width": 180},
	]
	if group_by != RULE_GROUP:
		columns += [
			{"label": _("Rewards"), "fieldname": "rewards", "fieldtype": "Int", "width": 80},
			{
				"label": _("Rewards (Amount)"),
				"fieldname": "reward_total",
				"fieldtype": "Currency",
				"width": 120,
			},
		]
	return columns


def get_chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	shown = rows[:20]
	return {
		"title": _("Penalties and Rewards"),
		"data": {
			"labels": [row["group"] or _("Not Set") for row in shown],
			"datasets": [
				{"name": _("Penalties"), "values": [row["penalties"] for row in shown]},
				{"name": _("Rewards"), "values": [row["rewards"] for row in shown]},
			],
		},
		"type": "bar",
		"fieldtype": "Int",
		"colors": ["#ff5858", "#28a745"],
	}


def get_summary(rows: list[dict], penalties: list) -> list[dict]:
	offenders = {name for row in rows for name in row["repeat_offender_names"].split(", ") if name}
	return [
		{
			"label": _("Penalties"),
			"value": sum(row["penalties"] for row in rows),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"label": _("Fines (Amount)"),
			"value": sum(row["fine_total"] for row in rows),
			"datatype": "Currency",
		},
		{"label": _("Under Appeal"), "value": sum(row["under_appeal"] for row in rows), "datatype": "Int"},
		{"label": _("Repeat Offenders"), "value": len(offenders), "datatype": "Int", "indicator": "Orange"},
		{
			"label": _("Rewards"),
			"value": sum(row["rewards"] for row in rows),
			"datatype": "Int",
			"indicator": "Green",
		},
	]
