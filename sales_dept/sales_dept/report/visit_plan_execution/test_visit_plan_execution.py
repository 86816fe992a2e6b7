# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Visit Plan Execution on known data. The fixtures here are shared with the tests of Customer Visit
Coverage and the Weekly Meeting Pack: records are written straight to the database (no controller runs),
with the docstatus and workflow state each case needs.

Week 1 (Mon 2025-03-03 to Sun 03-09), looked at on Sat 2025-03-15:
- Zhou, approved, submitted late: rows VIP (done by a linked visit), L1 (ticked done), Shared (not done),
  L1 again (waived) -> planned 3, done 2, missed 1; one unplanned visit (a draft and a cancelled one
  do not count) -> execution 66.7 %.
- Qian, pending approval: rows VIP Qian (not done), L2 (done by a linked visit) -> planned 2, done 1,
  missed 1; one unplanned visit -> 50 %.
- Li, draft: not counted (his visit that week is unplanned). Zhao, cancelled: not counted.
Week 2 (from 03-10): Zhou pending approval (visits VIP Old), Qian none.

Looked at on Wed 03-05 instead, Zhou's Shared row (planned for that day, not done) is still open: it is counted
apart and left out of the execution rate (2 done of 2 due: 100 %), while Qian's VIP row of 03-03, not done, is
missed already (1 done of 2 due: 50 %).
"""

from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, getdate

from sales_dept.rules.visits import period_end
from sales_dept.sales_dept.report.visit_plan_execution.visit_plan_execution import execute
from sales_dept.setup.records import default_company, get_or_make_customer
from sales_dept.tests.factories import DEPT, EAST, PEOPLE, SOUTH, make_sales_org

PREFIX = "_Test SDR"
WEEK1, WEEK2 = getdate("2025-03-03"), getdate("2025-03-10")
TODAY = "2025-03-15"
MONTHLY, BIMONTHLY, ARRANGED = f"{PREFIX} Monthly", f"{PREFIX} Bimonthly", f"{PREFIX} Arranged"

# name -> (tier, classified on, [(sales person key, allocated %)])
CUSTOMERS = {
	f"{PREFIX} VIP Zhou": (MONTHLY, "2025-01-01", [("Zhou", 100)]),
	f"{PREFIX} L1 Zhou": (BIMONTHLY, "2025-01-01", [("Zhou", 100)]),
	f"{PREFIX} VIP Old Zhou": (MONTHLY, "2025-01-01", [("Zhou", 100)]),
	f"{PREFIX} VIP Qian": (MONTHLY, "2025-01-01", [("Qian", 100)]),
	f"{PREFIX} L2 Qian": (ARRANGED, "2025-01-01", [("Qian", 100)]),
	f"{PREFIX} L1 Never Qian": (BIMONTHLY, "2024-12-01", [("Qian", 100)]),
	f"{PREFIX} Shared": (MONTHLY, "2025-03-01", [("Zhou", 30), ("Qian", 70)]),
}


@contextmanager
def on_day(day):
	"""Run the block as if today were `day` (what getdate() and nowdate() answer)."""
	with patch("frappe.utils.data.now_datetime", return_value=get_datetime(f"{day} 12:00:00")):
		yield


def customer(short: str) -> str:
	return f"{PREFIX} {short}"


def make_tiers():
	for tier, interval in ((MONTHLY, 30), (BIMONTHLY, 60), (ARRANGED, 0)):
		if not frappe.db.exists("Customer Tier", tier):
			frappe.get_doc(
				{
					"doctype": "Customer Tier",
					"tier_name": tier,
					"min_net_sales": 0,
					"visit_interval_days": interval,
				}
			).db_insert()


def make_customers():
	for name, (tier, classified_on, team) in CUSTOMERS.items():
		if not frappe.db.exists("Customer", name):
			get_or_make_customer(name, PEOPLE[team[0][0]].sales_person)
			frappe.db.delete("Sales Team", {"parenttype": "Customer", "parent": name})
			for idx, (key, share) in enumerate(team, 1):
				frappe.get_doc(
					{
						"doctype": "Sales Team",
						"name": f"{name}-{idx}",
						"parent": name,
						"parenttype": "Customer",
						"parentfield": "sales_team",
						"idx": idx,
						"sales_person": PEOPLE[key].sales_person,
						"allocated_percentage": share,
					}
				).db_insert()
		frappe.db.set_value(
			"Customer",
			name,
			{"sd_customer_tier": tier, "sd_tier_classified_on": classified_on, "disabled": 0},
			update_modified=False,
		)


def insert_visit(name, person_key, customer_name, visit_date, docstatus=1, plan=None, plan_row=None):
	if frappe.db.exists("Visit Record", name):
		return name
	frappe.get_doc(
		{
			"doctype": "Visit Record",
			"name": name,
			"sales_person": PEOPLE[person_key].sales_person,
			"customer": customer_name,
			"customer_name": customer_name,
			"company": default_company(),
			"visit_date": visit_date,
			"purpose": "Revisit",
			"outcome": "Met the buyer.",
			"visit_plan": plan,
			"visit_plan_row": plan_row,
			"docstatus": docstatus,
		}
	).db_insert()
	return name


def insert_plan(name, person_key, start, state, docstatus, rows=(), is_late=0):
	"""A weekly plan written as it is stored; `rows` are dicts of Visit Plan Row fields."""
	if frappe.db.exists("Visit Plan", name):
		return name
	plan = frappe.get_doc(
		{
			"doctype": "Visit Plan",
			"name": name,
			"sales_person": PEOPLE[person_key].sales_person,
			"team": PEOPLE[person_key].team,
			"company": default_company(),
			"period_type": "Week",
			"period_start": start,
			"period_end": period_end("Week", start),
			"is_late": is_late,
			"submitted_on": f"{start} 00:00:00" if state != "Draft" else None,
			"docstatus": docstatus,
			"workflow_state": state,
		}
	)
	plan.db_insert()
	for idx, row in enumerate(rows, 1):
		frappe.get_doc(
			{
				"doctype": "Visit Plan Row",
				"name": f"{name}-{idx}",
				"parent": name,
				"parenttype": "Visit Plan",
				"parentfield": "visits",
				"idx": idx,
				"purpose": "Revisit",
				"docstatus": docstatus,
				"customer_name": row["customer"],
				**row,
			}
		).db_insert()
	return name


def ensure_plan_workflow():
	"""The workflow state column comes with the "Visit Plan Approval" workflow sales_dept installs."""
	if not frappe.get_meta("Visit Plan").has_field("workflow_state"):
		from sales_dept.setup.workflows import make_visit_plan_workflow

		make_visit_plan_workflow()
		frappe.clear_cache(doctype="Visit Plan")


def make_report_fixtures() -> dict:
	"""The records described in this module's docstring (idempotent)."""
	ensure_plan_workflow()
	make_sales_org()
	make_tiers()
	make_customers()
	zhou1, qian1 = f"{PREFIX} Plan Zhou W1", f"{PREFIX} Plan Qian W1"
	insert_visit(
		f"{PREFIX} V Zhou 1", "Zhou", customer("VIP Zhou"), "2025-03-03", plan=zhou1, plan_row=f"{zhou1}-1"
	)
	insert_visit(f"{PREFIX} V Zhou 2", "Zhou", customer("L1 Zhou"), "2025-03-07")
	insert_visit(f"{PREFIX} V Zhou draft", "Zhou", customer("L1 Zhou"), "2025-03-08", docstatus=0)
	insert_visit(f"{PREFIX} V Zhou cancelled", "Zhou", customer("VIP Zhou"), "2025-03-08", docstatus=2)
	insert_visit(f"{PREFIX} V Zhou old", "Zhou", customer("VIP Old Zhou"), "2025-01-10")
	insert_visit(
		f"{PREFIX} V Qian 1", "Qian", customer("L2 Qian"), "2025-03-04", plan=qian1, plan_row=f"{qian1}-2"
	)
	insert_visit(f"{PREFIX} V Qian 2", "Qian", customer("VIP Qian"), "2025-03-08")
	insert_visit(f"{PREFIX} V Li 1", "Li", customer("VIP Zhou"), "2025-03-05")
	insert_plan(
		zhou1,
		"Zhou",
		WEEK1,
		"Approved",
		1,
		[
			{
				"customer": customer("VIP Zhou"),
				"planned_date": "2025-03-03",
				"visit_record": f"{PREFIX} V Zhou 1",
				"done": 1,
			},
			{"customer": customer("L1 Zhou"), "planned_date": "2025-03-04", "done": 1},
			{"customer": customer("Shared"), "planned_date": "2025-03-05"},
			{
				"customer": customer("L1 Zhou"),
				"planned_date": "2025-03-06",
				"waived": 1,
				"waive_reason": "agreed",
			},
		],
		is_late=1,
	)
	insert_plan(
		qian1,
		"Qian",
		WEEK1,
		"Pending Approval",
		0,
		[
			{"customer": customer("VIP Qian"), "planned_date": "2025-03-03"},
			{
				"customer": customer("L2 Qian"),
				"planned_date": "2025-03-04",
				"visit_record": f"{PREFIX} V Qian 1",
			},
		],
	)
	insert_plan(
		f"{PREFIX} Plan Li W1",
		"Li",
		WEEK1,
		"Draft",
		0,
		[{"customer": customer("VIP Zhou"), "planned_date": "2025-03-05"}],
	)
	insert_plan(
		f"{PREFIX} Plan Zhao W1",
		"Zhao",
		WEEK1,
		"Approved",
		2,
		[{"customer": customer("VIP Qian"), "planned_date": "2025-03-05"}],
	)
	insert_plan(
		f"{PREFIX} Plan Zhou W2",
		"Zhou",
		WEEK2,
		"Pending Approval",
		0,
		[{"customer": customer("VIP Old Zhou"), "planned_date": "2025-03-11"}],
	)
	return {"zhou1": zhou1, "qian1": qian1}


