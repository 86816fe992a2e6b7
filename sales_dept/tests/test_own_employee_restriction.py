"""On ERPNext's defaults: each user linked to an Employee is restricted to it by a User Permission (for every
doctype), as ERPNext makes employees (`setup.records.get_or_make_employee`). Our access rules, not that
restriction, decide what a team leader, a manager and leadership reach: scorecards read, listed, drilled into,
released, reviewed and approved; the Sales Person links of our forms and report filters; the reports.

People (`tests.factories`, `tests.scorecard_factories`): Li leads East (Li, Zhou, Sun), Zhao leads South (Zhao,
Qian, Wu), Wang manages the department (sales manager role), Ma is leadership; all of them are employees."""

import frappe
from frappe.desk.query_report import run as run_report
from frappe.desk.search import search_link
from frappe.model.workflow import apply_workflow

from sales_dept.rules import scoring
from sales_dept.sales_dept.doctype.sales_scorecard.sales_scorecard import sources
from sales_dept.sales_dept.doctype.sales_scorecard.test_sales_scorecard import TODAY, ScorecardTestCase
from sales_dept.services.scorecard_batch import generate
from sales_dept.setup.records import acting_as
from sales_dept.tests.factories import EAST, PEOPLE, SOUTH
from sales_dept.tests.scorecard_factories import MA, SUN, WU

SEARCH = "sales_dept.services.visit_access.search_sales_persons"
LI, WANG, ZHOU = PEOPLE["Li"], PEOPLE["Wang"], PEOPLE["Zhou"]


def found(results) -> set[str]:
	return {row["value"] for row in results}


class TestOnERPNextsOwnEmployeeRestriction(ScorecardTestCase):
	def setUp(self):
		super().setUp()
		generate(self.template, self.company, "2025-03-10", today=TODAY)
		self.cards = {
			row.sales_person: row.name
			for row in frappe.get_all(
				"Sales Scorecard",
				{"template": self.template, "period_start": "2025-03-01"},
				["name", "sales_person"],
			)
		}

	def test_the_people_are_restricted_as_erpnext_restricts_them(self):
		for person in (LI, WANG, ZHOU, SUN, MA):
			employee = frappe.db.get_value("Employee", {"user_id": person.user})
			with self.subTest(person=person.key):
				self.assertTrue(employee)
				self.assertTrue(
					frappe.db.exists(
						"User Permission",
						{
							"user": person.user,
							"allow": "Employee",
							"for_value": employee,
							"apply_to_all_doctypes": 1,
						},
					)
				)

	def test_read_and_list_the_scorecards_one_oversees(self):
		sun, wu = self.cards[SUN.sales_person], self.cards[WU.sales_person]
		with acting_as(LI.user):
			frappe.get_doc("Sales Scorecard", sun).check_permission("read")
			self.assertFalse(frappe.has_permission("Sales Scorecard", "read", doc=wu))  # not his team
			listed = set(
				frappe.get_list("Sales Scorecard", {"template": self.template}, pluck="sales_person")
			)
		self.assertEqual(listed, {LI.sales_person, ZHOU.sales_person, SUN.sales_person})
		with acting_as(WANG.user):
			frappe.get_doc("Sales Scorecard", wu).check_permission("read")
			listed = set(
				frappe.get_list("Sales Scorecard", {"template": self.template}, pluck="sales_person")
			)
		self.assertTrue({SUN.sales_person, WU.sales_person, LI.sales_person} <= listed)
		with acting_as(SUN.user):
			listed = set(
				frappe.get_list("Sales Scorecard", {"template": self.template}, pluck="sales_person")
			)
		self.assertEqual(listed, {SUN.sales_person})

	def test_drill_down(self):
		with acting_as(LI.user):
			target = sources(self.cards[SUN.sales_person], scoring.TARGET_COMPLETION)
		self.assertEqual(target["route_options"]["Sales Team.sales_person"], SUN.sales_person)
		with acting_as(WANG.user):
			target = sources(self.cards[WU.sales_person], scoring.COLLECTION_RATE)
		self.assertEqual(target["route"], ["List", "Sales Invoice"])
		with acting_as(LI.user), self.assertRaises(frappe.PermissionError):
			sources(self.cards[WU.sales_person], scoring.TARGET_COMPLETION)

	def test_release_review_and_approve(self):
		name = self.cards[SUN.sales_person]
		with acting_as(LI.user):
			apply_workflow(frappe.get_doc("Sales Scorecard", name), "Release for Self Review")
		with acting_as(SUN.user):
			apply_workflow(frappe.get_doc("Sales Scorecard", name), "Submit Self Review")
		with acting_as(WANG.user):
			doc = frappe.get_doc("Sales Scorecard", name)
			for row in doc.kpis:
				if row.manager_rated:
					row.rating = 100
			doc.save()
			apply_workflow(doc, "Send to Leadership")
		with acting_as(MA.user):
			doc = apply_workflow(frappe.get_doc("Sales Scorecard", name), "Approve")
		self.assertEqual((doc.status, doc.docstatus, doc.approved_by), ("Approved", 1, MA.user))

	def test_sales_person_search_of_a_visit_plan_form(self):
		def search(txt="", **filters):
			return found(
				search_link(
					"Sales Person", txt, query=SEARCH, filters=filters, reference_doctype="Visit Plan"
				)
			)

		with acting_as(LI.user):
			# Frappe's own search offers the team leader only himself among the people ...
			plain = found(search_link("Sales Person", "_Test SD", filters={"is_group": 0}))
			self.assertNotIn(ZHOU.sales_person, plain)
			# ... ours his team, and his team as a team
			self.assertEqual(search(is_group=0), {LI.sales_person, ZHOU.sales_person, SUN.sales_person})
			self.assertEqual(search("Sun", is_group=0), {SUN.sales_person})
			self.assertEqual(search(is_group=1), {EAST})
		with acting_as(ZHOU.user):
			self.assertEqual(search(is_group=0), {ZHOU.sales_person})
			self.assertEqual(search(is_group=1), set())
		with acting_as(WANG.user):
			self.assertTrue({WU.sales_person, SUN.sales_person, LI.sales_person} <= search(is_group=0))
			self.assertTrue({EAST, SOUTH} <= search(is_group=1))

	def test_reports_with_a_salesperson_filter(self):
		filters = {"company": self.company, "period_type": "Month", "date": "2025-03-15"}
		with acting_as(LI.user):
			result = run_report("Sales Target Achievement", {**filters, "sales_person": SUN.sales_person})
		self.assertEqual([row["sales_person"] for row in result["result"]], [SUN.sales_person])
		with acting_as(WANG.user):
			result = run_report(
				"Scorecard Ranking",
				{**filters, "template": self.template, "sales_person": WU.sales_person},
			)
		self.assertEqual([row["sales_person"] for row in result["result"]], [WU.sales_person])
