"""Tier 1: SLA outcomes, complaint recipients and figures on hand-computed Issues."""

import unittest
from datetime import datetime

from sales_dept.rules.complaints import (
	BREACHED,
	BREACHES_TOLD_ONE_BY_ONE,
	FAILED,
	FIRST_RESPONSE_DUE,
	FULFILLED,
	MET,
	NO_SLA,
	PENDING,
	RESOLUTION_DUE,
	BreachNotice,
	IssueSla,
	breach_notices,
	breach_recipients,
	complaint_figures,
	complaint_recipients,
	sla_outcome,
)

NOW = datetime(2025, 3, 10, 12, 0)
BEFORE, AFTER = datetime(2025, 3, 10, 11, 0), datetime(2025, 3, 10, 13, 0)


class TestSlaOutcome(unittest.TestCase):
	def test_erpnext_says_fulfilled_or_failed(self):
		self.assertEqual(sla_outcome(IssueSla(FULFILLED), NOW), MET)
		self.assertEqual(sla_outcome(IssueSla(FAILED), NOW), BREACHED)

	def test_a_deadline_passed_unanswered_is_a_breach_already(self):
		self.assertEqual(sla_outcome(IssueSla(FIRST_RESPONSE_DUE, response_by=BEFORE), NOW), BREACHED)
		self.assertEqual(sla_outcome(IssueSla(FIRST_RESPONSE_DUE, response_by=AFTER), NOW), PENDING)
		self.assertEqual(
			sla_outcome(IssueSla(RESOLUTION_DUE, response_by=BEFORE, resolution_by=AFTER), NOW), PENDING
		)
		self.assertEqual(sla_outcome(IssueSla(RESOLUTION_DUE, resolution_by=BEFORE), NOW), BREACHED)

	def test_without_an_sla(self):
		self.assertEqual(sla_outcome(IssueSla(None), NOW), NO_SLA)
		self.assertEqual(sla_outcome(IssueSla(FIRST_RESPONSE_DUE, has_sla=False), NOW), NO_SLA)


class TestRecipients(unittest.TestCase):
	def test_salesperson_and_team_leader_once_each(self):
		self.assertEqual(complaint_recipients("zhou@x", "li@x"), ["zhou@x", "li@x"])
		self.assertEqual(complaint_recipients("li@x", "li@x"), ["li@x"])
		self.assertEqual(complaint_recipients(None, "li@x"), ["li@x"])

	def test_breach_goes_to_the_team_leader_else_the_manager(self):
		self.assertEqual(breach_recipients("li@x", "wang@x"), ["li@x"])
		self.assertEqual(breach_recipients(None, "wang@x"), ["wang@x"])
		self.assertEqual(breach_recipients(None, None), [])


class TestBreachNotices(unittest.TestCase):
	def test_one_notice_per_recipients_and_team_in_the_order_met(self):
		notices = breach_notices(
			[
				("ISS-1", ["li@x"], "East"),
				("ISS-2", ["wang@x"], "West"),
				("ISS-3", ["li@x", "li@x", None], "East"),
				("ISS-4", ["li@x"], "North"),  # the same leader, another team: a notice of its own
				("ISS-5", [], "East"),  # nobody to tell
				("ISS-6", [None], "West"),
			]
		)
		self.assertEqual(
			notices,
			[
				BreachNotice(("li@x",), "East", ("ISS-1", "ISS-3")),
				BreachNotice(("wang@x",), "West", ("ISS-2",)),
				BreachNotice(("li@x",), "North", ("ISS-4",)),
			],
		)
		self.assertEqual(breach_notices([]), [])

	def test_a_backlog_is_told_in_one_notice(self):
		self.assertEqual(BREACHES_TOLD_ONE_BY_ONE, 3)
		few = BreachNotice(("li@x",), "East", ("ISS-1", "ISS-2", "ISS-3"))
		many = BreachNotice(("li@x",), "East", ("ISS-1", "ISS-2", "ISS-3", "ISS-4"))
		self.assertTrue(few.one_by_one)
		self.assertFalse(many.one_by_one)


class TestFigures(unittest.TestCase):
	def test_count_within_sla_and_first_response(self):
		figures = complaint_figures(
			[(MET, 3600), (BREACHED, 10800), (PENDING, None), (NO_SLA, 1800), (MET, 0)]
		)
		self.assertEqual((figures.count, figures.met, figures.breached, figures.responded), (5, 2, 1, 3))
		self.assertAlmostEqual(figures.within_sla_pct, 200 / 3)
		self.assertAlmostEqual(figures.first_response_hours, (3600 + 10800 + 1800) / 3 / 3600)  # 1.5 h

	def test_nothing_to_measure(self):
		figures = complaint_figures([(PENDING, None)])
		self.assertIsNone(figures.within_sla_pct)
		self.assertIsNone(figures.first_response_hours)
		self.assertEqual(complaint_figures([]).count, 0)


if __name__ == "__main__":
	unittest.main()
