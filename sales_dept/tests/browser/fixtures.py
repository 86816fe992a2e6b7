"""The records the browser checks click through, made on a test site (one with `allow_tests`):

	bench --site SITE execute sales_dept.tests.browser.fixtures.make

A team of its own under the Sales Person root, so the tier-2 test department is left as it is:

Sales Team
└── _Test SD Browser      leader: _Test SD Sun (sd.sun@example.com)
    ├── _Test SD Sun
    └── _Test SD Chen     salesperson (sd.chen@example.com), serves _Test SD Browser Customer

Both users speak Chinese (language zh) and log in with PASSWORD. Chen has, for the customer:
- a plan for the week after next, Pending Approval, with no approver's comment (the Send Back check
  returns it; the next `make` puts a fresh one in its place),
- a plan for the week after that, Pending Approval (the check cancels the Send Back prompt on it),
- this week's plan, Approved, with a visit today, and a draft Visit Record of that visit (no check-in).

Idempotent: a second run changes nothing unless a check moved a plan on. Returns what the checks need
(users, password, record names) as a dict, printed as JSON by `bench execute`.
"""

from datetime import date, timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate
from frappe.utils.password import update_password

from sales_dept.services.settings import get_settings
from sales_dept.setup.records import (
	acting_as,
	default_company,
	get_or_make_customer,
	get_or_make_employee,
	get_or_make_sales_person,
	get_or_make_user,
	set_team_leader,
)
from sales_dept.setup.workflows import (
	APPROVE,
	APPROVED,
	DRAFT,
	PENDING,
	RETURN,
	RETURNED,
	SUBMIT_FOR_APPROVAL,
	make_visit_plan_workflow,
)
from sales_dept.tests.factories import ROOT, TestPerson
from sales_dept.tests.visit_factories import find_visit_plan

TEAM = "_Test SD Browser"
CUSTOMER = "_Test SD Browser Customer"
PASSWORD = "browser-check-2026"
LANGUAGE = "zh"


def make() -> dict:
	if not frappe.conf.allow_tests:
		raise frappe.ValidationError(
			"The browser fixtures set known passwords: run them only on a site with allow_tests."
		)
	ensure_company()
	seller, leader = make_team()
	customer = get_or_make_customer(CUSTOMER, seller.sales_person)
	make_visit_plan_workflow()
	this_monday = monday_of(getdate())
	send_back = fresh_pending_plan(seller, this_monday + timedelta(weeks=2), customer)
	cancel = fresh_pending_plan(seller, this_monday + timedelta(weeks=3), customer)
	approved = approved_plan(seller, leader, this_monday, customer, getdate())
	record = draft_visit_record(seller, approved)
	frappe.db.commit()  # nosemgrep: called from bench execute; the browser reads these records next
	return {
		"password": PASSWORD,
		"language": LANGUAGE,
		"salesperson": {"user": seller.user, "sales_person": seller.sales_person},
		"team_leader": {"user": leader.user, "sales_person": leader.sales_person},
		"customer": customer,
		"send_back_plan": send_back.name,
		"cancel_plan": cancel.name,
		"approved_plan": approved.name,
		"draft_visit_record": record.name,
		"workflow": {"pending": PENDING, "sent_back": RETURNED, "send_back": RETURN},
	}


def ensure_company():
	"""A fresh site gets the company the tier-2 tests run with (ERPNext's test setup wizard)."""
	if not frappe.db.a_row_exists("Company"):
		from sales_dept.tests import before_tests

		before_tests()


def make_team() -> tuple[TestPerson, TestPerson]:
	settings = get_settings()
	seller = TestPerson("Chen", TEAM, (settings.salesperson_role,))
	leader = TestPerson("Sun", TEAM, (settings.salesperson_role, settings.team_leader_role))
	company = default_company()
	get_or_make_sales_person(TEAM, ROOT, is_group=True)
	for person in (seller, leader):
		get_or_make_user(person.user, f"SD {person.key}", list(person.roles), language=LANGUAGE)
		frappe.db.set_value("User", person.user, {"language": LANGUAGE, "enabled": 1})
		update_password(person.user, PASSWORD)
		employee = get_or_make_employee(person.user, f"SD {person.key}", company)
		get_or_make_sales_person(person.sales_person, TEAM, employee=employee)
	set_team_leader(TEAM, leader.sales_person)
	return seller, leader


def monday_of(day: date) -> date:
	return day - timedelta(days=day.weekday())


def plan_for(person: TestPerson, monday: date, customer: str, visit_day: date):
	"""`person`'s weekly plan starting `monday` (made, as them, with one visit to `customer`)."""
	name = find_visit_plan(person.sales_person, monday)
	if name:
		return frappe.get_doc("Visit Plan", name)
	plan = frappe.get_doc(
		{
			"doctype": "Visit Plan",
			"sales_person": person.sales_person,
			"company": default_company(),
			"period_type": "Week",
			"period_start": monday,
			"visits": [{"customer": customer, "planned_date": visit_day, "purpose": "Revisit"}],
		}
	)
	with acting_as(person.user):
		plan.insert()
	return plan


def fresh_pending_plan(person: TestPerson, monday: date, customer: str):
	"""A plan waiting for approval with no decision on it yet; one a check moved on is made anew."""
	plan = plan_for(person, monday, customer, monday + timedelta(days=1))
	if plan.workflow_state == PENDING and not plan.get("approver_comment"):
		return plan
	if plan.workflow_state not in (DRAFT, None, ""):
		discard(plan)
		plan = plan_for(person, monday, customer, monday + timedelta(days=1))
	with acting_as(person.user):
		return apply_workflow(plan, SUBMIT_FOR_APPROVAL)


def discard(plan):
	"""Out of the way of a new plan for the same period: deleted, or marked cancelled once submitted."""
	if plan.docstatus == 0:
		frappe.delete_doc("Visit Plan", plan.name, ignore_permissions=True, force=True)
	else:
		frappe.db.set_value("Visit Plan", plan.name, "docstatus", 2, update_modified=False)


def approved_plan(person: TestPerson, leader: TestPerson, monday: date, customer: str, visit_day: date):
	plan = plan_for(person, monday, customer, visit_day)
	if plan.workflow_state != APPROVED:
		if plan.workflow_state != PENDING:
			with acting_as(person.user):
				plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		with acting_as(leader.user):
			plan = apply_workflow(plan, APPROVE)
	return plan


def draft_visit_record(person: TestPerson, plan):
	"""A Visit Record not checked in yet, of the plan's first visit (kept as long as nobody checks in)."""
	row = plan.visits[0]
	existing = frappe.db.get_value(
		"Visit Record",
		{"visit_plan_row": row.name, "docstatus": 0, "check_in": ("is", "not set")},
	)
	if existing:
		return frappe.get_doc("Visit Record", existing)
	record = frappe.get_doc(
		{
			"doctype": "Visit Record",
			"sales_person": person.sales_person,
			"company": plan.company,
			"visit_plan": plan.name,
			"visit_plan_row": row.name,
			"customer": row.customer,
			"purpose": row.purpose,
			"visit_date": row.planned_date,
			"outcome": "Arrived at the customer's office.",
		}
	)
	with acting_as(person.user):
		record.insert()
	return record
