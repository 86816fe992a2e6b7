"""Tier 1: scorecard scoring, grades, template checks, periods, targets and KPI formulas on hand-computed
figures."""

import unittest
from datetime import date

from sales_dept.rules.scoring import (
	APPROVED,
	ATTENDANCE,
	BAND_SCORE_NEGATIVE,
	BAND_WITHOUT_ROW,
	BANDS,
	BANDS_MISSING,
	CAP_BELOW_100,
	COLLECTION_COMPLETION,
	COLLECTION_RATE,
	COMMENT_MISSING,
	COMPLAINTS,
	DRAFT,
	DUPLICATE_BAND,
	DUPLICATE_GRADE,
	DUPLICATE_KPI,
	GRADE_EMPTY,
	GRADE_GAP,
	GRADE_NOT_FROM_ZERO,
	GRADE_OVERLAP,
	LEADERSHIP_APPROVAL,
	LINEAR,
	LINEAR_LOWER_IS_BETTER,
	MANAGER_REVIEW,
	MONTH,
	NEGATIVE_WEIGHT,
	NEW_CUSTOMERS,
	NO_GRADES,
	NOT_A_MANAGER,
	NOT_A_STEP,
	NOT_AN_OVERSEER,
	NOT_LEADERSHIP,
	NOT_THE_SALESPERSON,
	OWN_SCORECARD,
	PERIOD_OUTSIDE_FISCAL_YEAR,
	QUARTER,
	RATINGS_MISSING,
	SALES_GROWTH,
	SELF_REVIEW,
	TARGET_COMPLETION,
	TARGET_NOT_POSITIVE,
	TOP_GRADE_CAPPED,
	UNKNOWN_KPI,
	UNKNOWN_METHOD,
	VISIT_EXECUTION,
	WEIGHTS_NOT_100,
	YEAR,
	Band,
	GradeBand,
	KpiRule,
	Reviewer,
	achieved_against_targets,
	achievement_pct,
	add_months,
	average,
	collection_rate,
	competition_ranks,
	conduct_deduction,
	covered_by_targets,
	credited,
	first_invoices,
	full_score_threshold,
	grade_of,
	grade_problems,
	growth_pct,
	may_recompute,
	meets_growth_goal,
	months_of,
	pct,
	period_of,
	period_problem,
	period_target,
	previous_period_start,
	quarter_number,
	same_period_last_year,
	score,
	step_problem,
	template_problems,
	trend,
)

VISIT_BANDS = (Band(95, 100), Band(85, 80), Band(70, 50))
COMPLAINT_BANDS = (Band(0, 100), Band(2, 70), Band(5, 30))
GRADES = (
	GradeBand("A", 90, None),
	GradeBand("B", 75, 90),
	GradeBand("C", 60, 75),
	GradeBand("D", 0, 60),
)


class TestLinearScoring(unittest.TestCase):
	def test_value_over_target_up_to_the_cap(self):
		rule = KpiRule(TARGET_COMPLETION, 40, LINEAR, target=100, cap_pct=120)
		self.assertEqual(achievement_pct(rule, 85), 85)
		self.assertEqual(achievement_pct(rule, 110), 110)
		self.assertEqual(achievement_pct(rule, 150), 120)  # capped
		self.assertEqual(achievement_pct(rule, -20), 0)  # more returns than sales: nothing, not less

	def test_target_in_units(self):
		rule = KpiRule(NEW_CUSTOMERS, 10, LINEAR, target=4)
		self.assertEqual(achievement_pct(rule, 3), 75)
		self.assertEqual(achievement_pct(rule, 1.5), 37.5)  # a shared customer credited 50 %
		self.assertEqual(achievement_pct(rule, 6), 100)  # the default cap is the target

	def test_no_value_or_no_target_leaves_the_row_out(self):
		self.assertIsNone(achievement_pct(KpiRule(COLLECTION_RATE, 20, LINEAR, target=100), None))
		self.assertIsNone(achievement_pct(KpiRule(COLLECTION_RATE, 20, LINEAR, target=0), 50))