class TestVisitPlanExecution(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.names = make_report_fixtures()

	def run_report(self, today=TODAY, **filters):
		filters = {
			"company": default_company(),
			"from_date": WEEK1,
			"to_date": "2025-03-09",
			"team": DEPT,
			**filters,
		}
		with on_day(today):
			columns, rows, message, chart, summary = execute(filters)
		return {row["plan"]: row for row in rows}, chart, {s["label"]: s["value"] for s in summary}

	def test_figures_per_plan_once_the_week_is_over(self):
		rows, _chart, summary = self.run_report()
		self.assertEqual(set(rows), {self.names["zhou1"], self.names["qian1"]})
		zhou, qian = rows[self.names["zhou1"]], rows[self.names["qian1"]]
		self.assertEqual(
			(zhou["planned"], zhou["done_as_planned"], zhou["done_unplanned"], zhou["missed"], zhou["open"]),
			(3, 2, 1, 1, 0),
		)
		self.assertEqual((zhou["execution_pct"], zhou["is_late"], zhou["team"]), (66.7, 1, EAST))
		self.assertEqual(
			(qian["planned"], qian["done_as_planned"], qian["done_unplanned"], qian["missed"]), (2, 1, 1, 1)
		)
		self.assertEqual((qian["execution_pct"], qian["is_late"], qian["team"]), (50.0, 0, SOUTH))
		self.assertEqual(
			[
				summary[k]
				for k in (
					"Plans Counted",
					"Planned",
					"Done as Planned",
					"Done Unplanned",
					"Missed Visits",
					"Late Plans",
				)
			],
			[2, 5, 3, 2, 2, 1],
		)
		self.assertEqual(summary["Execution (%)"], 60.0)

	def test_open_rows_are_counted_apart_and_left_out_of_the_execution_rate(self):
		rows, _chart, summary = self.run_report(today="2025-03-05")
		figures = ("planned", "done_as_planned", "missed", "open", "execution_pct")
		zhou, qian = rows[self.names["zhou1"]], rows[self.names["qian1"]]
		self.assertEqual([zhou[k] for k in figures], [3, 2, 0, 1, 100.0])
		self.assertEqual([qian[k] for k in figures], [2, 1, 1, 0, 50.0])
		self.assertEqual(
			[summary[k] for k in ("Planned", "Done as Planned", "Missed Visits", "Still Open")], [5, 3, 1, 1]
		)
		self.assertEqual(summary["Execution (%)"], 75.0)  # 3 done of the 4 whose date has passed

	def test_rows_done_ahead_of_their_day_count_as_done(self):
		rows, _chart, summary = self.run_report(today="2025-03-02")
		zhou = rows[self.names["zhou1"]]
		self.assertEqual(
			[zhou[k] for k in ("planned", "done_as_planned", "missed", "open", "execution_pct")],
			[3, 2, 0, 1, 100.0],  # two rows ticked done ahead of their day count as done
		)
		qian = rows[self.names["qian1"]]
		self.assertEqual([qian[k] for k in ("missed", "open", "execution_pct")], [0, 1, 100.0])

	def test_a_plan_with_nothing_due_yet_has_no_rate_rather_than_zero(self):
		rows = self.run_report(today="2025-03-10", to_date="2025-03-16")[0]
		zhou2 = rows[f"{PREFIX} Plan Zhou W2"]
		self.assertEqual(
			[zhou2[k] for k in ("planned", "done_as_planned", "missed", "open", "execution_pct")],
			[1, 0, 0, 1, None],
		)
		summary = self.run_report(today="2025-03-10", from_date=WEEK2, to_date="2025-03-16")[2]
		self.assertEqual((summary["Still Open"], summary["Execution (%)"]), (1, "–"))

	def test_the_message_says_how_execution_is_computed(self):
		with on_day(TODAY):
			message = execute({"company": default_company(), "from_date": WEEK1, "to_date": "2025-03-09"})[2]
		self.assertIn("only over the planned visits whose date has passed", message)

	def test_chart_stacks_planned_visits_per_salesperson_with_title_and_legend(self):
		_rows, chart, _summary = self.run_report(today="2025-03-05")
		self.assertEqual(chart["title"], "Planned Visits per Salesperson")
		self.assertEqual(chart["data"]["labels"], [PEOPLE["Qian"].sales_person, PEOPLE["Zhou"].sales_person])
		datasets = {d["name"]: d["values"] for d in chart["data"]["datasets"]}
		# frappe-charts draws a legend for two or more datasets
		self.assertEqual(
			datasets,
			{
				"Done as Planned": [1, 2],
				"Done on Another Day": [0, 0],
				"Missed Visits": [1, 0],
				"Still Open": [0, 1],
			},
		)
		self.assertEqual(chart["barOptions"], {"stacked": 1})

	def test_filters_narrow_the_plans(self):
		self.assertEqual(set(self.run_report(team=EAST)[0]), {self.names["zhou1"]})
		self.assertEqual(
			set(self.run_report(sales_person=PEOPLE["Qian"].sales_person)[0]), {self.names["qian1"]}
		)
		self.assertEqual(self.run_report(period_type="Month")[0], {})
		self.assertEqual(
			len(self.run_report(to_date="2025-03-16")[0]), 3
		)  # week 2 overlaps: Zhou's pending plan

	def test_visibility(self):
		for key, expected in (
			("Zhou", {self.names["zhou1"]}),
			("Li", {self.names["zhou1"]}),
			("Qian", {self.names["qian1"]}),
			("Zhao", {self.names["qian1"]}),
			("Wang", {self.names["zhou1"], self.names["qian1"]}),
		):
			with self.subTest(user=key), self.set_user(PEOPLE[key].user):
				self.assertEqual(set(self.run_report()[0]), expected)

	def test_bad_filters_are_refused(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			execute({"company": default_company(), "from_date": "2025-03-09", "to_date": "2025-03-03"})
		self.assertIn("From Date must be before To Date", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			execute({"company": default_company(), "team": PEOPLE["Zhou"].sales_person})
		self.assertIn("is not a team", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			execute({})
		self.assertIn("Choose a company", str(caught.exception))
