"""Appraisal scorecards (rulebook R2, R21, R31-R35, R39, R40): the KPIs a scorecard template may weigh, how a
KPI's value is scored (linear to a target with a cap, or threshold bands), grade bands, template checks
(weights total 100, bands without overlap or gap), the period a scorecard covers (month, quarter or year of
the fiscal year), targets spread over a period by a Monthly Distribution, the KPI formulas (target completion,
collection completion 回款完成率, collection rate 回款率, growth), ranking, and who may take which step of a scorecard's review.

Plain decisions over plain values; the adapters (`sales_dept.services.scorecard_*`) read ERPNext's records and
turn the problems named here into translated messages.

Scoring a scorecard: each row's value gives an achievement percentage (`achievement_pct`); a row earns
weight × achievement / 100 points. A row without a value (no target set, no complaint to resolve, no feedback
given) is left out and the other rows' weights are scaled up to 100, so nobody scores less for having nothing
to measure; rows of weight 0 are shown for information only. The conduct deduction is subtracted from the
total, which never goes below 0.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# Periods
# -------

MONTH, QUARTER, YEAR = "Month", "Quarter", "Year"
PERIOD_TYPES = (MONTH, QUARTER, YEAR)
MONTHS_IN = {MONTH: 1, QUARTER: 3, YEAR: 12}
# Monthly Distribution rows name their month in English, as ERPNext writes them.
MONTH_NAMES = tuple(calendar.month_name[number] for number in range(1, 13))

# Scoring methods
LINEAR, BANDS = "Linear to Target", "Threshold Bands"
METHODS = (LINEAR, BANDS)

# KPIs: computed from ERPNext's records, or rated by the manager (R35).
TARGET_COMPLETION = "Target Completion (%)"
COLLECTION_COMPLETION = "Collection Completion (%)"  # 回款完成率: collected against the collection target
COLLECTION_RATE = "Collection Rate (%)"  # 回款率: collected against what was due and open
NEW_CUSTOMERS = "New Customers"
VISIT_EXECUTION = "Visit Execution (%)"
VISIT_COVERAGE = "Visit Coverage (%)"
COMPLAINTS = "Complaints"
COMPLAINTS_WITHIN_SLA = "Complaints Resolved within SLA (%)"
FIRST_RESPONSE_HOURS = "Average First Response (Hours)"
SATISFACTION = "Customer Satisfaction"
SALES_GROWTH = "Sales Growth (%)"
ATTENDANCE, SERVICE_ATTITUDE, TEAMWORK = "Attendance", "Service Attitude", "Teamwork"
COMPUTED_KPIS = (
	TARGET_COMPLETION,
	COLLECTION_COMPLETION,
	COLLECTION_RATE,
	NEW_CUSTOMERS,
	VISIT_EXECUTION,
	VISIT_COVERAGE,
	COMPLAINTS,
	COMPLAINTS_WITHIN_SLA,
	FIRST_RESPONSE_HOURS,
	SATISFACTION,
	SALES_GROWTH,
)
MANAGER_RATED = (ATTENDANCE, SERVICE_ATTITUDE, TEAMWORK)
KPIS = COMPUTED_KPIS + MANAGER_RATED
# Fewer is better: such a KPI is scored by bands ("at most ..."), never linearly.
LOWER_IS_BETTER = frozenset({COMPLAINTS, FIRST_RESPONSE_HOURS})

# Template problems (the adapter turns them into translated messages).
WEIGHTS_NOT_100 = "weights_not_100"
NEGATIVE_WEIGHT = "negative_weight"
DUPLICATE_KPI = "duplicate_kpi"
UNKNOWN_KPI = "unknown_kpi"
UNKNOWN_METHOD = "unknown_method"
LINEAR_LOWER_IS_BETTER = "linear_lower_is_better"
TARGET_NOT_POSITIVE = "target_not_positive"
CAP_BELOW_100 = "cap_below_100"
BANDS_MISSING = "bands_missing"
BAND_WITHOUT_ROW = "band_without_row"
BAND_SCORE_NEGATIVE = "band_score_negative"
DUPLICATE_BAND = "duplicate_band"
NO_GRADES = "no_grades"
DUPLICATE_GRADE = "duplicate_grade"
GRADE_EMPTY = "grade_empty"
GRADE_OVERLAP = "grade_overlap"
GRADE_GAP = "grade_gap"
GRADE_NOT_FROM_ZERO = "grade_not_from_zero"
TOP_GRADE_CAPPED = "top_grade_capped"

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Band:
	"""A threshold band of a KPI: reaching `threshold` (at least it; at most it when fewer is better) earns
	`score_pct` of the row's weight."""

	threshold: float
	score_pct: float