class TestThresholdBands(unittest.TestCase):
	def test_the_best_band_reached(self):
		rule = KpiRule(VISIT_EXECUTION, 10, BANDS, bands=VISIT_BANDS)
		self.assertEqual(achievement_pct(rule, 97), 100)
		self.assertEqual(achievement_pct(rule, 95), 100)  # the threshold itself is reached
		self.assertEqual(achievement_pct(rule, 90), 80)
		self.assertEqual(achievement_pct(rule, 70), 50)
		self.assertEqual(achievement_pct(rule, 69.9), 0)  # no band reached

	def test_fewer_is_better_counts_at_most(self):
		rule = KpiRule(COMPLAINTS, 10, BANDS, bands=COMPLAINT_BANDS)
		self.assertEqual(achievement_pct(rule, 0), 100)
		self.assertEqual(achievement_pct(rule, 2), 70)
		self.assertEqual(achievement_pct(rule, 3), 30)
		self.assertEqual(achievement_pct(rule, 6), 0)


class TestFullScoreThreshold(unittest.TestCase):
	def test_a_linear_rows_target(self):
		self.assertEqual(full_score_threshold(KpiRule(COLLECTION_COMPLETION, 15, LINEAR, 100, 120)), 100)

	def test_the_best_band_of_a_banded_row(self):
		self.assertEqual(full_score_threshold(KpiRule(VISIT_EXECUTION, 10, BANDS, bands=VISIT_BANDS)), 95)
		self.assertEqual(full_score_threshold(KpiRule(COMPLAINTS, 10, BANDS, bands=COMPLAINT_BANDS)), 0)

	def test_the_least_demanding_of_equal_best_bands(self):
		self.assertEqual(
			full_score_threshold(KpiRule(VISIT_EXECUTION, 10, BANDS, bands=(Band(98, 100), Band(90, 100)))),
			90,
		)
		self.assertEqual(
			full_score_threshold(KpiRule(COMPLAINTS, 10, BANDS, bands=(Band(0, 100), Band(1, 100)))), 1
		)
		self.assertEqual(full_score_threshold(KpiRule(VISIT_EXECUTION, 10, BANDS)), 0)


class TestScore(unittest.TestCase):
	RULES = (
		KpiRule(TARGET_COMPLETION, 50, LINEAR, target=100, cap_pct=120),
		KpiRule(COLLECTION_RATE, 30, LINEAR, target=100),
		KpiRule(ATTENDANCE, 20, LINEAR, target=100),
		KpiRule(SALES_GROWTH, 0, LINEAR, target=15),  # informational
	)

	def test_weighted_points_and_total(self):
		result = score(
			self.RULES, {TARGET_COMPLETION: 110, COLLECTION_RATE: 80, ATTENDANCE: 90, SALES_GROWTH: 30}
		)
		# 50 * 1.10 + 30 * 0.80 + 20 * 0.90 = 55 + 24 + 18 = 97
		self.assertEqual([row.points for row in result.rows], [55, 24, 18, None])
		self.assertEqual([row.achievement_pct for row in result.rows], [110, 80, 90, 100])
		self.assertEqual((result.subtotal, result.total), (97, 97))

	def test_rows_without_a_value_are_left_out_and_the_rest_scaled(self):
		result = score(self.RULES, {TARGET_COMPLETION: 80, COLLECTION_RATE: None, ATTENDANCE: 100})
		# weights 50 + 20 = 70 apply: (50 * 0.8 + 20 * 1.0) * 100 / 70 = 60 * 100 / 70 = 85.71
		self.assertEqual([row.points for row in result.rows], [57.14, None, 28.57, None])
		self.assertEqual(result.total, 85.71)

	def test_conduct_deduction_never_below_zero(self):
		result = score(self.RULES, {TARGET_COMPLETION: 100, COLLECTION_RATE: 100, ATTENDANCE: 100}, 15)
		self.assertEqual((result.subtotal, result.deduction, result.total), (100, 15, 85))
		low = score(self.RULES, {TARGET_COMPLETION: 10, COLLECTION_RATE: 0, ATTENDANCE: 0}, 20)
		self.assertEqual((low.subtotal, low.total), (5, 0))

	def test_nothing_to_score(self):
		result = score(self.RULES, {})
		self.assertIsNone(result.total)
		self.assertIsNone(grade_of(result.total, GRADES))

	def test_conduct_deduction(self):
		self.assertEqual(conduct_deduction(3, 5), 15)
		self.assertEqual(conduct_deduction(5, 5, 20), 20)
		self.assertEqual(conduct_deduction(0, 5, 20), 0)


