"""Complaints (rulebook R7, 第十一条; R34) on ERPNext's own Issue and Service Level Agreement: no complaint
doctype of ours. A customer's Issue belongs to the customer's salesperson, the Sales Team member a new deal goes
to (`rules.org.default_sales_person`: the largest allocation, the first listed on a tie).

- A new Issue for a customer notifies that salesperson and their team leader, and shares the Issue with them
  (read), since ERPNext lets only its Support Team read Issues.
- An SLA breach notifies the team leader (the manager for someone without one), once per Issue: when ERPNext
  marks the Issue "Failed", or, checked every hour, when a response or resolution is still due after its
  deadline (ERPNext marks it Failed only when the Issue is next saved). The Issue remembers when
  (`sd_sla_breach_notified_on`).
- The figures (count, kept SLA, first response) of each salesperson's Issues for scorecards, and the Issues
  each team brings to the weekly meeting.
"""

from collections import defaultdict
from datetime import datetime
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import get_datetime, getdate, now_datetime

from sales_dept.compat import desk_path
from sales_dept.rules.complaints import (
	BREACHED,
	FIRST_RESPONSE_DUE,
	MET,
	NO_SLA,
	PENDING,
	RESOLUTION_DUE,
	BreachNotice,
	ComplaintFigures,
	IssueSla,
	breach_notices,
	breach_recipients,
	complaint_figures,
	complaint_recipients,
	sla_outcome,
)
from sales_dept.rules.org import default_sales_person
from sales_dept.rules.robots import ALARM
from sales_dept.services.notify import notify_users
from sales_dept.services.org import get_org_chart
from sales_dept.services.robots import Push
from sales_dept.services.settings import switched_on

ISSUE = "Issue"
NOTIFIED_FIELD = "sd_sla_breach_notified_on"
OPEN_STATUSES = ("Open", "Replied", "On Hold")


def capability_on() -> bool:
	"""Complaint handling has no switch of its own (Sales Dept Settings): it is on wherever Issues are used."""
	return switched_on("complaints")


# Whose Issue it is
# -----------------


def responsible_sales_persons(customers) -> dict[str, str]:
	"""{customer: the salesperson it belongs to} for `customers`, in one query (customers without an enabled
	Sales Team member are left out)."""
	customers = sorted({customer for customer in customers if customer})
	if not customers:
		return {}
	team = DocType("Sales Team")
	rows = (
		frappe.qb.from_(team)
		.select(team.parent, team.sales_person, team.allocated_percentage)
		.where(
			(team.parenttype == "Customer") & (team.parentfield == "sales_team") & team.parent.isin(customers)
		)
		.orderby(team.parent)
		.orderby(team.idx)
		.run()
	)
	members = defaultdict(list)
	for customer, sales_person, share in rows:
		members[customer].append((sales_person, share or 0))
	enabled = get_org_chart().salespeople()
	owners = {}
	for customer, team_rows in members.items():
		owner = default_sales_person(team_rows, None, enabled)
		if owner:
			owners[customer] = owner
	return owners


def issue_sla(row) -> IssueSla:
	return IssueSla(
		agreement_status=row.agreement_status,
		response_by=get_datetime(row.response_by) if row.response_by else None,
		resolution_by=get_datetime(row.sla_resolution_by) if row.sla_resolution_by else None,
		has_sla=bool(row.service_level_agreement),
	)


# Figures for scorecards
# ----------------------


def issues_between(company: str | None, from_date, to_date, customers: list[str] | None = None) -> list:
	"""Issues of customers opened from `from_date` to `to_date` (of `company`, or filed without one)."""
	issue = DocType(ISSUE)
	query = (
		frappe.qb.from_(issue)
		.select(
			issue.name,
			issue.subject,
			issue.customer,
			issue.status,
			issue.opening_date,
			issue.priority,
			issue.service_level_agreement,
			issue.agreement_status,
			issue.response_by,
			issue.sla_resolution_by,
			issue.first_response_time,
		)
		.where(
			issue.customer.isnotnull()
			& (issue.customer != "")
			& (issue.opening_date >= getdate(from_date))
			& (issue.opening_date <= getdate(to_date))
		)
	)
	if company:
		query = query.where((issue.company == company) | issue.company.isnull() | (issue.company == ""))
	if customers is not None:
		if not customers:
			return []
		query = query.where(issue.customer.isin(customers))
	return query.orderby(issue.opening_date).orderby(issue.name).run(as_dict=True)


def complaints_by_sales_person(
	company: str, from_date, to_date, now: datetime | None = None
) -> tuple[dict[str, ComplaintFigures], dict[str, list[str]]]:
	"""({salesperson: figures}, {salesperson: their customers with Issues}) of the Issues opened in the
	period, two queries for all salespeople."""
	now = now or now_datetime()
	issues = issues_between(company, from_date, to_date)
	owners = responsible_sales_persons(issue.customer for issue in issues)
	outcomes, customers = defaultdict(list), defaultdict(set)
	for issue in issues:
		owner = owners.get(issue.customer)
		if owner:
			outcomes[owner].append((sla_outcome(issue_sla(issue), now), issue.first_response_time))
			customers[owner].add(issue.customer)
	return (
		{person: complaint_figures(rows) for person, rows in outcomes.items()},
		{person: sorted(names) for person, names in customers.items()},
	)


