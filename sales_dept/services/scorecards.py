"""Appraisal scorecards computed from what ERPNext already knows (rulebook R2, R21, R31-R35, R39, R40).

For a company, a period (a month, quarter or fiscal year, `rules.scoring.period_of`) and any number of
salespeople, every KPI is read in a fixed number of queries, whatever the number of salespeople:

- **Target completion**: the salesperson's targets (Sales Person → Target Detail for the period's fiscal year,
  per item group, spread over the months by its Monthly Distribution, evenly without one) against the net sales
  credited to them: each submitted Sales Invoice item's `base_net_amount` × their Sales Team allocation, returns
  (negative) included; only the item groups their targets name count (and the groups below them; a target
  without an item group counts every item). Setting *Scorecard Sales Basis*: Sales Orders instead.
- **Collection rate (回款率)**: what was paid in the period (Payment Ledger Entries of payments and journal
  entries against the credited invoices, posted in the period) ÷ what fell due in it (the receivable of the
  credited invoices and credit notes due in the period), both credited by allocation, in %.
- **New customers**: customers whose first submitted invoice (returns aside) falls in the period, credited by
  that invoice's Sales Team allocation (a customer shared 60/40 counts 0.6 and 0.4).
- **Visit execution** and **coverage**: from the visit plans (`services.visit_reports.plan_figures`) and the
  coverage of the customers of tiers with a visit interval on the period's last day (or today).
- **Complaints**, **kept SLA**, **first response**: the Issues of the salesperson's customers opened in the
  period (`services.complaints`).
- **Customer satisfaction**: the average rating of the Quality Feedback of their customers given in the period
  (the template's feedback form only, when it names one).
- **Growth**: net sales against the same period a year earlier, against the settings' growth goal (R39).
- **Conduct**: standing penalty records for incidents in the period (`rules.conduct.STANDING`), deducted when
  conduct records are built and switched on.

A customer's Issues and feedback belong to its salesperson (`rules.org.default_sales_person`). Amounts are in
the company's currency.

The batch (`generate`) makes or updates the scorecards of every salesperson for a template and period with a
few bulk statements: names reserved from the series at once, multi-row INSERTs, CASE updates. It runs as a
background job with a progress bar; the template's row is locked while it runs, so two runs (or a run and a
scorecard made by hand) never make two scorecards for one person, period and template, which a unique key also
guards.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from time import perf_counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Sum
from frappe.translate import get_user_lang
from frappe.utils import add_days, cint, flt, getdate, now_datetime, nowdate
from frappe.utils.background_jobs import is_job_enqueued
from pypika.terms import ExistsCriterion, ValueWrapper

from sales_dept.compat import fiscal_year_containing, in_test
from sales_dept.rules.complaints import ComplaintFigures
from sales_dept.rules.scoring import (
	COLLECTION_RATE,
	COMPLAINTS,
	COMPLAINTS_WITHIN_SLA,
	FIRST_RESPONSE_HOURS,
	LEADERSHIP_APPROVAL,
	MANAGER_RATED,
	MANAGER_REVIEW,
	NEW_CUSTOMERS,
	QUARTER,
	SALES_GROWTH,
	SATISFACTION,
	SELF_REVIEW,
	TARGET_COMPLETION,
	VISIT_COVERAGE,
	VISIT_EXECUTION,
	YEAR,
	Band,
	GradeBand,
	KpiRule,
	Reviewer,
	achieved_against_targets,
	conduct_deduction,
	credited,
	first_invoices,
	grade_of,
	grade_problems,
	growth_pct,
	may_recompute,
	meets_growth_goal,
	months_of,
	pct,
	period_of,
	period_problem,
	period_target,
	quarter_number,
	same_period_last_year,
	score,
	step_problem,
	template_problems,
)
from sales_dept.rules.scoring import (
	DRAFT as STATUS_DRAFT,
)
from sales_dept.rules.tiers import OVERDUE
from sales_dept.rules.visits import ExecutionSoFar, combined_so_far
from sales_dept.services.complaints import complaints_by_sales_person, responsible_sales_persons
from sales_dept.services.org import get_org_chart, oversight_of, sales_person_of
from sales_dept.services.settings import (
	BUILT_CAPABILITIES,
	get_settings,
	is_administrator,
	is_enabled,
	setting,
)
from sales_dept.services.tiers import chunks, insert_rows
from sales_dept.services.visit_access import reachable_sales_persons
from sales_dept.services.visit_reports import customer_coverage, plan_figures

SCORECARD, SCORECARD_KPI, TEMPLATE = "Sales Scorecard", "Sales Scorecard KPI", "Scorecard Template"
CONDUCT = "Conduct"  # the drill-down of the conduct deduction (not a KPI row)
INVOICES, ORDERS = "Invoices", "Orders"
NAMING_SERIES = "SC-.YYYY.-.#####"
CHUNK = 1000  # scorecards per UPDATE or DELETE
ROWS_PER_INSERT = 10_000  # rows per multi-row INSERT: one statement up to about 800 salespeople's KPI rows
JOB_PREFIX = "sales_dept:scorecards"


# Settings and templates
# ----------------------


def sales_basis() -> str:
	"""Setting "Scorecard Sales Basis": net sales from submitted invoices (default) or sales orders."""
	return setting("scorecard_sales_basis") or INVOICES


def growth_goal() -> float:
	"""Setting "Growth Goal (% a Year)" (rulebook R39: 15 %)."""
	return flt(setting("growth_goal_pct"))


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
	"""The reward a grade suggests (bonus % of base, raise, honour), in the current language."""
	if not grade:
		return None
	parts = []
	if grade.bonus_pct:
		parts.append(_("Bonus of {0} % of base pay").format(frappe.format(grade.bonus_pct, "Float")))
	if grade.raise_suggested:
		parts.append(_("Raise"))
	if grade.honour:
		parts.append(_("Honour: {0}").format(_(grade.honour)))
	return "; ".join(parts) or _("No reward")


# Periods
# -------


@dataclass(frozen=True)
class Period:
	period_type: str
	start: date
	end: date
	fiscal_year: str
	year_start: date
	year_end: date

	@property
	def label(self) -> str:
		if self.period_type == YEAR:
			return self.fiscal_year
		if self.period_type == QUARTER:
			return f"{self.fiscal_year} Q{quarter_number(self.start, self.year_start)}"
		return self.start.strftime("%Y-%m")

	@property
	def months(self) -> list[tuple[int, int]]:
		return months_of(self.start, self.end)


def period_for(company: str, period_type: str, day) -> Period:
	"""The period of `period_type` containing `day`, in the fiscal year of `company` containing it; refused
	(translated) when no fiscal year covers the day or the period spills out of it."""
	day = getdate(day)
	year = fiscal_year_containing(day, company)
	if not year:
		frappe.throw(
			_("No fiscal year of {0} covers {1}: create it before appraising that period.").format(
				company, frappe.format(day, "Date")
			),
			title=_("No Fiscal Year"),
		)
	year_start, year_end = getdate(year.year_start_date), getdate(year.year_end_date)
	start, end = period_of(period_type, day, year_start, year_end)
	if period_problem(start, end, year_start, year_end):
		frappe.throw(
			_("The period {0} to {1} does not lie in one fiscal year ({2}).").format(
				frappe.format(start, "Date"), frappe.format(end, "Date"), year.name
			),
			title=_("No Fiscal Year"),
		)
	return Period(period_type, start, end, year.name, year_start, year_end)


# The figures behind the KPIs
# ---------------------------


@dataclass
class Figures:
	"""What ERPNext says of one salesperson in one period."""

	target: float = 0.0
	has_target: bool = False
	achieved: float = 0.0  # net sales counted against the targets
	net_sales: float = 0.0
	sales_documents: int = 0
	net_sales_last_year: float = 0.0
	last_year_documents: int = 0
	paid: float = 0.0
	due: float = 0.0
	collection_invoices: int = 0  # invoices paid or falling due in the period
	new_customers: float = 0.0
	new_customer_names: list = field(default_factory=list)
	visits: ExecutionSoFar | None = None
	plans: int = 0
	key_customers: int = 0
	key_customers_on_time: int = 0
	complaints: ComplaintFigures = field(default_factory=ComplaintFigures)
	complaint_customers: list = field(default_factory=list)
	rating_total: float = 0.0
	ratings: int = 0
	feedbacks: int = 0
	feedback_customers: list = field(default_factory=list)
	penalties: int = 0
	target_groups: set | None = None  # the item groups the targets name (None in it: every item)

	def values(self, goal_pct: float) -> dict[str, tuple[float | None, int]]:
		"""{KPI: (value, how many documents it comes from)} of the computed KPIs."""
		growth = growth_pct(self.net_sales, self.net_sales_last_year)
		return {
			TARGET_COMPLETION: (
				pct(self.achieved, self.target) if self.has_target else None,
				self.sales_documents,
			),
			COLLECTION_RATE: (pct(self.paid, self.due), self.collection_invoices),
			NEW_CUSTOMERS: (round(self.new_customers, 6), len(self.new_customer_names)),
			VISIT_EXECUTION: (self.visits.execution_pct if self.visits else None, self.plans),
			VISIT_COVERAGE: (pct(self.key_customers_on_time, self.key_customers), self.key_customers),
			COMPLAINTS: (float(self.complaints.count), self.complaints.count),
			COMPLAINTS_WITHIN_SLA: (
				self.complaints.within_sla_pct,
				self.complaints.met + self.complaints.breached,
			),
			FIRST_RESPONSE_HOURS: (self.complaints.first_response_hours, self.complaints.responded),
			SATISFACTION: (self.rating_total / self.ratings if self.ratings else None, self.feedbacks),
			SALES_GROWTH: (growth, self.sales_documents + self.last_year_documents),
		}


def compute(
	company: str,
	period: Period,
	people: set[str],
	spec: TemplateSpec | None = None,
	today: date | None = None,
	sales_only: bool = False,
) -> dict[str, Figures]:
	"""The figures of every salesperson in `people` for `period`, in a fixed number of queries (with
	`sales_only`: targets, sales, collection and new customers, what Sales Target Achievement shows)."""
	today = getdate(today or nowdate())
	figures = {person: Figures() for person in people}
	if not people:
		return figures
	add_targets(figures, period)
	add_sales(figures, company, period)
	add_collection(figures, company, period)
	add_new_customers(figures, company, period)
	if sales_only:
		return figures
	add_visits(figures, company, period, frozenset(people), today)
	add_complaints(figures, company, period)
	add_satisfaction(figures, period, spec.feedback_template if spec else None)
	add_penalties(figures, period)
	return figures


def add_targets(figures: dict[str, Figures], period: Period):
	"""Targets of the period's fiscal year per salesperson and item group (two queries, three with item
	groups), spread over the period's months."""
	detail = DocType("Target Detail")
	rows = (
		frappe.qb.from_(detail)
		.select(detail.parent, detail.item_group, detail.target_amount, detail.distribution_id)
		.where(
			(detail.parenttype == "Sales Person")
			& (detail.fiscal_year == period.fiscal_year)
			& detail.parent.isin(sorted(figures))
		)
		.run(as_dict=True)
	)
	percentages = distribution_percentages({row.distribution_id for row in rows if row.distribution_id})
	for row in rows:
		person = figures[row.parent]
		person.has_target = True
		person.target += period_target(
			flt(row.target_amount),
			percentages.get(row.distribution_id) if row.distribution_id else None,
			period.months,
		)
		person.target_groups = (person.target_groups or set()) | {row.item_group or None}


