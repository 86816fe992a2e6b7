import unittest
from datetime import date, timedelta

from sales_dept.rules.tiers import (
	AS_ARRANGED,
	DUE_SOON,
	KEEP_REASON_MISSING,
	NEGATIVE_INTERVAL,
	NEGATIVE_THRESHOLD,
	ON_TIME,
	OVERDUE,
	SAME_THRESHOLD,
	TIER_NOT_YOURS,
	Tier,
	TierSetting,
	classify,
	coverage_status,
	days_until_due,
	due_by,
	next_visit_due,
	tier_edit_problem,
	tier_problems,
	visited_since_to_be_on_time,
)

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


class TestCoverageStatus(unittest.TestCase):
	def test_each_status(self):
		self.assertEqual(coverage_status(-1, 7), OVERDUE)
		self.assertEqual(coverage_status(0, 7), DUE_SOON)
		self.assertEqual(coverage_status(7, 7), DUE_SOON)
		self.assertEqual(coverage_status(8, 7), ON_TIME)
		self.assertEqual(coverage_status(None, 7), AS_ARRANGED)

	def test_from_a_last_visit(self):
		today = date(2026, 11, 27)
		due = next_visit_due(date(2026, 10, 20), 30, date(2026, 1, 1))
		self.assertEqual(coverage_status(days_until_due(due, today), 7), OVERDUE)

	def test_visited_since_to_be_on_time_agrees_with_the_status(self):
		"""A last visit on the day found keeps the customer on time, one day earlier makes it overdue,
		for every interval: the reports fetch only the customers not visited since that day."""
		as_on = date(2026, 11, 27)
		for interval in (1, 30, 60, 365):
			first_on_time = visited_since_to_be_on_time(as_on, interval)
			self.assertEqual(first_on_time, as_on - timedelta(days=interval))
			for last, expected in ((first_on_time, DUE_SOON), (first_on_time - timedelta(days=1), OVERDUE)):
				due = next_visit_due(last, interval, date(2026, 1, 1))
				self.assertEqual(coverage_status(days_until_due(due, as_on), 0), expected, (interval, last))


class TestTierProblems(unittest.TestCase):
	def test_sound_tiers_have_no_problems(self):
		for tier in TIERS:
			self.assertEqual(tier_problems(tier, TIERS), [])

	def test_negative_threshold_and_interval(self):
		tier = Tier("Bad", -1, -30)
		self.assertEqual(tier_problems(tier, TIERS), [(NEGATIVE_THRESHOLD, None), (NEGATIVE_INTERVAL, None)])

	def test_zero_and_no_interval_mean_as_arranged(self):
		self.assertEqual(tier_problems(Tier("New", 10, 0), TIERS), [])
		self.assertEqual(tier_problems(Tier("New", 10, None), TIERS), [])

	def test_same_threshold_as_another_tier(self):
		self.assertEqual(tier_problems(Tier("金牌", 300_000, 45), TIERS), [(SAME_THRESHOLD, "一级客户")])
		self.assertEqual(tier_problems(Tier("New", None), TIERS), [(SAME_THRESHOLD, "其他客户")])

	def test_a_tier_is_not_compared_with_itself(self):
		self.assertEqual(tier_problems(Tier("VIP", 1_000_000, 20), TIERS), [])


class TestTierEdit(unittest.TestCase):
	CLASSIFIED = TierSetting("VIP")

	def test_a_salesperson_may_neither_set_nor_keep_a_tier(self):
		for after in (
			TierSetting("Level 1"),
			TierSetting(None),
			TierSetting("VIP", kept=True, reason="Strategic account"),
			TierSetting("Other Customers", kept=True, reason="Lost interest"),
		):
			self.assertEqual(tier_edit_problem(self.CLASSIFIED, after, may_set_tiers=False), TIER_NOT_YOURS)

	def test_a_salesperson_may_not_unkeep_or_change_the_reason(self):
		kept = TierSetting("VIP", kept=True, reason="Strategic account")
		self.assertEqual(tier_edit_problem(kept, TierSetting("VIP"), False), TIER_NOT_YOURS)
		self.assertEqual(
			tier_edit_problem(kept, TierSetting("VIP", True, "Something else"), False), TIER_NOT_YOURS
		)

	def test_an_edit_leaving_the_tier_alone_is_anyones(self):
		kept_without_reason = TierSetting("VIP", kept=True)  # kept before reasons were asked for
		self.assertIsNone(tier_edit_problem(kept_without_reason, TierSetting("VIP", True, None), False))
		self.assertIsNone(tier_edit_problem(self.CLASSIFIED, TierSetting("VIP", False, "  "), False))

	def test_the_manager_sets_and_keeps_a_tier_with_a_reason(self):
		self.assertIsNone(tier_edit_problem(self.CLASSIFIED, TierSetting("Level 1"), True))
		self.assertIsNone(
			tier_edit_problem(self.CLASSIFIED, TierSetting("VIP", True, "Strategic account"), True)
		)
		self.assertEqual(
			tier_edit_problem(self.CLASSIFIED, TierSetting("VIP", True, "  "), True), KEEP_REASON_MISSING
		)

	def test_a_new_customer_with_a_tier_is_a_tier_edit(self):
		self.assertEqual(tier_edit_problem(TierSetting(), TierSetting("VIP"), False), TIER_NOT_YOURS)
		self.assertIsNone(tier_edit_problem(TierSetting(), TierSetting(), False))