# Escalation (doc_events on Issue, and the hourly check)
# --------------------------------------------------------


def people_of(customer: str | None) -> tuple[str | None, str | None, str | None]:
	"""(salesperson, their team leader's user, their manager's user) of a customer's Issue."""
	owner = responsible_sales_persons([customer]).get(customer) if customer else None
	if not owner:
		return None, None, None
	chart = get_org_chart()
	return owner, chart.user_of(chart.team_leader_of(owner)), chart.user_of(chart.manager_of(owner))


def on_new_issue(doc, method=None):
	"""after_insert of Issue: the customer's salesperson and their team leader hear of the complaint and may
	read it."""
	if not doc.get("customer") or not capability_on():
		return
	owner, leader_user, _manager_user = people_of(doc.customer)
	if not owner:
		return
	recipients = complaint_recipients(get_org_chart().user_of(owner), leader_user)
	share_with(doc, recipients)
	notify_users(
		recipients,
		doc,
		lambda: _("New complaint from {0}: {1}").format(doc.customer_name or doc.customer, doc.subject or ""),
	)


def on_issue_update(doc, method=None):
	"""on_update of Issue: when ERPNext marks its SLA failed, the team leader hears of it (once)."""
	if not doc.get("customer") or doc.get(NOTIFIED_FIELD) or not capability_on():
		return
	before = doc.get_doc_before_save()
	if doc.agreement_status != "Failed" or (before and before.agreement_status == "Failed"):
		return
	notify_breach(frappe._dict(doc.as_dict()))


def notify_breach(issue) -> bool:
	"""Tell the team leader of the Issue's salesperson that its SLA is breached and remember it; False when
	nobody is to be told (no salesperson, no leader nor manager)."""
	owner, leader_user, manager_user = people_of(issue.customer)
	recipients = breach_recipients(leader_user, manager_user) if owner else []
	frappe.db.set_value(ISSUE, issue.name, NOTIFIED_FIELD, now_datetime(), update_modified=False)
	if not recipients:
		return False
	tell_breach(issue.name, issue.customer, owner, recipients)
	return True


def tell_breach(name: str, customer: str, owner: str, recipients: list[str]):
	"""The notice of one breached Issue to `recipients` (who may then read it), on the bell and in the
	groups."""
	target = frappe._dict(doctype=ISSUE, name=name)
	share_with(target, recipients)
	notify_users(
		recipients,
		target,
		lambda: _("Complaint {0} of {1} ({2}) missed its service level agreement").format(
			name, customer, owner
		),
		push=Push(ALARM, team=get_org_chart().team_of(owner)),
	)


def escalate_breaches(now=None) -> list[str]:
	"""Hourly: Issues whose response or resolution is still due after its deadline, or that ERPNext marked
	failed, and whose breach nobody was told of yet: the team leader is told, once
	(`rules.complaints.breach_notices`: one notice each for a few, one listing them for a backlog). Queries
	for all of them at once, not per Issue; the Issues are marked told in one statement."""
	if not capability_on():
		return []
	now = get_datetime(now or now_datetime())
	issue = DocType(ISSUE)
	candidates = (
		frappe.qb.from_(issue)
		.select(
			issue.name,
			issue.customer,
			issue.service_level_agreement,
			issue.agreement_status,
			issue.response_by,
			issue.sla_resolution_by,
		)
		.where(
			issue.customer.isnotnull()
			& (issue.customer != "")
			& issue[NOTIFIED_FIELD].isnull()
			& issue.service_level_agreement.isnotnull()
			& (
				((issue.agreement_status == "Failed") & issue.status.isin(OPEN_STATUSES))
				| ((issue.agreement_status == FIRST_RESPONSE_DUE) & (issue.response_by < now))
				| ((issue.agreement_status == RESOLUTION_DUE) & (issue.sla_resolution_by < now))
			)
		)
		.orderby(issue.name)
		.run(as_dict=True)
	)
	breached = [row for row in candidates if sla_outcome(issue_sla(row), now) == BREACHED]
	if not breached:
		return []
	told_on, marked = mark_told([row.name for row in breached])
	breached = [row for row in breached if row.name in marked]
	owners = responsible_sales_persons(row.customer for row in breached)
	chart = get_org_chart()

	def recipients_of(owner: str | None) -> list[str]:
		if not owner:
			return []
		return breach_recipients(
			chart.user_of(chart.team_leader_of(owner)), chart.user_of(chart.manager_of(owner))
		)

	rows = {row.name: row for row in breached}
	notices = breach_notices(
		(row.name, recipients_of(owners.get(row.customer)), chart.team_of(owners.get(row.customer) or ""))
		for row in breached
	)
	for notice in notices:
		if notice.one_by_one:
			for name in notice.issues:
				tell_breach(name, rows[name].customer, owners[rows[name].customer], list(notice.recipients))
		else:
			tell_breaches(notice, told_on)
	return [name for notice in notices for name in notice.issues]