def distribution_percentages(names: set[str]) -> dict[str, dict[str, float]]:
	"""{Monthly Distribution: {month name: percentage}} in one query."""
	if not names:
		return {}
	share = DocType("Monthly Distribution Percentage")
	found: dict[str, dict[str, float]] = defaultdict(dict)
	for parent, month, percentage in (
		frappe.qb.from_(share)
		.select(share.parent, share.month, share.percentage_allocation)
		.where((share.parenttype == "Monthly Distribution") & share.parent.isin(sorted(names)))
		.run()
	):
		found[parent][month] = flt(percentage)
	return found


def item_group_ancestors() -> dict[str, set[str]]:
	"""{item group: the groups above it} from the Item Group tree (one query)."""
	groups = frappe.get_all("Item Group", fields=["name", "lft", "rgt"], order_by="lft")
	return {
		group.name: {other.name for other in groups if other.lft < group.lft and other.rgt > group.rgt}
		for group in groups
	}


def sales_doctypes() -> tuple[str, str, str]:
	"""(document, item table, date field) of the sales basis of the settings."""
	if sales_basis() == ORDERS:
		return "Sales Order", "Sales Order Item", "transaction_date"
	return "Sales Invoice", "Sales Invoice Item", "posting_date"


def credited_sales(company: str, from_date, to_date, people, by_item_group: bool = False) -> list:
	"""The net sales credited to each salesperson on the submitted sales documents of the period: each line's
	base net amount times their allocation (returns are negative), added up in the database. Rows of
	(salesperson, amount, documents) or, `by_item_group`, (salesperson, item group, amount)."""
	doctype, item_doctype, date_field = sales_doctypes()
	document, item, team = DocType(doctype), DocType(item_doctype), DocType("Sales Team")
	amount = Sum(item.base_net_amount * team.allocated_percentage / 100)
	query = (
		frappe.qb.from_(document)
		.join(team)
		.on((team.parent == document.name) & (team.parenttype == doctype))
		.join(item)
		.on((item.parent == document.name) & (item.parenttype == doctype))
		.where(
			(document.company == company)
			& (document[date_field] >= getdate(from_date))
			& (document[date_field] <= getdate(to_date))
			& (document.docstatus == 1)
			& team.sales_person.isin(sorted(people))
		)
	)
	if by_item_group:
		return (
			query.select(team.sales_person, item.item_group, amount)
			.groupby(team.sales_person, item.item_group)
			.run()
		)
	return (
		query.select(team.sales_person, amount, Count(document.name).distinct())
		.groupby(team.sales_person)
		.run()
	)