class TestGrades(unittest.TestCase):
	def test_grade_bands(self):
		self.assertEqual(grade_of(97, GRADES).grade, "A")
		self.assertEqual(grade_of(130, GRADES).grade, "A")  # above 100 with a cap over 100 %
		self.assertEqual(grade_of(90, GRADES).grade, "A")  # from is included
		self.assertEqual(grade_of(89.99, GRADES).grade, "B")
		self.assertEqual(grade_of(60, GRADES).grade, "C")
		self.assertEqual(grade_of(0, GRADES).grade, "D")

	def test_sound_bands(self):
		self.assertEqual(grade_problems(GRADES), [])

	def test_overlap_gap_and_other_problems(self):
		overlap = (GradeBand("A", 85, None), GradeBand("B", 75, 90), GradeBand("D", 0, 75))
		self.assertEqual(grade_problems(overlap), [(GRADE_OVERLAP, "A")])
		gap = (GradeBand("A", 90, None), GradeBand("B", 75, 85), GradeBand("D", 0, 75))
		self.assertEqual(grade_problems(gap), [(GRADE_GAP, "A")])
		self.assertEqual(grade_problems(()), [(NO_GRADES, None)])
		self.assertEqual(
			grade_problems((GradeBand("A", 50, None), GradeBand("B", 10, 50))), [(GRADE_NOT_FROM_ZERO, "B")]
		)
		self.assertEqual(grade_problems((GradeBand("A", 0, 100),)), [(TOP_GRADE_CAPPED, "A")])
		self.assertIn((GRADE_EMPTY, "B"), grade_problems((GradeBand("A", 60, None), GradeBand("B", 60, 60))))
		self.assertIn(
			(DUPLICATE_GRADE, "A"), grade_problems((GradeBand("A", 50, None), GradeBand("A", 0, 50)))
		)
		# two open-ended bands overlap
		self.assertEqual(
			grade_problems((GradeBand("A", 50, None), GradeBand("B", 0, None))), [(GRADE_OVERLAP, "A")]
		)


class TestTemplateProblems(unittest.TestCase):
	def test_a_sound_template(self):
		rules = (
			KpiRule(TARGET_COMPLETION, 60, LINEAR, target=100, cap_pct=120),
			KpiRule(VISIT_EXECUTION, 40, BANDS, bands=VISIT_BANDS),
			KpiRule(COMPLAINTS, 0, BANDS, bands=COMPLAINT_BANDS),
		)
		self.assertEqual(template_problems(rules, [VISIT_EXECUTION, COMPLAINTS]), [])

	def test_weights_must_total_100(self):
		rules = (KpiRule(TARGET_COMPLETION, 60, LINEAR, 100), KpiRule(COLLECTION_RATE, 30, LINEAR, 100))
		self.assertEqual(template_problems(rules), [(WEIGHTS_NOT_100, None)])

	def test_row_problems(self):
		rules = (
			KpiRule(TARGET_COMPLETION, 110, LINEAR, target=0, cap_pct=90),
			KpiRule(TARGET_COMPLETION, -10, LINEAR, target=100),
			KpiRule(COMPLAINTS, 0, LINEAR, target=2),
			KpiRule(VISIT_EXECUTION, 0, BANDS),
			KpiRule(NEW_CUSTOMERS, 0, BANDS, bands=(Band(1, -5), Band(1, 50))),
			KpiRule("Bribes Declined", 0, LINEAR, target=1),
			KpiRule(SALES_GROWTH, 0, "Gut Feeling"),
		)
		problems = template_problems(rules, [COLLECTION_RATE])
		self.assertEqual(
			sorted(problems, key=str),
			sorted(
				[
					(TARGET_NOT_POSITIVE, TARGET_COMPLETION),
					(CAP_BELOW_100, TARGET_COMPLETION),
					(DUPLICATE_KPI, TARGET_COMPLETION),
					(NEGATIVE_WEIGHT, TARGET_COMPLETION),
					(LINEAR_LOWER_IS_BETTER, COMPLAINTS),
					(BANDS_MISSING, VISIT_EXECUTION),
					(BAND_SCORE_NEGATIVE, NEW_CUSTOMERS),
					(DUPLICATE_BAND, NEW_CUSTOMERS),
					(UNKNOWN_KPI, "Bribes Declined"),
					(UNKNOWN_METHOD, SALES_GROWTH),
					(BAND_WITHOUT_ROW, COLLECTION_RATE),
				],
				key=str,
			),
		)


