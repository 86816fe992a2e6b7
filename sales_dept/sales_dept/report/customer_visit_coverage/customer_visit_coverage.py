# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Is every customer visited as often as its tier requires (rulebook R37)? Per customer: tier, required
interval, last submitted visit, next due date, days until due (negative: overdue) and the responsible
salesperson (the Sales Team member with the largest allocation)."""

from collections import Counter

import frappe
from frappe import _
from frappe.utils import getdate

from sales_dept.rules.tiers import AS_ARRANGED, DUE_SOON, ON_TIME, OVERDUE
from sales_dept.services.visit_reports import (
	DUE_SOON_DAYS,
	coverage_status_labels,
	customer_coverage,
	report_scope,
	salesperson_columns,
	validate_common_filters,
)


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	scope = report_scope(team=filters.team, sales_person=filters.sales_person)
	rows = customer_coverage(
		filters.as_on,
		scope,
		tier=filters.tier,
		overdue_only=bool(frappe.utils.cint(filters.overdue_only)),
	)
	message = _(
		"Due dates count from the last submitted visit on or before {0}, or from the day the customer got its "
		"tier when it was never visited. Due soon: within {1} days."
	).format(frappe.format(filters.as_on, "Date"), DUE_SOON_DAYS)
	chart, summary = get_chart(rows), get_summary(rows)
	return get_columns(), get_rows(rows), message, chart, summary


def validate_filters(filters):
	filters.as_on = getdate(filters.as_on or getdate())
	validate_common_filters(filters)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Customer"),
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"width": 160,
		},
		{"label": _("Customer Name"), "fieldname": "customer_name", "fieldtype": "Data", "width": 180},
		{
			"label": _("Tier"),
			"fieldname": "tier",
			"fieldtype": "Link",
			"options": "Customer Tier",
			"width": 110,
		},
		{"label": _("Visit Interval"), "fieldname": "visit_interval", "fieldtype": "Data", "width": 110},
		{"label": _("Last Visit"), "fieldname": "last_visit", "fieldtype": "Date", "width": 100},
		{"label": _("Next Due"), "fieldname": "next_due", "fieldtype": "Date", "width": 100},
		{"label": _("Days Until Due"), "fieldname": "days_until_due", "fieldtype": "Int", "width": 100},
		{"label": _("Visit Coverage"), "fieldname": "status", "fieldtype": "Data", "width": 100},
		*salesperson_columns(),
	]


def get_rows(rows) -> list[dict]:
	"""The rows, most overdue first, with their visit interval and coverage status in words (the status
	code kept in `status_code` for the formatter, the interval in days in `visit_interval_days`)."""
	labels = coverage_status_labels()
	for row in rows:
		row["status_code"], row["status"] = row["status"], labels[row["status"]]
		row["visit_interval"] = interval_label(row["visit_interval_days"])
	return rows


def interval_label(days: int | None) -> str:
	"""Every how many days the customer must be visited, or "as arranged" for a tier without an interval."""
	return _("Every {0} days").format(days) if days else _("As Arranged")


def get_chart(rows) -> dict | None:
	"""Customers per tier, split into overdue, on time (due soon included) and as arranged."""
	if not rows:
		return None
	shown_as = {OVERDUE: OVERDUE, DUE_SOON: ON_TIME, ON_TIME: ON_TIME, AS_ARRANGED: AS_ARRANGED}
	counts = Counter((row["tier"] or "", shown_as[row["status"]]) for row in rows)
	tiers = sorted({tier for tier, _status in counts}, key=lambda tier: (tier == "", tier))
	labels = coverage_status_labels()
	return {
		"data": {
			"labels": [_(tier) if tier else _("No Tier") for tier in tiers],
			"datasets": [
				{"name": labels[status], "values": [counts[(tier, status)] for tier in tiers]}
				for status in (OVERDUE, ON_TIME, AS_ARRANGED)
			],
		},
		"title": _("Customers per Tier"),
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#ff5858", "#28a745", "#b8c2cc"],
	}


def get_summary(rows) -> list[dict]:
	statuses = Counter(row["status"] for row in rows)
	never = sum(1 for row in rows if row["visit_interval_days"] and not row["last_visit"])
	return [
		{"label": _("Customers Listed"), "value": len(rows), "datatype": "Int"},
		{
			"label": _("Overdue"),
			"value": statuses[OVERDUE],
			"datatype": "Int",
			"indicator": "Red" if statuses[OVERDUE] else "Green",
		},
		{"label": _("Due Soon"), "value": statuses[DUE_SOON], "datatype": "Int", "indicator": "Orange"},
		{"label": _("On Time"), "value": statuses[ON_TIME], "datatype": "Int", "indicator": "Green"},
		{"label": _("Never Visited"), "value": never, "datatype": "Int"},
	]
