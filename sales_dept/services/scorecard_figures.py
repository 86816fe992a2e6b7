"""The figures behind the KPIs of appraisal scorecards, computed from what ERPNext already knows (rulebook R2, R21, R31-R35, R39, R40).

For a company, a period (a month, quarter or fiscal year, `rules.scoring.period_of`) and any number of
salespeople, every KPI is read in a fixed number of queries, whatever the number of salespeople:

- **Target completion**: the salesperson's targets (Sales Person → Target Detail for the period's fiscal year,
  per item group, spread over the months by its Monthly Distribution, evenly without one) against the net sales
  credited to them: each submitted Sales Invoice item's `base_net_amount` × their Sales Team allocation, returns
  (negative) included; only the item groups their targets name count (and the groups below them; a target
  without an item group counts every item). Setting *Scorecard Sales Basis*: Sales Orders instead.
- **Collected** (回款): payments and journal entries in the Payment Ledger posted in the period against the
  credited invoices, credited by allocation. **Collection completion (回款完成率)**: collected ÷ the collection
  target of the period (the Sales Person's Collection Targets of the fiscal year, spread like the sales targets).
  **Collection rate (回款率)**, in the receivables sense: collected ÷ (collected + what is due and open): the
  receivable of the credited invoices and credit notes due by the period's end and still open at its end
  (`rules.scoring.collection_rate`, never above 100 %).
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
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import add_days, cint, flt, getdate, nowdate
from pypika import Case
from pypika.terms import ExistsCriterion

from sales_dept.rules.complaints import ComplaintFigures
from sales_dept.rules.scoring import (
	COLLECTION_COMPLETION,
	COLLECTION_RATE,
	COMPLAINTS,
	COMPLAINTS_WITHIN_SLA,
	FIRST_RESPONSE_HOURS,
	NEW_CUSTOMERS,
	SALES_GROWTH,
	SATISFACTION,
	TARGET_COMPLETION,
	VISIT_COVERAGE,
	VISIT_EXECUTION,
	achieved_against_targets,
	collection_rate,
	credited,
	first_invoices,
	growth_pct,
	pct,
	period_target,
	same_period_last_year,
)
from sales_dept.rules.tiers import OVERDUE
from sales_dept.rules.visits import ExecutionSoFar, combined_so_far
from sales_dept.services.complaints import complaints_by_sales_person, responsible_sales_persons
from sales_dept.services.scorecard_periods import Period
from sales_dept.services.scorecard_templates import TemplateSpec
from sales_dept.services.settings import BUILT_CAPABILITIES, is_enabled, setting
from sales_dept.services.visit_reports import customer_coverage, plan_figures

INVOICES, ORDERS = "Invoices", "Orders"


def sales_basis() -> str:
	"""Setting "Scorecard Sales Basis": net sales from submitted invoices (default) or sales orders."""
	return setting("scorecard_sales_basis") or INVOICES


def growth_goal() -> float:
	"""Setting "Growth Goal (% a Year)" (rulebook R39: 15 %)."""
	return flt(setting("growth_goal_pct"))


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
	collection_target: float = 0.0
	has_collection_target: bool = False
	paid: float = 0.0  # collected in the period
	due: float = 0.0  # due by the period's end and still open at its end
	paid_invoices: int = 0  # invoices with a payment in the period
	collection_invoices: int = 0  # invoices with a payment in the period or due and open at its end
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
			COLLECTION_COMPLETION: (
				pct(self.paid, self.collection_target) if self.has_collection_target else None,
				self.paid_invoices,
			),
			COLLECTION_RATE: (collection_rate(self.paid, self.due), self.collection_invoices),
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
	add_collection_targets(figures, period)
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


def targets_in_period(doctype: str, parentfield: str, period: Period, people, *fields: str) -> list[tuple]:
	"""(row, the part of its yearly amount falling in the period) of each target row of the salespeople's table
	`parentfield` (rows of `doctype`: a fiscal year, an amount and a Monthly Distribution, as ERPNext's Target
	Detail) for the period's fiscal year, with `fields` besides. Two queries (one without distributions)."""
	table = DocType(doctype)
	rows = (
		frappe.qb.from_(table)
		.select(table.parent, table.target_amount, table.distribution_id, *(table[f] for f in fields))
		.where(
			(table.parenttype == "Sales Person")
			& (table.parentfield == parentfield)
			& (table.fiscal_year == period.fiscal_year)
			& table.parent.isin(sorted(people))
		)
		.run(as_dict=True)
	)
	percentages = distribution_percentages({row.distribution_id for row in rows if row.distribution_id})
	return [
		(
			row,
			period_target(
				flt(row.target_amount),
				percentages.get(row.distribution_id) if row.distribution_id else None,
				period.months,
			),
		)
		for row in rows
	]


