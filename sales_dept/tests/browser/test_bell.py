import unittest
from collections import Counter

from sales_dept.tests.browser.bell import bell_problems

NAMES = {"salesperson": "陈晨", "team_leader": "孙丽"}


def notice(doctype: str, name: str, subject: str) -> dict:
	return {"document_type": doctype, "document_name": name, "subject": subject}


class TestBellProblems(unittest.TestCase):
	def test_the_expected_notices_once_each_are_right(self):
		expected = Counter(
			{("team_leader", "Visit Plan", "VP-1"): 1, ("salesperson", "Visit Plan", "VP-1"): 1}
		)
		found = {
			"team_leader": [notice("Visit Plan", "VP-1", "陈晨 的拜访计划等待您审批")],
			"salesperson": [notice("Visit Plan", "VP-1", "您的拜访计划已批准")],
		}
		self.assertEqual(bell_problems(expected, found, NAMES.get), [])

	def test_a_missing_notice_is_named(self):
		expected = Counter({("team_leader", "Visit Plan", "VP-1"): 1})
		self.assertEqual(
			bell_problems(expected, {"team_leader": []}, NAMES.get),
			["孙丽's bell holds 0 notice(s) about Visit Plan VP-1, expected 1: []"],
		)

	def test_a_notice_nobody_expected_is_named_with_its_subject(self):
		found = {"team_leader": [notice("Penalty Record", "PEN-1", "陈晨 的处罚已批准")]}
		self.assertEqual(
			bell_problems(Counter(), found, NAMES.get),
			["孙丽's bell holds 1 notice(s) about Penalty Record PEN-1, expected 0: ['陈晨 的处罚已批准']"],
		)

	def test_the_same_notice_twice_is_told_twice(self):
		expected = Counter({("salesperson", "Sales Scorecard", "SC-1"): 1})
		twice = [notice("Sales Scorecard", "SC-1", "评分卡已批准")] * 2
		self.assertEqual(
			bell_problems(expected, {"salesperson": twice}, NAMES.get),
			[
				"陈晨's bell holds 2 notice(s) about Sales Scorecard SC-1, expected 1: ['评分卡已批准', '评分卡已批准']",
				"陈晨 was told twice: ['评分卡已批准']",
			],
		)

	def test_two_different_notices_about_one_document_are_counted(self):
		expected = Counter({("salesperson", "Bid Review", "BID-1"): 2})
		found = {
			"salesperson": [
				notice("Bid Review", "BID-1", "每个评审都已同意"),
				notice("Bid Review", "BID-1", "投标已批准"),
			]
		}
		self.assertEqual(bell_problems(expected, found, NAMES.get), [])
