"""Visit plans and visit records on the site's data: which customers a salesperson serves and when they
fall due, the previous period's figures, and the plan rows a visit record ticks off."""

from dataclasses import dataclass
from datetime import date

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import getdate

from sales_dept.rules.tiers import due_by, next_visit_due
from sales_dept.rules.visits import Execution, PlanRow, execution, period_end, previous_period_start


@dataclass(frozen=True)
class DueCustomer:
	customer: str
	customer_name: str | None
	tier: str
	due: date
	sales_person: str


def plan_rows(plan) -> list[PlanRow]:
	"""The rows of a Visit Plan as the rules see them (rows without customer or date are left out)."""
	return [
		PlanRow(
			idx=row.idx,
			customer=row.customer,
			planned_date=getdate(row.planned_date),
			purpose=row.purpose,
			waived=bool(row.waived),
		)
		for row in plan.get("visits") or []
		if row.customer and row.planned_date
	]


def served_customers(sales_person: str, customers: list[str] | None = None) -> set[str]:
	"""Customers whose Sales Team includes `sales_person` (among `customers` when given)."""
	if customers is not None and not customers:
		return set()
	team = DocType("Sales Team")
	query = (
		frappe.qb.from_(team)
		.select(team.parent)
		.distinct()
		.where((team.parenttype == "Customer") & (team.sales_person == sales_person))
	)
	if customers is not None:
		query = query.where(team.parent.isin(list(set(customers))))
	return set(query.run(pluck=True))


def last_visit_dates(customers: list[str]) -> dict[str, date]:
	"""The date of each customer's latest submitted Visit Record (whoever made it), in one query."""
	if not customers:
		return {}
	record = DocType("Visit Record")
	rows = (
		frappe.qb.from_(record)
		.select(record.customer, Max(record.visit_date))
		.where((record.docstatus == 1) & record.customer.isin(list(set(customers))))
		.groupby(record.customer)
		.run()
	)
	return {customer: getdate(last) for customer, last in rows}


def _interval_customers(sales_person: str | None = None) -> list[dict]:
	"""Enabled customers whose tier has a visit interval, with the sales persons serving them."""
	customer, team, tier = DocType("Customer"), DocType("Sales Team"), DocType("Customer Tier")
	query = (
		frappe.qb.from_(customer)
		.join(tier)
		.on(tier.name == customer.sd_customer_tier)
		.join(team)
		.on((team.parent == customer.name) & (team.parenttype == "Customer"))
		.select(
			customer.name.as_("customer"),
			customer.customer_name,
			customer.sd_customer_tier.as_("tier"),
			customer.sd_tier_classified_on.as_("classified_on"),
			customer.creation,
			tier.visit_interval_days.as_("interval"),
			team.sales_person,
		)
		.distinct()
		.where((customer.disabled == 0) & (tier.visit_interval_days > 0) & team.sales_person.isnotnull())
	)
	if sales_person:
		query = query.where(team.sales_person == sales_person)
	return query.run(as_dict=True)


def customer_due_dates(sales_person: str | None = None) -> list[DueCustomer]:
	"""When each customer with a visit interval (of `sales_person`, or of everyone) must be visited next:
	the interval after the last submitted visit, or from the day it got its tier (else its creation) if it
	was never visited. Two queries, whatever the number of customers. One entry per customer and
	serving sales person."""
	rows = _interval_customers(sales_person)
	last = last_visit_dates([row.customer for row in rows])
	found = []
	for row in rows:
		since = getdate(row.classified_on or row.creation)
		due = next_visit_due(last.get(row.customer), row.interval, since)
		if due:
			found.append(DueCustomer(row.customer, row.customer_name, row.tier, due, row.sales_person))
	return found


def due_customers(sales_person: str, end: date) -> list[DueCustomer]:
	"""Customers of `sales_person` whose visit falls due by `end` (overdue ones included), soonest first."""
	due = [d for d in customer_due_dates(sales_person) if due_by(d.due, getdate(end))]
	return sorted(due, key=lambda d: (d.due, d.customer))


@dataclass(frozen=True)
class RowTerms:
	"""How a query joining Visit Plan Rows (`row`) to the submitted Visit Record each names
	(`record`, left join on `row.visit_record`) counts them: a waived row is no visit; a row is done when it
	is ticked or names a submitted record; done as planned when that record's date is the planned date
	(`rules.visits.done_on_planned_day`; a row ticked without a record has no other date), else done on another
	day."""

	planned: object
	done: object
	done_as_planned: object
	done_other_day: object


