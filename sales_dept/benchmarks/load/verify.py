"""What the load test's acknowledged writes left behind (scripts/load-test, after the users stopped):

	bench --site SITE execute sales_dept.benchmarks.load.verify.verify --kwargs '{"path": "...", "since": "..."}'

`path`: the JSON list of writes the server acknowledged (locustfile.WRITES), `since`: when the run began (site
time). Waits for the queues to drain, then checks that
- every acknowledged write exists exactly once (a quotation by the marker in its enq_det, an order by its customer's PO number,
  a visit by its salesperson and check-in time, a plan by salesperson and week, a price exception by the
  marker in its reason) and in the state acknowledged (submitted, handed in, decided);
- every decided document has one decision: one acknowledged decider, who is the one the document names, one
  decision comment, one change of state out of pending in its versions;
- no price exception request stands without its document;
- every notification the acknowledged events queue reached its recipient exactly once (Notification Log);
- the queues are empty, no job failed, and the Error Log holds no deadlock or lock wait timeout since `since`.
Returns {"problems": [...], "checked": {...}}: no problem means nothing was lost.
"""

import json
import time
from collections import Counter

import frappe
from frappe.utils.background_jobs import get_queues
from rq.registry import FailedJobRegistry, StartedJobRegistry

from sales_dept.benchmarks.load.stats import differences
from sales_dept.services.org import get_org_chart

DRAIN_SECONDS = 120
DECIDED_PLAN = {"Approve": "Approved", "Send Back": "Sent Back"}
DECIDED_REQUEST = {"Approve": "Approved", "Reject": "Rejected"}
LOCK_PROBLEMS = ("Deadlock found", "Lock wait timeout", "QueryDeadlockError", "QueryTimeoutError")


def verify(
	path: str, since: str, failed_before: list | None = None, drain_seconds: int = DRAIN_SECONDS
) -> dict:
	with open(path) as file:
		writes = json.load(file)
	by_kind: dict[str, list[dict]] = {}
	for write in writes:
		by_kind.setdefault(write["kind"], []).append(write)
	drained_in = drain(drain_seconds)
	frappe.db.commit()  # a fresh snapshot, after the workers' commits
	problems = []
	problems += documents_once(by_kind)
	problems += decisions_once(by_kind, since)
	problems += requests_with_documents(since)
	problems += notifications_delivered(by_kind, since)
	problems += queues_and_logs(since, drained_in, set(failed_before or ()))
	return {
		"problems": problems,
		"checked": {kind: len(rows) for kind, rows in sorted(by_kind.items())},
		"drained_in_seconds": drained_in,
	}


def site_jobs_waiting() -> int:
	"""Jobs of this site queued or running, on every queue of the bench."""
	waiting = 0
	for queue in get_queues():
		jobs = [queue.fetch_job(job_id) for job_id in queue.job_ids]
		jobs += [queue.fetch_job(job_id) for job_id in StartedJobRegistry(queue=queue).get_job_ids()]
		waiting += sum(1 for job in jobs if job and (job.kwargs or {}).get("site") == frappe.local.site)
	return waiting


def drain(seconds: int) -> float | None:
	"""Seconds until none of the site's jobs wait or run (None: still some after `seconds`)."""
	started = time.monotonic()
	while time.monotonic() - started < seconds:
		if not site_jobs_waiting():
			return round(time.monotonic() - started, 1)
		time.sleep(1)
	return None


def count_by(doctype: str, field: str, values: list[str], extra: dict | None = None) -> Counter:
	if not values:
		return Counter()
	rows = frappe.get_all(doctype, {field: ["in", values], **(extra or {})}, [field], limit_page_length=0)
	return Counter(row[field] for row in rows)


