"""Proves that the app's notifications reach the bell through the background queue and a real worker.

Run by scripts/check-delivery with the bench's Python from its sites folder:

    cd "$BENCH/sites" && ../env/bin/python check_delivery.py SITE

On SITE (the demo department's people are made on it if missing) a demo salesperson submits a visit plan for
approval and their approver approves it, as the desk would: each step commits and enqueues the "waits for
your approval" / "was approved" notification. The check proves that neither notification is written by
the request itself, starts a `bench worker` in a process group of its own, and measures how long each takes
to appear in the recipient's Notification Log: the first includes the worker's start-up, the second is
what a user waits for with a worker running. Then it stops the worker and removes the plan and its
notifications. Prints a JSON line, then `delivery: ok (...)` or `delivery: FAILED (...)`; exits 1 when a
notification was written by the request itself or did not arrive in time.
"""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

TIMEOUT_S = 90
POLL_S = 0.05
WEEKS_AHEAD = 52  # the plan's week, far from the demo's own plans
SUBMIT_FOR_APPROVAL, APPROVE = "Submit for Approval", "Approve"


def main(site: str) -> int:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	worker = None
	result: dict = {"site": site}
	try:
		plan_name, salesperson_user = prepare(result)
		worker_log = os.path.join("..", "logs", f"check-delivery.{site}.worker.log")
		result["worker_log"] = os.path.abspath(worker_log)
		result["other_workers"] = len(workers())

		transition(plan_name, SUBMIT_FOR_APPROVAL, salesperson_user, result, "submitted")
		started = time.monotonic()
		worker = start_worker(worker_log)
		result["worker_pid"] = worker.pid
		first = wait_for(plan_name, lambda user: user != salesperson_user, started, worker)
		result["approver"] = first and first[0]
		result["submitted_delivered_s"] = first and first[1]

		if first:
			approver = first[0]
			transition(plan_name, APPROVE, approver, result, "approved")
			approved = time.monotonic()
			second = wait_for(plan_name, lambda user: user == salesperson_user, approved, worker)
			result["approved_delivered_s"] = second and second[1]
		result["ok"] = (
			result.get("submitted_delivered_s") is not None
			and result.get("approved_delivered_s") is not None
			and not result.get("submitted_written_by_the_request")
			and not result.get("approved_written_by_the_request")
		)
	except Exception as error:
		result["ok"] = False
		result["error"] = repr(error)
	finally:
		if worker:
			stop_worker(worker)
		if result.get("plan"):
			remove_plan(result["plan"])
		frappe.destroy()
	print(json.dumps(result, default=str, ensure_ascii=False, sort_keys=True))
	print(summary(result))
	return 0 if result["ok"] else 1


def summary(result: dict) -> str:
	"""The last line: `delivery: ok (...)` or `delivery: FAILED (...)`, for scripts/run-tests."""
	if result["ok"]:
		return (
			f"delivery: ok ({result['submitted_delivered_s']} s with the worker starting, "
			f"{result['approved_delivered_s']} s with it running)"
		)
	details = ("submitted", "approved")
	why = result.get("error") or "; ".join(
		f"{step}: written by the request for {result.get(f'{step}_written_by_the_request') or 'nobody'}, "
		f"delivered after {result.get(f'{step}_delivered_s')} s"
		for step in details
	)
	return f"delivery: FAILED ({why}; worker log {result.get('worker_log')})"


