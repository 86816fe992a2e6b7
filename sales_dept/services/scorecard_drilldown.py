"""Drill-down: where the documents behind a scorecard's KPI are (a list with filters, or a report), for the
desk's "Show Sources"."""

import frappe
from frappe.utils import getdate

from sales_dept.rules.scoring import (
	COLLECTION_COMPLETION,
	COLLECTION_RATE,
	COMPLAINTS,
	COMPLAINTS_WITHIN_SLA,
	FIRST_RESPONSE_HOURS,
	MANAGER_RATED,
	NEW_CUSTOMERS,
	SALES_GROWTH,
	SATISFACTION,
	TARGET_COMPLETION,
	VISIT_COVERAGE,
	VISIT_EXECUTION,
)
from sales_dept.services.scorecard_figures import (
	Figures,
	add_complaints,
	add_new_customers,
	add_satisfaction,
	collection_invoices,
	conduct_counts,
	sales_doctypes,
)
from sales_dept.services.scorecard_periods import Period, period_for
from sales_dept.services.scorecard_templates import TEMPLATE

CONDUCT = "Conduct"  # the drill-down of the conduct deduction (not a KPI row)


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
	if kpi in (COLLECTION_RATE, COLLECTION_COMPLETION):
		invoices = collection_invoices(
			doc.company, period, doc.sales_person, paid_only=kpi == COLLECTION_COMPLETION
		)
		return names_route("Sales Invoice", sorted(invoices))
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