def documents_once(by_kind: dict) -> list[str]:
	problems = []
	for kind, doctype, field in (
		("quotation save", "Quotation", "enq_det"),
		("order save", "Sales Order", "po_no"),
	):
		markers = [w["marker"] for w in by_kind.get(kind, [])]
		problems += differences(Counter(markers), count_by(doctype, field, markers), doctype)
	submitted = [w["name"] for w in by_kind.get("order submit", [])]
	problems += differences(
		Counter(submitted),
		count_by("Sales Order", "name", submitted, {"docstatus": 1}),
		"submitted Sales Order",
	)
	check_ins = by_kind.get("visit check-in", [])
	found = Counter(
		(row.name, str(row.check_in))
		for row in frappe.get_all(
			"Visit Record",
			{"check_in": ["in", [w["check_in"] for w in check_ins] or [""]]},
			["name", "check_in"],
			limit_page_length=0,
		)
	)
	problems += differences(
		Counter((w["name"], w["check_in"]) for w in check_ins), found, "Visit Record checked in at"
	)
	visits = [w["name"] for w in by_kind.get("visit submit", [])]
	problems += differences(
		Counter(visits), count_by("Visit Record", "name", visits, {"docstatus": 1}), "submitted Visit Record"
	)
	plans = by_kind.get("plan save", [])
	found = Counter(
		(row.sales_person, str(row.period_start))
		for row in frappe.get_all(
			"Visit Plan",
			{"name": ["in", [w["name"] for w in plans] or [""]]},
			["sales_person", "period_start"],
			limit_page_length=0,
		)
	)
	every_plan_of_those_weeks = Counter(
		(row.sales_person, str(row.period_start))
		for row in frappe.get_all(
			"Visit Plan",
			{"period_start": ["in", sorted({w["period_start"] for w in plans}) or [""]]},
			["sales_person", "period_start"],
			limit_page_length=0,
		)
		if (row.sales_person, str(row.period_start)) in found
	)
	problems += differences(
		Counter((w["sales_person"], w["period_start"]) for w in plans),
		every_plan_of_those_weeks,
		"Visit Plan for",
	)
	handed_in = [w["name"] for w in by_kind.get("plan hand-in", [])]
	problems += differences(
		Counter(handed_in),
		count_by("Visit Plan", "name", handed_in, {"workflow_state": ["!=", "Draft"]}),
		"handed-in Visit Plan",
	)
	requests = by_kind.get("price exception request", [])
	found = Counter()
	for write in requests:
		found[write["marker"]] = frappe.db.count(
			"Price Exception Request",
			{"reason": ["like", f"%{write['marker']}"], "reference_name": write["reference"], "docstatus": 1},
		)
	problems += differences(Counter(w["marker"] for w in requests), found, "Price Exception Request marked")
	return problems


def decisions_once(by_kind: dict, since: str) -> list[str]:
	"""One acknowledged decision per document, by the decider it names, with one comment and one versioned
	change of state out of its pending state."""
	problems = []
	for kind, doctype, decided_by_field, states, pending in (
		("plan decision", "Visit Plan", "approved_by", DECIDED_PLAN, "Pending Approval"),
		("exception decision", "Price Exception Request", "decided_by", DECIDED_REQUEST, "Pending"),
	):
		decisions = by_kind.get(kind, [])
		per_document = Counter(w["name"] for w in decisions)
		problems += differences(
			{name: 1 for name in per_document}, per_document, f"acknowledged decision ({doctype})"
		)
		for write in decisions:
			stored = frappe.db.get_value(
				doctype, write["name"], ["workflow_state", decided_by_field], as_dict=True
			)
			if not stored:
				problems.append(f"{doctype} {write['name']} decided by {write['user']} is gone")
				continue
			if stored.workflow_state != states[write["action"]]:
				problems.append(
					f"{doctype} {write['name']}: {write['user']} took {write['action']}, it is {stored.workflow_state}"
				)
			if write["action"] == "Approve" or doctype != "Visit Plan":
				if stored.get(decided_by_field) != write["user"]:
					problems.append(
						f"{doctype} {write['name']}: decided by {write['user']}, it names {stored.get(decided_by_field)}"
					)
		names = list(per_document)
		comments = Counter(
			row.reference_name
			for row in frappe.get_all(
				"Comment",
				{
					"reference_doctype": doctype,
					"reference_name": ["in", names or [""]],
					"comment_type": "Comment",
					"creation": [">=", since],
				},
				["reference_name"],
				limit_page_length=0,
			)
		)
		problems += differences({name: 1 for name in names}, comments, f"decision comment on {doctype}")
		changes = Counter()
		for row in frappe.get_all(
			"Version",
			{"ref_doctype": doctype, "docname": ["in", names or [""]], "creation": [">=", since]},
			["docname", "data"],
			limit_page_length=0,
		):
			for field, before, _after in json.loads(row.data or "{}").get("changed") or []:
				if field == "workflow_state" and before == pending:
					changes[row.docname] += 1
		problems += differences({name: 1 for name in names}, changes, f"versioned decision of {doctype}")
	reviews = by_kind.get("bid review", [])
	per_review = Counter((w["name"], w["review"]) for w in reviews)
	problems += differences({key: 1 for key in per_review}, per_review, "acknowledged review")
	for (bid, review), _count in per_review.items():
		status, reviewer = frappe.db.get_value("Bid Review Check", review, ["status", "reviewer"]) or (
			None,
			None,
		)
		user = next(w["user"] for w in reviews if w["review"] == review)
		if (status, reviewer) != ("Approved", user):
			problems.append(
				f"Bid Review {bid} review {review}: {status} by {reviewer}, acknowledged to {user}"
			)
	return problems


