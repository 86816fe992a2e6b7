# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Price exception requests by period, salesperson, item group, status and approver: how far below the
floor they went and how long the decision took."""

from collections import Counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Avg, Count
from frappe.utils import flt, getdate, time_diff_in_hours

STATUSES = ("Pending", "Approved", "Rejected")


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	rows = get_rows(filters)
	return get_columns(), rows, None, get_chart(rows), get_summary(rows)


def validate_filters(filters):
	if not filters.company:
		frappe.throw(_("Choose a company."), title=_("Missing Filter"))
	if filters.from_date and filters.to_date and getdate(filters.from_date) > getdate(filters.to_date):
		frappe.throw(_("From Date must be before To Date."), title=_("Invalid Filter"))


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Request"),
			"fieldname": "name",
			"fieldtype": "Link",
			"options": "Price Exception Request",
			"width": 150,
		},
		{"label": _("Requested On"), "fieldname": "requested_on", "fieldtype": "Date", "width": 100},
		{"label": _("Document Type"), "fieldname": "document_type", "fieldtype": "Data", "width": 100},
		# the untranslated doctype, for the Document link
		{"label": _("Document Type"), "fieldname": "reference_doctype", "fieldtype": "Data", "hidden": 1},
		{
			"label": _("Document"),
			"fieldname": "reference_name",
			"fieldtype": "Dynamic Link",
			"options": "reference_doctype",
			"width": 150,
		},
		{
			"label": _("Customer"),
			"fieldname": "customer",
			"fieldtype": "Link",
			"options": "Customer",
			"width": 150,
		},
		{
			"label": _("Sales Person"),
			"fieldname": "sales_person",
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 120,
		},
		{"label": _("Status"), "fieldname": "status_label", "fieldtype": "Data", "width": 90},
		# Role and User as text: sales managers and team leaders may not read those doctypes.
		{"label": _("Approver Role"), "fieldname": "approver_role_label", "fieldtype": "Data", "width": 130},
		{"label": _("Decided By"), "fieldname": "decided_by_name", "fieldtype": "Data", "width": 120},
		{"label": _("Lines"), "fieldname": "lines", "fieldtype": "Int", "width": 60},
		{
			"label": _("Average Discount (%)"),
			"fieldname": "avg_discount_pct",
			"fieldtype": "Percent",
			"width": 110,
		},
		{
			"label": _("Average Beyond Floor (%)"),
			"fieldname": "avg_beyond_floor_pct",
			"fieldtype": "Percent",
			"width": 120,
		},
		{
			"label": _("Turnaround (Hours)"),
			"fieldname": "turnaround_hours",
			"fieldtype": "Float",
			"precision": 1,
			"width": 110,
		},
	]


def get_rows(filters) -> list[dict]:
	"""One set-based query: requests joined with their lines, aggregated per request."""
	request, line = DocType("Price Exception Request"), DocType("Price Exception Request Line")
	query = (
		frappe.qb.from_(request)
		.join(line)
		.on((line.parent == request.name) & (line.parenttype == "Price Exception Request"))
		.select(
			request.name,
			request.creation,
			request.reference_doctype,
			request.reference_name,
			request.customer,
			request.sales_person,
			request.status,
			request.approver_role,
			request.decided_by,
			request.decided_on,
			Count(line.name).as_("lines"),
			Avg(line.discount_pct).as_("avg_discount_pct"),
			Avg(line.beyond_floor_pct).as_("avg_beyond_floor_pct"),
		)
		.where((request.company == filters.company) & (request.docstatus >= 1))
		.groupby(request.name)
		.orderby(request.creation, order=frappe.qb.desc)
	)
	if filters.from_date:
		query = query.where(request.creation >= getdate(filters.from_date))
	if filters.to_date:
		query = query.where(request.creation < frappe.utils.add_days(getdate(filters.to_date), 1))
	for field in ("sales_person", "status", "approver_role", "customer"):
		if filters.get(field):
			query = query.where(request[field] == filters.get(field))
	if filters.item_group:
		query = query.where(line.item_group.isin(descendants_of_item_group(filters.item_group)))
	rows = query.run(as_dict=True)
	names = user_full_names({row.decided_by for row in rows if row.decided_by})
	for row in rows:
		row.requested_on = getdate(row.creation)
		row.document_type = _(row.reference_doctype) if row.reference_doctype else None
		row.status_label = _(row.status) if row.status else None
		row.approver_role_label = _(row.approver_role) if row.approver_role else None
		row.decided_by_name = names.get(row.decided_by, row.decided_by)
		row.turnaround_hours = (
			flt(time_diff_in_hours(row.decided_on, row.creation), 1) if row.decided_on else None
		)
	return rows


def user_full_names(users: set[str]) -> dict[str, str]:
	if not users:
		return {}
	user = DocType("User")
	return dict(
		frappe.qb.from_(user).select(user.name, user.full_name).where(user.name.isin(list(users))).run()
	)


def descendants_of_item_group(item_group: str) -> list[str]:
	item_groups = DocType("Item Group")
	bounds = frappe.db.get_value("Item Group", item_group, ["lft", "rgt"], as_dict=True)
	if not bounds:
		return [item_group]
	return (
		frappe.qb.from_(item_groups)
		.select(item_groups.name)
		.where((item_groups.lft >= bounds.lft) & (item_groups.rgt <= bounds.rgt))
		.run(pluck=True)
	)


def get_chart(rows: list[dict]) -> dict | None:
	"""Requests per month, one bar set per status."""
	if not rows:
		return None
	months = sorted({row.requested_on.strftime("%Y-%m") for row in rows})
	counts = Counter((row.requested_on.strftime("%Y-%m"), row.status) for row in rows)
	return {
		"data": {
			"labels": months,
			"datasets": [
				{"name": _(status), "values": [counts[(m, status)] for m in months]} for status in STATUSES
			],
		},
		"title": _("Price Exception Requests per Month"),
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#ECAD4B", "#48BB74", "#F56565"],  # pending, approved, rejected
	}


def get_summary(rows: list[dict]) -> list[dict]:
	decided = [row for row in rows if row.decided_on]
	approved = sum(row.status == "Approved" for row in rows)
	return [
		{"label": _("Requests"), "value": len(rows), "datatype": "Int"},
		{"label": _("Approved"), "value": approved, "datatype": "Int", "indicator": "Green"},
		{
			"label": _("Average Turnaround (Hours)"),
			"value": flt(sum(row.turnaround_hours for row in decided) / len(decided), 1) if decided else 0,
			"datatype": "Float",
		},
	]
