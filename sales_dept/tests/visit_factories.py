"""Idempotent test records for visit plans and visit records (rulebook R23-R26, R37).

Built on `sales_dept.tests.factories` (the _Test SD department: Wang manager, Li leads East with Zhou,
Zhao leads South with Qian). Each factory returns the existing record when there is one, so tests can
call them in any order:

	plan = make_visit_plan("Zhou", "2026-01-05", rows=[(customer, "2026-01-06")], approve=True)
	record = make_visit_record("Zhou", row=plan.visits[0])

Plans move through the "Visit Plan Approval" workflow as the people concerned would: the salesperson
submits for approval, their team leader (or, failing one, Administrator) approves.
"""

from collections.abc import Iterable

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate, nowdate

from sales_dept.services.org import get_org_chart
from sales_dept.setup.records import acting_as, default_company
from sales_dept.tests.factories import PEOPLE, make_customer, make_sales_org

PENDING, APPROVED, RETURNED, DRAFT = "Pending Approval", "Approved", "Sent Back", "Draft"
SUBMIT_FOR_APPROVAL, APPROVE, RETURN = "Submit for Approval", "Approve", "Send Back"


def make_tiered_customer(
	name: str, owner_key: str | None = "Zhou", tier: str | None = "VIP", classified_on=None
) -> str:
	"""A customer served by `owner_key` with tier `tier`, classified on `classified_on` (default today)."""
	customer = make_customer(name, owner_key)
	frappe.db.set_value(
		"Customer",
		customer,
		{"sd_customer_tier": tier, "sd_tier_classified_on": getdate(classified_on or nowdate())},
		update_modified=False,
	)
	return customer


def _row(row) -> dict:
	"""A plan row from a dict, or from a tuple (customer, planned_date[, purpose])."""
	if isinstance(row, dict):
		return {"purpose": "Revisit", **row}
	customer, planned_date, *rest = row
	return {"customer": customer, "planned_date": planned_date, "purpose": rest[0] if rest else "Revisit"}


def find_visit_plan(sales_person: str, period_start, period_type: str = "Week") -> str | None:
	return frappe.db.get_value(
		"Visit Plan",
		{
			"sales_person": sales_person,
			"period_type": period_type,
			"period_start": getdate(period_start),
			"docstatus": ("<", 2),
		},
	)


def make_visit_plan(
	person_key: str,
	period_start,
	rows: Iterable = (),
	submit_for_approval: bool = False,
	approve: bool = False,
	period_type: str = "Week",
	**fields,
):
	"""The plan of `person_key` for the period starting `period_start` (a Monday for weeks).

	Created as that person's user with `rows` (dicts of Visit Plan Row fields, or tuples
	(customer, planned_date[, purpose])); `submit_for_approval` sends it to "Pending Approval", `approve`
	(implies submitting) has the team leader approve it. An existing plan is returned as it is, only
	moved forward to the state asked for.
	"""
	from sales_dept.setup.workflows import make_visit_plan_workflow

	make_sales_org()
	make_visit_plan_workflow()
	person = PEOPLE[person_key]
	name = find_visit_plan(person.sales_person, period_start, period_type)
	if name:
		plan = frappe.get_doc("Visit Plan", name)
	else:
		plan = frappe.get_doc(
			{
				"doctype": "Visit Plan",
				"sales_person": person.sales_person,
				"company": default_company(),
				"period_type": period_type,
				"period_start": getdate(period_start),
				"visits": [_row(row) for row in rows],
				**fields,
			}
		)
		with acting_as(person.user):
			plan.insert()
	if (submit_for_approval or approve) and plan.workflow_state in (DRAFT, RETURNED, None, ""):
		with acting_as(person.user):
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
	if approve and plan.workflow_state == PENDING:
		with acting_as(approver_user(person_key)):
			plan = apply_workflow(plan, APPROVE)
	return plan


def approver_user(person_key: str) -> str:
	"""The team leader's user of `person_key` (Administrator when the person leads themself)."""
	chart = get_org_chart()
	leader = chart.team_leader_of(PEOPLE[person_key].sales_person)
	return chart.user_of(leader) or "Administrator"


def make_visit_record(
	person_key: str,
	customer: str | None = None,
	visit_date=None,
	row=None,
	purpose: str = "Revisit",
	submit: bool = True,
	**fields,
):
	"""A Visit Record of `person_key`, submitted unless `submit` is false.

	With `row` (a Visit Plan Row or its name) it records that planned visit (customer,
	purpose and date taken from the row unless given); without, it is an unplanned visit to `customer`
	(default _Test SD Customer of that person) on `visit_date` (default today). An existing record for
	the same plan row, or the same unplanned customer, date and purpose, is returned instead.
	"""
	make_sales_org()
	person = PEOPLE[person_key]
	values = {"purpose": purpose}
	if row is not None:
		row_name = row if isinstance(row, str) else row.name
		row_doc = frappe.db.get_value(
			"Visit Plan Row", row_name, ["parent", "customer", "purpose", "planned_date"], as_dict=True
		)
		values = {
			"visit_plan": row_doc.parent,
			"visit_plan_row": row_name,
			"customer": customer or row_doc.customer,
			"purpose": row_doc.purpose,
			"visit_date": getdate(visit_date or row_doc.planned_date),
		}
		existing = frappe.db.get_value("Visit Record", {"visit_plan_row": row_name, "docstatus": ("<", 2)})
	else:
		values.update(
			{
				"customer": customer or make_customer("_Test SD Customer", person_key),
				"visit_date": getdate(visit_date or nowdate()),
			}
		)
		existing = frappe.db.get_value(
			"Visit Record",
			{
				"sales_person": person.sales_person,
				"customer": values["customer"],
				"visit_date": values["visit_date"],
				"purpose": purpose,
				"visit_plan_row": ("is", "not set"),
				"docstatus": ("<", 2),
			},
		)
	if existing:
		record = frappe.get_doc("Visit Record", existing)
	else:
		record = frappe.get_doc(
			{
				"doctype": "Visit Record",
				"sales_person": person.sales_person,
				"company": default_company(),
				"outcome": "Met the buyer.",
				**values,
				**fields,
			}
		)
		with acting_as(person.user):
			record.insert()
	if submit and record.docstatus == 0:
		with acting_as(person.user):
			record.submit()
	return record
