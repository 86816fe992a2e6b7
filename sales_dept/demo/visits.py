"""Customer tiers and weeks of visits: plans approved at the weekly meeting, the visits made for them and
without them, as planned in visit_schedule.py.

Everything goes through the app's own documents and workflow, week by week, oldest first, as the
salespeople and their approvers would have done it: a plan is filled with its due customers ("Add Due
Customers") and the schedule's visits, submitted for approval by the salesperson and approved by the team
leader (the manager approves the team leaders' plans); each visit made is recorded from its plan row. Only
the submission time is set afterwards, to the Friday before the meeting (or after the deadline for a late
plan), never later than now, and the plan is Late only if that time is after its deadline. Next week's draft
is left without its due customers, for "Add Due Customers" to show. The visits are written once: if the
demo salespeople have any visit plan, the step leaves the site as it is.
"""

from datetime import date, datetime, time, timedelta

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import get_datetime, getdate, now_datetime

from sales_dept.demo.data import KEPT_TIER_REASONS, MANAGER, PEOPLE
from sales_dept.demo.org import speaking_as
from sales_dept.demo.progress import say
from sales_dept.demo.transactions import user_of
from sales_dept.demo.visit_schedule import (
	APPROVED,
	DRAFT,
	PENDING,
	Visit,
	WeekPlan,
	kept_accounts,
	monday_of,
	plan_weeks,
	submission_time,
)
from sales_dept.rules.visits import is_late
from sales_dept.sales_dept.doctype.visit_plan.visit_plan import make_visit_record
from sales_dept.services.org import get_org_chart
from sales_dept.services.tiers import reclassify_customers
from sales_dept.services.visit_reports import fixed_intervals

# Workflow actions of the seeded "Visit Plan Approval" workflow.
SUBMIT_FOR_APPROVAL, APPROVE = "Submit for Approval", "Approve"
OUTCOMES = {
	"Revisit": "了解了下季度的采购计划，客户对交货期满意。",
	"Collection": "财务确认本月底前付清上期货款。",
	"Delivery / Contract": "确认了合同条款和交货安排。",
	"Complaint": "现场查看了问题设备，约定下周派技术人员处理。",
	"Other": "顺路拜访，介绍了新产品目录。",
}


def make_visits(company: str, accounts: list[tuple[str, str]], today: date):
	if visits_exist():
		say(_("The demo salespeople already have visit plans: visits left as it is."))
		return
	keep_tiers(accounts, [tier for tier, _interval in tiers_by_interval()])
	reclassify_customers(company, today)
	plans, unplanned = plan_weeks(today, accounts, MANAGER.name, first_account_interval())
	say(
		_("Creating {0} visit plans and their visits, and {1} visits without a plan...").format(
			len(plans), len(unplanned)
		)
	)
	weeks = sorted({plan.monday for plan in plans} | {monday_of(visit.day) for visit in unplanned})
	for monday in weeks:
		for plan in (plan for plan in plans if plan.monday == monday):
			make_plan(plan, company)
		for visit in (visit for visit in unplanned if monday <= visit.day < monday + timedelta(days=7)):
			record_visit(visit, company)


def visits_exist() -> bool:
	return bool(frappe.db.exists("Visit Plan", {"sales_person": ["in", [person.name for person in PEOPLE]]}))


def tiers_by_interval() -> list[tuple[str, int]]:
	"""(tier, visit interval in days) of the tiers with an interval, shortest first."""
	return sorted(fixed_intervals().items(), key=lambda tier: tier[1])


def first_account_interval() -> int | None:
	"""The visit interval of the tier each salesperson's first account is kept in (see keep_tiers)."""
	tiers = tiers_by_interval()
	return tiers[1][1] if len(tiers) > 1 else None


def keep_tiers(accounts: list[tuple[str, str]], tiers: list[str]):
	"""The demo's sales are too small for the top tiers: the manager keeps her key accounts in the tier
	with the shortest visit interval (VIP) and each salesperson's first customer in the next (Level 1),
	with "Keep This Tier" set, as a manager would for an account the sales figures do not show yet.
	`tiers` are the tiers with a visit interval, shortest first."""
	if len(tiers) < 2:
		return
	for customer, rank in kept_accounts(accounts, MANAGER.name).items():
		frappe.db.set_value(
			"Customer",
			customer,
			{
				"sd_customer_tier": tiers[rank],
				"sd_tier_locked": 1,
				"sd_tier_keep_reason": KEPT_TIER_REASONS[rank],
				"sd_tier_kept_by": MANAGER.email,
				"sd_tier_kept_on": now_datetime(),
			},
		)


def as_user_of(sales_person: str):
	"""Acting as the salesperson's user and in their language (see speaking_as)."""
	return speaking_as(user_of(sales_person))


def make_plan(week_plan: WeekPlan, company: str):
	with as_user_of(week_plan.sales_person):
		plan = frappe.get_doc(
			{
				"doctype": "Visit Plan",
				"sales_person": week_plan.sales_person,
				"company": company,
				"period_type": "Week",
				"period_start": week_plan.monday,
			}
		)
		if week_plan.state != DRAFT:
			plan.add_due_customers()
		planned = {row.customer for row in plan.visits}
		for visit in week_plan.visits:
			if visit.customer not in planned:
				plan.append(
					"visits",
					{"customer": visit.customer, "planned_date": visit.day, "purpose": visit.purpose},
				)
		plan.insert()
		if week_plan.state in (PENDING, APPROVED):
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
	if week_plan.state == APPROVED:
		with as_user_of(approver_of(week_plan.sales_person)):
			plan = apply_workflow(plan, APPROVE)
	if week_plan.state in (PENDING, APPROVED):
		backdate_submission(plan, week_plan.late)
	made = {(visit.customer, visit.day): visit.visited_on for visit in week_plan.visits if visit.made}
	for row in plan.visits:
		visited_on = made.get((row.customer, getdate(row.planned_date)))
		if visited_on:
			record_planned_visit(plan, row, visited_on)


def approver_of(sales_person: str) -> str:
	"""The leader of the salesperson's team; for a team leader, the leader above (the manager)."""
	return get_org_chart().team_leader_of(sales_person) or MANAGER.name


def backdate_submission(plan, late: bool):
	"""Handed in the afternoon before the meeting day, or (late) after the meeting began; never later than
	now, and Late only when that is after the deadline."""
	deadline = get_datetime(plan.deadline)
	submitted_on = submission_time(deadline, late, now_datetime())
	frappe.db.set_value(
		"Visit Plan",
		plan.name,
		{"submitted_on": submitted_on, "is_late": int(is_late(submitted_on, deadline))},
		update_modified=False,
	)


def record_planned_visit(plan, row, day: date):
	"""The visit of a plan row, checked in on `day` (the planned day, or another: it then counts so)."""
	with as_user_of(plan.sales_person):
		record = make_visit_record(plan.name, row.name)
		fill_and_submit(record, day)


def record_visit(visit: Visit, company: str):
	with as_user_of(visit.sales_person):
		record = frappe.get_doc(
			{
				"doctype": "Visit Record",
				"sales_person": visit.sales_person,
				"company": company,
				"customer": visit.customer,
				"purpose": visit.purpose,
			}
		)
		fill_and_submit(record, visit.day)


def fill_and_submit(record, day: date):
	record.visit_date = day
	record.check_in = datetime.combine(day, time(10, 0))
	record.check_out = datetime.combine(day, time(11, 15))
	record.outcome = OUTCOMES.get(record.purpose, OUTCOMES["Other"])
	record.insert()
	record.submit()
