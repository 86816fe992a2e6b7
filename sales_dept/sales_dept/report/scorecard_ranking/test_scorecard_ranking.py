# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Scorecard Ranking: the leaderboard of a template's period with ranks, grades and the trend against the
previous period, and the team view for contests."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.sales_dept.report.scorecard_ranking.scorecard_ranking import execute
from sales_dept.services.scorecard_batch import generate
from sales_dept.setup.records import acting_as, default_company
from sales_dept.tests.factories import EAST, PEOPLE, SOUTH
from sales_dept.tests.scorecard_factories import SUN, WU, make_scorecard_data


class TestScorecardRanking(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.template = make_scorecard_data()
		cls.company = default_company()
		generate(cls.template, cls.company, "2025-03-10")
		generate(cls.template, cls.company, "2025-02-10")
		# February as the previous period: known scores
		for person, score in ((SUN, 70.0), (WU, 80.0)):
			frappe.db.set_value(
				"Sales Scorecard",
				{"template": cls.template, "sales_person": person.sales_person, "period_start": "2025-02-01"},
				"total_score",
				score,
			)

	def run_report(self, **filters):
		columns, rows, message, chart, summary = execute(
			{"company": default_company(), "template": self.template, "date": "2025-03-20", **filters}
		)
		return rows, chart, {s["label"]: s["value"] for s in summary}

	def test_ranks_grades_and_trend(self):
		rows, chart, summary = self.run_report(team=EAST)
		by_person = {row["sales_person"]: row for row in rows}
		sun = by_person[SUN.sales_person]
		self.assertEqual(
			(sun["total_score"], sun["grade"], sun["previous_score"], sun["trend"]), (76.68, "B", 70.0, 6.68)
		)
		ranks = [row["rank"] for row in rows if row["rank"]]
		self.assertEqual(ranks, sorted(ranks))
		self.assertEqual(rows[0]["rank"], 1)
		self.assertEqual(summary["Scorecards"], len(rows))
		self.assertNotIn(WU.sales_person, by_person)
		self.assertEqual(chart["data"]["labels"], [row["sales_person"] for row in rows])

	def test_equal_scores_share_a_rank(self):
		frappe.db.set_value(
			"Sales Scorecard",
			{"template": self.template, "sales_person": WU.sales_person, "period_start": "2025-03-01"},
			"total_score",
			76.68,
		)
		rows, _chart, _summary = self.run_report(sales_person=None, team=None)
		ranks = {row["sales_person"]: row["rank"] for row in rows}
		self.assertEqual(ranks[SUN.sales_person], ranks[WU.sales_person])
		frappe.db.set_value(
			"Sales Scorecard",
			{"template": self.template, "sales_person": WU.sales_person, "period_start": "2025-03-01"},
			"total_score",
			86.0,
		)

	def test_team_view(self):
		rows, _chart, _summary = self.run_report(view="Team")
		teams = {row["team"]: row for row in rows}
		self.assertIn(EAST, teams)
		self.assertIn(SOUTH, teams)
		east = teams[EAST]
		self.assertGreaterEqual(east["best_score"], east["total_score"])
		self.assertEqual(sorted(row["rank"] for row in rows), [row["rank"] for row in rows])

	def test_reach_and_approved_only(self):
		with acting_as(SUN.user):
			rows, _chart, _summary = self.run_report()
		self.assertEqual([row["sales_person"] for row in rows], [SUN.sales_person])
		rows, _chart, _summary = self.run_report(approved_only=1)
		self.assertEqual(rows, [])
		with acting_as(PEOPLE["Wang"].user):
			rows, _chart, _summary = self.run_report()
		self.assertIn(WU.sales_person, {row["sales_person"] for row in rows})
