"""Scheduled notifications for visit plans (hooks `scheduler_events`, daily): the reminder to hand in
next week's plan before the meeting, and the team leader's notice of a customer whose visit is overdue.
Both stay quiet while visit plans are switched off in Sales Dept Settings. Each team's group robot hears
of them too, once a team (services.robots)."""

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import get_url_to_form, getdate, nowdate

from sales_dept.rules.robots import ALARM, WAITING_FOR_YOU, Line, RobotText
from sales_dept.rules.visits import WEEK, newly_overdue, week_reminded_on
from sales_dept.services.notify import notify_users
from sales_dept.services.org import get_org_chart
from sales_dept.services.robots import desk_line, notice_title, tell
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

	def subject():
		return _("Hand in your visit plan for the week of {0} before the meeting.").format(
			frappe.format(week, "Date")
		)

	by_team = defaultdict(list)
	for node in sorted(chart.nodes.values(), key=lambda n: n.name):
		if node.is_group or not node.enabled or not node.user or node.name in handed_in:
			continue
		target = frappe._dict(doctype="Visit Plan", name=drafts.get(node.name) or "")
		notify_users([node.user], target, subject)
		reminded.append(node.user)
		by_team[chart.team_of(node.name)].append(node.user)
	for team, users in by_team.items():  # each team's group once, @mentioning everyone reminded
		tell(WAITING_FOR_YOU, None, lambda: plans_due_message(subject()), mention_users=users, team=team)
	return reminded


def plans_due_message(subject: str) -> RobotText:
	return RobotText(
		notice_title(WAITING_FOR_YOU, "Visit Plan"), (Line(subject, get_url_to_form("Visit Plan", "new")),)
	)


def notify_overdue_vip_customers(today=None) -> dict[str, list[str]]:
	"""Tell each team leader about their people's customers whose visit interval lapsed yesterday (a
	customer is announced once, on its first overdue day). Returns {leader user: [customers]}."""
	if not is_enabled("visit_plans"):
		return {}
	today = getdate(today or nowdate())
	chart = get_org_chart()
	notices: dict[str, set] = defaultdict(set)
	by_team: dict[str | None, list] = defaultdict(list)
	names = {}
	for due in customer_due_dates():
		if not newly_overdue(due.due, today):
			continue
		by_team[chart.team_of(due.sales_person)].append(
			(due.customer, due.customer_name or due.customer, due.sales_person, due.due)
		)
		leader_user = chart.user_of(chart.team_leader_of(due.sales_person))
		if leader_user:
			notices[leader_user].add((due.customer, due.sales_person, due.due))
			names[due.customer] = due.customer_name or due.customer
	for leader_user, pairs in notices.items():
		for customer, sales_person, due_on in sorted(pairs):
			notify_users(
				[leader_user],
				frappe._dict(doctype="Customer", name=customer),
				lambda customer=customer, sales_person=sales_person, due_on=due_on: overdue_notice(
					names[customer], sales_person, due_on
				),
			)
	for team, overdue in by_team.items():
		tell_overdue(team, sorted(overdue))
	return {user: sorted({pair[0] for pair in pairs}) for user, pairs in notices.items()}


def overdue_notice(customer_name: str, sales_person: str, due_on) -> str:
	return _("{0} ({1}) should have been visited by {2}: the visit is overdue.").format(
		customer_name, sales_person, frappe.format(due_on, "Date")
	)


def tell_overdue(team: str | None, overdue: list[tuple]):
	"""The team's group reads its newly overdue customers in one alarm, a line opening each, @mentioning
	their salespeople and the team leader. `overdue`: (customer, name, sales person, due) rows."""
	chart = get_org_chart()
	people = dict.fromkeys(sales_person for _customer, _name, sales_person, _due in overdue)
	users = [chart.user_of(person) for person in people]
	users += [chart.user_of(chart.team_leader_of(person)) for person in people]

	def message() -> RobotText:
		return RobotText(
			notice_title(ALARM, "Customer"),
			tuple(
				desk_line("Customer", customer, overdue_notice(name, sales_person, due))
				for customer, name, sales_person, due in overdue
			),
		)

	tell(ALARM, None, message, mention_users=users, team=team)
