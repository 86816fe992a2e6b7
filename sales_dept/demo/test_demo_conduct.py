"""The demo's conduct step on the test site: the rulebook's checks over the demo's weeks of visits file draft
penalties, a few are decided through the workflows (acknowledged, appealed, dismissed, waiting for leadership),
rewards are granted; a second run adds nothing."""

import re
from collections import Counter

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from sales_dept.demo.conduct import HR_STAFF, make_conduct
from sales_dept.demo.customers import make_customers
from sales_dept.demo.data import MANAGER, PEOPLE
from sales_dept.demo.org import make_org
from sales_dept.demo.visits import make_visits
from sales_dept.setup.records import default_company

DEMO_PEOPLE = [person.name for person in PEOPLE]


def statuses(doctype: str) -> Counter:
	return Counter(frappe.get_all(doctype, filters={"sales_person": ["in", DEMO_PEOPLE]}, pluck="status"))


class TestDemoConduct(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		company = default_company()
		make_org(company)
		accounts = make_customers(company)
		make_visits(company, accounts, getdate())
		make_conduct(company)

	def test_penalties_in_several_states(self):
		found = statuses("Penalty Record")
		for status in ("Draft", "Acknowledged", "Appealed", "Dismissed", "Pending Leadership"):
			self.assertGreaterEqual(found[status], 1, (status, found))
		detected = frappe.get_all(
			"Penalty Record",
			filters={"sales_person": ["in", DEMO_PEOPLE], "detected": 1},
			pluck="conduct_rule",
		)
		self.assertIn("R8", detected)  # the demo's late plans
		appealed = frappe.get_value(
			"Penalty Record", {"sales_person": ["in", DEMO_PEOPLE], "status": "Appealed"}, "appeal_reason"
		)
		self.assertTrue(appealed)

	def test_the_decisions_comments_read_in_chinese(self):
		"""The manager decides in her language, as from her desk: "已批准：按制度处理。", never "Approved: …"."""
		penalties = frappe.get_all(
			"Penalty Record", filters={"sales_person": ["in", DEMO_PEOPLE]}, pluck="name"
		)
		comments = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Penalty Record",
				"reference_name": ["in", penalties],
				"comment_type": "Comment",
			},
			pluck="content",
		)
		self.assertIn("已批准：按制度处理。", comments)
		self.assertEqual([text for text in comments if re.match(r"[A-Za-z]", text)], [])

	def test_rewards_and_hr(self):
		self.assertEqual(statuses("Reward Record"), Counter({"Approved": 2, "Pending Leadership": 1}))
		self.assertIn("HR Manager", frappe.get_roles(HR_STAFF.email))

	def test_a_second_run_adds_nothing(self):
		before = (frappe.db.count("Penalty Record"), frappe.db.count("Reward Record"))
		make_conduct(default_company())
		self.assertEqual((frappe.db.count("Penalty Record"), frappe.db.count("Reward Record")), before)
		self.assertFalse(
			frappe.db.exists(
				"Penalty Record",
				{"sales_person": MANAGER.name, "approved_by": MANAGER.email},
			)
		)  # nobody decides their own
