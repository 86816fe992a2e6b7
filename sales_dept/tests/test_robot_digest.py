"""The weekly meeting's digest in the group robots (services/robot_digest.py): each team's pack to its group
(a team without a robot to the department's), the draft penalties only in the managers' group, each line a
link, who has not handed in next week's plan @mentioned, once per team and week however often (or however
concurrently) the job runs, and only from the set time before the meeting. Then one event delivered through
the robot imitation end to end."""

from datetime import datetime
from unittest.mock import patch
from urllib.parse import urlencode

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import get_url_to_form, get_url_to_list, get_url_to_report_with_filters, getdate

from sales_dept.rules import robots as rules
from sales_dept.sales_dept.report.weekly_meeting_pack.weekly_meeting_pack import MeetingPack
from sales_dept.services import robot_digest
from sales_dept.setup.records import default_company
from sales_dept.tests.conduct_factories import file_penalty, make_conduct_people, make_test_rule
from sales_dept.tests.factories import EAST, SOUTH, make_customer
from sales_dept.tests.robot_factories import MOBILES, set_mobiles
from sales_dept.tests.test_robot_delivery import RobotDeliveryCase
from sales_dept.tests.test_robot_events import (
	DEPARTMENT_ROBOT,
	EAST_ROBOT,
	MANAGERS_ROBOT,
	RobotsOn,
	name_of,
)
from sales_dept.tests.visit_factories import make_visit_plan

MEETING = getdate("2031-04-12")  # a Saturday
MONDAY, NEXT_MONDAY = "2031-04-07", "2031-04-14"
SETTINGS = {"meeting_weekday": "Saturday", "meeting_time": "09:00:00", "robot_digest_minutes": 60}