def requests_with_documents(since: str) -> list[str]:
	problems = []
	for row in frappe.get_all(
		"Price Exception Request",
		{"creation": [">=", since]},
		["name", "reference_doctype", "reference_name"],
		limit_page_length=0,
	):
		if not frappe.db.exists(row.reference_doctype, row.reference_name):
			problems.append(
				f"Price Exception Request {row.name} names {row.reference_doctype} {row.reference_name}, which does not exist"
			)
	return problems


def notifications_delivered(by_kind: dict, since: str) -> list[str]:
	"""Each (document, recipient) told as many times as the acknowledged events say (services.notify)."""
	chart = get_org_chart()
	expected: Counter = Counter()
	for write in by_kind.get("plan hand-in", []):
		sales_person = frappe.db.get_value("Visit Plan", write["name"], "sales_person")
		expected[("Visit Plan", write["name"], chart.user_of(chart.team_leader_of(sales_person)))] += 1
	for write in by_kind.get("plan decision", []):
		sales_person = frappe.db.get_value("Visit Plan", write["name"], "sales_person")
		expected[("Visit Plan", write["name"], chart.user_of(sales_person))] += 1
	for write in by_kind.get("price exception request", []):
		waits_for = frappe.db.get_value("Price Exception Request", write["name"], "waits_for")
		expected[("Price Exception Request", write["name"], waits_for)] += 1
	for write in by_kind.get("exception decision", []):
		requester = frappe.db.get_value("Price Exception Request", write["name"], "requested_by")
		expected[("Price Exception Request", write["name"], requester)] += 1
	reviewed = Counter(w["name"] for w in by_kind.get("bid review", []))
	for bid in reviewed:
		statuses = frappe.get_all(
			"Bid Review Check", {"parent": bid, "parenttype": "Bid Review"}, pluck="status"
		)
		if statuses and all(status == "Approved" for status in statuses):
			sales_person = frappe.db.get_value("Bid Review", bid, "sales_person")
			expected[("Bid Review", bid, chart.user_of(sales_person))] += 1
	documents = {(doctype, name) for doctype, name, _user in expected}
	found = Counter(
		(row.document_type, row.document_name, row.for_user)
		for row in frappe.get_all(
			"Notification Log",
			{
				"document_name": ["in", sorted(name for _doctype, name in documents) or [""]],
				"creation": [">=", since],
			},
			["document_type", "document_name", "for_user"],
			limit_page_length=0,
		)
		if (row.document_type, row.document_name) in documents
	)
	return differences(expected, found, "notification")


def failed_jobs() -> list[str]:
	"""The ids of this site's jobs in the bench's failed-job registries (taken before a run: verify's
	`failed_before`)."""
	found = []
	for queue in get_queues():
		for job_id in FailedJobRegistry(queue=queue).get_job_ids():
			job = queue.fetch_job(job_id)
			if job and (job.kwargs or {}).get("site") == frappe.local.site:
				found.append(job_id)
	return found


def queues_and_logs(since: str, drained_in: float | None, failed_before: set) -> list[str]:
	problems = []
	if drained_in is None:
		problems.append(f"{site_jobs_waiting()} jobs of the site still queued or running")
	for job_id in set(failed_jobs()) - failed_before:
		problems.append(f"failed job {job_id}")
	logged: Counter = Counter()
	for row in frappe.get_all(
		"Error Log", {"creation": [">=", since]}, ["name", "method", "error"], limit_page_length=0
	):
		locked = [word for word in LOCK_PROBLEMS if word in (row.error or "")]
		logged[f"{row.method}{' (' + ', '.join(locked) + ')' if locked else ''}"] += 1
	problems += [f"Error Log: {count} x {what}" for what, count in logged.most_common()]
	return problems