@dataclass(frozen=True)
class KpiRule:
	"""One row of a scorecard template."""

	kpi: str
	weight: float
	method: str = LINEAR
	target: float = 0.0
	cap_pct: float = 100.0
	bands: tuple[Band, ...] = ()


@dataclass(frozen=True)
class GradeBand:
	"""A grade for totals from `from_score` (included) up to `to_score` (excluded; None: no upper limit)."""

	grade: str
	from_score: float
	to_score: float | None = None


# Scoring
# -------


def achievement_pct(rule: KpiRule, value: float | None) -> float | None:
	"""How far `value` reaches the row's target, in %: linear (value / target, between 0 and the cap), or the
	score of the best band reached (0 when none is). None: no value, so the row is left out."""
	if value is None:
		return None
	if rule.method == LINEAR:
		if rule.target <= 0:
			return None
		return round(max(0.0, min(value / rule.target * 100, rule.cap_pct)), 6)
	lower = rule.kpi in LOWER_IS_BETTER
	reached = [
		band.score_pct
		for band in rule.bands
		if (value <= band.threshold + TOLERANCE if lower else value >= band.threshold - TOLERANCE)
	]
	return max(reached, default=0.0)


def full_score_threshold(rule: KpiRule) -> float:
	"""The value that earns a row its full weight, shown as the row's target: a linear row's target; for threshold
	bands, the threshold of the best-scoring band (the least demanding one among equals), e.g. 95 % of the planned
	visits done, or at most 0 complaints. A banded row without bands has none (0)."""
	if rule.method == LINEAR or not rule.bands:
		return rule.target
	best = max(band.score_pct for band in rule.bands)
	thresholds = [band.threshold for band in rule.bands if band.score_pct >= best - TOLERANCE]
	return max(thresholds) if rule.kpi in LOWER_IS_BETTER else min(thresholds)


@dataclass(frozen=True)
class RowScore:
	kpi: str
	weight: float
	value: float | None
	achievement_pct: float | None
	points: float | None


@dataclass(frozen=True)
class Score:
	rows: tuple[RowScore, ...]
	subtotal: float | None  # before the conduct deduction; None when no weighted row has a value
	deduction: float
	total: float | None


def score(rules: Iterable[KpiRule], values: dict[str, float | None], deduction: float = 0.0) -> Score:
	"""Points per row and the total: the weighted rows that have a value share 100 points in proportion to
	their weights; the conduct `deduction` is subtracted (never below 0)."""
	rules = list(rules)
	achievements = {rule.kpi: achievement_pct(rule, values.get(rule.kpi)) for rule in rules}
	applicable = sum(rule.weight for rule in rules if rule.weight > 0 and achievements[rule.kpi] is not None)
	scale = 100 / applicable if applicable > 0 else 0.0
	rows, subtotal = [], 0.0
	for rule in rules:
		achieved = achievements[rule.kpi]
		points = None
		if achieved is not None and rule.weight > 0:
			points = rule.weight * achieved / 100 * scale
			subtotal += points
		rows.append(
			RowScore(
				rule.kpi,
				rule.weight,
				values.get(rule.kpi),
				None if achieved is None else round(achieved, 2),
				None if points is None else round(points, 2),
			)
		)
	if applicable <= 0:
		return Score(tuple(rows), None, deduction, None)
	subtotal = round(subtotal, 2)
	return Score(tuple(rows), subtotal, deduction, round(max(subtotal - (deduction or 0), 0.0), 2))


def grade_of(total: float | None, grades: Iterable[GradeBand]) -> GradeBand | None:
	"""The grade band `total` falls in (None without a total or a band for it)."""
	if total is None:
		return None
	for band in grades:
		if total >= band.from_score - TOLERANCE and (
			band.to_score is None or total < band.to_score - TOLERANCE
		):
			return band
	return None


def conduct_deduction(penalties: int, points_each: float, max_points: float = 0.0) -> float:
	"""Points taken off for standing penalties: `points_each` per penalty, at most `max_points` (0: no maximum)."""
	deduction = max(penalties or 0, 0) * max(points_each or 0, 0)
	return min(deduction, max_points) if max_points and max_points > 0 else deduction


# Template checks
# ---------------


