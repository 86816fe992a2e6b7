"""Scorecard Templates as the rules see them (rulebook R2, R32-R35, R40): the KPI rows with their weights,
methods, targets and bands, the grade bands with their rewards, the conduct deduction; the checks a template
must pass (weights total 100, sound rows and bands, grades without overlap or gap), and the reward a grade
suggests (stored in source words, shown in the reader's language)."""

from collections import defaultdict
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import flt

from sales_dept.rules import scorecard_text
from sales_dept.rules.scoring import Band, GradeBand, KpiRule, grade_of, grade_problems, template_problems

SCORECARD, SCORECARD_KPI, TEMPLATE = "Sales Scorecard", "Sales Scorecard KPI", "Scorecard Template"


@dataclass(frozen=True)
class Grade:
	band: GradeBand
	bonus_pct: float = 0.0
	raise_suggested: bool = False
	honour: str | None = None


@dataclass(frozen=True)
class TemplateSpec:
	name: str
	period_type: str
	team: str | None
	feedback_template: str | None
	rules: tuple[KpiRule, ...]
	grades: tuple[Grade, ...]
	penalty_points: float = 0.0
	max_deduction: float = 0.0
	enabled: bool = True


def template_spec(doc) -> TemplateSpec:
	"""A Scorecard Template (a document, saved or not) as the rules see it."""
	bands = defaultdict(list)
	for band in doc.get("bands") or []:
		bands[band.kpi].append(Band(flt(band.threshold), flt(band.score_pct)))
	rules = tuple(
		KpiRule(
			row.kpi,
			flt(row.weight),
			row.method,
			flt(row.target),
			flt(row.cap_pct) if row.cap_pct not in (None, "") else 100.0,
			tuple(bands.get(row.kpi, ())),
		)
		for row in doc.get("kpis") or []
	)
	grades = tuple(
		Grade(
			GradeBand(row.grade, flt(row.from_score), flt(row.to_score) or None),
			flt(row.bonus_pct),
			bool(row.raise_suggested),
			row.honour or None,
		)
		for row in doc.get("grades") or []
	)
	return TemplateSpec(
		name=doc.name,
		period_type=doc.period_type,
		team=doc.get("team") or None,
		feedback_template=doc.get("feedback_template") or None,
		rules=rules,
		grades=grades,
		penalty_points=flt(doc.get("penalty_points")),
		max_deduction=flt(doc.get("max_deduction")),
		enabled=bool(doc.get("enabled")),
	)


def load_template(name: str) -> TemplateSpec:
	return template_spec(frappe.get_doc(TEMPLATE, name))


def template_messages() -> dict[str, str]:
	from sales_dept.rules import scoring

	return {
		scoring.WEIGHTS_NOT_100: _("The weights of the KPIs total {1}, not 100."),
		scoring.NEGATIVE_WEIGHT: _("{0}: the weight cannot be negative."),
		scoring.DUPLICATE_KPI: _("{0} is listed twice."),
		scoring.UNKNOWN_KPI: _("{0} is not a KPI a scorecard knows."),
		scoring.UNKNOWN_METHOD: _("{0}: choose Linear to Target or Threshold Bands."),
		scoring.LINEAR_LOWER_IS_BETTER: _("{0}: fewer is better, so it is scored by threshold bands."),
		scoring.TARGET_NOT_POSITIVE: _("{0}: a linear row needs a target above 0."),
		scoring.CAP_BELOW_100: _("{0}: the cap cannot be below 100 %."),
		scoring.BANDS_MISSING: _("{0}: add its threshold bands."),
		scoring.BAND_WITHOUT_ROW: _("There are threshold bands for {0}, which is not scored by bands here."),
		scoring.BAND_SCORE_NEGATIVE: _("{0}: a band's score cannot be negative."),
		scoring.DUPLICATE_BAND: _("{0}: two bands have the same threshold."),
		scoring.NO_GRADES: _("Add the grade bands."),
		scoring.DUPLICATE_GRADE: _("Grade {0} is listed twice."),
		scoring.GRADE_EMPTY: _("Grade {0}: To Score must be above From Score."),
		scoring.GRADE_OVERLAP: _("Grade {0} overlaps the grade below it."),
		scoring.GRADE_GAP: _(
			"There is a gap below grade {0}: each grade starts where the one below it ends."
		),
		scoring.GRADE_NOT_FROM_ZERO: _("The lowest grade ({0}) must start at 0."),
		scoring.TOP_GRADE_CAPPED: _("The top grade ({0}) has no upper limit: leave its To Score empty."),
	}


def check_template(spec: TemplateSpec):
	"""Refuse a template whose weights do not total 100, whose rows or bands are unsound, or whose grade bands
	overlap or leave gaps (one message listing every problem)."""
	problems = template_problems(
		spec.rules, [kpi for rule in spec.rules for kpi in [rule.kpi] * len(rule.bands)]
	)
	problems += grade_problems(grade.band for grade in spec.grades)
	if not problems:
		return
	messages = template_messages()
	total = sum(rule.weight for rule in spec.rules)
	frappe.throw(
		"<br>".join(
			messages[problem].format(_(subject) if subject else "", frappe.format(total, "Float"))
			for problem, subject in problems
		),
		title=_("Invalid Scorecard Template"),
	)


def reward_text(grade: Grade | None) -> str | None:
	"""The reward a grade suggests (bonus % of base, raise, honour), as a scorecard stores it: in source words
	whoever computes it, shown in the reader's language by `reward_shown` (`rules.scorecard_text`)."""
	if not grade:
		return None
	bonus = frappe.format(grade.bonus_pct, "Float") if grade.bonus_pct else None
	return scorecard_text.reward_text(bonus, grade.raise_suggested, grade.honour)


def reward_shown(stored: str | None) -> str:
	"""A scorecard's stored reward suggestion in the current language."""
	return scorecard_text.shown_reward(stored, _)


def grade_for(spec: TemplateSpec, total: float | None) -> Grade | None:
	band = grade_of(total, [grade.band for grade in spec.grades])
	return next((grade for grade in spec.grades if band and grade.band == band), None)