def mark_told(names: list[str]) -> tuple[datetime, set[str]]:
	"""Mark the Issues `names` told of (those nobody marked yet) in one statement, and read back which this call
	marked: a check running at the same moment waits for this one's row locks, then marks none of them (no
	longer unmarked), reads none back and tells nobody of them. The mark, to the second, is what a notice of
	several opens its list by."""
	issue = DocType(ISSUE)
	told_on = now_datetime().replace(microsecond=0)
	(
		frappe.qb.update(issue)
		.set(issue[NOTIFIED_FIELD], told_on)
		.where(issue.name.isin(names) & issue[NOTIFIED_FIELD].isnull())
		.run()
	)
	marked = (
		frappe.qb.from_(issue)
		.select(issue.name)
		.where(issue.name.isin(names) & (issue[NOTIFIED_FIELD] == told_on))
		.run(pluck=True)
	)
	return told_on, set(marked)


def tell_breaches(notice: BreachNotice, told_on: datetime):
	"""One notice of many breached Issues (a backlog), opening the list of the Issues this check marked."""
	recipients = list(notice.recipients)
	share_many(notice.issues, recipients)
	notify_users(
		recipients,
		frappe._dict(doctype=ISSUE, name=notice.issues[0]),
		# a backlog is more than BREACHES_TOLD_ONE_BY_ONE (3) Issues: its first three named, in the language's
		# own list (「、」 in Chinese)
		lambda: _("{0} complaints of {1} missed their service level agreement: {2}, {3}, {4} …").format(
			len(notice.issues), notice.team or _("the department"), *notice.issues[:3]
		),
		push=Push(ALARM, team=notice.team),
		link=backlog_link(told_on),
	)


def backlog_link(told_on: datetime) -> str:
	"""The desk's list of the Issues one check marked told of at `told_on`."""
	return desk_path("issue") + "?" + urlencode({NOTIFIED_FIELD: str(told_on)})


def escalate_breaches_hourly():
	"""Scheduler (hourly)."""
	escalate_breaches()
	frappe.db.commit()  # nosemgrep: a scheduled job's work stands on its own


def share_with(doc, users: list[str]):
	"""Let `users` read the Issue (ERPNext gives Issues to its Support Team only)."""
	share_many([doc.name], users)


def share_many(names, users: list[str]):
	"""Let `users` read the Issues `names`: shared where they may not read it already. One query for the
	shares there are; the permission of each Issue checked only for a user whose roles read Issues at all."""
	from frappe.share import add_docshare

	if not names or not users:
		return
	share = DocType("DocShare")
	already = set(
		frappe.qb.from_(share)
		.select(share.share_name, share.user)
		.where(
			(share.share_doctype == ISSUE)
			& share.share_name.isin(list(names))
			& share.user.isin(users)
			& (share.read == 1)
		)
		.run()
	)
	for user in users:
		reads_issues = frappe.has_permission(ISSUE, "read", user=user)
		for name in names:
			if (name, user) in already or (
				reads_issues and frappe.has_permission(ISSUE, "read", name, user=user)
			):
				continue
			add_docshare(ISSUE, name, user, read=1, flags={"ignore_share_permission": True}, notify=0)


# The weekly meeting (rulebook R26)
# ---------------------------------


def meeting_complaints(company: str, week_start, week_end, scope: set[str], now=None) -> list:
	"""Issues of the customers of the salespeople in `scope` opened in the week under review or still open
	when it ended, oldest first, each with its salesperson and SLA outcome. Two queries."""
	if not scope:
		return []
	now = get_datetime(now or now_datetime())
	issue = DocType(ISSUE)
	rows = (
		frappe.qb.from_(issue)
		.select(
			issue.name,
			issue.subject,
			issue.customer,
			issue.customer_name,
			issue.status,
			issue.opening_date,
			issue.service_level_agreement,
			issue.agreement_status,
			issue.response_by,
			issue.sla_resolution_by,
		)
		.where(
			issue.customer.isnotnull()
			& (issue.customer != "")
			& (issue.opening_date <= getdate(week_end))
			& ((issue.opening_date >= getdate(week_start)) | issue.status.isin(OPEN_STATUSES))
			& ((issue.company == company) | issue.company.isnull() | (issue.company == ""))
		)
		.orderby(issue.opening_date)
		.orderby(issue.name)
		.run(as_dict=True)
	)
	owners = responsible_sales_persons(row.customer for row in rows)
	found = []
	for row in rows:
		owner = owners.get(row.customer)
		if owner in scope:
			row.sales_person = owner
			row.outcome = sla_outcome(issue_sla(row), now)
			found.append(row)
	return found


def outcome_labels() -> dict[str, str]:
	return {
		MET: _("SLA Kept"),
		BREACHED: _("SLA Breached"),
		PENDING: _("Within SLA So Far"),
		NO_SLA: _("No SLA"),
	}
