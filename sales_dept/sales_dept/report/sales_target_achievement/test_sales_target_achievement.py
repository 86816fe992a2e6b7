# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Sales Target Achievement on the known March 2025 of `sales_dept.tests.scorecard_factories`: per salesperson and
per team, in the reach of whoever runs it."""

from frappe.tests.utils import FrappeTestCase

from sales_dept.sales_dept.report.sales_target_achievement.sales_target_achievement import execute
from sales_dept.setup.records import acting_as, default_company
from sales_dept.tests.factories import EAST, PEOPLE, SOUTH
from sales_dept.tests.scorecard_factories import SUN, WU, make_scorecard_data


class TestSalesTargetAchievement(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_scorecard_data()

	def run_report(self, **filters):
		columns, rows, message, chart, summary = execute(
			{"company": default_company(), "period_type": "Month", "date": "2025-03-15", **filters}
		)
		return columns, rows, message, chart, {s["label"]: s["value"] for s in summary}

	def test_per_salesperson(self):
		_columns, rows, message, chart, _summary = self.run_report(team=EAST)
		by_person = {row["sales_person"]: row for row in rows}
		sun = by_person[SUN.sales_person]
		self.assertEqual(
			{key: sun[key] for key in ("team", "target", "achieved", "achievement_pct", "net_sales")},
			{"team": EAST, "target": 12000, "achieved": 11000, "achievement_pct": 91.67, "net_sales": 12000},
		)
		self.assertEqual(
			(sun["collection_target"], sun["paid"], sun["collection_completion"]), (10000, 8500, 85.0)
		)
		self.assertEqual((sun["due"], sun["collection_rate"], sun["new_customers"]), (11000, 43.59, 1.6))
		self.assertEqual(
			(
				sun["net_sales_last_year"],
				sun["growth_pct"],
				sun["growth_goal_pct"],
				sun["against_goal"],
				sun["meets_goal"],
			),
			(8000, 50.0, 15, 35.0, 1),
		)
		self.assertNotIn(WU.sales_person, by_person)
		self.assertIn("2025-03", message)
		self.assertEqual(chart["data"]["labels"], [row["sales_person"] for row in rows])

	def test_per_team_rates_from_the_sums(self):
		_columns, rows, _message, _chart, _summary = self.run_report(
			group_by="Team", sales_person=WU.sales_person
		)
		self.assertEqual(len(rows), 1)
		south = rows[0]
		self.assertEqual(
			(south["team"], south["people"], south["target"], south["net_sales"]), (SOUTH, 1, 6000, 6000)
		)
		self.assertEqual(
			(south["achievement_pct"], south["collection_rate"], south["growth_pct"]), (100.0, 20.0, None)
		)
		self.assertIsNone(south["collection_completion"])  # Wu has no collection target

	def test_a_salesperson_sees_only_their_own_figures(self):
		with acting_as(WU.user):
			_columns, rows, *_rest = self.run_report()
		self.assertEqual([row["sales_person"] for row in rows], [WU.sales_person])
		with acting_as(PEOPLE["Zhao"].user):  # leads South
			_columns, rows, *_rest = self.run_report()
		self.assertIn(WU.sales_person, {row["sales_person"] for row in rows})
		self.assertNotIn(SUN.sales_person, {row["sales_person"] for row in rows})

	def test_a_quarter(self):
		_columns, rows, message, _chart, summary = self.run_report(
			period_type="Quarter", sales_person=SUN.sales_person
		)
		self.assertIn("Q1", message)
		sun = rows[0]
		# Q1 target: 120,000 x (8.1818 + 8.1818 + 10) % = 31,636.36; February's motor counts too
		self.assertEqual(
			(round(sun["target"], 2), sun["achieved"], sun["net_sales"]), (31636.36, 12000, 13000)
		)
		self.assertEqual(summary["Achieved"], 12000)
