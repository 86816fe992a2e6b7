# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""The open bids (rulebook R27-R30): draft, go/no-go, in review, sent back and final approval, with their
kind, salesperson, team, customer, submission deadline and the days left to it, the days spent in their
current status, the amount in company currency and who each waits for. Scoped as the Bid Review list is
(see `sales_dept.services.bid_reports`)."""

from collections import Counter

import frappe
from frappe import _
from frappe.utils import cint, flt

from sales_dept.rules.bids import OPEN_STATUSES
from sales_dept.services.bid_reports import BidFilters, link_column, open_bids, reach_of, waiting_label
from sales_dept.services.visit_reports import validate_common_filters

DEADLINE_SOON_DAYS = 7  # the summary's "deadline within a week"


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	bids = open_bids(
		reach_of(),
		BidFilters.of(filters),
		status=filters.status,
		deadline_within_days=filters.deadline_within_days,
		waiting_for_user=frappe.session.user if cint(filters.waiting_for_me) else None,
	)
	currency = frappe.get_cached_value("Company", filters.company, "default_currency")
	return get_columns(), get_rows(bids, currency), message(), get_chart(bids), get_summary(bids, currency)


def validate_filters(filters):
	validate_common_filters(filters)
	if filters.status and filters.status not in OPEN_STATUSES:
		frappe.throw(
			_("{0} is not the status of an open bid.").format(frappe.bold(filters.status)),
			title=_("Invalid Filter"),
		)
	if filters.get("deadline_within_days") in (None, ""):
		filters.deadline_within_days = None
	elif cint(filters.deadline_within_days) < 0:
		frappe.throw(_("Deadline within: give a number of days, 0 or more."), title=_("Invalid Filter"))
	else:
		filters.deadline_within_days = cint(filters.deadline_within_days)


def message() -> str:
	return _(
		"Open bids: draft, go/no-go, in review, sent back and final approval. Days in status count from the "
		"day the bid entered its current status. A bid in review waits for the reviews still pending, then "
		"for its salesperson; a decision waits for the role that takes it in the bid's workflow step."
	)


def get_columns() -> list[dict]:
	return [
		{"label": _("Bid"), "fieldname": "bid", "fieldtype": "Link", "options": "Bid Review", "width": 140},
		{"label": _("What Is Bid For"), "fieldname": "title", "fieldtype": "Data", "width": 180},
		{"label": _("Kind"), "fieldname": "kind", "fieldtype": "Data", "width": 80},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 100},
		{"label": _("Waiting On"), "fieldname": "waits_for", "fieldtype": "Data", "width": 160},
		{"label": _("Days in Status"), "fieldname": "days_in_status", "fieldtype": "Int", "width": 90},
		link_column(_("Sales Person"), "sales_person", "Sales Person", 140),
		link_column(_("Team"), "team", "Sales Person", 120),
		link_column(_("Customer"), "customer", "Customer", 140),
		{"label": _("Customer Name"), "fieldname": "customer_name", "fieldtype": "Data", "width": 160},
		{
			"label": _("Submission Deadline"),
			"fieldname": "submission_deadline",
			"fieldtype": "Datetime",
			"width": 150,
		},
		{"label": _("Days Left"), "fieldname": "days_left", "fieldtype": "Int", "width": 80},
		{"label": _("Currency"), "fieldname": "currency", "fieldtype": "Data", "hidden": 1},
		{
			"label": _("Amount"),
			"fieldname": "amount",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 130,
		},
		{"label": _("Major Bid"), "fieldname": "is_major", "fieldtype": "Check", "width": 70},
	]


def get_rows(bids, currency: str) -> list[dict]:
	return [
		{
			"bid": bid.name,
			"title": bid.title,
			"kind": _(bid.kind) if bid.kind else None,
			"status": _(bid.status),
			"status_code": bid.status,
			"waits_for": waiting_label(bid.waiting),
			"awaits_me": int(bid.awaits_user),
			"days_in_status": bid.days_in_status,
			"sales_person": bid.sales_person,
			"team": bid.team,
			"customer": bid.customer,
			"customer_name": bid.customer_name,
			"submission_deadline": bid.submission_deadline,
			"days_left": bid.days_left,
			"currency": currency,
			"amount": flt(bid.amount),
			"is_major": int(bid.is_major),
		}
		for bid in bids
	]


def get_chart(bids) -> dict | None:
	"""Open bids per status, in the order of the flow."""
	if not bids:
		return None
	counts = Counter(bid.status for bid in bids)
	return {
		"title": _("Open Bids by Status"),
		"data": {
			"labels": [_(status) for status in OPEN_STATUSES],
			"datasets": [{"name": _("Bids"), "values": [counts[status] for status in OPEN_STATUSES]}],
		},
		"type": "bar",
		"fieldtype": "Int",
		"colors": ["#5e64ff"],
	}


def get_summary(bids, currency: str) -> list[dict]:
	passed = sum(1 for bid in bids if bid.days_left is not None and bid.days_left < 0)
	soon = sum(1 for bid in bids if bid.days_left is not None and 0 <= bid.days_left <= DEADLINE_SOON_DAYS)
	mine = sum(1 for bid in bids if bid.awaits_user)
	return [
		{"label": _("Open Bids"), "value": len(bids), "datatype": "Int"},
		{
			"label": _("Amount"),
			"value": sum(flt(bid.amount) for bid in bids),
			"datatype": "Currency",
			"currency": currency,
		},
		{
			"label": _("Deadline within {0} Days").format(DEADLINE_SOON_DAYS),
			"value": soon,
			"datatype": "Int",
			"indicator": "Orange" if soon else "Green",
		},
		{
			"label": _("Deadline Passed"),
			"value": passed,
			"datatype": "Int",
			"indicator": "Red" if passed else "Green",
		},
		{"label": _("Waiting for Me"), "value": mine, "datatype": "Int", "indicator": "Blue"},
	]