def template_problems(
	rules: Iterable[KpiRule], band_kpis: Iterable[str] = ()
) -> list[tuple[str, str | None]]:
	"""(problem, KPI) for a template whose weights do not total 100 or are negative, that repeats a KPI, names
	an unknown KPI or method, scores a fewer-is-better KPI linearly, has a linear row without a positive target
	or with a cap below 100 %, a banded row without bands (or bands of a KPI it has no row for), a band with a
	negative score, or two bands of a KPI at one threshold. `band_kpis`: the KPI of each band row."""
	rules = list(rules)
	problems: list[tuple[str, str | None]] = []
	seen: set[str] = set()
	for rule in rules:
		if rule.kpi not in KPIS:
			problems.append((UNKNOWN_KPI, rule.kpi))
		if rule.kpi in seen:
			problems.append((DUPLICATE_KPI, rule.kpi))
		seen.add(rule.kpi)
		if rule.weight < 0:
			problems.append((NEGATIVE_WEIGHT, rule.kpi))
		if rule.method not in METHODS:
			problems.append((UNKNOWN_METHOD, rule.kpi))
		elif rule.method == LINEAR:
			if rule.kpi in LOWER_IS_BETTER:
				problems.append((LINEAR_LOWER_IS_BETTER, rule.kpi))
			if rule.target <= 0:
				problems.append((TARGET_NOT_POSITIVE, rule.kpi))
			if rule.cap_pct < 100:
				problems.append((CAP_BELOW_100, rule.kpi))
		else:
			if not rule.bands:
				problems.append((BANDS_MISSING, rule.kpi))
			if any(band.score_pct < 0 for band in rule.bands):
				problems.append((BAND_SCORE_NEGATIVE, rule.kpi))
			thresholds = [round(band.threshold, 6) for band in rule.bands]
			if len(thresholds) != len(set(thresholds)):
				problems.append((DUPLICATE_BAND, rule.kpi))
	banded = {rule.kpi for rule in rules if rule.method == BANDS}
	problems += [(BAND_WITHOUT_ROW, kpi) for kpi in sorted(set(band_kpis) - banded)]
	if abs(sum(rule.weight for rule in rules) - 100) > TOLERANCE:
		problems.insert(0, (WEIGHTS_NOT_100, None))
	return problems


def grade_problems(grades: Iterable[GradeBand]) -> list[tuple[str, str | None]]:
	"""(problem, grade) for grade bands that are missing, repeat a grade, are empty (up to not above from),
	overlap or leave a gap between them, do not start at 0, or whose top band has an upper limit (totals may
	exceed any number where a cap is above 100 %)."""
	grades = list(grades)
	if not grades:
		return [(NO_GRADES, None)]
	problems: list[tuple[str, str | None]] = []
	names = [band.grade for band in grades]
	problems += [(DUPLICATE_GRADE, name) for name in sorted({n for n in names if names.count(n) > 1})]
	problems += [
		(GRADE_EMPTY, band.grade)
		for band in grades
		if band.to_score is not None and band.to_score <= band.from_score + TOLERANCE
	]
	ordered = sorted(grades, key=lambda band: band.from_score)
	if ordered[0].from_score > TOLERANCE:
		problems.append((GRADE_NOT_FROM_ZERO, ordered[0].grade))
	for lower, upper in zip(ordered, ordered[1:], strict=False):
		if lower.to_score is None or upper.from_score < lower.to_score - TOLERANCE:
			problems.append((GRADE_OVERLAP, upper.grade))
		elif upper.from_score > lower.to_score + TOLERANCE:
			problems.append((GRADE_GAP, upper.grade))
	if ordered[-1].to_score is not None:
		problems.append((TOP_GRADE_CAPPED, ordered[-1].grade))
	return problems


# Periods
# -------

PERIOD_OUTSIDE_FISCAL_YEAR = "period_outside_fiscal_year"


