"""Automatic detection of conduct incidents (rulebook R6, R8, R9, R27): a daily job, and a button for the
sales manager, find the breaches the app can see by itself and file one draft Penalty Record per incident for
the manager (never decided by the app), with the documents involved as evidence:

- a salesperson's visit plan for next week not handed in, or handed in late, at the weekly meeting (R8);
- a VIP or Level 1 customer overdue beyond its visit interval and the settings' grace days (R6);
- a submitted Quotation or Sales Order whose prices the price policy does not allow without an approved
  exception, and none covers them (made while the policy was switched off, say) (R9);
- an approved bid whose final approval, or whose quotation, came after its submission deadline (R27).

Each check files under the Conduct Rule that names it ("Automatic Detection") while that rule is enabled,
breakable and in force; a check whose capability is switched off finds nothing.

Set-based, whatever the number of customers or plans: one query per source (the customers' coverage is one
query for all of them), one for the incidents filed already, one for the standing offences the ladders count,
then multi-row inserts. The same incident is never filed twice: its key is a unique column and the rows are
inserted with INSERT IGNORE, so a second run, even one running at the same moment, adds nothing. (Price
breaches ask one more query per document the policy flags, to find an approval covering it.)"""

from collections import defaultdict
from datetime import date, datetime, timedelta
from time import perf_counter

import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.translate import get_user_lang
from frappe.utils import (
	add_days,
	cint,
	flt,
	get_datetime,
	get_time,
	get_url_to_list,
	getdate,
	now_datetime,
)
from frappe.utils.background_jobs import is_job_enqueued

from sales_dept.compat import in_test
from sales_dept.rules.conduct import (
	DRAFT,
	LATE_BID,
	LATE_PLAN,
	OVERDUE_CUSTOMER,
	PLAN_MISSING,
	PRICE_BREACH,
	Incident,
	document_incident_key,
	existed_on,
	handed_in_late,
	meeting_weeks,
	new_incidents,
	overdue_beyond_grace,
	overdue_incident_key,
	penalty_needs_leadership,
	plan_at_meeting,
	plan_incident_key,
	propose,
)
from sales_dept.rules.org import default_sales_person
from sales_dept.rules.robots import DRAFT_PENALTIES, Line, RobotText
from sales_dept.rules.visits import WEEK, plan_deadline
from sales_dept.services.conduct import (
	PENALTY,
	RULE,
	InForce,
	actor_for,
	earlier_offences,
	fine_threshold,
	rulebook_heading,
	standing_offences,
	summary_of,
	versions_in_force,
)
from sales_dept.services.notify import notify_users, users_with_role
from sales_dept.services.org import get_org_chart
from sales_dept.services.pricing import covering_request, flagged_lines
from sales_dept.services.robots import desk_line, tell
from sales_dept.services.settings import get_settings, is_enabled, setting
from sales_dept.services.tiers import chunks, insert_rows
from sales_dept.services.visit_reports import EVERYONE, counted_plan_condition, customer_coverage
from sales_dept.setup.records import default_company

JOB_ID = "sales_dept:detect_conduct_incidents"
CHUNK = 1000
INSERT_CHUNK = 500

# What each check needs switched on in Sales Dept Settings.
CAPABILITY_OF = {
	LATE_PLAN: "visit_plans",
	OVERDUE_CUSTOMER: "visit_plans",
	PRICE_BREACH: "pricing_policy",
	LATE_BID: "bid_review",
}


def rules_by_detection() -> dict[str, InForce]:
	"""{check: the rule it files under}: rules naming a check, enabled, breakable and in force."""
	named = dict(
		frappe.get_all(RULE, filters={"detection": ("is", "set")}, fields=["detection", "name"], as_list=True)
	)
	in_force = versions_in_force(list(named.values()))
	return {
		kind: in_force[rule] for kind, rule in named.items() if rule in in_force and in_force[rule].usable
	}