def add_sales(figures: dict[str, Figures], company: str, period: Period):
	"""Net sales credited in the period (with the documents behind them, and the part against the targets'
	item groups) and in the same period a year earlier. Three queries."""
	for person, amount, documents in credited_sales(company, period.start, period.end, figures):
		figures[person].net_sales = flt(amount)
		figures[person].sales_documents = documents
	by_group: dict[str, dict] = defaultdict(dict)
	for person, item_group, amount in credited_sales(
		company, period.start, period.end, figures, by_item_group=True
	):
		by_group[person][item_group or None] = flt(amount)
	needs_groups = any(None not in (f.target_groups or {None}) for f in figures.values())
	ancestors = item_group_ancestors() if needs_groups else {}
	for person, sales in by_group.items():
		figures[person].achieved = achieved_against_targets(
			sales, figures[person].target_groups or {None}, ancestors
		)
	last_start, last_end = same_period_last_year(period.start, period.end)
	for person, amount, documents in credited_sales(company, last_start, last_end, figures):
		figures[person].net_sales_last_year = flt(amount)
		figures[person].last_year_documents = documents


def collection_queries(company: str, period: Period, people):
	"""(paid, due): the selects of `add_collection`, one row per ledger entry with its credit to a salesperson
	(payments in the period; receivables of the invoices falling due in it)."""
	ledger, invoice, team = DocType("Payment Ledger Entry"), DocType("Sales Invoice"), DocType("Sales Team")
	credit = ledger.amount * team.allocated_percentage / 100
	paid = (
		frappe.qb.from_(ledger)
		.join(team)
		.on((team.parent == ledger.against_voucher_no) & (team.parenttype == "Sales Invoice"))
		.select(
			team.sales_person.as_("sales_person"),
			ledger.against_voucher_no.as_("invoice"),
			(credit * -1).as_("paid"),  # payments reduce the receivable: negative in the ledger
			ValueWrapper(0).as_("due"),
		)
		.where(
			(ledger.posting_date >= period.start)
			& (ledger.posting_date <= period.end)
			& (ledger.against_voucher_type == "Sales Invoice")
			& (ledger.voucher_type != "Sales Invoice")
			& (ledger.delinked == 0)
			& (ledger.company == company)
			& team.sales_person.isin(sorted(people))
		)
	)
	due = (
		frappe.qb.from_(invoice)
		.join(ledger)
		.on(
			(ledger.against_voucher_no == invoice.name)
			& (ledger.against_voucher_type == "Sales Invoice")
			& (ledger.voucher_type == "Sales Invoice")
			& (ledger.delinked == 0)
		)
		.join(team)
		.on((team.parent == invoice.name) & (team.parenttype == "Sales Invoice"))
		.select(
			team.sales_person.as_("sales_person"),
			invoice.name.as_("invoice"),
			ValueWrapper(0).as_("paid"),
			credit.as_("due"),
		)
		.where(
			(invoice.company == company)
			& (invoice.due_date >= period.start)
			& (invoice.due_date <= period.end)
			& (invoice.docstatus == 1)
			& team.sales_person.isin(sorted(people))
		)
	)
	return paid, due