class TestPeriods(unittest.TestCase):
	CALENDAR = (date(2025, 1, 1), date(2025, 12, 31))
	APRIL = (date(2025, 4, 1), date(2026, 3, 31))  # a fiscal year from April

	def test_month(self):
		self.assertEqual(
			period_of(MONTH, date(2024, 2, 14), date(2024, 1, 1), date(2024, 12, 31)),
			(date(2024, 2, 1), date(2024, 2, 29)),
		)

	def test_quarter_of_a_calendar_and_an_april_fiscal_year(self):
		self.assertEqual(
			period_of(QUARTER, date(2025, 5, 20), *self.CALENDAR), (date(2025, 4, 1), date(2025, 6, 30))
		)
		self.assertEqual(
			period_of(QUARTER, date(2025, 5, 20), *self.APRIL), (date(2025, 4, 1), date(2025, 6, 30))
		)
		self.assertEqual(
			period_of(QUARTER, date(2026, 2, 3), *self.APRIL), (date(2026, 1, 1), date(2026, 3, 31))
		)
		self.assertEqual(quarter_number(date(2026, 1, 1), self.APRIL[0]), 4)
		self.assertEqual(quarter_number(date(2025, 7, 1), self.CALENDAR[0]), 3)

	def test_year_is_the_fiscal_year(self):
		self.assertEqual(period_of(YEAR, date(2025, 8, 1), *self.APRIL), self.APRIL)

	def test_a_period_lies_in_one_fiscal_year(self):
		self.assertIsNone(period_problem(date(2025, 4, 1), date(2025, 4, 30), *self.APRIL))
		self.assertEqual(
			period_problem(date(2025, 3, 1), date(2025, 3, 31), *self.APRIL), PERIOD_OUTSIDE_FISCAL_YEAR
		)

	def test_months_previous_and_last_year(self):
		self.assertEqual(months_of(date(2025, 11, 1), date(2026, 1, 31)), [(2025, 11), (2025, 12), (2026, 1)])
		self.assertEqual(previous_period_start(QUARTER, date(2025, 1, 1)), date(2024, 10, 1))
		self.assertEqual(previous_period_start(MONTH, date(2025, 3, 1)), date(2025, 2, 1))
		self.assertEqual(previous_period_start(YEAR, date(2025, 4, 1)), date(2024, 4, 1))
		self.assertEqual(
			same_period_last_year(date(2024, 2, 1), date(2024, 2, 29)), (date(2023, 2, 1), date(2023, 2, 28))
		)
		self.assertEqual(
			same_period_last_year(date(2025, 3, 1), date(2025, 3, 15)), (date(2024, 3, 1), date(2024, 3, 15))
		)
		self.assertEqual(add_months(date(2025, 1, 31), 1), date(2025, 2, 28))


