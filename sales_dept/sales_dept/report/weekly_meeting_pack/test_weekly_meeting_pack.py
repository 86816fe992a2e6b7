# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Weekly Meeting Pack for the week of 2025-03-03 (meeting on Saturday 03-08), looked at on 03-15, on the
fixtures of the Visit Plan Execution tests plus two price exception requests (one pending, one approved).

East (Li, Zhou): Li has only a draft plan (one unplanned visit), Zhou 3 planned / 2 done / 1 unplanned /
1 missed; next week Zhou's plan is pending approval, Li's is missing; VIP Old Zhou is 27 days overdue on the
meeting day and in Zhou's next plan; Zhou has a pending price exception.
South (Qian, Zhao): Qian 2 / 1 / 1 / 1, Zhao's plan is cancelled; both next plans missing; L1 Never Qian
(97 days) and Shared (7 days) are overdue.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.sales_dept.report.visit_plan_execution.test_visit_plan_execution import (
	PREFIX,
	TODAY,
	WEEK1,
	customer,
	make_report_fixtures,
	on_day,
)
from sales_dept.sales_dept.report.weekly_meeting_pack.weekly_meeting_pack import execute
from sales_dept.setup.records import default_company
from sales_dept.tests.factories import DEPT, EAST, PEOPLE, SOUTH

SECTIONS = {
	"plan": "Plan vs Actual",
	"next": "Plans for",
	"overdue": "Overdue Customers",
	"prices": "Pending Price Exceptions",
	"bids": "Open Bids",
	"complaints": "Complaints",
}


def person(key: str) -> str:
	return PEOPLE[key].sales_person


def make_price_exceptions():
	for name, status in ((f"{PREFIX} PER Pending", "Pending"), (f"{PREFIX} PER Approved", "Approved")):
		if not frappe.db.exists("Price Exception Request", name):
			frappe.get_doc(
				{
					"doctype": "Price Exception Request",
					"name": name,
					"company": default_company(),
					"sales_person": person("Zhou"),
					"customer": customer("VIP Zhou"),
					"reference_doctype": "Quotation",
					"reference_name": f"{PREFIX} Quotation",
					"status": status,
					"docstatus": 1,
				}
			).db_insert()