def add_collection(figures: dict[str, Figures], company: str, period: Period):
	"""Paid in the period on credited invoices (payments and journal entries in the Payment Ledger) and what
	fell due in it: the receivable of the credited invoices due in the period, credit notes included (ERPNext 15
	books a credit note against itself by default, due on its posting date, or against the invoice it returns);
	and how many invoices were paid or fell due. One query; a cancelled invoice's ledger entries are delinked,
	so they do not count."""
	paid, due = collection_queries(company, period, figures)
	credited = paid.union_all(due).as_("credited")
	for person, invoices, paid_amount, due_amount in (
		frappe.qb.from_(credited)
		.select(
			credited.sales_person,
			Count(credited.invoice).distinct(),
			Sum(credited.paid),
			Sum(credited.due),
		)
		.groupby(credited.sales_person)
		.run()
	):
		figures[person].paid = flt(paid_amount)
		figures[person].due = flt(due_amount)
		figures[person].collection_invoices = invoices


def collection_invoices(company: str, period: Period, sales_person: str) -> list[str]:
	"""The invoices behind one salesperson's collection rate (the drill-down)."""
	paid, due = collection_queries(company, period, {sales_person})
	credited = paid.union_all(due).as_("credited")
	return frappe.qb.from_(credited).select(credited.invoice).distinct().run(pluck=True)


def add_new_customers(figures: dict[str, Figures], company: str, period: Period):
	"""Customers whose first submitted invoice (returns aside) falls in the period, credited by that invoice's
	Sales Team allocation (the earliest invoice of the period; on one day, the first by name). One query: the
	period's invoices of customers without an earlier one."""
	invoice, team, earlier = (
		DocType("Sales Invoice"),
		DocType("Sales Team"),
		DocType("Sales Invoice").as_("earlier"),
	)
	invoiced_before = (
		frappe.qb.from_(earlier)
		.select(earlier.name)
		.where(
			(earlier.customer == invoice.customer)
			& (earlier.company == company)
			& (earlier.docstatus == 1)
			& (earlier.is_return == 0)
			& (earlier.posting_date < period.start)
		)
	)
	rows = (
		frappe.qb.from_(invoice)
		.left_join(team)
		.on((team.parent == invoice.name) & (team.parenttype == "Sales Invoice"))
		.select(
			invoice.customer, invoice.name, invoice.posting_date, team.sales_person, team.allocated_percentage
		)
		.where(
			(invoice.company == company)
			& (invoice.posting_date >= period.start)
			& (invoice.posting_date <= period.end)
			& (invoice.docstatus == 1)
			& (invoice.is_return == 0)
			& ExistsCriterion(invoiced_before).negate()
		)
		.run()
	)
	first = first_invoices((customer, name, getdate(day), "") for customer, name, day, _sp, _pct in rows)
	for customer, name, _day, person, share in rows:
		if first.get(customer) == name and person in figures:
			figures[person].new_customers += credited(1, share)
			figures[person].new_customer_names.append(customer)


def add_visits(figures: dict[str, Figures], company: str, period: Period, scope: frozenset, today: date):
	"""Visit execution (the plans of the period, as Visit Plan Execution counts them) and coverage: the
	customers of tiers with a visit interval not overdue on the period's last day (today while it runs)."""
	by_person = defaultdict(list)
	for plan in plan_figures(company, period.start, period.end, scope, today=today):
		by_person[plan.sales_person].append(plan.figures)
	for person, plans in by_person.items():
		if person in figures:
			figures[person].visits = combined_so_far(plans)
			figures[person].plans = len(plans)
	for customer in customer_coverage(min(period.end, today), scope, fixed_interval_only=True):
		person = figures.get(customer["sales_person"])
		if person:
			person.key_customers += 1
			person.key_customers_on_time += customer["status"] != OVERDUE


def add_complaints(figures: dict[str, Figures], company: str, period: Period):
	by_person, customers = complaints_by_sales_person(company, period.start, period.end)
	for person, complaint_figures in by_person.items():
		if person in figures:
			figures[person].complaints = complaint_figures
			figures[person].complaint_customers = customers[person]