class TestTargets(unittest.TestCase):
	DISTRIBUTION = {
		"January": 5,
		"February": 5,
		"March": 10,
		"April": 8,
		**{m: 8 for m in ("May", "June", "July", "August", "September", "October", "November")},
		"December": 16,
	}

	def test_spread_by_the_monthly_distribution(self):
		self.assertEqual(sum(self.DISTRIBUTION.values()), 100)
		q1 = months_of(date(2025, 1, 1), date(2025, 3, 31))
		self.assertAlmostEqual(period_target(1_200_000, self.DISTRIBUTION, q1), 240_000)  # 20 %
		self.assertAlmostEqual(period_target(1_200_000, self.DISTRIBUTION, [(2025, 12)]), 192_000)

	def test_evenly_without_a_distribution(self):
		self.assertAlmostEqual(period_target(1_200_000, None, [(2025, 3)]), 100_000)
		self.assertAlmostEqual(
			period_target(1_200_000, None, months_of(date(2025, 1, 1), date(2025, 12, 31))), 1_200_000
		)

	def test_achieved_against_item_group_targets(self):
		ancestors = {
			"Motors": {"All Item Groups"},
			"Small Motors": {"Motors", "All Item Groups"},
			"Sensors": {"All Item Groups"},
		}
		sales = {"Small Motors": 300.0, "Motors": 100.0, "Sensors": 50.0, None: 7.0}
		self.assertEqual(achieved_against_targets(sales, {"Motors"}, ancestors), 400)  # and the groups below
		self.assertEqual(achieved_against_targets(sales, {"Motors", "Sensors"}, ancestors), 450)
		self.assertEqual(
			achieved_against_targets(sales, {"Motors", None}, ancestors), 457
		)  # no group: all items
		self.assertTrue(covered_by_targets("Sensors", set(), ancestors))


class TestFormulas(unittest.TestCase):
	def test_credit_by_allocation(self):
		self.assertEqual(credited(1000, 60), 600)
		self.assertEqual(credited(-200, 40), -80)  # a return takes back the same share

	def test_completion_against_a_target(self):
		self.assertEqual(pct(90_000, 120_000), 75)
		self.assertIsNone(pct(5_000, 0))  # no target: nothing to measure
		self.assertEqual(pct(12_000, 10_000), 120)  # 回款完成率 may pass 100 % of the collection target

	def test_collection_rate_is_bounded(self):
		# the month: 78,840 collected on older invoices, 6,880 fell due in it and is still open
		self.assertEqual(round(collection_rate(78_840, 6_880), 2), 91.97)
		self.assertEqual(collection_rate(10_000, 0), 100)  # everything due collected
		self.assertEqual(collection_rate(0, 4_000), 0)  # nothing collected of what was due
		self.assertEqual(collection_rate(8_500, 11_000), 8_500 / 19_500 * 100)
		self.assertEqual(collection_rate(3_000, -2_000), 100)  # open credit notes leave nothing open
		self.assertIsNone(collection_rate(0, 0))  # nothing to collect
		self.assertIsNone(collection_rate(-500, 0))  # a refund alone is no collection
		for collected, due in ((1, 0), (10**9, 1), (0.01, 10**9), (5, -5)):
			self.assertLessEqual(collection_rate(collected, due), 100)

	def test_growth_against_last_year_and_the_goal(self):
		self.assertEqual(growth_pct(115_000, 100_000), 15)
		self.assertEqual(round(growth_pct(90_000, 100_000), 6), -10)
		self.assertIsNone(growth_pct(50_000, 0))
		self.assertTrue(meets_growth_goal(15, 15))
		self.assertFalse(meets_growth_goal(14.9, 15))
		self.assertIsNone(meets_growth_goal(None, 15))

	def test_average_and_first_invoices(self):
		self.assertEqual(average(9, 4), 2.25)
		self.assertIsNone(average(0, 0))
		first = first_invoices(
			[
				("C1", "SINV-3", date(2025, 3, 2), "09:00:00"),
				("C1", "SINV-2", date(2025, 3, 1), "17:00:00"),
				("C1", "SINV-1", date(2025, 3, 1), "08:00:00"),
				("C2", "SINV-9", date(2025, 3, 5), "10:00:00"),
			]
		)
		self.assertEqual(first, {"C1": "SINV-1", "C2": "SINV-9"})


