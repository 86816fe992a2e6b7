# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Weekly Meeting Pack for the week of 2025-03-03 (meeting on Saturday 03-08), looked at on 03-15, on the
fixtures of the Visit Plan Execution tests plus two price exception requests (one pending, one approved),
a draft plan of Li and a plan of Qian sent back for the week after, and an overdue key account of Wang.

The teams are East and South; the department above them is not a team, and Wang, placed directly in it (the
manager), does not hand in plans: his overdue customer is listed under "Outside the Teams".
East (Li, Zhou): Li has only a draft plan (one unplanned visit), Zhou 3 planned / 2 done / 1 unplanned /
1 missed; next week Zhou's plan is pending approval, Li's is a draft (not handed in); VIP Old Zhou is 27 days
overdue on the meeting day and in Zhou's next plan; Zhou has a pending price exception.
South (Qian, Zhao): Qian 2 / 1 / 1 / 1, Zhao's plan is cancelled; next week Qian's plan was sent back (not
handed in) and Zhao has none; L1 Never Qian (97 days) and Shared (7 days) are overdue.

Bids (written straight to the database, see `make_bids`): East has Zhou's bid in review (the technical review
pending) open, and decided in the week Zhou's bid won on 03-05 and Li's approved on 03-08 (lost later, on
03-12); a bid of Zhou's won on 03-12 falls after the week. South has Qian's draft open and her bid declined on
03-07. Wang's bid waiting for go/no-go is listed outside the teams.
"""

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_dept.sales_dept.report.bid_pipeline.test_bid_pipeline import bid_name, clear_bids, insert_bid
from sales_dept.sales_dept.report.visit_plan_execution.test_visit_plan_execution import (
	MONTHLY,
	PREFIX,
	TODAY,
	WEEK1,
	WEEK2,
	customer,
	insert_plan,
	make_report_fixtures,
	on_day,
)
from sales_dept.sales_dept.report.weekly_meeting_pack.weekly_meeting_pack import execute
from sales_dept.services.settings import BUILT_CAPABILITIES
from sales_dept.setup.records import default_company, get_or_make_customer
from sales_dept.tests.factories import DEPT, EAST, PEOPLE, SOUTH

OUTSIDE = "Outside the Teams"

SECTIONS = {
	"plan": "Plan vs Actual",
	"next": "Plans for",
	"overdue": "Overdue Customers",
	"prices": "Pending Price Exceptions",
	"bids": "Open Bids",
	"decided": "Bids Decided",
	"penalties": "Draft Penalties for the Manager",  # shown to the manager and leadership (Administrator here)
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


def make_plans_not_handed_in():
	"""Next week's plans that are not handed in: Li's draft, Qian's plan sent back."""
	row = {"customer": customer("VIP Qian"), "planned_date": "2025-03-12"}
	insert_plan(f"{PREFIX} Plan Qian W2", "Qian", WEEK2, "Sent Back", 0, [row])
	insert_plan(f"{PREFIX} Plan Li W2", "Li", WEEK2, "Draft", 0, [{**row, "customer": customer("VIP Zhou")}])


def make_manager_key_account() -> str:
	"""A monthly customer of Wang's, never visited since it got its tier on 01-01: 66 days overdue on 03-08."""
	name = get_or_make_customer(customer("VIP Wang"), PEOPLE["Wang"].sales_person)
	frappe.db.set_value(
		"Customer", name, {"sd_customer_tier": MONTHLY, "sd_tier_classified_on": "2025-01-01"}
	)
	return name


def make_bids():
	"""The bids of the module's docstring; no other bid."""
	clear_bids()
	insert_bid(
		"M Zhou open",
		"Zhou",
		"In Review",
		status_since="2025-03-10 09:00:00",
		submission_deadline="2025-03-20 17:00:00",
		reviews=(("Technical", "Technical Reviewer", "Pending", None),),
	)
	insert_bid("M Qian open", "Qian", "Draft")
	insert_bid("M Wang open", "Wang", "Go/No-Go", status_since="2025-03-14 09:00:00")
	decided = {"docstatus": 1, "status_since": "2025-03-02 09:00:00"}
	insert_bid("M Zhou won", "Zhou", "Approved", outcome="Won", outcome_on="2025-03-05", **decided)
	insert_bid("M Zhou later", "Zhou", "Approved", outcome="Won", outcome_on="2025-03-12", **decided)
	insert_bid(
		"M Li approved",
		"Li",
		"Approved",
		docstatus=1,
		status_since="2025-03-08 18:00:00",
		outcome="Lost",
		outcome_on="2025-03-12",
	)
	insert_bid("M Qian declined", "Qian", "Declined", docstatus=1, status_since="2025-03-07 10:00:00")