def detect(today=None, lookback_days: int | None = None, now=None, publish_progress: bool = False) -> dict:
	"""Run every check and file the new incidents; returns counts (found per check, filed, seconds)."""
	started = perf_counter()
	now = get_datetime(now or now_datetime())
	today = getdate(today or now)
	lookback = cint(setting("incident_lookback_days")) if lookback_days is None else cint(lookback_days)
	since = add_days(today, -lookback)
	progress = progress_reporter(publish_progress)
	rules = rules_by_detection()
	checks = {
		LATE_PLAN: lambda: plan_incidents(since, now),
		OVERDUE_CUSTOMER: lambda: overdue_incidents(today),
		PRICE_BREACH: lambda: price_incidents(since),
		LATE_BID: lambda: bid_incidents(since, now),
	}
	incidents, found = [], {}
	for number, (kind, check) in enumerate(checks.items()):
		progress(10 + 20 * number, _("Checking: {0}").format(_(kind)))
		if kind not in rules or not is_enabled(CAPABILITY_OF[kind]):
			continue
		batch = check()
		found[kind] = len(batch)
		incidents += batch
	progress(90, _("Filing {0} incidents").format(len(incidents)))
	filed = file_drafts(incidents, rules)
	if filed:
		tell_managers(filed)
	progress(100, _("{0} new draft penalties").format(len(filed)))
	return {
		"found": found,
		"filed": len(filed),
		"records": filed,
		"seconds": round(perf_counter() - started, 2),
	}


# The checks
# ----------


def plan_incidents(since: date, now: datetime) -> list[Incident]:
	"""Each salesperson in a team (OrgChart.planners) whose plan for a week was not handed in, or handed in
	late, at that week's meeting, for the meetings since `since` that have passed by `now`. Someone who joined
	(their Employee's date of joining, else when their Sales Person was made) after a meeting owes no plan
	for it."""
	settings = get_settings()
	meeting_day, meeting_time = (
		settings.meeting_weekday or "Saturday",
		get_time(settings.meeting_time or "09:00"),
	)
	weeks = meeting_weeks(since, lambda monday: plan_deadline(monday, meeting_day, meeting_time), now)
	planners = get_org_chart().planners()
	if not weeks or not planners:
		return []
	person, employee = DocType("Sales Person"), DocType("Employee")
	joined = {
		name: getdate(joining or created)
		for name, joining, created in (
			frappe.qb.from_(person)
			.left_join(employee)
			.on(employee.name == person.employee)
			.select(person.name, employee.date_of_joining, person.creation)
			.where(person.name.isin(sorted(planners)))
			.run()
		)
	}
	plan = DocType("Visit Plan")
	rows = (
		frappe.qb.from_(plan)
		.select(
			plan.name,
			plan.sales_person,
			plan.period_start,
			plan.company,
			plan.is_late,
			plan.submitted_on,
			Case().when(counted_plan_condition(plan), 1).else_(0).as_("handed_in"),
		)
		.where(
			(plan.period_type == WEEK)
			& (plan.period_start >= weeks[0][0])
			& (plan.period_start <= weeks[-1][0])
			& (plan.docstatus < 2)
			& plan.sales_person.isin(sorted(planners))
		)
		.run(as_dict=True)
	)
	best: dict[tuple[str, date], dict] = {}
	for row in rows:
		key = (row.sales_person, getdate(row.period_start))
		if key not in best or (row.handed_in, not row.is_late) > (best[key].handed_in, not best[key].is_late):
			best[key] = row
	found = []
	for monday, deadline in weeks:
		for sales_person in sorted(planners):
			if joined.get(sales_person) and joined[sales_person] > deadline.date():
				continue
			row = best.get((sales_person, monday))
			status = plan_at_meeting(bool(row and row.handed_in), bool(row and row.is_late))
			if not status:
				continue
			when = frappe.format(deadline, "Datetime")
			if status == PLAN_MISSING:
				description = _(
					"No visit plan of {0} for the week of {1} was handed in at the meeting ({2})."
				).format(sales_person, frappe.format(monday, "Date"), when)
			else:
				description = _(
					"{0} handed in the visit plan {1} for the week of {2} on {3}, after the meeting ({4})."
				).format(
					sales_person,
					row.name,
					frappe.format(monday, "Date"),
					frappe.format(row.submitted_on, "Datetime"),
					when,
				)
			reference = ("Visit Plan", row.name) if row else ("Sales Person", sales_person)
			found.append(
				Incident(
					key=plan_incident_key(sales_person, monday),
					kind=LATE_PLAN,
					sales_person=sales_person,
					incident_date=deadline.date(),
					reference_doctype=reference[0],
					reference_name=reference[1],
					description=description,
					evidence=(reference,),
					company=row.company if row else None,
				)
			)
	return found