class TestRanking(unittest.TestCase):
	def test_competition_ranks(self):
		ranks = competition_ranks({"Zhou": 88, "Qian": 92.5, "Li": 88, "Zhao": 70, "New": None})
		self.assertEqual(ranks, {"Qian": 1, "Zhou": 2, "Li": 2, "Zhao": 4})

	def test_trend(self):
		self.assertEqual(trend(88, 80.5), 7.5)
		self.assertEqual(trend(70, 75), -5)
		self.assertIsNone(trend(70, None))


class TestReviewSteps(unittest.TestCase):
	SALESPERSON = Reviewer(own=True)
	LEADER = Reviewer(oversees=True)
	MANAGER = Reviewer(oversees=True, manager=True)
	LEADERSHIP = Reviewer(oversees=True, manager=True, leadership=True)

	def test_the_happy_path(self):
		self.assertIsNone(step_problem(DRAFT, SELF_REVIEW, self.LEADER))
		self.assertIsNone(step_problem(SELF_REVIEW, MANAGER_REVIEW, self.SALESPERSON))
		self.assertIsNone(step_problem(MANAGER_REVIEW, LEADERSHIP_APPROVAL, self.MANAGER))
		self.assertIsNone(step_problem(LEADERSHIP_APPROVAL, APPROVED, self.LEADERSHIP))

	def test_no_skipping(self):
		self.assertEqual(step_problem(DRAFT, APPROVED, self.LEADERSHIP), NOT_A_STEP)
		self.assertEqual(step_problem(SELF_REVIEW, LEADERSHIP_APPROVAL, self.MANAGER), NOT_A_STEP)
		self.assertEqual(step_problem(DRAFT, MANAGER_REVIEW, self.SALESPERSON), NOT_A_STEP)

	def test_who_may(self):
		self.assertEqual(step_problem(DRAFT, SELF_REVIEW, Reviewer()), NOT_AN_OVERSEER)
		self.assertEqual(step_problem(SELF_REVIEW, MANAGER_REVIEW, self.MANAGER), NOT_THE_SALESPERSON)
		self.assertEqual(step_problem(MANAGER_REVIEW, LEADERSHIP_APPROVAL, self.LEADER), NOT_A_MANAGER)
		self.assertEqual(step_problem(LEADERSHIP_APPROVAL, APPROVED, self.MANAGER), NOT_LEADERSHIP)

	def test_never_ones_own(self):
		own_manager = Reviewer(own=True, oversees=True, manager=True, leadership=True)
		self.assertEqual(step_problem(MANAGER_REVIEW, LEADERSHIP_APPROVAL, own_manager), OWN_SCORECARD)
		self.assertEqual(step_problem(LEADERSHIP_APPROVAL, APPROVED, own_manager), OWN_SCORECARD)
		self.assertEqual(step_problem(DRAFT, SELF_REVIEW, own_manager), OWN_SCORECARD)

	def test_sending_back_needs_a_comment_and_ratings_are_required(self):
		self.assertEqual(step_problem(MANAGER_REVIEW, SELF_REVIEW, self.MANAGER), COMMENT_MISSING)
		self.assertIsNone(step_problem(MANAGER_REVIEW, SELF_REVIEW, self.MANAGER, "Add the March visits"))
		self.assertEqual(
			step_problem(LEADERSHIP_APPROVAL, MANAGER_REVIEW, self.LEADERSHIP, " "), COMMENT_MISSING
		)
		self.assertEqual(
			step_problem(MANAGER_REVIEW, LEADERSHIP_APPROVAL, self.MANAGER, ratings_missing=True),
			RATINGS_MISSING,
		)

	def test_recompute_until_the_managers_review(self):
		self.assertEqual(
			[
				may_recompute(status)
				for status in (DRAFT, SELF_REVIEW, MANAGER_REVIEW, LEADERSHIP_APPROVAL, APPROVED)
			],
			[True, True, True, False, False],
		)


if __name__ == "__main__":
	unittest.main()