def add_targets(figures: dict[str, Figures], period: Period):
	"""Sales targets (ERPNext's Sales Person Targets) of the period's fiscal year per salesperson and item group,
	spread over the period's months (two queries, three with item groups)."""
	for row, amount in targets_in_period("Target Detail", "targets", period, figures, "item_group"):
		person = figures[row.parent]
		person.has_target = True
		person.target += amount
		person.target_groups = (person.target_groups or set()) | {row.item_group or None}


def add_collection_targets(figures: dict[str, Figures], period: Period):
	"""Collection targets (the Sales Person's Collection Targets) of the period's fiscal year per salesperson,
	spread over the period's months as the sales targets are."""
	for row, amount in targets_in_period("Collection Target", "sd_collection_targets", period, figures):
		person = figures[row.parent]
		person.has_collection_target = True
		person.collection_target += amount


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


def ledger_per_invoice(company: str, period: Period, paid_in_period: bool = False):
	"""The Payment Ledger summed per credited invoice (or credit note) up to the period's end: `paid`, what was
	collected on it in the period (payments and journal entries; negative in the ledger, as they reduce the
	receivable), `open`, what of it is still open at the end (every entry against it posted by then), and its
	`due_date` (that of the invoice's own entry). A cancelled invoice's entries are delinked and do not count;
	invoices with nothing paid in the period and nothing open are left out; with `paid_in_period`, only the
	invoices paid in the period are summed (those with an entry of a payment in it, found first: a few).

	Read from the ledger alone, in the order of its covering index (setup.scorecards.INDEXES): the invoices are
	not looked up one by one (a random read for each open invoice of the company's history grew faster than
	the data)."""
	ledger = DocType("Payment Ledger Entry")
	entries = against_invoices(ledger, company)
	a_payment = ledger.voucher_type != "Sales Invoice"
	paid = Sum(Case().when(a_payment & (ledger.posting_date >= period.start), ledger.amount * -1).else_(0))
	still_open = Sum(ledger.amount)
	query = (
		frappe.qb.from_(ledger)
		.select(
			ledger.against_voucher_no.as_("invoice"),
			paid.as_("paid"),
			still_open.as_("open"),
			own_due_date(ledger).as_("due_date"),
		)
		.where(entries & (ledger.posting_date <= period.end))
		.groupby(ledger.against_voucher_no)
	)
	if not paid_in_period:
		return query.having((paid != 0) | (still_open != 0)).as_("per_invoice")
	paid_invoices = (
		frappe.qb.from_(ledger)
		.select(ledger.against_voucher_no)
		.where(entries & a_payment & ledger.posting_date[period.start : period.end])
	)
	return query.where(ledger.against_voucher_no.isin(paid_invoices)).having(paid != 0).as_("per_invoice")


def against_invoices(ledger, company: str):
	"""The company's ledger entries against invoices and credit notes, those of cancelled documents left out."""
	return (
		(ledger.company == company)
		& (ledger.against_voucher_type == "Sales Invoice")
		& (ledger.delinked == 0)
	)


def own_due_date(ledger):
	"""The due date of the invoice's own ledger entry, among the entries against it."""
	own_entry = (ledger.voucher_type == "Sales Invoice") & (ledger.voucher_no == ledger.against_voucher_no)
	return Max(Case().when(own_entry, ledger.due_date))


def open_due_per_invoice(company: str, period: Period):
	"""The credited invoices (and credit notes) due by the period's end and still open at its end: `open`, the
	sum of every ledger entry against each posted by then (read like `ledger_per_invoice`)."""
	ledger = DocType("Payment Ledger Entry")
	still_open = Sum(ledger.amount)
	return (
		frappe.qb.from_(ledger)
		.select(ledger.against_voucher_no.as_("invoice"), still_open.as_("open"))
		.where(against_invoices(ledger, company) & (ledger.posting_date <= period.end))
		.groupby(ledger.against_voucher_no)
		.having((still_open != 0) & (own_due_date(ledger) <= period.end))
	).as_("open_due")