def overdue_incidents(today: date) -> list[Incident]:
	"""Each VIP or Level 1 customer overdue by more than the grace days, for its responsible salesperson (the
	one coverage names), dated the first day beyond the grace. One query for all customers."""
	grace = cint(setting("overdue_visit_grace_days"))
	found = []
	for row in customer_coverage(today, EVERYONE, overdue_only=True):
		if not row["sales_person"] or not overdue_beyond_grace(row["days_until_due"], grace):
			continue
		due = getdate(row["next_due"])
		last = frappe.format(row["last_visit"], "Date") if row["last_visit"] else _("never")
		found.append(
			Incident(
				key=overdue_incident_key(row["customer"], due),
				kind=OVERDUE_CUSTOMER,
				sales_person=row["sales_person"],
				incident_date=due + timedelta(days=grace + 1),
				reference_doctype="Customer",
				reference_name=row["customer"],
				description=_(
					"{0} ({1}) was due for a visit by {2} (every {3} days) and is still overdue; last visit: {4}."
				).format(
					row["customer_name"] or row["customer"],
					_(row["tier"] or ""),
					frappe.format(due, "Date"),
					row["visit_interval_days"],
					last,
				),
				evidence=(("Customer", row["customer"]),),
			)
		)
	return found


class SubmittedDocument:
	"""A submitted Quotation or Sales Order as the price check reads it (services.pricing): its header's
	values as attributes and `get`, its lines as `items`."""

	def __init__(self, doctype: str, values: dict, items: list):
		self.__dict__.update(values)
		self.doctype, self.items = doctype, items

	def get(self, fieldname: str, default=None):
		return self.__dict__.get(fieldname, default)

	def is_new(self) -> bool:
		return False


def price_incidents(since: date) -> list[Incident]:
	"""Submitted quotations and orders dated from `since` on, without an approved exception recorded, whose
	lines the price policy flags as their salesperson's (the one on the document, else who made it) and no
	approved request covers. A policy made after the document's date does not count against it."""
	found = []
	chart = get_org_chart()
	created = {
		name: getdate(day)
		for name, day in frappe.get_all("Sales Price Policy", fields=["name", "creation"], as_list=True)
	}
	for doctype in ("Quotation", "Sales Order"):
		for document in submitted_documents(doctype, since):
			sales_person = document.sales_person
			user = chart.user_of(sales_person) or document.owner
			day = getdate(document.transaction_date)
			flagged = [
				v for v in flagged_lines(document, user=user) if existed_on(created.get(v.policy), day)
			]
			if not flagged or not sales_person or covering_request(document, flagged):
				continue
			rows = ", ".join(str(v.idx) for v in flagged)
			found.append(
				Incident(
					key=document_incident_key(PRICE_BREACH, doctype, document.name),
					kind=PRICE_BREACH,
					sales_person=sales_person,
					incident_date=getdate(document.transaction_date),
					reference_doctype=doctype,
					reference_name=document.name,
					description=_(
						"{0} {1} was submitted with prices the price policy allows only with an approved exception (rows {2}), and none covers them."
					).format(_(doctype), document.name, rows),
					evidence=((doctype, document.name),),
					company=document.company,
				)
			)
	return found