def add_satisfaction(figures: dict[str, Figures], period: Period, feedback_template: str | None):
	"""The ratings (1-5) of the Quality Feedback of each salesperson's customers given in the period: one
	query for the ratings, one for the customers' salespeople."""
	feedback, parameter = DocType("Quality Feedback"), DocType("Quality Feedback Parameter")
	query = (
		frappe.qb.from_(feedback)
		.join(parameter)
		.on((parameter.parent == feedback.name) & (parameter.parenttype == "Quality Feedback"))
		.select(feedback.document_name, feedback.name, parameter.rating)
		.where(
			(feedback.document_type == "Customer")
			& (feedback.creation >= period.start)
			& (feedback.creation < add_days(period.end, 1))
			& parameter.rating.isnotnull()
			& (parameter.rating != "")
			& (parameter.rating != "0")
		)
	)
	if feedback_template:
		query = query.where(feedback.template == feedback_template)
	rows = query.run()
	owners = responsible_sales_persons(customer for customer, _name, _rating in rows)
	seen: dict[str, set] = defaultdict(set)
	customers: dict[str, set] = defaultdict(set)
	for customer, name, rating in rows:
		person = figures.get(owners.get(customer))
		if person is None:
			continue
		person.rating_total += cint(rating)
		person.ratings += 1
		seen[owners[customer]].add(name)
		customers[owners[customer]].add(customer)
	for owner, names in seen.items():
		figures[owner].feedbacks = len(names)
		figures[owner].feedback_customers = sorted(customers[owner])


def conduct_counts() -> bool:
	"""Standing penalties are deducted once conduct records are built and switched on."""
	return (
		"conduct" in BUILT_CAPABILITIES and is_enabled("conduct") and frappe.db.table_exists("Penalty Record")
	)


def add_penalties(figures: dict[str, Figures], period: Period):
	"""Standing penalty records (approved, acknowledged, upheld) for incidents in the period (one query)."""
	if not conduct_counts():
		return
	from sales_dept.rules.conduct import STANDING

	penalty = DocType("Penalty Record")
	for person, count in (
		frappe.qb.from_(penalty)
		.select(penalty.sales_person, Count("*"))
		.where(
			penalty.sales_person.isin(sorted(figures))
			& penalty.status.isin(STANDING)
			& (penalty.docstatus == 1)
			& (penalty.incident_date >= period.start)
			& (penalty.incident_date <= period.end)
		)
		.groupby(penalty.sales_person)
		.run()
	):
		figures[person].penalties = count


# Scoring a salesperson's figures
# -------------------------------


def grade_for(spec: TemplateSpec, total: float | None) -> Grade | None:
	band = grade_of(total, [grade.band for grade in spec.grades])
	return next((grade for grade in spec.grades if band and grade.band == band), None)


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
				"target": rule.target,
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
	"""Why a row earns no points: shown for information only, waiting for a rating, or nothing to measure."""
	if rule.weight <= 0:
		return _("For information")
	if row.achievement_pct is None:
		if rule.kpi in MANAGER_RATED:
			return _("Waiting for the manager's rating")
		return _("Nothing to measure: left out")
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
		"paid_amount": fig.paid,
		"due_amount": fig.due,
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


# A scorecard made or recomputed on the desk
# ------------------------------------------


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


# Who may do what
# ---------------


def reviewer_for(sales_person: str, user: str | None = None) -> Reviewer:
	user = user or frappe.session.user
	settings = get_settings()
	roles = set(frappe.get_roles(user))
	admin = is_administrator(user)
	leadership = admin or settings.leadership_role in roles
	manager = leadership or settings.sales_manager_role in roles
	return Reviewer(
		own=sales_person_of(user) == sales_person,
		oversees=manager or oversight_of(user).covers(sales_person),
		manager=manager,
		leadership=leadership,
	)


def may_generate(user: str | None = None) -> bool:
	"""The sales manager role, leadership and administrators generate scorecards for everyone."""
	reviewer = reviewer_for("", user)
	return reviewer.manager


# The batch: every salesperson's scorecard for a template and period
# -----------------------------------------------------------------


@dataclass
class Batch:
	made: list = field(default_factory=list)
	updated: list = field(default_factory=list)
	skipped: list = field(default_factory=list)  # (sales person, reason)

	def summary(self, period: Period, seconds: float) -> dict:
		return {
			"period": period.label,
			"made": len(self.made),
			"updated": len(self.updated),
			"skipped": len(self.skipped),
			"skipped_reasons": [
				{"sales_person": person, "reason": reason} for person, reason in self.skipped
			],
			"scorecards": sorted(self.made + self.updated),
			"seconds": round(seconds, 2),
		}


def people_to_appraise(spec: TemplateSpec) -> set[str]:
	"""Every enabled salesperson of the tree (of the template's team, when it names one)."""
	chart = get_org_chart()
	people = chart.salespeople()
	return people & chart.members(spec.team) if spec.team else people


def existing_scorecards(template: str, company: str, period_start: date) -> dict[str, frappe._dict]:
	"""The scorecards (not cancelled) of a template, company and period, by salesperson, with their rows."""
	card, row = DocType(SCORECARD), DocType(SCORECARD_KPI)
	cards = (
		frappe.qb.from_(card)
		.select(card.star)
		.where(
			(card.template == template)
			& (card.company == company)
			& (card.period_start == period_start)
			& (card.docstatus < 2)
		)
		.run(as_dict=True)
	)
	found = {c.sales_person: c for c in cards}
	for c in cards:
		c.rows = []
	if cards:
		by_name = {c.name: c for c in cards}
		for r in (
			frappe.qb.from_(row)
			.select(row.star)
			.where((row.parenttype == SCORECARD) & row.parent.isin(sorted(by_name)))
			.orderby(row.idx)
			.run(as_dict=True)
		):
			by_name[r.parent].rows.append(r)
	return found


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
	"paid_amount",
	"due_amount",
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