def credited_collection(company: str, period: Period, people):
	"""(query, paid, due) of the invoices' ledger sums (`ledger_per_invoice`) joined to their Sales Team rows of
	`people`: `paid` in the period and `due` (open at the end of what was due by then), credited by allocation.
	Only invoices paid in the period or due by its end."""
	per_invoice, team = ledger_per_invoice(company, period), DocType("Sales Team")
	share = team.allocated_percentage / 100
	due_by_end = per_invoice.due_date <= period.end
	query = (
		frappe.qb.from_(per_invoice)
		.join(team)
		.on((team.parent == per_invoice.invoice) & (team.parenttype == "Sales Invoice"))
		.where(team.sales_person.isin(sorted(people)) & ((per_invoice.paid != 0) | due_by_end))
	)
	return (
		query,
		per_invoice,
		per_invoice.paid * share,
		Case().when(due_by_end, per_invoice.open * share).else_(0),
	)


def collection_by_invoice(company: str, period: Period, people):
	"""One row per salesperson and credited invoice: `paid` in the period and `due` and open at its end, credited
	by allocation (`credited_collection`). Invoices neither paid in the period nor due by its end are left out."""
	query, per_invoice, paid, due = credited_collection(company, period, people)
	team = DocType("Sales Team")
	return query.select(
		team.sales_person.as_("sales_person"),
		per_invoice.invoice.as_("invoice"),
		Sum(paid).as_("paid"),
		Sum(due).as_("due"),
	).groupby(team.sales_person, per_invoice.invoice)


def add_collection(figures: dict[str, Figures], company: str, period: Period):
	"""Collected in the period and due and open at its end, and on how many invoices (what
	`collection_by_invoice` lists, summed per salesperson). Two queries: the few invoices paid in the period
	(with whether each is also due and open), then those due and open, the company's whole receivable, whose
	sums need nothing else (one pass over the ledger's index; together a quarter quicker than one query
	computing both for every open invoice)."""
	team = DocType("Sales Team")
	has_share = team.allocated_percentage != 0
	of_people = team.sales_person.isin(sorted(figures))

	def credited_to(per_invoice):
		return (
			frappe.qb.from_(per_invoice)
			.join(team)
			.on((team.parent == per_invoice.invoice) & (team.parenttype == "Sales Invoice"))
			.where(of_people)
			.groupby(team.sales_person)
		)

	paid = ledger_per_invoice(company, period, paid_in_period=True)
	also_due = (paid.open != 0) & (paid.due_date <= period.end)
	overlap: dict[str, int] = {}
	for person, amount, invoices, due_too in (
		credited_to(paid)
		.select(
			team.sales_person,
			Sum(paid.paid * team.allocated_percentage) / 100,
			Sum(Case().when(has_share, 1).else_(0)),
			Sum(Case().when(has_share & also_due, 1).else_(0)),
		)
		.run()
	):
		figures[person].paid = flt(amount)
		figures[person].paid_invoices = cint(invoices)
		overlap[person] = cint(due_too)
	due = open_due_per_invoice(company, period)
	due_invoices: dict[str, int] = {}
	for person, amount, invoices in (
		credited_to(due)
		.select(
			team.sales_person,
			Sum(due.open * team.allocated_percentage) / 100,
			Sum(Case().when(has_share, 1).else_(0)),
		)
		.run()
	):
		figures[person].due = flt(amount)
		due_invoices[person] = cint(invoices)
	for person, figure in figures.items():
		figure.collection_invoices = (
			figure.paid_invoices + due_invoices.get(person, 0) - overlap.get(person, 0)
		)


def collection_invoices(
	company: str, period: Period, sales_person: str, paid_only: bool = False
) -> list[str]:
	"""The invoices behind one salesperson's collection rate (paid in the period, or due and open at its end),
	or, `paid_only`, behind their collection completion (the drill-down)."""
	by_invoice = collection_by_invoice(company, period, {sales_person}).as_("by_invoice")
	behind = by_invoice.paid != 0
	if not paid_only:
		behind |= by_invoice.due != 0
	return frappe.qb.from_(by_invoice).select(by_invoice.invoice).where(behind).run(pluck=True)


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