def submitted_documents(doctype: str, since: date) -> list[SubmittedDocument]:
	"""Submitted documents of `doctype` dated from `since` on with no approved exception recorded, with their
	lines and salesperson: three queries per chunk of documents."""
	parent, item = DocType(doctype), DocType(f"{doctype} Item")
	fields = [
		parent.name,
		parent.company,
		parent.conversion_rate,
		parent.customer_group,
		parent.selling_price_list,
		parent.transaction_date,
		parent.owner,
		parent.amended_from,
	]
	if doctype == "Quotation":
		fields.append(parent.sd_sales_person.as_("sales_person"))
	headers = (
		frappe.qb.from_(parent)
		.select(*fields)
		.where(
			(parent.docstatus == 1)
			& (parent.transaction_date >= since)
			& (parent.sd_price_exception.isnull() | (parent.sd_price_exception == ""))
		)
		.run(as_dict=True)
	)
	documents = []
	for chunk in chunks(headers, CHUNK):
		names = [row.name for row in chunk]
		item_fields = [
			item.parent,
			item.idx,
			item.item_code,
			item.qty,
			item.price_list_rate,
			item.rate,
			item.item_group,
			item.conversion_factor,
			item.is_free_item,
		]
		if doctype == "Sales Order":
			item_fields.append(item.prevdoc_docname)
		lines = defaultdict(list)
		for line in (
			frappe.qb.from_(item)
			.select(*item_fields)
			.where(item.parent.isin(names) & (item.parenttype == doctype))
			.orderby(item.idx)
			.run(as_dict=True)
		):
			lines[line.parent].append(line)
		owners = sales_owners(doctype, names) if doctype == "Sales Order" else {}
		for row in chunk:
			sales_person = (
				row.get("sales_person") or owners.get(row.name) or get_org_chart().sales_person_of(row.owner)
			)
			documents.append(
				SubmittedDocument(doctype, {**row, "sales_person": sales_person}, lines[row.name])
			)
	return documents


def sales_owners(doctype: str, names: list[str]) -> dict[str, str]:
	"""The salesperson of each order: its Sales Team member with the largest share (as for new deals)."""
	team = DocType("Sales Team")
	members = defaultdict(list)
	for parent, sales_person, share in (
		frappe.qb.from_(team)
		.select(team.parent, team.sales_person, team.allocated_percentage)
		.where(team.parent.isin(names) & (team.parenttype == doctype))
		.orderby(team.idx)
		.run()
	):
		members[parent].append((sales_person, flt(share)))
	enabled = get_org_chart().salespeople()
	return {parent: default_sales_person(rows, None, enabled) for parent, rows in members.items()}


def bid_incidents(since: date, now: datetime) -> list[Incident]:
	"""Approved bids whose submission deadline fell between `since` and `now` and that could go out only
	after it: finally approved (by leadership too for a major bid) after it, or their quotation dated after
	it. The bid's salesperson answers for it (R27: report at once, so the decision comes in time)."""
	bid, quotation = DocType("Bid Review"), DocType("Quotation")
	rows = (
		frappe.qb.from_(bid)
		.left_join(quotation)
		.on(quotation.name == bid.quotation)
		.select(
			bid.name,
			bid.title,
			bid.sales_person,
			bid.company,
			bid.submission_deadline,
			bid.approved_on,
			bid.leadership_approved_on,
			bid.is_major,
			bid.quotation,
			quotation.transaction_date,
		)
		.where(
			(bid.docstatus == 1)
			& (bid.status == "Approved")
			& bid.submission_deadline.isnotnull()
			& (bid.submission_deadline >= since)
			& (bid.submission_deadline <= now)
		)
		.run(as_dict=True)
	)
	found = []
	for row in rows:
		deadline = get_datetime(row.submission_deadline)
		approved = max(
			(
				get_datetime(t)
				for t in (row.approved_on, row.leadership_approved_on if row.is_major else None)
				if t
			),
			default=None,
		)
		quoted = get_datetime(f"{row.transaction_date} 23:59:59") if row.transaction_date else None
		late_approval = handed_in_late(deadline, approved)
		if not (late_approval or (quoted and quoted.date() > deadline.date())) or not row.sales_person:
			continue
		evidence = (("Bid Review", row.name),) + ((("Quotation", row.quotation),) if row.quotation else ())
		found.append(
			Incident(
				key=document_incident_key(LATE_BID, "Bid Review", row.name),
				kind=LATE_BID,
				sales_person=row.sales_person,
				incident_date=deadline.date(),
				reference_doctype="Bid Review",
				reference_name=row.name,
				description=_("Bid {0} ({1}) had to be handed in by {2}; it was approved on {3}.").format(
					row.name,
					row.title or "",
					frappe.format(deadline, "Datetime"),
					frappe.format(approved, "Datetime") if approved else "–",
				)
				if late_approval
				else _("Bid {0} ({1}) had to be handed in by {2}; its quotation {3} is dated {4}.").format(
					row.name,
					row.title or "",
					frappe.format(deadline, "Datetime"),
					row.quotation,
					frappe.format(row.transaction_date, "Date"),
				),
				evidence=evidence,
				company=row.company,
			)
		)
	return found


