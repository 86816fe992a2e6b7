"""What a scorecard holds: a salesperson's figures (`services.scorecard_figures`) scored by the template's rules
into the scorecard's fields and KPI rows, the manager's ratings kept; `fill` scores a scorecard made or
recomputed on the desk, and `same_values` tells a stored value from a new one (the batch and the controller)."""

import hashlib
from dataclasses import dataclass

import frappe
from frappe.query_builder import DocType
from frappe.utils import cint, flt, getdate, now_datetime

from sales_dept.rules.scorecard_text import FOR_INFORMATION, NOTHING_TO_MEASURE, WAITING_FOR_RATING
from sales_dept.rules.scoring import (
	MANAGER_RATED,
	KpiRule,
	conduct_deduction,
	full_score_threshold,
	growth_pct,
	meets_growth_goal,
	score,
)
from sales_dept.services.org import get_org_chart
from sales_dept.services.scorecard_figures import Figures, compute, conduct_counts, growth_goal
from sales_dept.services.scorecard_periods import Period, period_for
from sales_dept.services.scorecard_templates import TemplateSpec, grade_for, load_template, reward_text


def scored_content(
	spec: TemplateSpec,
	values: dict[str, tuple[float | None, int]],
	ratings: dict[str, str | None],
	penalties: int,
	rules: tuple[KpiRule, ...] | None = None,
	conduct_on: bool | None = None,
) -> tuple[dict, list[dict]]:
	"""(score fields of the scorecard, its KPI rows, as stored) from the computed `values`, the manager's
	`ratings` (as typed) and the standing `penalties` (deducted while conduct records count), scored by `rules`
	(the template's by default). A value that is not there is stored as 0 and not `measured`."""
	rules = rules or spec.rules
	conduct_on = conduct_counts() if conduct_on is None else conduct_on
	scored_values = {
		rule.kpi: (
			rating_number(ratings.get(rule.kpi))
			if rule.kpi in MANAGER_RATED
			else values.get(rule.kpi, (None, 0))[0]
		)
		for rule in rules
	}
	deduction = conduct_deduction(penalties, spec.penalty_points, spec.max_deduction) if conduct_on else 0.0
	result = score(rules, scored_values, deduction)
	grade = grade_for(spec, result.total)
	rows = []
	for rule, row in zip(rules, result.rows, strict=True):
		rated = rule.kpi in MANAGER_RATED
		value = scored_values[rule.kpi]
		rows.append(
			{
				"kpi": rule.kpi,
				"weight": rule.weight,
				"method": rule.method,
				"target": full_score_threshold(rule),
				"cap_pct": rule.cap_pct,
				"manager_rated": int(rated),
				"value": 0.0 if rated or value is None else round(value, 4),
				"measured": int(value is not None),
				"rating": (ratings.get(rule.kpi) or None) if rated else None,
				"source_count": 0 if rated else values.get(rule.kpi, (None, 0))[1],
				"achievement_pct": row.achievement_pct or 0.0,
				"points": row.points or 0.0,
				"note": row_note(rule, row),
			}
		)
	header = {
		"subtotal_score": result.subtotal or 0.0,
		"standing_penalties": penalties if conduct_on else 0,
		"conduct_deduction": deduction,
		"total_score": result.total or 0.0,
		"grade": grade.band.grade if grade else None,
		"reward_suggestion": reward_text(grade),
	}
	return header, rows


def rating_number(rating) -> float | None:
	"""A manager's rating as typed (text), as a number; None when not given."""
	if rating in (None, ""):
		return None
	return flt(rating)


def row_note(rule: KpiRule, row) -> str | None:
	"""Why a row earns no points: shown for information only, waiting for a rating, or nothing to measure (one
	of the note's Select options, stored in source words and shown translated)."""
	if rule.weight <= 0:
		return FOR_INFORMATION
	if row.achievement_pct is None:
		if rule.kpi in MANAGER_RATED:
			return WAITING_FOR_RATING
		return NOTHING_TO_MEASURE
	return None


def figure_fields(fig: Figures, period: Period, currency: str | None) -> dict:
	growth = growth_pct(fig.net_sales, fig.net_sales_last_year)
	goal = growth_goal()
	return {
		"currency": currency,
		"target_amount": fig.target,
		"net_sales": fig.net_sales,
		"net_sales_last_year": fig.net_sales_last_year,
		"growth_pct": 0.0 if growth is None else round(growth, 4),
		"growth_goal_pct": goal,
		"meets_growth_goal": int(bool(meets_growth_goal(growth, goal))),
		"collection_target": fig.collection_target,
		"paid_amount": fig.paid,
		"due_amount": fig.due,
		"planned_visits": fig.visits.planned if fig.visits else 0,
		"visits_done_as_planned": fig.visits.done_as_planned if fig.visits else 0,
	}


