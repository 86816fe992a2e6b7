"""The demo's group robots on the test site: one per team, one for the department and the managers' own,
pointing at a running imitation (here one in this process) whose groups they make; a second run changes
nothing; a plan handed in as 张伟 is written for 华东团队群, @李强 by his mobile number.

make_robots leaves committing to its caller: the class's rollback takes back the demo people, their robots and
the setting, and leaves nothing on the test site for the tests after it."""

import json
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from sales_dept.demo.data import EAST, SOUTH
from sales_dept.demo.org import make_org
from sales_dept.demo.robots import ROBOTS, make_robots
from sales_dept.rules import robots as rules
from sales_dept.services import robot_delivery
from sales_dept.setup.records import acting_as, default_company, get_or_make_customer
from sales_dept.tests.robot_imitation import Imitation

ZHANG, LI = "zhang.wei@demo-sales.example.com", "li.qiang@demo-sales.example.com"


class TestDemoRobots(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_org(default_company())
		cls.imitation = Imitation()
		cls.base = cls.imitation.serve()

	@classmethod
	def tearDownClass(cls):
		cls.imitation.stop()
		super().tearDownClass()  # rolls back: the demo people, their robots and the setting

	def test_robots_for_the_teams_and_the_department_made_once_and_a_plan_reaches_the_east_group(self):
		make_robots(self.base)
		self.assertEqual(make_robots(self.base), [robot.name for robot in ROBOTS])  # again: the same four
		robots = frappe.get_all(
			"Group Robot",
			filters={"name": ["in", [robot.name for robot in ROBOTS]]},
			fields=[
				"name",
				"platform",
				"team",
				"whole_department",
				"managers_only",
				"receives_draft_penalties",
			],
		)
		self.assertEqual(len(robots), 4)
		by_team = {row.team: row for row in robots if not row.whole_department}
		self.assertEqual(set(by_team), {EAST, SOUTH})
		department = [row for row in robots if row.whole_department and not row.managers_only]
		managers = [row for row in robots if row.managers_only]
		self.assertEqual((len(department), len(managers)), (1, 1))
		self.assertEqual(managers[0].receives_draft_penalties, 1)
		self.assertEqual({row.platform for row in robots}, set(rules.PLATFORMS))
		self.assertEqual(len(self.imitation.groups), 4)
		self.assertTrue(frappe.db.get_value("Employee", {"user_id": LI}, "cell_number"))

		customer = get_or_make_customer("_Test SD Demo Robots Customer", "张伟")
		monday = getdate("2031-07-07")
		with patch.object(robot_delivery, "_enqueue_delivery", side_effect=robot_delivery._forget_pending):
			with acting_as(ZHANG):
				plan = frappe.get_doc(
					{
						"doctype": "Visit Plan",
						"sales_person": "张伟",
						"company": default_company(),
						"period_type": "Week",
						"period_start": monday,
						"visits": [
							{"customer": customer, "planned_date": add_days(monday, 1), "purpose": "Revisit"}
						],
					}
				).insert()
				apply_workflow(plan, "Submit for Approval")
		[row] = frappe.get_all(
			"Robot Message", {"reference_name": plan.name}, ["robot", "kind", "content", "payload"]
		)
		self.assertEqual((row.robot, row.kind), (by_team[EAST].name, rules.WAITING_FOR_YOU))
		self.assertEqual([name for name, _mobile in json.loads(row.content)["mentions"]], ["李强"])
		mobile = frappe.db.get_value("Employee", {"user_id": LI}, "cell_number")
		self.assertEqual(json.loads(row.payload)["at"]["atMobiles"], [mobile])