# Filing
# ------


def filed_keys(keys: list[str]) -> set[str]:
	record = DocType(PENALTY)
	found = set()
	for chunk in chunks(sorted(set(keys)), CHUNK):
		found.update(
			frappe.qb.from_(record)
			.select(record.incident_key)
			.where(record.incident_key.isin(chunk))
			.run(pluck=True)
		)
	return found


def reserve_names(count: int) -> list[str]:
	"""`count` names of the Penalty Record naming series, taken at once: the series' row is locked and moved
	on by `count` (two runs at once each get their own names)."""
	from frappe.model.naming import NamingSeries

	series = frappe.get_meta(PENALTY).autoname
	prefix, digits = NamingSeries(series).get_prefix(), series.count("#")

	def locked_current():
		return frappe.db.sql("SELECT `current` FROM `tabSeries` WHERE `name` = %s FOR UPDATE", (prefix,))

	# The exclusive lock first: the shared lock an INSERT IGNORE takes on the existing row, then the
	# exclusive one, would deadlock two runs at once. Only a series' very first use inserts its row.
	found = locked_current()
	if not found:
		frappe.db.sql("INSERT IGNORE INTO `tabSeries` (`name`, `current`) VALUES (%s, 0)", (prefix,))
		found = locked_current()
	current = cint(found[0][0])
	frappe.db.sql("UPDATE `tabSeries` SET `current` = `current` + %s WHERE `name` = %s", (count, prefix))
	return [f"{prefix}{str(number).zfill(digits)}" for number in range(current + 1, current + count + 1)]


def draft_state() -> str | None:
	"""The workflow state a new penalty starts in (the state setting the status to Draft), if a workflow and
	its state field are there."""
	from frappe.model.workflow import get_workflow_name

	workflow = get_workflow_name(PENALTY)
	if not workflow or not frappe.get_meta(PENALTY).has_field("workflow_state"):
		return None
	states = frappe.get_cached_doc("Workflow", workflow).states
	return next(
		(
			s.state
			for s in states
			if s.update_field == "status" and s.update_value == DRAFT and not cint(s.doc_status)
		),
		states[0].state if states else None,
	)


PENALTY_COLUMNS = [
	"name",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"docstatus",
	"idx",
	"sales_person",
	"employee",
	"employee_name",
	"person_user",
	"team",
	"company",
	"conduct_rule",
	"rule_title",
	"rule_version",
	"incident_date",
	"status",
	"description",
	"detected",
	"incident_key",
	"reference_doctype",
	"reference_name",
	"offence_number",
	"proposed_action",
	"proposed_fine",
	"proposed_suspension_days",
	"action",
	"fine_amount",
	"suspension_days",
	"needs_leadership",
]
EVIDENCE_COLUMNS = [
	"name",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"document_type",
	"document_name",
	"owner",
	"creation",
	"modified",
	"modified_by",
	"docstatus",
]


def file_drafts(incidents: list[Incident], rules: dict[str, InForce], attempts: int = 3) -> list[str]:
	"""One draft Penalty Record per new incident (proposed from its rule's ladder, evidence attached); returns
	the names filed by this call. Incidents filed already, by an earlier run or by one running at the same
	moment, are left out (the key is unique and the rows go in with INSERT IGNORE). When two runs meet on the
	same rows, the database may end one of them as a deadlock: it rolls back and tries again, and then finds
	the incidents filed by the other."""
	for attempt in range(attempts):
		savepoint = f"sd_file_drafts_{attempt}"
		frappe.db.savepoint(savepoint)
		try:
			return _file_drafts(incidents, rules)
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			if attempt == attempts - 1:
				raise
			undo_to(savepoint)
	return []