def unchanged(existing, header: dict, rows: list[dict]) -> bool:
	if len(existing.rows) != len(rows):
		return False
	if any(not same_values(existing.get(f), header.get(f)) for f in COMPUTED_FIELDS):
		return False
	return all(
		same_values(old.get(f), new.get(f))
		for old, new in zip(existing.rows, rows, strict=True)
		for f in ROW_FIELDS
	)


def generate(template: str, company: str, day=None, publish_progress: bool = False, today=None) -> dict:
	"""Make or update the scorecard of every salesperson for `template` and the period containing `day`:
	made (new), updated (recomputed drafts and reviews up to the manager's), skipped with the reason (no
	Employee with a User; with leadership or approved, so frozen; up to date). A fixed number of queries."""
	started = perf_counter()
	progress = _progress(publish_progress)
	progress(2, _("Waiting for any other run of this template"))
	frappe.db.sql(f"select name from `tab{TEMPLATE}` where name = %s for update", (template,))
	spec = load_template(template)
	check_template(spec)
	if not spec.enabled:
		frappe.throw(_("Scorecard Template {0} is disabled.").format(template), title=_("Template Disabled"))
	period = period_for(company, spec.period_type, day or nowdate())
	batch = Batch()
	people = people_to_appraise(spec)
	infos = people_info(people)
	existing = existing_scorecards(template, company, period.start)
	to_compute = set()
	for person in sorted(people):
		info = infos.get(person)
		card = existing.get(person)
		if not info or not info.user:
			batch.skipped.append((person, _("no Employee with a User")))
		elif card and not may_recompute(card.status):
			batch.skipped.append((person, _("{0}: its values are frozen").format(_(card.status))))
		else:
			to_compute.add(person)
	progress(10, _("Reading the figures of {0} salespeople").format(len(to_compute)))
	figures = compute(company, period, to_compute, spec, today=today)
	progress(60, _("Scoring"))
	goal, currency, now, user = growth_goal(), company_currency(company), now_datetime(), frappe.session.user
	new_cards, changed_cards = [], []
	for person in sorted(to_compute):
		fig, card, info = figures[person], existing.get(person), infos[person]
		ratings = {r.kpi: r.rating for r in card.rows if r.manager_rated} if card else {}
		header, rows = scored_content(spec, fig.values(goal), ratings, fig.penalties)
		header.update(figure_fields(fig, period, currency))
		header.update({**person_fields(info), **period_fields(period), "computed_on": now})
		if card is None:
			new_cards.append((person, header, rows))
		elif unchanged(card, header, rows):
			batch.skipped.append((person, _("up to date")))
		else:
			changed_cards.append((card, header, rows))
	progress(75, _("Writing {0} scorecards").format(len(new_cards) + len(changed_cards)))
	batch.made = insert_scorecards(new_cards, spec, company, period, now, user)
	batch.updated = update_scorecards(changed_cards, now, user)
	frappe.clear_document_cache(SCORECARD)
	summary = batch.summary(period, perf_counter() - started)
	progress(
		100,
		_("{0} made, {1} updated, {2} skipped").format(
			summary["made"], summary["updated"], summary["skipped"]
		),
	)
	return summary


def initial_state() -> str:
	"""The workflow state a new scorecard starts in (the one setting the status to Draft)."""
	from frappe.model.workflow import get_workflow_name

	name = get_workflow_name(SCORECARD)
	if not name:
		return STATUS_DRAFT
	workflow = frappe.get_cached_doc("Workflow", name)
	return next(
		(s.state for s in workflow.states if s.update_field == "status" and s.update_value == STATUS_DRAFT),
		workflow.states[0].state,
	)


def reserve_names(count: int) -> list[str]:
	"""`count` names from the scorecards' naming series, reserved at once (the series row is locked)."""
	if not count:
		return []
	from frappe.model.naming import parse_naming_series

	prefix = parse_naming_series(NAMING_SERIES.rsplit(".", 1)[0] + ".")
	digits = len(NAMING_SERIES.rsplit(".", 1)[1])
	current = frappe.db.sql("select `current` from `tabSeries` where `name` = %s for update", prefix)
	if current:
		start = cint(current[0][0])
		frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (start + count, prefix))
	else:
		start = 0
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, %s)", (prefix, count))
	return [f"{prefix}{number:0{digits}d}" for number in range(start + 1, start + count + 1)]


PARENT_COLUMNS = (
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"docstatus",
	"idx",
	"sales_person",
	"template",
	"company",
	"period_start",
	"status",
	"workflow_state",
	"unique_key",
	*COMPUTED_FIELDS,
	"computed_on",
)
ROW_COLUMNS = (
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"docstatus",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	*ROW_FIELDS,
)


def child_rows(parent: str, rows: list[dict], now, user) -> list[tuple]:
	return [
		(
			frappe.generate_hash(length=10),
			now,
			now,
			user,
			user,
			0,
			parent,
			SCORECARD,
			"kpis",
			idx,
			*[row.get(f) for f in ROW_FIELDS],
		)
		for idx, row in enumerate(rows, start=1)
	]