class TestWeeklyMeetingPack(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_report_fixtures()
		make_price_exceptions()

	def run_report(self, **filters):
		filters = {"company": default_company(), "week_start": WEEK1, "team": DEPT, **filters}
		with on_day(TODAY):
			_columns, rows, message, chart, summary = execute(filters)
		return rows, chart, {s["label"]: s["value"] for s in summary}

	def pack(self, **filters) -> dict:
		"""{team: {section key: (header row, [lines])}} of the report's rows."""
		rows = self.run_report(**filters)[0]
		pack, current = {}, None
		for row in rows:
			if row["indent"] == 0:
				pack[row["team"]] = {}
			elif row["indent"] == 1:
				key = next(k for k, label in SECTIONS.items() if row["section"].startswith(label))
				current = pack[row["team"]][key] = (row, [])
			else:
				self.assertEqual(row["section"], current[0]["section"])
				current[1].append(row)
		return pack

	def test_one_section_of_each_kind_per_team_in_order(self):
		pack = self.pack()
		self.assertEqual(set(pack), {DEPT, EAST, SOUTH})
		for team in pack.values():
			self.assertEqual(list(team), list(SECTIONS))
		rows = self.run_report()[0]
		self.assertEqual([row["team"] for row in rows if row["indent"] == 0], sorted([DEPT, EAST, SOUTH]))

	def test_plan_vs_actual_of_the_week(self):
		pack = self.pack()
		lines = {row["sales_person"]: row for row in pack[EAST]["plan"][1]}
		zhou, li, total = lines[person("Zhou")], lines[person("Li")], lines[None]
		self.assertEqual(
			[zhou[k] for k in ("planned", "done_as_planned", "done_unplanned", "missed", "execution_pct")],
			[3, 2, 1, 1, 66.7],
		)
		self.assertEqual(
			(zhou["status"], zhou["reference"], zhou["is_late"]), ("Approved", f"{PREFIX} Plan Zhou W1", 1)
		)
		self.assertEqual((li["status"], li["planned"], li["done_unplanned"]), ("No Plan", 0, 1))
		self.assertEqual(
			[total[k] for k in ("planned", "done_as_planned", "done_unplanned", "missed", "execution_pct")],
			[3, 2, 2, 1, 66.7],
		)
		south = {row["sales_person"]: row for row in pack[SOUTH]["plan"][1]}
		self.assertEqual(
			[
				south[person("Qian")][k]
				for k in ("status", "planned", "done_as_planned", "done_unplanned", "missed")
			],
			["Pending Approval", 2, 1, 1, 1],
		)
		self.assertEqual(south[person("Zhao")]["status"], "No Plan")

	def test_next_week_plans_and_missing_ones(self):
		pack = self.pack()
		east = {row["sales_person"]: row for row in pack[EAST]["next"][1]}
		self.assertEqual(
			(east[person("Zhou")]["status"], east[person("Zhou")]["planned"]), ("Pending Approval", 1)
		)
		self.assertEqual(east[person("Li")]["status"], "Plan Missing")
		self.assertEqual(pack[EAST]["next"][0]["detail"], "1 missing")
		south = {row["sales_person"]: row["status"] for row in pack[SOUTH]["next"][1]}
		self.assertEqual(south, {person("Qian"): "Plan Missing", person("Zhao"): "Plan Missing"})
		self.assertEqual(self.run_report()[2]["Next Week's Plans Missing"], 4)  # Wang, Li, Qian, Zhao

	def test_overdue_customers_of_each_team(self):
		pack = self.pack()
		for team, expected in (
			(EAST, [("VIP Old Zhou", "Zhou", 27, 1)]),
			(SOUTH, [("L1 Never Qian", "Qian", 97, 0), ("Shared", "Qian", 7, 0)]),
		):
			header, lines = pack[team]["overdue"]
			mine = [row for row in lines if (row.get("reference") or "").startswith(PREFIX)]
			self.assertEqual(
				[
					(row["reference"], row["sales_person"], row["days_overdue"], row["in_next_plan"])
					for row in mine
				],
				[(customer(short), person(key), days, planned) for short, key, days, planned in expected],
			)
			self.assertEqual(header["detail"], str(len(lines)))
		self.assertEqual([row["detail"] for row in pack[DEPT]["overdue"][1]], ["None."])

	def test_pending_price_exceptions_and_placeholders(self):
		pack = self.pack()
		header, lines = pack[EAST]["prices"]
		self.assertEqual(header["detail"], "1")
		self.assertEqual([row["reference"] for row in lines], [f"{PREFIX} PER Pending"])
		self.assertEqual([row["detail"] for row in pack[SOUTH]["prices"][1]], ["None."])
		for team in (EAST, SOUTH):
			for key in ("bids", "complaints"):
				self.assertEqual(len(pack[team][key][1]), 1)
				self.assertIn("not in place yet", pack[team][key][1][0]["detail"])

	def test_summary_and_chart(self):
		_rows, chart, summary = self.run_report(team=EAST)
		self.assertEqual(summary["Execution (%)"], 66.7)
		self.assertEqual(summary["Pending Price Exceptions"], 1)
		values = dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True))
		self.assertEqual(values, {person("Li"): 0.0, person("Zhou"): 66.7})

	def test_visibility(self):
		for key, teams, people in (
			("Zhou", {EAST}, {person("Zhou")}),
			("Li", {EAST}, {person("Li"), person("Zhou")}),
			("Zhao", {SOUTH}, {person("Qian"), person("Zhao")}),
			("Wang", {DEPT, EAST, SOUTH}, {person(k) for k in ("Wang", "Li", "Zhou", "Qian", "Zhao")}),
		):
			with self.subTest(user=key), self.set_user(PEOPLE[key].user):
				pack = self.pack()
				self.assertEqual(set(pack), teams)
				listed = {row["sales_person"] for team in pack.values() for row in team["plan"][1]} - {None}
				self.assertEqual(listed, people)

	def test_week_must_start_on_monday(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			execute({"company": default_company(), "week_start": "2025-03-04"})
		self.assertIn("must start on a Monday", str(caught.exception))