def undo_to(savepoint: str):
	"""Back to `savepoint` after the database refused a statement. A lock wait timeout undoes only that
	statement; a deadlock, or (MariaDB 11.6+, snapshot isolation) a locked row changed since the transaction's
	snapshot, ends the whole transaction with its savepoints: the detection before filing only read, so it
	starts again on a fresh snapshot that sees the other run's commit."""
	try:
		frappe.db.rollback(save_point=savepoint)
	except frappe.db.OperationalError:
		frappe.db.rollback()


def _file_drafts(incidents: list[Incident], rules: dict[str, InForce]) -> list[str]:
	incidents = [i for i in incidents if i.kind in rules]
	fresh = new_incidents(incidents, filed_keys([i.key for i in incidents]))
	if not fresh:
		return []
	pairs = {(i.sales_person, rules[i.kind].rule) for i in fresh}
	longest = max((rules[i.kind].terms.window_days for i in fresh), default=0)
	since = min(i.incident_date for i in fresh) - timedelta(days=longest) if longest else None
	offences = standing_offences(pairs, since)
	people = person_details({i.sales_person for i in fresh})
	chart, now, user = get_org_chart(), now_datetime(), frappe.session.user
	threshold, state, company = fine_threshold(), draft_state(), default_company()
	names = reserve_names(len(fresh))
	rows, evidence = [], {}
	for name, incident in zip(names, fresh, strict=True):
		rule = rules[incident.kind]
		terms = rule.terms
		proposal = propose(
			terms,
			earlier_offences(
				offences.get((incident.sales_person, rule.rule), []),
				incident.incident_date,
				terms.window_days,
			),
			incident.incident_date,
		)
		employee, employee_name = people.get(incident.sales_person, (None, None))
		rows.append(
			(
				name,
				user,
				now,
				now,
				user,
				0,
				0,
				incident.sales_person,
				employee,
				employee_name or incident.sales_person,
				chart.user_of(incident.sales_person),
				chart.team_of(incident.sales_person),
				incident.company or company,
				rule.rule,
				rulebook_heading(rule.content),
				rule.version,
				incident.incident_date,
				DRAFT,
				incident.description,
				1,
				incident.key,
				incident.reference_doctype,
				incident.reference_name,
				proposal.offence,
				proposal.action,
				proposal.fine,
				proposal.suspension_days,
				proposal.action,
				proposal.fine,
				proposal.suspension_days,
				int(penalty_needs_leadership(proposal.action, proposal.fine, threshold)),
			)
		)
		evidence[name] = incident.evidence
	columns = PENALTY_COLUMNS + (["workflow_state"] if state else [])
	insert_rows(
		f"tab{PENALTY}",
		columns,
		(row + ((state,) if state else ()) for row in rows),
		INSERT_CHUNK,
		ignore=True,
	)
	record = DocType(PENALTY)
	filed = set()
	for chunk in chunks(names, CHUNK):
		filed.update(
			frappe.qb.from_(record).select(record.name).where(record.name.isin(chunk)).run(pluck=True)
		)
	insert_rows(
		"tabPenalty Evidence",
		EVIDENCE_COLUMNS,
		(
			(f"{parent}-E{idx}", parent, PENALTY, "evidence", idx, doctype, docname, user, now, now, user, 0)
			for parent in names
			if parent in filed
			for idx, (doctype, docname) in enumerate(evidence[parent], start=1)
		),
		INSERT_CHUNK,
		ignore=True,
	)
	return sorted(filed)


def person_details(sales_persons: set[str]) -> dict[str, tuple[str | None, str | None]]:
	"""{sales person: (employee, employee name)} in one query."""
	if not sales_persons:
		return {}
	person, employee = DocType("Sales Person"), DocType("Employee")
	return {
		name: (emp, emp_name)
		for name, emp, emp_name in (
			frappe.qb.from_(person)
			.left_join(employee)
			.on(employee.name == person.employee)
			.select(person.name, person.employee, employee.employee_name)
			.where(person.name.isin(sorted(sales_persons)))
			.run()
		)
	}