def insert_scorecards(cards: list, spec: TemplateSpec, company: str, period: Period, now, user) -> list[str]:
	"""New scorecards in multi-row INSERTs (a unique key per person, template, company and period)."""
	names = reserve_names(len(cards))
	state = initial_state()
	parents, children = [], []
	for name, (person, header, rows) in zip(names, cards, strict=True):
		values = {
			"name": name,
			"creation": now,
			"modified": now,
			"modified_by": user,
			"owner": user,
			"docstatus": 0,
			"idx": 0,
			"sales_person": person,
			"template": spec.name,
			"company": company,
			"status": STATUS_DRAFT,
			"workflow_state": state,
			"unique_key": unique_key(person, spec.name, company, period.start),
			**header,
		}
		parents.append(tuple(values.get(column) for column in PARENT_COLUMNS))
		children += child_rows(name, rows, now, user)
	insert_rows(f"tab{SCORECARD}", list(PARENT_COLUMNS), parents, ROWS_PER_INSERT)
	insert_rows(f"tab{SCORECARD_KPI}", list(ROW_COLUMNS), children, ROWS_PER_INSERT)
	return names


def update_scorecards(cards: list, now, user) -> list[str]:
	"""Recomputed scorecards: their rows replaced (the manager's ratings kept), their fields set with one CASE
	update per chunk."""
	if not cards:
		return []
	names = [card.name for card, _header, _rows in cards]
	row = DocType(SCORECARD_KPI)
	for chunk in chunks(names, CHUNK):
		frappe.qb.from_(row).delete().where((row.parenttype == SCORECARD) & row.parent.isin(chunk)).run()
	children = [r for card, _header, rows in cards for r in child_rows(card.name, rows, now, user)]
	insert_rows(f"tab{SCORECARD_KPI}", list(ROW_COLUMNS), children, ROWS_PER_INSERT)
	columns = [*COMPUTED_FIELDS, "computed_on", "modified", "modified_by"]
	for chunk in chunks(cards, CHUNK):
		sets, params = [], []
		for column in columns:
			sets.append(f"`{column}` = CASE `name` " + " ".join(["WHEN %s THEN %s"] * len(chunk)) + " END")
			for card, header, _rows in chunk:
				value = {"modified": now, "modified_by": user}.get(column, header.get(column))
				params += [card.name, value]
		params += [card.name for card, _header, _rows in chunk]
		frappe.db.sql(
			f"UPDATE `tab{SCORECARD}` SET {', '.join(sets)} WHERE `name` IN ({', '.join(['%s'] * len(chunk))})",
			params,
		)
	return names


def _progress(publish: bool):
	"""A progress bar for the user who started the job, in their language (see services.tiers)."""
	if publish:
		frappe.local.lang = get_user_lang()
	title = _("Generating Scorecards")

	def report(percent: int, description: str):
		if publish:
			frappe.publish_progress(percent, title=title, description=description)

	return report


def job_id(template: str, company: str, period_start) -> str:
	return f"{JOB_PREFIX}:{template}:{company}:{getdate(period_start)}"


def run_generation(template: str, company: str, day=None) -> dict:
	"""The background job: generate, then tell the user who started it what was made."""
	summary = generate(template, company, day, publish_progress=True)
	frappe.db.commit()  # nosemgrep: the summary below announces committed scorecards
	frappe.publish_realtime(
		"msgprint",
		{"message": summary_message(summary), "title": _("Scorecards {0}").format(summary["period"])},
		user=frappe.session.user,
	)
	return summary


def summary_message(summary: dict) -> str:
	lines = [
		_("{0} made, {1} updated, {2} skipped").format(
			summary["made"], summary["updated"], summary["skipped"]
		)
	]
	lines += [f"{row['sales_person']}: {row['reason']}" for row in summary["skipped_reasons"]]
	return "<br>".join(frappe.utils.escape_html(line) for line in lines)


