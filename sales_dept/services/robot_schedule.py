"""The group robots' one every-minute job, and when it runs.

Every scheduled job Frappe runs is a work-horse forked from an RQ worker that writes a Scheduled Job Log and,
being a fresh fork, imports again what that insert needs: about a third of a second of a core each time,
whatever the job then does. Under a department's load (scripts/load-test) the web requests that start in
those seconds are the slow ones, so the robots keep to one such job a minute, and to none while they serve
nobody:

- One job every minute (hooks `scheduler_events` cron): the meeting digests when one is due, then what waits
  in the outbox. New messages do not wait for it: each event queues the delivery job once its transaction
  commits (`robot_delivery.deliver_after_commit`); the minute serves retries, messages a platform's rate
  held back, and the digest's time.
- It runs only while the robots are needed: switched on in Sales Dept Settings and at least one Group Robot
  enabled. Otherwise its Scheduled Job Type is stopped — Frappe's own switch: the scheduler does not queue a
  stopped job and migrate keeps it so. The job stops itself the first minute it finds nobody to serve;
  saving the settings or a robot so that the robots are needed starts it again.
- Starting is an UPDATE by whoever saves; stopping is the job's alone, and checked again after its commit,
  so a robot enabled at the same moment never leaves the job stopped while robots need it.
"""

import frappe
from frappe.query_builder import DocType
from frappe.utils import cint

from sales_dept.services.robot_delivery import deliver_due_messages
from sales_dept.services.robot_digest import send_meeting_digests
from sales_dept.services.robots import ROBOT
from sales_dept.services.settings import setting_as_committed

JOB = "sales_dept.services.robot_schedule.every_minute"


def every_minute():
	"""Scheduler (cron, every minute): the meeting digests when due, then the outbox; nothing but stopping
	itself when no robot is to be served."""
	if not robots_needed():
		stop_unless_needed()
		return
	try:
		send_meeting_digests()
	except Exception:
		frappe.db.rollback()
		deliver_due_messages()  # the outbox is not held up by a digest that failed; the failure is still told
		raise
	deliver_due_messages()


def robots_needed() -> bool:
	"""Switched on, and a robot enabled: as this transaction sees the database, not the settings' cache."""
	switched_on = cint(setting_as_committed("enable_group_robots"))
	return bool(switched_on) and bool(frappe.db.exists(ROBOT, {"enabled": 1}))


def start_when_needed():
	"""On saving Sales Dept Settings or a Group Robot: the job runs again if the robots are needed now."""
	if robots_needed():
		set_stopped(False)


def stop_unless_needed():
	"""The job's own stop, committed, then undone if a robot was enabled or the robots switched on meanwhile
	(read afresh after the commit: whoever saved that either wrote its start after this stop, or committed
	before this read)."""
	set_stopped(True)
	frappe.db.commit()  # nosemgrep: the stop must be seen before it is checked again
	if robots_needed():
		set_stopped(False)
		frappe.db.commit()  # nosemgrep


def set_stopped(stopped: bool):
	job_type = DocType("Scheduled Job Type")
	frappe.qb.update(job_type).set(job_type.stopped, int(stopped)).where(job_type.method == JOB).run()
