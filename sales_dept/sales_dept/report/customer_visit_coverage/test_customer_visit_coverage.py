# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Customer Visit Coverage on the fixtures of the Visit Plan Execution tests (test tiers: monthly, every two
months, as arranged). On 2025-03-15:

| customer      | tier      | responsible | last visit            | due        | days |
| VIP Zhou      | monthly   | Zhou        | 03-05 (Li's visit)    | 04-04      | 20   |
| L1 Zhou       | bimonthly | Zhou        | 03-07 (draft ignored) | 05-06      | 52   |
| VIP Old Zhou  | monthly   | Zhou        | 01-10                 | 02-09      | -34  |
| VIP Qian      | monthly   | Qian        | 03-08                 | 04-07      | 23   |
| L2 Qian       | arranged  | Qian        | 03-04                 | -          | -    |
| L1 Never Qian | bimonthly | Qian        | never (tier 12-01)    | 2024-12-01 | -104 |
| Shared        | monthly   | Qian (70 %) | never (tier 03-01)    | 03-01      | -14  |
"""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from sales_dept.sales_dept.report.customer_visit_coverage.customer_visit_coverage import execute
from sales_dept.sales_dept.report.visit_plan_execution.test_visit_plan_execution import (
	MONTHLY,
	PREFIX,
	TODAY,
	customer,
	make_report_fixtures,
	on_day,
)
from sales_dept.setup.records import default_company, get_or_make_customer
from sales_dept.tests.factories import DEPT, EAST, PEOPLE, SOUTH

ZHOU_CUSTOMERS = {customer("VIP Zhou"), customer("L1 Zhou"), customer("VIP Old Zhou")}
QIAN_CUSTOMERS = {customer("VIP Qian"), customer("L2 Qian"), customer("L1 Never Qian"), customer("Shared")}


class TestCustomerVisitCoverage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_report_fixtures()

	def run_report(self, **filters):
		"""Rows of the fixture customers by name, chart and summary (by label)."""
		filters = {"company": default_company(), "as_on": TODAY, **filters}
		with on_day(TODAY):
			_columns, rows, _message, chart, summary = execute(filters)
		mine = {row["customer"]: row for row in rows if row["customer"].startswith(PREFIX)}
		return mine, chart, {s["label"]: s["value"] for s in summary}

	def test_due_dates_and_responsible_salesperson(self):
		rows, _chart, _summary = self.run_report(team=DEPT)
		self.assertEqual(set(rows), ZHOU_CUSTOMERS | QIAN_CUSTOMERS)
		expected = {
			"VIP Zhou": ("2025-03-05", "2025-04-04", 20, "On Time", "Zhou", EAST),
			"L1 Zhou": ("2025-03-07", "2025-05-06", 52, "On Time", "Zhou", EAST),
			"VIP Old Zhou": ("2025-01-10", "2025-02-09", -34, "Overdue", "Zhou", EAST),
			"VIP Qian": ("2025-03-08", "2025-04-07", 23, "On Time", "Qian", SOUTH),
			"L2 Qian": ("2025-03-04", None, None, "As Arranged", "Qian", SOUTH),
			"L1 Never Qian": (None, "2024-12-01", -104, "Overdue", "Qian", SOUTH),
			"Shared": (None, "2025-03-01", -14, "Overdue", "Qian", SOUTH),
		}
		for short, (last, due, days, status, person, team) in expected.items():
			row = rows[customer(short)]
			with self.subTest(customer=short):
				self.assertEqual(
					(row["last_visit"], row["next_due"], row["days_until_due"], row["status"]),
					(getdate(last) if last else None, getdate(due) if due else None, days, status),
				)
				self.assertEqual((row["sales_person"], row["team"]), (PEOPLE[person].sales_person, team))
		self.assertEqual(rows[customer("VIP Zhou")]["visit_interval_days"], 30)

	def test_most_overdue_first_and_as_arranged_last(self):
		with on_day(TODAY):
			rows = execute({"company": default_company(), "as_on": TODAY, "team": DEPT})[1]
		order = [row["customer"] for row in rows if row["customer"].startswith(PREFIX)]
		self.assertEqual(
			order,
			[
				customer(short)
				for short in (
					"L1 Never Qian",
					"VIP Old Zhou",
					"Shared",
					"VIP Zhou",
					"VIP Qian",
					"L1 Zhou",
					"L2 Qian",
				)
			],
		)

	def test_the_interval_reads_as_arranged_for_a_tier_without_one(self):
		columns = execute({"company": default_company(), "as_on": TODAY, "team": DEPT})[0]
		interval = next(column for column in columns if column["fieldname"] == "visit_interval")
		self.assertEqual(interval["fieldtype"], "Data")
		rows = self.run_report(team=DEPT)[0]
		self.assertEqual(rows[customer("L2 Qian")]["visit_interval"], "As Arranged")
		self.assertEqual(rows[customer("VIP Zhou")]["visit_interval"], "Every 30 days")

	def test_visits_after_the_date_do_not_count(self):
		rows = self.run_report(team=DEPT, as_on="2025-03-04")[0]
		self.assertEqual(rows[customer("VIP Zhou")]["last_visit"], getdate("2025-03-03"))
		self.assertEqual(rows[customer("VIP Qian")]["last_visit"], None)
		self.assertEqual(rows[customer("VIP Qian")]["days_until_due"], -62)
		self.assertEqual(
			self.run_report(team=DEPT, as_on="2025-03-30")[0][customer("VIP Zhou")]["status"], "Due Soon"
		)

	def test_overdue_only_and_tier_filters(self):
		overdue = self.run_report(team=DEPT, overdue_only=1)[0]
		self.assertEqual(
			set(overdue), {customer("VIP Old Zhou"), customer("L1 Never Qian"), customer("Shared")}
		)
		monthly = self.run_report(team=DEPT, tier=MONTHLY)[0]
		self.assertEqual(
			set(monthly),
			{customer("VIP Zhou"), customer("VIP Old Zhou"), customer("VIP Qian"), customer("Shared")},
		)
		both = self.run_report(team=DEPT, tier=MONTHLY, overdue_only=1)[0]
		self.assertEqual(set(both), {customer("VIP Old Zhou"), customer("Shared")})
		self.assertEqual(set(self.run_report(team=EAST)[0]), ZHOU_CUSTOMERS)
		self.assertEqual(set(self.run_report(sales_person=PEOPLE["Qian"].sales_person)[0]), QIAN_CUSTOMERS)

	def test_overdue_only_from_the_day_after_the_due_date(self):
		"""VIP Zhou, last visited 03-05 on a 30-day interval, is due on 04-04 and overdue from 04-05; the
		overdue filter (narrowed in SQL) agrees with the full listing on both days."""
		for as_on, status in (("2025-04-04", "Due Soon"), ("2025-04-05", "Overdue")):
			with self.subTest(as_on=as_on):
				everyone = self.run_report(team=DEPT, as_on=as_on)[0]
				overdue = self.run_report(team=DEPT, as_on=as_on, overdue_only=1)[0]
				self.assertEqual(everyone[customer("VIP Zhou")]["status"], status)
				self.assertEqual(customer("VIP Zhou") in overdue, status == "Overdue")
				self.assertEqual(
					set(overdue), {c for c, row in everyone.items() if row["status"] == "Overdue"}
				)

	def test_responsible_salesperson_on_a_tie_is_the_first_listed(self):
		name = customer("Tied")
		frappe.db.savepoint("tied_customer")
		get_or_make_customer(name, PEOPLE["Zhou"].sales_person)
		frappe.db.set_value("Customer", name, "sd_customer_tier", MONTHLY)
		frappe.db.delete("Sales Team", {"parenttype": "Customer", "parent": name})
		# stored in the opposite order of the list (idx), which is the one that counts
		for row_name, idx, key in (("b", 1, "Qian"), ("a", 2, "Zhou")):
			frappe.get_doc(
				{
					"doctype": "Sales Team",
					"name": f"{name}-{row_name}",
					"parent": name,
					"parenttype": "Customer",
					"parentfield": "sales_team",
					"idx": idx,
					"sales_person": PEOPLE[key].sales_person,
					"allocated_percentage": 50,
				}
			).db_insert()
		row = self.run_report(team=DEPT)[0][name]
		self.assertEqual((row["sales_person"], row["team"]), (PEOPLE["Qian"].sales_person, SOUTH))
		frappe.db.set_value("Sales Team", f"{name}-b", "allocated_percentage", 40)
		row = self.run_report(team=DEPT)[0][name]
		self.assertEqual((row["sales_person"], row["team"]), (PEOPLE["Zhou"].sales_person, EAST))
		frappe.db.rollback(save_point="tied_customer")

	def test_chart_and_summary_of_one_tier(self):
		_rows, chart, summary = self.run_report(team=DEPT, tier=MONTHLY)
		self.assertEqual(chart["data"]["labels"], [MONTHLY])
		datasets = {d["name"]: d["values"] for d in chart["data"]["datasets"]}
		self.assertEqual(datasets, {"Overdue": [2], "On Time": [2], "As Arranged": [0]})
		self.assertEqual(
			[summary[k] for k in ("Customers Listed", "Overdue", "Due Soon", "On Time", "Never Visited")],
			[4, 2, 0, 2, 1],
		)

	def test_visibility(self):
		for key, expected in (
			("Zhou", ZHOU_CUSTOMERS),
			("Li", ZHOU_CUSTOMERS),
			("Qian", QIAN_CUSTOMERS),
			("Zhao", QIAN_CUSTOMERS),
			("Wang", ZHOU_CUSTOMERS | QIAN_CUSTOMERS),
		):
			with self.subTest(user=key), self.set_user(PEOPLE[key].user):
				self.assertEqual(set(self.run_report()[0]), expected)

	def test_a_salesperson_cannot_widen_the_scope_with_filters(self):
		with self.set_user(PEOPLE["Zhou"].user):
			self.assertEqual(self.run_report(sales_person=PEOPLE["Qian"].sales_person)[0], {})
			self.assertEqual(self.run_report(team=SOUTH)[0], {})

	def test_bad_filters_are_refused(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			execute({"company": default_company(), "team": PEOPLE["Qian"].sales_person})
		self.assertIn("is not a team", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			execute({"as_on": TODAY})
		self.assertIn("Choose a company", str(caught.exception))