def add_months(day: date, months: int) -> date:
	"""`day` moved by `months` months (on a shorter month, its last day)."""
	month_index = day.year * 12 + day.month - 1 + months
	year, month = divmod(month_index, 12)
	return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_end(day: date) -> date:
	return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_of(period_type: str, day: date, year_start: date, year_end: date) -> tuple[date, date]:
	"""The period of `period_type` containing `day`, in the fiscal year [year_start, year_end]: a calendar
	month, a quarter counted from the fiscal year's first month, or the fiscal year itself."""
	if period_type == YEAR:
		return year_start, year_end
	if period_type == MONTH:
		return day.replace(day=1), month_end(day)
	first = year_start.replace(day=1)
	elapsed = (day.year - first.year) * 12 + day.month - first.month
	start = add_months(first, elapsed // 3 * 3)
	return start, month_end(add_months(start, 2))


def period_problem(start: date, end: date, year_start: date, year_end: date) -> str | None:
	"""A period must lie in one fiscal year (targets are set per fiscal year)."""
	if start < year_start or end > year_end:
		return PERIOD_OUTSIDE_FISCAL_YEAR
	return None


def months_of(start: date, end: date) -> list[tuple[int, int]]:
	"""(year, month) of each month from `start` to `end`."""
	months, day = [], start.replace(day=1)
	while day <= end:
		months.append((day.year, day.month))
		day = add_months(day, 1)
	return months


def quarter_number(start: date, year_start: date) -> int:
	"""Which quarter of its fiscal year a quarter starting on `start` is (1-4)."""
	return ((start.year - year_start.year) * 12 + start.month - year_start.month) // 3 + 1


def previous_period_start(period_type: str, start: date) -> date:
	return add_months(start, -MONTHS_IN[period_type])


def same_period_last_year(start: date, end: date) -> tuple[date, date]:
	"""The same months a year earlier (a period ending on a month's last day ends on that month's last day)."""
	last_start = add_months(start, -12)
	last_end = month_end(add_months(end, -12)) if end == month_end(end) else add_months(end, -12)
	return last_start, last_end


def period_target(
	annual: float, percentages: dict[str, float] | None, months: Iterable[tuple[int, int]]
) -> float:
	"""The share of an annual target falling in the months of a period: by the Monthly Distribution's
	percentage of each month, or evenly (1/12 a month) without one."""
	months = list(months)
	if percentages is None:
		return (annual or 0) * len(months) / 12
	return (annual or 0) * sum(percentages.get(MONTH_NAMES[month - 1], 0) for _year, month in months) / 100


# KPI formulas
# ------------


def pct(numerator: float | None, denominator: float | None) -> float | None:
	"""numerator / denominator in %, None when there is nothing to divide by."""
	if numerator is None or not denominator or denominator <= 0:
		return None
	return numerator / denominator * 100


def collection_rate(collected: float, due_and_open: float) -> float | None:
	"""回款率, in the receivables sense: of what the salesperson had to collect in a period — what they collected
	in it, and what was due by its end and is still open at its end — the part collected, in %. Never above
	100 %: what is collected is in both parts (a payment on an invoice not yet due counts as due). Credit notes
	not yet set against an invoice may leave less open than nothing, which counts as nothing open. None when there
	was nothing to collect."""
	collected = max(collected or 0.0, 0.0)
	to_collect = collected + max(due_and_open or 0.0, 0.0)
	if to_collect <= TOLERANCE:
		return None
	return collected / to_collect * 100


def credited(amount: float, allocated_pct: float | None) -> float:
	"""A salesperson's credit of an amount by their Sales Team allocation."""
	return (amount or 0) * (allocated_pct or 0) / 100


def covered_by_targets(
	item_group: str | None, target_groups: set[str | None], ancestors: dict[str, set[str]]
) -> bool:
	"""Whether a sale of an item in `item_group` counts against targets set for `target_groups`: a target
	without an item group covers every item; one for a group covers that group and the groups below it."""
	if None in target_groups or not target_groups:
		return True
	lineage = ancestors.get(item_group or "", set()) | ({item_group} if item_group else set())
	return bool(lineage & target_groups)


def achieved_against_targets(
	sales_by_group: dict[str | None, float], target_groups: set[str | None], ancestors: dict[str, set[str]]
) -> float:
	"""Net sales counted against the targets: the sales of item groups the targets cover (each sale once)."""
	return sum(
		amount
		for group, amount in sales_by_group.items()
		if covered_by_targets(group, target_groups, ancestors)
	)


def growth_pct(this_period: float, last_year: float) -> float | None:
	"""Growth against the same period last year, in %; None when last year sold nothing."""
	if not last_year or last_year <= 0:
		return None
	return (this_period - last_year) / last_year * 100


def meets_growth_goal(growth: float | None, goal_pct: float) -> bool | None:
	return None if growth is None else growth >= goal_pct - TOLERANCE


def average(total: float, count: int) -> float | None:
	return total / count if count else None


# Ranking
# -------


def competition_ranks(scores: dict[str, float | None]) -> dict[str, int]:
	"""Ranks by score, highest first; equal scores share a rank and the next rank is skipped (1, 2, 2, 4).
	Keys without a score are not ranked."""
	ordered = sorted(((s, k) for k, s in scores.items() if s is not None), key=lambda pair: -pair[0])
	ranks, previous, rank = {}, None, 0
	for position, (value, key) in enumerate(ordered, start=1):
		if previous is None or abs(value - previous) > TOLERANCE:
			rank, previous = position, value
		ranks[key] = rank
	return ranks


def trend(score_now: float | None, score_before: float | None) -> float | None:
	"""Points gained (+) or lost (-) since the previous period."""
	if score_now is None or score_before is None:
		return None
	return round(score_now - score_before, 2)


# Review steps
# ------------

DRAFT, SELF_REVIEW, MANAGER_REVIEW = "Draft", "Self Review", "Manager Review"
LEADERSHIP_APPROVAL, APPROVED, CANCELLED = "Leadership Approval", "Approved", "Cancelled"
STATUSES = (DRAFT, SELF_REVIEW, MANAGER_REVIEW, LEADERSHIP_APPROVAL, APPROVED, CANCELLED)
# Computed values may be recomputed up to the manager's review; from leadership approval on they are frozen.
RECOMPUTABLE = (DRAFT, SELF_REVIEW, MANAGER_REVIEW)

# The steps a scorecard may take, forward one at a time or sent back one step.
RELEASE = "release"
SELF_REVIEWED = "self_reviewed"
MANAGER_REVIEWED = "manager_reviewed"
LEADERSHIP_APPROVED = "leadership_approved"
SENT_BACK_TO_SELF_REVIEW = "sent_back_to_self_review"
SENT_BACK_TO_MANAGER = "sent_back_to_manager"
STEPS = {
	(DRAFT, SELF_REVIEW): RELEASE,
	(SELF_REVIEW, MANAGER_REVIEW): SELF_REVIEWED,
	(MANAGER_REVIEW, LEADERSHIP_APPROVAL): MANAGER_REVIEWED,
	(LEADERSHIP_APPROVAL, APPROVED): LEADERSHIP_APPROVED,
	(MANAGER_REVIEW, SELF_REVIEW): SENT_BACK_TO_SELF_REVIEW,
	(LEADERSHIP_APPROVAL, MANAGER_REVIEW): SENT_BACK_TO_MANAGER,
}
SENDING_BACK = (SENT_BACK_TO_SELF_REVIEW, SENT_BACK_TO_MANAGER)

# Step problems.
NOT_A_STEP = "not_a_step"
OWN_SCORECARD = "own_scorecard"
NOT_THE_SALESPERSON = "not_the_salesperson"
NOT_AN_OVERSEER = "not_an_overseer"
NOT_A_MANAGER = "not_a_manager"
NOT_LEADERSHIP = "not_leadership"
COMMENT_MISSING = "comment_missing"
RATINGS_MISSING = "ratings_missing"


@dataclass(frozen=True)
class Reviewer:
	"""Who takes a step, as the rules see them: whether the scorecard is their own, whether they oversee its
	salesperson (lead their team, or hold the sales manager or leadership role), and their roles."""

	own: bool = False
	oversees: bool = False
	manager: bool = False  # the sales manager role (or leadership, or an administrator)
	leadership: bool = False  # the leadership role (or an administrator)


def step_problem(
	previous: str, now: str, reviewer: Reviewer, comment: str = "", ratings_missing: bool = False
) -> str | None:
	"""Why `reviewer` may not move a scorecard from `previous` to `now`, or None. One step at a time: released
	for self review by someone who oversees the salesperson; the self review handed on by the salesperson
	alone; the manager's review (every manager-rated row rated) by the sales manager role; approval by
	leadership; a step back with a comment by whoever decides at that step. Nobody decides their own."""
	step = STEPS.get((previous, now))
	if step is None:
		return NOT_A_STEP
	if step == SELF_REVIEWED:
		return None if reviewer.own else NOT_THE_SALESPERSON
	if reviewer.own:
		return OWN_SCORECARD
	if step == RELEASE:
		return None if reviewer.oversees else NOT_AN_OVERSEER
	if step in (MANAGER_REVIEWED, SENT_BACK_TO_SELF_REVIEW) and not reviewer.manager:
		return NOT_A_MANAGER
	if step in (LEADERSHIP_APPROVED, SENT_BACK_TO_MANAGER) and not reviewer.leadership:
		return NOT_LEADERSHIP
	if step in SENDING_BACK and not (comment or "").strip():
		return COMMENT_MISSING
	if step == MANAGER_REVIEWED and ratings_missing:
		return RATINGS_MISSING
	return None


def may_recompute(status: str) -> bool:
	return status in RECOMPUTABLE


def first_invoices(invoices: Iterable[tuple[str, str, date, str]]) -> dict[str, str]:
	"""{customer: invoice} of each customer's first invoice, from (customer, invoice, posting date, posting
	time as text) rows: the earliest date, then time, then name."""
	first: dict[str, tuple] = {}
	for customer, invoice, posting_date, posting_time in invoices:
		key = (posting_date, posting_time or "", invoice)
		if customer not in first or key < first[customer]:
			first[customer] = key
	return {customer: key[2] for customer, key in first.items()}