def period_fields(period: Period) -> dict:
	return {
		"period_start": period.start,
		"period_end": period.end,
		"period_type": period.period_type,
		"period_label": period.label,
		"fiscal_year": period.fiscal_year,
	}


def unique_key(sales_person: str, template: str, company: str, period_start) -> str:
	"""One scorecard per salesperson, template, company and period (cleared when a scorecard is cancelled)."""
	raw = "\x1f".join((sales_person, template, company, str(getdate(period_start))))
	return hashlib.sha1(raw.encode()).hexdigest()


ROW_FIELDS = (
	"kpi",
	"weight",
	"method",
	"target",
	"cap_pct",
	"manager_rated",
	"value",
	"measured",
	"rating",
	"source_count",
	"achievement_pct",
	"points",
	"note",
)
COMPUTED_FIELDS = (
	"employee",
	"employee_name",
	"user",
	"team",
	"period_end",
	"period_type",
	"period_label",
	"fiscal_year",
	"currency",
	"target_amount",
	"net_sales",
	"net_sales_last_year",
	"growth_pct",
	"growth_goal_pct",
	"meets_growth_goal",
	"collection_target",
	"paid_amount",
	"due_amount",
	"planned_visits",
	"visits_done_as_planned",
	"subtotal_score",
	"standing_penalties",
	"conduct_deduction",
	"total_score",
	"grade",
	"reward_suggestion",
)


def same_values(a, b) -> bool:
	"""Whether a stored value and a computed one are the same: numbers to a millionth (a number column stores
	nothing as 0), text as text (empty is empty)."""
	if isinstance(a, int | float) or isinstance(b, int | float):
		return abs(flt(a) - flt(b)) < 1e-6
	return str(a or "") == str(b or "")


@dataclass(frozen=True)
class PersonInfo:
	sales_person: str
	employee: str | None
	employee_name: str | None
	user: str | None
	team: str | None


def people_info(sales_persons) -> dict[str, PersonInfo]:
	"""Employee, name, user and team of each salesperson (one query)."""
	sales_persons = sorted(set(sales_persons))
	if not sales_persons:
		return {}
	person, employee = DocType("Sales Person"), DocType("Employee")
	chart = get_org_chart()
	return {
		name: PersonInfo(name, emp, emp_name, user or None, chart.team_of(name))
		for name, emp, emp_name, user in (
			frappe.qb.from_(person)
			.left_join(employee)
			.on(employee.name == person.employee)
			.select(person.name, person.employee, employee.employee_name, employee.user_id)
			.where(person.name.isin(sales_persons))
			.run()
		)
	}


def fill(doc, recompute: bool = True):
	"""Score a scorecard. With `recompute` (a new scorecard, or "Recompute" before the values are frozen), its
	period, person and computed values are read from ERPNext first; otherwise its own values and rows are
	scored again (the manager rated a row). The manager's ratings stay as they are."""
	spec = load_template(doc.template)
	ratings = {row.kpi: row.rating for row in doc.get("kpis") or [] if row.manager_rated}
	if recompute:
		period = period_for(doc.company, spec.period_type, doc.period_start)
		doc.update(period_fields(period))
		doc.update(person_fields(people_info([doc.sales_person]).get(doc.sales_person)))
		fig = compute(doc.company, period, {doc.sales_person}, spec)[doc.sales_person]
		values, penalties, rules = fig.values(growth_goal()), fig.penalties, spec.rules
		doc.update(figure_fields(fig, period, company_currency(doc.company)))
		doc.computed_on = now_datetime()
	else:
		values = {
			row.kpi: (flt(row.value) if row.measured else None, row.source_count)
			for row in doc.kpis
			if not row.manager_rated
		}
		penalties = cint(doc.standing_penalties)
		bands = {rule.kpi: rule.bands for rule in spec.rules}
		rules = tuple(
			KpiRule(
				row.kpi,
				flt(row.weight),
				row.method,
				flt(row.target),
				flt(row.cap_pct),
				bands.get(row.kpi, ()),
			)
			for row in doc.kpis
		)
	header, rows = scored_content(spec, values, ratings, penalties, rules)
	doc.update(header)
	apply_rows(doc, rows)


def apply_rows(doc, rows: list[dict]):
	"""The scorecard's KPI rows set to `rows`: updated in place when they are the same KPIs in the same order
	(so a rating does not replace every row), else replaced."""
	if [row.kpi for row in doc.get("kpis") or []] == [row["kpi"] for row in rows]:
		for existing, row in zip(doc.kpis, rows, strict=True):
			existing.update(row)
		return
	doc.set("kpis", [])
	for row in rows:
		doc.append("kpis", row)


def person_fields(info: "PersonInfo | None") -> dict:
	return {
		"employee": info.employee if info else None,
		"employee_name": info.employee_name if info else None,
		"user": info.user if info else None,
		"team": info.team if info else None,
	}


def company_currency(company: str) -> str | None:
	return frappe.get_cached_value("Company", company, "default_currency")