@frappe.whitelist()
def generate_scorecards(template: str, company: str, day: str | None = None) -> dict:
	"""The desk's "Generate Scorecards": every salesperson's scorecard for the template and the period
	containing `day`, in a background job with a progress bar (the same job twice is not queued twice)."""
	if not may_generate():
		frappe.throw(
			_("Only the sales manager or leadership generate scorecards."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not is_enabled("scorecards"):
		frappe.throw(_("Scorecards are switched off in Sales Dept Settings."), title=_("Scorecards Are Off"))
	frappe.has_permission(SCORECARD, "create", throw=True)
	spec = load_template(template)
	check_template(spec)
	period = period_for(company, spec.period_type, day or nowdate())
	job = job_id(template, company, period.start)
	if is_job_enqueued(job):
		return {"queued": False, "message": _("These scorecards are being generated already.")}
	frappe.enqueue(
		"sales_dept.services.scorecards.run_generation",
		queue="long",
		timeout=1800,
		job_id=job,
		deduplicate=True,
		now=in_test(),
		template=template,
		company=company,
		day=str(period.start),
	)
	return {
		"queued": True,
		"message": _("Generating the scorecards of {0} for {1} in the background.").format(
			template, period.label
		),
	}


# Drill-down: the documents behind a KPI
# --------------------------------------


def drill_down(doc, kpi: str) -> dict | None:
	"""{route, route_options} of the list or report holding the documents a scorecard's KPI comes from, for
	the desk's "Show Sources" (None for a KPI rated by the manager)."""
	start, end = str(doc.period_start), str(doc.period_end)
	between = ["between", [start, end]]
	person = doc.sales_person
	if kpi == CONDUCT:
		return penalties_route(doc) if conduct_counts() else None
	if kpi == TARGET_COMPLETION:
		doctype, _item, date_field = sales_doctypes()
		return {
			"route": ["List", doctype],
			"route_options": {
				"company": doc.company,
				"docstatus": 1,
				date_field: between,
				"Sales Team.sales_person": person,
			},
		}
	if kpi == SALES_GROWTH:
		return {
			"route": ["query-report", "Sales Target Achievement"],
			"route_options": {
				"company": doc.company,
				"period_type": doc.period_type,
				"date": start,
				"sales_person": person,
			},
		}
	if kpi == VISIT_EXECUTION:
		return {
			"route": ["query-report", "Visit Plan Execution"],
			"route_options": {
				"company": doc.company,
				"from_date": start,
				"to_date": end,
				"sales_person": person,
			},
		}
	if kpi == VISIT_COVERAGE:
		return {
			"route": ["query-report", "Customer Visit Coverage"],
			"route_options": {
				"company": doc.company,
				"as_on": str(min(getdate(end), getdate())),
				"sales_person": person,
			},
		}
	if kpi in MANAGER_RATED:
		return None
	period = period_for(doc.company, doc.period_type, doc.period_start)
	if kpi == COLLECTION_RATE:
		return names_route(
			"Sales Invoice", sorted(collection_invoices(doc.company, period, doc.sales_person))
		)
	fig = compute_one(doc, period, kpi)
	if kpi == NEW_CUSTOMERS:
		return names_route("Customer", sorted(fig.new_customer_names))
	if kpi in (COMPLAINTS, COMPLAINTS_WITHIN_SLA, FIRST_RESPONSE_HOURS):
		return {
			"route": ["List", "Issue"],
			"route_options": {"customer": ["in", fig.complaint_customers or [""]], "opening_date": between},
		}
	if kpi == SATISFACTION:
		options = {
			"document_type": "Customer",
			"document_name": ["in", fig.feedback_customers or [""]],
			"creation": ["between", [start, f"{end} 23:59:59"]],
		}
		template = frappe.db.get_value(TEMPLATE, doc.template, "feedback_template")
		if template:
			options["template"] = template
		return {"route": ["List", "Quality Feedback"], "route_options": options}
	return None


def compute_one(doc, period: Period, kpi: str) -> Figures:
	"""The figures of one scorecard's salesperson, read only as far as `kpi` needs them."""
	figures = {doc.sales_person: Figures()}
	if kpi == NEW_CUSTOMERS:
		add_new_customers(figures, doc.company, period)
	elif kpi in (COMPLAINTS, COMPLAINTS_WITHIN_SLA, FIRST_RESPONSE_HOURS):
		add_complaints(figures, doc.company, period)
	elif kpi == SATISFACTION:
		add_satisfaction(figures, period, frappe.db.get_value(TEMPLATE, doc.template, "feedback_template"))
	return figures[doc.sales_person]


def names_route(doctype: str, names: list[str]) -> dict:
	return {"route": ["List", doctype], "route_options": {"name": ["in", names or [""]]}}


def penalties_route(doc) -> dict:
	from sales_dept.rules.conduct import STANDING

	return {
		"route": ["List", "Penalty Record"],
		"route_options": {
			"sales_person": doc.sales_person,
			"status": ["in", list(STANDING)],
			"incident_date": ["between", [str(doc.period_start), str(doc.period_end)]],
		},
	}


# Waiting for me (number card) and the review steps
# -------------------------------------------------

OPEN_STATUSES = (STATUS_DRAFT, SELF_REVIEW, MANAGER_REVIEW, LEADERSHIP_APPROVAL)
NEXT_STATUS = {
	STATUS_DRAFT: SELF_REVIEW,
	SELF_REVIEW: MANAGER_REVIEW,
	MANAGER_REVIEW: LEADERSHIP_APPROVAL,
	LEADERSHIP_APPROVAL: "Approved",
}


def waiting_for(user: str | None = None, company: str | None = None) -> list[str]:
	"""Scorecards in `user`'s reach whose next step is theirs to take (one query)."""
	user = user or frappe.session.user
	reach = reachable_sales_persons(user)
	card = DocType(SCORECARD)
	query = (
		frappe.qb.from_(card)
		.select(card.name, card.sales_person, card.status)
		.where((card.docstatus == 0) & card.status.isin(OPEN_STATUSES))
	)
	if reach is not None:
		if not reach:
			return []
		query = query.where(card.sales_person.isin(sorted(reach)))
	if company:
		query = query.where(card.company == company)
	reviewers: dict[str, Reviewer] = {}
	waiting = []
	for name, person, status in query.run():
		if person not in reviewers:
			reviewers[person] = reviewer_for(person, user)
		if not step_problem(status, NEXT_STATUS[status], reviewers[person], comment="-"):
			waiting.append(name)
	return waiting


@frappe.whitelist()
def scorecards_waiting_for_me(filters=None) -> dict:
	"""Number card "Scorecards Waiting for Me": the scorecards whose next step is the user's (release, self
	review, manager's review, leadership approval); a click lists them."""
	frappe.has_permission(SCORECARD, "read", throw=True)
	filters = frappe.parse_json(filters) or {}
	company = filters.get("company") if isinstance(filters, dict) else None
	names = waiting_for(company=company)
	return {
		"value": len(names),
		"fieldtype": "Int",
		"route": ["List", SCORECARD],
		"route_options": {"name": ["in", names or [""]]},
	}
