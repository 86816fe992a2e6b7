"""Scheduled notifications for visit plans (hooks `scheduler_events`, daily): the reminder to hand in
next week's plan before the meeting, and the team leader's notice of a customer whose visit is overdue.
Both stay quiet while visit plans are switched off in Sales Dept Settings."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate, nowdate

from sales_dept.rules.visits import WEEK, newly_overdue, week_reminded_on
from sales_dept.services.notify import notify_users
from sales_dept.services.org import get_org_chart
from sales_dept.services.settings import get_settings, is_enabled
from sales_dept.services.visits import customer_due_dates
from sales_dept.setup.workflows import APPROVED, PENDING

HANDED_IN = (PENDING, APPROVED)


def remind_plans_due(today=None) -> list[str]:
	"""On the day `plan_reminder_days` before the weekly meeting, remind every salesperson without a plan
	for next week that is pending approval or approved. Returns the users reminded."""
	if not is_enabled("visit_plans"):
		return []
	settings = get_settings()
	today = getdate(today or nowdate())
	week = week_reminded_on(today, settings.meeting_weekday, int(settings.plan_reminder_days or 0))
	if not week:
		return []
	plan = DocType("Visit Plan")
	plans = (
		frappe.qb.from_(plan)
		.select(plan.sales_person, plan.name, plan.workflow_state)
		.where((plan.period_type == WEEK) & (plan.period_start == week) & (plan.docstatus < 2))
		.run(as_dict=True)
	)
	handed_in = {p.sales_person for p in plans if p.workflow_state in HANDED_IN}
	drafts = {p.sales_person: p.name for p in plans if p.workflow_state not in HANDED_IN}
	chart = get_org_chart()
	reminded = []
	for node in sorted(chart.nodes.values(), key=lambda n: n.name):
		if node.is_group or not node.enabled or not node.user or node.name in handed_in:
			continue
		target = frappe._dict(doctype="Visit Plan", name=drafts.get(node.name) or "")
		notify_users(
			[node.user],
			target,
			lambda: _("Hand in your visit plan for the week of {0} before the meeting.").format(
				frappe.format(week, "Date")
			),
		)
		reminded.append(node.user)
	return reminded


def notify_overdue_vip_customers(today=None) -> dict[str, list[str]]:
	"""Tell each team leader about their people's customers whose visit interval lapsed yesterday (a
	customer is announced once, on its first overdue day). Returns {leader user: [customers]}."""
	if not is_enabled("visit_plans"):
		return {}
	today = getdate(today or nowdate())
	chart = get_org_chart()
	notices: dict[str, set] = defaultdict(set)
	names = {}
	for due in customer_due_dates():
		if not newly_overdue(due.due, today):
			continue
		leader_user = chart.user_of(chart.team_leader_of(due.sales_person))
		if leader_user:
			notices[leader_user].add((due.customer, due.sales_person, due.due))
			names[due.customer] = due.customer_name or due.customer
	for leader_user, pairs in notices.items():
		for customer, sales_person, due_on in sorted(pairs):
			notify_users(
				[leader_user],
				frappe._dict(doctype="Customer", name=customer),
				lambda customer=customer, sales_person=sales_person, due_on=due_on: _(
					"{0} ({1}) should have been visited by {2}: the visit is overdue."
				).format(names[customer], sales_person, frappe.format(due_on, "Date")),
			)
	return {user: sorted({pair[0] for pair in pairs}) for user, pairs in notices.items()}