def prepare(result: dict) -> tuple[str, str]:
	"""A draft plan of a demo salesperson with a team leader, for a week no demo plan is in."""
	from sales_dept.demo.customers import customer_group, find_or_make_customer, home_territory
	from sales_dept.demo.data import MANAGER, PEOPLE
	from sales_dept.demo.org import make_org
	from sales_dept.demo.plan import plan_accounts
	from sales_dept.demo.visit_schedule import monday_of
	from sales_dept.services.org import get_org_chart
	from sales_dept.setup.records import acting_as, default_company

	company = default_company()
	make_org(company)
	salesperson = next(p for p in PEOPLE if p is not MANAGER and not p.leads).name
	customer = next(c for c, owner in plan_accounts().items() if owner == salesperson)
	customer = find_or_make_customer(customer, salesperson, customer_group(), home_territory(company))
	user = get_org_chart().user_of(salesperson)
	monday = monday_of(getdate()) + timedelta(weeks=WEEKS_AHEAD)
	for stale in frappe.get_all(
		"Visit Plan", {"sales_person": salesperson, "period_start": monday}, pluck="name"
	):
		remove_plan(stale)
	with acting_as(user):
		plan = frappe.get_doc(
			{
				"doctype": "Visit Plan",
				"sales_person": salesperson,
				"company": company,
				"period_type": "Week",
				"period_start": monday,
			}
		)
		plan.add_due_customers()
		if customer not in {row.customer for row in plan.visits}:
			plan.append(
				"visits",
				{"customer": customer, "planned_date": monday + timedelta(days=1), "purpose": "Revisit"},
			)
		plan.insert()
	frappe.db.commit()
	result.update(plan=plan.name, salesperson=salesperson)
	return plan.name, user


def transition(plan_name: str, action: str, user: str, result: dict, label: str):
	"""Apply a workflow action as `user` and commit, noting who the request itself wrote a notification
	for (nobody, when notifications are left to the queue)."""
	from sales_dept.setup.records import acting_as

	before = notified(plan_name)
	with acting_as(user):
		apply_workflow(frappe.get_doc("Visit Plan", plan_name), action)
	written_in_request = notified(plan_name) - before
	frappe.db.commit()
	result[f"{label}_written_by_the_request"] = sorted(written_in_request)


def notified(plan_name: str) -> set[str]:
	"""Users with a Notification Log for the plan."""
	return set(
		frappe.get_all(
			"Notification Log",
			{"document_type": "Visit Plan", "document_name": plan_name},
			pluck="for_user",
		)
	)


def wait_for(plan_name: str, wanted, since: float, worker) -> tuple[str, float] | None:
	"""(user, seconds since `since`) when a wanted user's notification for the plan appears; None after
	TIMEOUT_S or if the worker died."""
	while time.monotonic() - since < TIMEOUT_S and worker.poll() is None:
		frappe.db.rollback()  # a fresh snapshot: see what the worker committed
		users = [user for user in notified(plan_name) if wanted(user)]
		if users:
			return users[0], round(time.monotonic() - since, 2)
		time.sleep(POLL_S)
	return None


def workers() -> list:
	from frappe.utils.background_jobs import get_workers

	return get_workers()


def start_worker(log_path: str) -> subprocess.Popen:
	"""`bench worker` on the short and default queues (as a production bench's short worker; a job of the
	long queue, another site's say, would hold up the measure), in a process group of its own (its work
	horses go with it)."""
	log = open(log_path, "w")
	return subprocess.Popen(
		["bench", "worker", "--queue", "short,default"],
		cwd="..",
		stdout=log,
		stderr=subprocess.STDOUT,
		start_new_session=True,
	)


def stop_worker(worker: subprocess.Popen):
	"""SIGTERM (the worker finishes its current job), then SIGKILL to its group and to the group of a work
	horse (RQ starts each one in a session of its own) if it has not stopped in 15 s."""
	import psutil

	try:
		horses = {os.getpgid(child.pid) for child in psutil.Process(worker.pid).children(recursive=True)}
	except (psutil.Error, ProcessLookupError):
		horses = set()
	signal_groups({worker.pid}, signal.SIGTERM)
	try:
		worker.wait(15)
	except subprocess.TimeoutExpired:
		pass
	signal_groups({worker.pid} | horses, signal.SIGKILL)
	worker.wait(5)


def signal_groups(groups: set[int], sig: int):
	for group in groups:
		try:
			os.killpg(group, sig)
		except ProcessLookupError:
			pass


def remove_plan(plan_name: str):
	"""The check's plan and the notifications about it, gone (an approved plan is cancelled first)."""
	frappe.db.rollback()
	frappe.db.delete("Notification Log", {"document_type": "Visit Plan", "document_name": plan_name})
	if frappe.db.get_value("Visit Plan", plan_name, "docstatus") == 1:
		frappe.get_doc("Visit Plan", plan_name).cancel()
	frappe.delete_doc("Visit Plan", plan_name, ignore_permissions=True, force=True)
	frappe.db.commit()


if __name__ == "__main__":
	sys.exit(main(sys.argv[1]))
