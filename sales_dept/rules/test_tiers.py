import unittest
from datetime import date

from sales_dept.rules.tiers import Tier, classify, days_until_due, due_by, next_visit_due

TIERS = (
	Tier("VIP", 1_000_000, 30),
	Tier("一级客户", 300_000, 60),
	Tier("二级客户", 50_000, None),
	Tier("其他客户", 0, None),
)


class TestClassify(unittest.TestCase):
	def test_highest_threshold_reached_wins(self):
		self.assertEqual(classify(1_000_000, TIERS), "VIP")
		self.assertEqual(classify(999_999.99, TIERS), "一级客户")
		self.assertEqual(classify(50_000, TIERS), "二级客户")
		self.assertEqual(classify(10, TIERS), "其他客户")

	def test_nothing_or_returns_only(self):
		self.assertEqual(classify(0, TIERS), "其他客户")
		self.assertEqual(classify(-500, TIERS), None)
		self.assertEqual(classify(None, TIERS), "其他客户")

	def test_order_of_definition_does_not_matter(self):
		self.assertEqual(classify(400_000, list(reversed(TIERS))), "一级客户")

	def test_no_tiers(self):
		self.assertIsNone(classify(10, []))


class TestDueDates(unittest.TestCase):
	def test_interval_after_last_visit(self):
		self.assertEqual(next_visit_due(date(2026, 10, 5), 30, date(2026, 1, 1)), date(2026, 11, 4))

	def test_never_visited_is_due_from_the_start(self):
		self.assertEqual(next_visit_due(None, 60, date(2026, 11, 1)), date(2026, 11, 1))

	def test_tier_without_interval_has_no_due_date(self):
		self.assertIsNone(next_visit_due(date(2026, 10, 5), None, date(2026, 1, 1)))

	def test_days_until_due(self):
		self.assertEqual(days_until_due(date(2026, 11, 30), date(2026, 11, 27)), 3)
		self.assertEqual(days_until_due(date(2026, 11, 20), date(2026, 11, 27)), -7)
		self.assertIsNone(days_until_due(None, date(2026, 11, 27)))

	def test_due_in_period_includes_overdue(self):
		sunday = date(2026, 12, 6)
		self.assertTrue(due_by(date(2026, 12, 6), sunday))
		self.assertTrue(due_by(date(2026, 11, 1), sunday))
		self.assertFalse(due_by(date(2026, 12, 7), sunday))
		self.assertFalse(due_by(None, sunday))
