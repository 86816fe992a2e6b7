"""The robots' one every-minute job: what it runs, in which order, and that its Scheduled Job Type is stopped
while no robot is to be served and started again by the save that needs it.

The job commits (its stop must be seen before it is checked again): this module commits its fixtures and puts
back the robots' switch, the enabled robots and the job's stop after each test."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.services import robot_schedule
from sales_dept.services.robot_schedule import JOB, every_minute, set_stopped, stop_unless_needed
from sales_dept.tests.robot_factories import make_robot, other_hosts_allowed

SETTINGS = "Sales Dept Settings"
ROBOT = "_Test SD Schedule Robot"


def job_stopped() -> bool | None:
	"""Whether the job's Scheduled Job Type is stopped (None before Frappe has made it)."""
	stopped = frappe.db.get_value("Scheduled Job Type", {"method": JOB}, "stopped")
	return None if stopped is None else bool(stopped)


def set_switch(on: bool):
	frappe.db.set_single_value(SETTINGS, "enable_group_robots", int(on))
	frappe.clear_document_cache(SETTINGS, SETTINGS)


class RobotScheduleCase(FrappeTestCase):
	def setUp(self):
		frappe.db.rollback()
		self.enabled_before = frappe.get_all("Group Robot", {"enabled": 1}, pluck="name")
		self.switch_before = frappe.db.get_single_value(SETTINGS, "enable_group_robots")
		self.stopped_before = job_stopped()
		self.addCleanup(self.put_back)
		for name in self.enabled_before:  # no robot of another test or of the site serves anyone
			frappe.db.set_value("Group Robot", name, "enabled", 0, update_modified=False)
		set_switch(True)
		set_stopped(False)
		frappe.db.commit()  # nosemgrep: the job commits; it must find these

	def put_back(self):
		frappe.db.rollback()
		if frappe.db.exists("Group Robot", ROBOT):
			frappe.delete_doc("Group Robot", ROBOT, ignore_permissions=True, force=True)
		for name in self.enabled_before:
			frappe.db.set_value("Group Robot", name, "enabled", 1, update_modified=False)
		set_switch(bool(self.switch_before))
		set_stopped(bool(self.stopped_before))
		frappe.db.commit()  # nosemgrep

	def robot(self, enabled: bool = True):
		with other_hosts_allowed():
			robot = make_robot(ROBOT, "Feishu", meeting_digest=1)
		if not enabled:
			self.save_robot(robot, enabled=False)
		frappe.db.commit()  # nosemgrep
		return robot

	@staticmethod
	def save_robot(robot, enabled: bool):
		robot.enabled = int(enabled)
		with other_hosts_allowed():
			robot.save(ignore_permissions=True)

	def run_job(self) -> list[str]:
		"""The job once, with the digest and the delivery it would run replaced by records of their calls."""
		calls = []
		with (
			patch.object(robot_schedule, "send_meeting_digests", lambda: calls.append("digest")),
			patch.object(robot_schedule, "deliver_due_messages", lambda: calls.append("delivery")),
		):
			every_minute()
		return calls

	def test_one_job_a_minute_for_the_robots(self):
		every_minute_jobs = frappe.get_hooks("scheduler_events")["cron"]["* * * * *"]
		ours = [method for method in every_minute_jobs if method.startswith("sales_dept.")]
		self.assertEqual(ours, [JOB])
		self.assertTrue(frappe.db.exists("Scheduled Job Type", {"method": JOB, "frequency": "Cron"}))
		self.assertFalse(
			frappe.db.exists("Scheduled Job Type", {"method": ["like", "sales_dept.services.robot_d%"]})
		)

	def test_serves_the_digest_then_the_outbox_while_a_robot_is_enabled(self):
		self.robot()
		self.assertEqual(self.run_job(), ["digest", "delivery"])
		self.assertIs(job_stopped(), False)

	def test_a_digest_that_fails_does_not_hold_up_the_outbox(self):
		self.robot()
		delivered = []

		def failing_digest():
			raise ValueError("digest failed")

		with (
			patch.object(robot_schedule, "send_meeting_digests", failing_digest),
			patch.object(robot_schedule, "deliver_due_messages", lambda: delivered.append(True)),
			self.assertRaisesRegex(ValueError, "digest failed"),
		):
			every_minute()
		self.assertEqual(delivered, [True])

	def test_stops_itself_when_no_robot_is_enabled(self):
		self.robot(enabled=False)
		self.assertEqual(self.run_job(), [])
		self.assertIs(job_stopped(), True)
		frappe.db.rollback()  # committed: not this transaction's view only
		self.assertEqual(frappe.db.get_value("Scheduled Job Type", {"method": JOB}, "stopped"), 1)

	def test_stops_itself_when_the_robots_are_switched_off(self):
		self.robot()
		set_switch(False)
		frappe.db.commit()  # nosemgrep
		self.assertEqual(self.run_job(), [])
		self.assertIs(job_stopped(), True)

	def test_enabling_a_robot_starts_it_and_a_disabled_one_does_not(self):
		robot = self.robot(enabled=False)
		set_stopped(True)
		frappe.db.commit()  # nosemgrep
		self.save_robot(robot, enabled=False)
		self.assertIs(job_stopped(), True)
		self.save_robot(robot, enabled=True)
		self.assertIs(job_stopped(), False)

	def test_switching_the_robots_on_in_the_settings_starts_it(self):
		self.robot()
		set_switch(False)
		set_stopped(True)
		frappe.db.commit()  # nosemgrep
		settings = frappe.get_doc(SETTINGS)
		settings.enable_group_robots = 1
		settings.save(ignore_permissions=True)
		self.assertIs(job_stopped(), False)
		settings.enable_group_robots = 0
		settings.save(ignore_permissions=True)
		self.assertIs(job_stopped(), False, "switching off leaves the stop to the job's next minute")

	def test_a_stop_is_undone_when_robots_are_needed_by_then(self):
		"""The job found nobody to serve, then a robot was enabled before its stop was checked again."""
		self.robot()
		stop_unless_needed()
		self.assertIs(job_stopped(), False)
		frappe.db.set_value("Group Robot", ROBOT, "enabled", 0, update_modified=False)
		stop_unless_needed()
		self.assertIs(job_stopped(), True)