def row_terms(row, record) -> RowTerms:
	planned = row.waived == 0
	done = planned & ((row.done == 1) | record.name.isnotnull())
	other_day = planned & record.name.isnotnull() & (record.visit_date != row.planned_date)
	return RowTerms(
		planned=planned, done=done, done_as_planned=done & other_day.negate(), done_other_day=other_day
	)


def count_of(condition):
	"""SUM(CASE WHEN condition THEN 1 ELSE 0 END)."""
	return Sum(Case().when(condition, 1).else_(0))


def join_row_records(query, row, record):
	"""`query` joined to the submitted Visit Record of each plan row (see RowTerms)."""
	return query.left_join(record).on((record.name == row.visit_record) & (record.docstatus == 1))


@dataclass(frozen=True)
class PreviousPeriod:
	plan: str | None
	figures: Execution


def previous_period(sales_person: str, period_type: str, start: date, today: date) -> PreviousPeriod:
	"""The period before the plan's: its plan (same salesperson and period type, not cancelled), the
	visits it planned and those done (on their day or another), and the salesperson's submitted visits
	outside any plan row."""
	previous_start = previous_period_start(period_type, getdate(start))
	previous_end = period_end(period_type, previous_start)
	plan, row, record = DocType("Visit Plan"), DocType("Visit Plan Row"), DocType("Visit Record")
	terms = row_terms(row, record)
	query = (
		frappe.qb.from_(plan)
		.left_join(row)
		.on((row.parent == plan.name) & (row.parenttype == "Visit Plan") & (row.parentfield == "visits"))
	)
	found = (
		join_row_records(query, row, record)
		.select(
			plan.name,
			count_of(terms.planned),
			count_of(terms.done_as_planned),
			count_of(terms.done_other_day),
		)
		.where(
			(plan.sales_person == sales_person)
			& (plan.period_type == period_type)
			& (plan.period_start == previous_start)
			& (plan.docstatus < 2)
		)
		.groupby(plan.name)
		.orderby(plan.docstatus, order=frappe.qb.desc)
		.limit(1)
		.run()
	)
	name, planned, done, other_day = found[0] if found else (None, 0, 0, 0)
	unplanned = (
		frappe.qb.from_(record)
		.select(Count(record.name))
		.where(
			(record.sales_person == sales_person)
			& (record.docstatus == 1)
			& record.visit_date.between(previous_start, previous_end)
			& (record.visit_plan_row.isnull() | (record.visit_plan_row == ""))
		)
		.run()[0][0]
	)
	return PreviousPeriod(
		plan=name,
		figures=execution(
			int(planned or 0),
			int(done or 0),
			int(unplanned or 0),
			previous_end < today,
			done_other_day=int(other_day or 0),
		),
	)


def mark_plan_row(row_name: str, visit_record: str | None):
	"""Tick a row of an approved plan as done by `visit_record`, or untick it (None)."""
	frappe.db.set_value(
		"Visit Plan Row",
		row_name,
		{"done": 1 if visit_record else 0, "visit_record": visit_record},
		update_modified=False,
	)


def customer_location(customer: str) -> tuple[float, float] | None:
	"""Latitude and longitude of the customer's primary (else any) address.

	ERPNext 15's Address has no coordinates; a site that adds `latitude` and `longitude` fields to Address
	(Customize Form) gets check-in distances. Without them, or without an address, there is no location.
	"""
	meta = frappe.get_meta("Address")
	if not (meta.has_field("latitude") and meta.has_field("longitude")):
		return None
	address, link = DocType("Address"), DocType("Dynamic Link")
	found = (
		frappe.qb.from_(address)
		.join(link)
		.on((link.parent == address.name) & (link.parenttype == "Address"))
		.select(address.latitude, address.longitude)
		.where(
			(link.link_doctype == "Customer")
			& (link.link_name == customer)
			& (address.disabled == 0)
			& address.latitude.isnotnull()
			& address.longitude.isnotnull()
		)
		.orderby(address.is_primary_address, order=frappe.qb.desc)
		.limit(1)
		.run()
	)
	if not found or (not found[0][0] and not found[0][1]):
		return None
	return float(found[0][0]), float(found[0][1])