class TestMeetingDigest(RobotsOn, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_conduct_people()
		cls.make_robots()
		customer = make_customer("_Test SD Customer Robots", "Zhou")
		make_visit_plan("Zhou", NEXT_MONDAY, rows=[(customer, "2031-04-15")], submit_for_approval=True)
		cls.penalty = file_penalty("Zhou", make_test_rule("_TSD-DIGEST")).name

	def setUp(self):
		super().setUp()
		frappe.db.savepoint("sd_digest_test")  # each test starts from the records of the class
		self.addCleanup(frappe.db.rollback, save_point="sd_digest_test")
		settings = change_settings("Sales Dept Settings", SETTINGS)
		settings.__enter__()
		self.addCleanup(settings.__exit__, None, None, None)

	def digests(self) -> dict[str, list]:
		"""{robot: its digest messages written since the test began}."""
		found = {}
		for row in self.messages():
			self.assertEqual(row.kind, rules.MEETING_DIGEST)
			found.setdefault(row.robot, []).append(row)
		return found

	def test_each_team_to_its_group_the_penalties_to_the_managers_only_each_line_a_link(self):
		robot_digest.write_digests(MEETING)
		digests = self.digests()
		self.assertEqual(set(digests), {EAST_ROBOT, DEPARTMENT_ROBOT, MANAGERS_ROBOT})
		[east] = digests[EAST_ROBOT]
		self.assertIn(EAST, east.title)
		self.assertIn(SOUTH, " ".join(row.title for row in digests[DEPARTMENT_ROBOT]))  # South has no robot
		self.assertNotIn(EAST, " ".join(row.title for row in digests[DEPARTMENT_ROBOT]))
		links = [link or "" for row in self.messages() for _text, link in row.lines]
		self.assertTrue(links and all(link.startswith("http") for link in links))
		# at Frappe's own addresses (its desk at /app, Frappe 16's at /desk): a section opens the team's pack,
		# a row its document
		pack = {"company": default_company(), "week_start": MONDAY, "team": EAST}
		self.assertEqual(
			east.lines[0][1], get_url_to_report_with_filters("Weekly Meeting Pack", urlencode(pack))
		)
		plans = get_url_to_list("Visit Plan") + "/"
		self.assertTrue(any(link.startswith(plans) for _t, link in east.lines))
		penalty_link = get_url_to_form("Penalty Record", self.penalty)
		for robot in (EAST_ROBOT, DEPARTMENT_ROBOT):
			self.assertNotIn(penalty_link, [link for row in digests[robot] for _t, link in row.lines], robot)
		managers_east = [row for row in digests[MANAGERS_ROBOT] if EAST in row.title]
		self.assertIn(penalty_link, [link for row in managers_east for _t, link in row.lines])
		self.assertIn(name_of("Li"), east.mentions)  # no plan for next week
		self.assertNotIn(name_of("Zhou"), east.mentions)  # handed in
		self.assertEqual({row.mentions for row in digests[MANAGERS_ROBOT]}, {()})

	def test_once_per_team_and_week_when_run_twice_or_at_once(self):
		first = robot_digest.write_digests(MEETING)
		self.assertTrue(first)
		self.assertEqual(robot_digest.write_digests(MEETING), [])  # a second run: nothing
		with patch.object(robot_digest, "digests_written", return_value=set()):
			self.assertEqual(robot_digest.write_digests(MEETING), [])  # a run that did not see the first's
		self.assertEqual([row.name for row in self.messages()], first)
		self.assertTrue(robot_digest.write_digests(getdate("2031-04-19")))  # the next week's

	def test_due_from_the_set_minutes_before_the_meeting(self):
		with (
			patch.object(robot_digest, "write_digests", return_value=[]) as write,
			patch.object(frappe.db, "commit"),
		):
			robot_digest.send_meeting_digests(now=datetime(2031, 4, 12, 7, 59))
			write.assert_not_called()
			robot_digest.send_meeting_digests(now=datetime(2031, 4, 12, 8, 0))
			write.assert_called_once_with(MEETING)
			with change_settings("Sales Dept Settings", {"enable_group_robots": 0}):
				robot_digest.send_meeting_digests(now=datetime(2031, 4, 12, 8, 30))
			frappe.db.set_value("Group Robot", {"name": ["like", "_Test SD%"]}, "receives_meeting_digest", 0)
			robot_digest.send_meeting_digests(now=datetime(2031, 4, 12, 8, 30))  # no robot takes digests
			write.assert_called_once()

	def test_a_long_digest_is_split_by_the_platforms_size(self):
		with patch.object(robot_digest, "row_text", side_effect=lambda row, currency: "一" * 1500):
			robot_digest.write_digests(MEETING)
		east = self.digests()[EAST_ROBOT]  # DingTalk: 20,000 bytes a message
		self.assertGreater(len(east), 1)
		self.assertIn(f"（1/{len(east)}）", east[0].title)
		self.assertIn(f"（{len(east)}/{len(east)}）", east[-1].title)
		pack = MeetingPack(frappe._dict(company=default_company(), week_start=getdate(MONDAY)))
		pack.shows_penalties = False
		rows = [row for row in pack.rows() if row["team"] == EAST]
		every_line = robot_digest.digest_text(EAST, MEETING, rows, "http://x", None).lines
		self.assertEqual(sum(len(row.lines) for row in east), len(every_line))  # none lost


class TestOneEventEndToEnd(RobotDeliveryCase):
	"""A plan handed in as the salesperson reaches the East group's chat, @mentioning the team leader."""

	def test_a_plan_handed_in_reaches_the_leaders_group(self):
		robot = self.robot("_Test SD East DingTalk", rules.DINGTALK).name
		set_mobiles({"Li": MOBILES["Li"]})
		customer = make_customer("_Test SD Customer Robots", "Zhou")
		plan = make_visit_plan(
			"Zhou", "2031-05-05", rows=[(customer, "2031-05-06")], submit_for_approval=True
		)
		self.addCleanup(self.remove_plan, plan.name)
		frappe.db.commit()  # nosemgrep: the hand-in's transaction commits
		self.deliver()
		[text] = self.received(robot)
		self.assertIn("@SD Li", text)
		self.assertIn(get_url_to_form("Visit Plan", plan.name), text)
		self.assertIn("SD Zhou", text)
		self.assertEqual(
			frappe.db.get_value(
				"Robot Message", {"robot": robot, "reference_name": plan.name}, ["status", "kind"]
			),
			("Sent", rules.WAITING_FOR_YOU),
		)

	@staticmethod
	def remove_plan(name: str):
		frappe.db.rollback()
		frappe.db.delete("Visit Plan Row", {"parent": name})
		frappe.db.delete("Visit Plan", {"name": name})
		frappe.db.commit()  # nosemgrep
