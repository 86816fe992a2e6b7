# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from sales_dept.sales_dept.report.conduct_summary.conduct_summary import execute
from sales_dept.setup.records import acting_as, default_company
from sales_dept.tests.conduct_factories import (
	approved_penalty,
	decide,
	file_penalty,
	file_reward,
	make_conduct_people,
	make_test_rule,
	user_of,
)
from sales_dept.tests.factories import PEOPLE

RULE = "_TSD-SUM"


class TestConductSummary(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_conduct_people()
		make_test_rule(RULE, window_days=60, ladder=(("Written Warning", 0, 0), ("Fine", 200, 0)))
		approved_penalty("Zhou", RULE, incident_date=add_days(nowdate(), -30))
		approved_penalty("Zhou", RULE, incident_date=add_days(nowdate(), -5))  # within 60 days: a repeat
		appealed = approved_penalty("Qian", RULE, incident_date=add_days(nowdate(), -100))
		decide(appealed, "Appeal", "Qian", "Not me.")
		approved_penalty("Qian", RULE, incident_date=add_days(nowdate(), -3))  # 97 days apart: no repeat
		file_penalty("Qian", RULE)  # a draft counts nowhere
		decide(file_reward("Zhou", amount=1500), "Approve", "Wang")

	def run_report(self, user: str = "Administrator", **filters):
		with acting_as(user):
			columns, rows, _message, chart, summary = execute({"company": default_company(), **filters})
		return columns, {row["group"]: row for row in rows}, chart, summary

	def test_by_person(self):
		_columns, rows, chart, summary = self.run_report(conduct_rule=RULE)
		zhou, qian = rows[PEOPLE["Zhou"].sales_person], rows[PEOPLE["Qian"].sales_person]
		self.assertEqual(
			(
				zhou["penalties"],
				zhou["warnings"],
				zhou["fines"],
				zhou["fine_total"],
				zhou["repeat_offenders"],
			),
			(2, 1, 1, 200, 1),
		)
		self.assertEqual((qian["penalties"], qian["under_appeal"], qian["repeat_offenders"]), (1, 1, 0))
		self.assertEqual(zhou["rewards"], 0)  # rewards are not given under a rule
		self.assertEqual(chart["type"], "bar")
		self.assertEqual(next(card["value"] for card in summary if card["label"] == "Repeat Offenders"), 1)

	def test_by_rule_and_team_and_rewards(self):
		_columns, by_rule, _chart, _summary = self.run_report(group_by="Rule", conduct_rule=RULE)
		self.assertEqual(by_rule[RULE]["penalties"], 3)
		self.assertEqual(by_rule[RULE]["repeat_offender_names"], PEOPLE["Zhou"].sales_person)
		_columns, by_team, _chart, _summary = self.run_report(group_by="Team", team="_Test SD East")
		self.assertEqual(set(by_team), {"_Test SD East"})
		self.assertGreaterEqual(by_team["_Test SD East"]["rewards"], 1)

	def test_a_salesperson_sees_only_their_own(self):
		_columns, rows, _chart, _summary = self.run_report(user_of("Zhou"), conduct_rule=RULE)
		self.assertEqual(set(rows), {PEOPLE["Zhou"].sales_person})
		_columns, rows, _chart, _summary = self.run_report(user_of("Li"), conduct_rule=RULE)
		self.assertEqual(set(rows), {PEOPLE["Zhou"].sales_person})

	def test_bad_filters(self):
		with self.assertRaises(frappe.ValidationError):
			execute(
				{"company": default_company(), "from_date": nowdate(), "to_date": add_days(nowdate(), -1)}
			)
		with self.assertRaises(frappe.ValidationError):
			execute({})