class TestWeeklyMeetingPack(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_report_fixtures()
		make_price_exceptions()
		make_plans_not_handed_in()
		make_bids()
		cls.wang_customer = make_manager_key_account()

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
				pack[row["team"] or row["section"]] = {}
			elif row["indent"] == 1:
				key = next(k for k, label in SECTIONS.items() if row["section"].startswith(label))
				current = pack[row["team"] or OUTSIDE][key] = (row, [])
			else:
				self.assertEqual(row["section"], current[0]["section"])
				current[1].append(row)
		return pack

	def test_one_section_of_each_kind_per_team_in_order(self):
		pack = self.pack()
		self.assertEqual(set(pack), {EAST, SOUTH, OUTSIDE})
		for team in (EAST, SOUTH):
			self.assertEqual(list(pack[team]), list(SECTIONS))
		rows = self.run_report()[0]
		self.assertEqual([row["team"] for row in rows if row["indent"] == 0], [EAST, SOUTH, None])

	def test_the_department_is_no_team_and_its_head_hands_in_no_plan(self):
		rows, chart, _summary = self.run_report()
		self.assertNotIn(DEPT, {row["team"] for row in rows})
		planners = {
			row.get("sales_person")
			for row in rows
			if row["section"].startswith((SECTIONS["plan"], SECTIONS["next"]))
		}
		self.assertEqual(planners - {None}, {person(k) for k in ("Li", "Zhou", "Qian", "Zhao")})
		self.assertNotIn(person("Wang"), chart["data"]["labels"])

	def test_the_heads_overdue_customers_are_listed_outside_the_teams(self):
		outside = self.pack()[OUTSIDE]
		# no plans, nor an empty price exceptions or decided bids section
		self.assertEqual(list(outside), ["overdue", "bids"])
		self.assertEqual([row["reference"] for row in outside["bids"][1]], [bid_name("M Wang open")])
		header, lines = outside["overdue"]
		self.assertEqual(
			[(row["reference"], row["sales_person"], row["days_overdue"]) for row in lines],
			[(self.wang_customer, person("Wang"), 66)],
		)
		self.assertEqual(header["detail"], "1")
		self.assertEqual(self.run_report(team=EAST)[0][-1]["team"], EAST)  # nothing outside East

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
		# without a plan only the visits made apply: the planned figures and the rate are empty, not 0
		self.assertEqual(
			[
				li[k]
				for k in ("status", "done_unplanned", "planned", "done_as_planned", "missed", "execution_pct")
			],
			["No Plan", 1, None, None, None, None],
		)
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
			(
				east[person("Zhou")]["status"],
				east[person("Zhou")]["planned"],
				east[person("Zhou")]["plan_missing"],
			),
			("Pending Approval", 1, 0),
		)
		self.assertEqual(
			(east[person("Li")]["status"], east[person("Li")]["detail"], east[person("Li")]["plan_missing"]),
			("Draft", "Not handed in", 1),
		)
		self.assertEqual(pack[EAST]["next"][0]["detail"], "1 missing")
		south = {row["sales_person"]: (row["status"], row["plan_missing"]) for row in pack[SOUTH]["next"][1]}
		self.assertEqual(south, {person("Qian"): ("Sent Back", 1), person("Zhao"): ("Plan Missing", 1)})
		self.assertEqual(pack[SOUTH]["next"][0]["detail"], "2 missing")
		self.assertEqual(self.run_report()[2]["Next Week's Plans Missing"], 3)  # Li, Qian, Zhao

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

	def test_pending_price_exceptions_and_placeholders(self):
		pack = self.pack()
		header, lines = pack[EAST]["prices"]
		self.assertEqual(header["detail"], "1")
		self.assertEqual([row["reference"] for row in lines], [f"{PREFIX} PER Pending"])
		self.assertEqual([row["detail"] for row in pack[SOUTH]["prices"][1]], ["None."])
		for team in (EAST, SOUTH):  # complaints are built: no Issue of these customers in the week
			self.assertEqual([row["detail"] for row in pack[team]["complaints"][1]], ["None."])

	@change_settings("Sales Dept Settings", {"enable_bid_review": 1, "enable_pricing_policy": 1})
	def test_only_capabilities_not_built_get_a_note(self):
		self.assertIn("bid_review", BUILT_CAPABILITIES)
		pack = self.pack()
		notes = {
			key for key, (_header, lines) in pack[EAST].items() if any(row.get("is_note") for row in lines)
		}
		self.assertEqual(notes, set())  # complaints, the last to come, are built
		self.assertIn("complaints", BUILT_CAPABILITIES)

	def test_open_bids_and_those_decided_in_the_week(self):
		pack = self.pack()
		header, lines = pack[EAST]["bids"]
		self.assertEqual(header["detail"], "1")
		self.assertEqual(
			[
				(row["reference"], row["sales_person"], row["status"], row["waits_for"], str(row["date"]))
				for row in lines
			],
			[(bid_name("M Zhou open"), person("Zhou"), "In Review", "Review: Technical", "2025-03-20")],
		)
		self.assertEqual((lines[0]["amount"], lines[0]["detail"]), (1000.0, "M Zhou open motors"))
		header, lines = pack[EAST]["decided"]
		self.assertEqual(
			[(row["reference"], row["status"], str(row["date"])) for row in lines],
			[
				(bid_name("M Zhou won"), "Won", "2025-03-05"),
				(bid_name("M Li approved"), "Approved", "2025-03-08"),
			],
		)
		self.assertEqual(header["detail"], "2")
		self.assertEqual(
			[(row["reference"], row["waits_for"]) for row in pack[SOUTH]["bids"][1]],
			[(bid_name("M Qian open"), "Salesperson")],
		)
		self.assertEqual(
			[(row["reference"], row["status"], str(row["date"])) for row in pack[SOUTH]["decided"][1]],
			[(bid_name("M Qian declined"), "Declined", "2025-03-07")],
		)
		summary = self.run_report()[2]
		self.assertEqual((summary["Open Bids"], summary["Bids Decided"]), (3, 3))
		with self.set_user(PEOPLE["Zhou"].user):  # a salesperson: their own bids only
			mine = self.pack()
		self.assertEqual([row["reference"] for row in mine[EAST]["decided"][1]], [bid_name("M Zhou won")])

	@change_settings("Sales Dept Settings", {"enable_bid_review": 0, "enable_pricing_policy": 0})
	def test_nothing_at_all_for_a_capability_switched_off(self):
		pack = self.pack()
		self.assertEqual(list(pack[EAST]), ["plan", "next", "overdue", "penalties", "complaints"])
		self.assertEqual(list(pack[OUTSIDE]), ["overdue"])
		self.assertNotIn("Pending Price Exceptions", self.run_report()[2])

	def test_summary_and_chart(self):
		_rows, chart, summary = self.run_report(team=EAST)
		self.assertEqual(summary["Execution (%)"], 66.7)
		self.assertEqual(summary["Pending Price Exceptions"], 1)
		monday, sunday = (frappe.format(day, "Date") for day in ("2025-03-03", "2025-03-09"))
		self.assertEqual(chart["title"], f"Planned Visits, {monday} to {sunday}")
		self.assertEqual(chart["data"]["labels"], [person("Li"), person("Zhou")])
		datasets = {d["name"]: d["values"] for d in chart["data"]["datasets"]}
		# stacked, so frappe-charts draws a legend (it does for two or more datasets)
		self.assertEqual(
			datasets,
			{
				"Done as Planned": [0, 2],
				"Done on Another Day": [0, 0],
				"Missed Visits": [0, 1],
				"Still Open": [0, 0],
			},
		)

	def test_a_figure_that_does_not_apply_is_empty_and_a_true_zero_stays(self):
		"""A cell missing from a row printed as "0%" or "CNY 0.00": every row has every column, None (shown
		empty) where nothing applies."""
		with on_day(TODAY):
			columns, rows = execute({"company": default_company(), "week_start": WEEK1, "team": DEPT})[:2]
		fieldnames = {column["fieldname"] for column in columns}
		self.assertTrue(all(fieldnames <= set(row) for row in rows))
		headers = [row for row in rows if row.get("is_header")]
		self.assertEqual(
			{(row["execution_pct"], row["amount"], row["planned"]) for row in headers}, {(None,) * 3}
		)
		pack = self.pack()
		zhou = next(row for row in pack[EAST]["plan"][1] if row["sales_person"] == person("Zhou"))
		self.assertEqual((zhou["open"], zhou["amount"]), (0, None))  # none open: a true 0; no amount here
		zhao = next(row for row in pack[SOUTH]["next"][1] if row["sales_person"] == person("Zhao"))
		self.assertEqual((zhao["status"], zhao["planned"]), ("Plan Missing", None))

	def test_open_visits_are_left_out_of_the_rate_before_the_week_is_over(self):
		"""On Wednesday 03-05, Zhou's Shared visit of that day is still open: 2 done of 2 due."""
		filters = {"company": default_company(), "week_start": WEEK1, "team": EAST}
		with on_day("2025-03-05"):
			rows = execute(filters)[1]
		zhou = next(r for r in rows if r.get("sales_person") == person("Zhou") and "planned" in r)
		self.assertEqual(
			[zhou[k] for k in ("planned", "done_as_planned", "missed", "open", "execution_pct")],
			[3, 2, 0, 1, 100.0],
		)

	def test_visibility(self):
		for key, teams, people in (
			("Zhou", {EAST}, {person("Zhou")}),
			("Li", {EAST}, {person("Li"), person("Zhou")}),
			("Zhao", {SOUTH}, {person("Qian"), person("Zhao")}),
			("Wang", {EAST, SOUTH}, {person(k) for k in ("Li", "Zhou", "Qian", "Zhao")}),
		):
			with self.subTest(user=key), self.set_user(PEOPLE[key].user):
				pack = self.pack()
				self.assertEqual(set(pack) - {OUTSIDE}, teams)
				listed = {row["sales_person"] for team in teams for row in pack[team]["plan"][1]} - {None}
				self.assertEqual(listed, people)

	def test_week_must_start_on_monday(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			execute({"company": default_company(), "week_start": "2025-03-04"})
		self.assertIn("must start on a Monday", str(caught.exception))