# The managers' groups read this many of a run's new drafts, each on a line; the rest as one line.
LISTED_DRAFTS = 30


def tell_managers(filed: list[str]):
	"""The sales manager role hears how many drafts wait (one notice per run, linked to the first); the
	managers' groups read them (only theirs: conduct records stay private), the managers @mentioned."""
	count = len(filed)
	managers = users_with_role(get_settings().sales_manager_role)
	first = frappe._dict(doctype=PENALTY, name=filed[0])

	def subject() -> str:
		return _(
			"The rulebook's daily checks found {0} new incidents: draft penalties wait for your decision."
		).format(count)

	notify_users(managers, first, subject)
	tell(DRAFT_PENALTIES, first, lambda: drafts_message(subject(), filed), mention_users=managers)


def drafts_message(title: str, filed: list[str]) -> RobotText:
	"""The first LISTED_DRAFTS of the new drafts as lines opening each (who, the rule, the proposal), the
	rest as one line opening the list of drafts (one query)."""
	record = DocType(PENALTY)
	listed = (
		frappe.qb.from_(record)
		.select(
			record.name,
			record.employee_name,
			record.rule_title,
			record.action,
			record.fine_amount,
			record.suspension_days,
		)
		.where(record.name.isin(filed[:LISTED_DRAFTS]))
		.orderby(record.name)
		.run(as_dict=True)
	)
	lines = [
		desk_line(
			PENALTY,
			draft.name,
			" · ".join(
				filter(
					None,
					(
						draft.employee_name,
						draft.rule_title,
						summary_of(draft.action, flt(draft.fine_amount), cint(draft.suspension_days)),
					),
				)
			),
		)
		for draft in listed
	]
	if len(filed) > len(listed):
		lines.append(
			Line(
				_("… and {0} more draft penalties").format(len(filed) - len(listed)),
				get_url_to_list("Penalty Record") + "?status=Draft",
			)
		)
	return RobotText(title, tuple(lines))


# Scheduler and desk
# ------------------


def detect_daily():
	"""Scheduler (daily): run the checks, unless conduct records or the daily detection are switched off."""
	if not is_enabled("conduct") or not cint(setting("detect_incidents_daily")):
		return None
	result = detect()
	frappe.db.commit()  # nosemgrep: a scheduled job's work stands on its own
	return result


def may_run_detection(user: str | None = None) -> bool:
	return actor_for(None, user).is_manager


@frappe.whitelist()
def detection_info() -> dict:
	"""What the Penalty Record list needs for its "Detect Incidents Now" button."""
	return {
		"enabled": is_enabled("conduct"),
		"can_run": may_run_detection(),
		"running": is_job_enqueued(JOB_ID),
	}


@frappe.whitelist()
def run_detection_now() -> str:
	"""The sales manager's button: run the checks now in a background job, with a progress bar."""
	if not may_run_detection():
		frappe.throw(
			_("Only the sales manager or company leadership may run the rulebook's checks."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not is_enabled("conduct"):
		frappe.throw(
			_("Conduct records are switched off in Sales Dept Settings."), title=_("Conduct Records Are Off")
		)
	if is_job_enqueued(JOB_ID):
		return _("The checks are already running; the new draft penalties appear when they end.")
	frappe.enqueue(
		"sales_dept.services.conduct_detection.detect",
		queue="long",
		timeout=1800,
		job_id=JOB_ID,
		deduplicate=True,
		now=in_test(),
		publish_progress=True,
	)
	return _(
		"Running the rulebook's checks in the background; new draft penalties appear in the list when they end."
	)


def progress_reporter(publish: bool):
	"""A progress bar for the user who started the run (nothing for the scheduler), in their language."""
	if publish:
		frappe.local.lang = get_user_lang()
	title = _("Detecting Incidents")

	def report(percent: int, description: str):
		if publish:
			frappe.publish_progress(percent, title=title, description=description)

	return report
