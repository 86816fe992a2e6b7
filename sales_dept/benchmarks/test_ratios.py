"""Tier 1: the two-site timing arithmetic of the report benchmarks."""

import unittest

from sales_dept.benchmarks.ratios import (
	fastest_ratio,
	medians,
	paired_ratios,
	ratios,
	ratios_by_round,
	report_rows,
)


class TestRatios(unittest.TestCase):
	def test_medians_and_ratios(self):
		first = medians({"a": [0.1, 0.3, 0.2], "b": [0.0, 0.0, 0.0]})
		double = medians({"a": [0.4, 0.5, 0.3], "b": [0.1, 0.1, 0.1]})
		self.assertEqual((first, double), ({"a": 0.2, "b": 0.0}, {"a": 0.4, "b": 0.1}))
		self.assertEqual(ratios(first, double), {"a": 2.0, "b": 100000.0})  # a zero time is not divided by

	def test_ratio_of_each_round(self):
		first = {"a": [1.0, 1.0, 2.0, 2.0]}
		double = {"a": [2.0, 2.0, 2.0, 2.0]}
		self.assertEqual(ratios_by_round(first, double, runs=2), {"a": [2.0, 1.0]})

	def test_ratio_of_the_fastest_runs_and_of_each_pair(self):
		first, double = [2.64, 2.27, 2.41], [4.79, 6.48, 4.52]
		self.assertEqual(fastest_ratio(first, double), 1.99)  # 4.52 / 2.27, the one slow run left out
		self.assertEqual(paired_ratios(first, double), [1.81, 2.85, 1.88])
		self.assertEqual(fastest_ratio([0.0], [0.1]), 100000.0)  # a zero time is not divided by
		with self.assertRaises(ValueError):
			paired_ratios([1.0, 2.0], [1.0])

	def test_report_rows_leave_out_a_blank_total_row(self):
		columns = ["invoice", "amount"]
		self.assertEqual(report_rows((columns, [["SI-1", 10.0], ["SI-2", 0.0], ["", ""]])), 2)
		self.assertEqual(
			report_rows((columns, [{"sales_person": "A", "total": 0}, {"sales_person": None}])), 1
		)
		self.assertEqual(report_rows((columns, [], None, None)), 0)
