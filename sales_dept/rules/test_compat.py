import unittest

from sales_dept.rules.compat import major_of, version_problems


class TestMajorOf(unittest.TestCase):
	def test_reads_plain_and_prefixed_versions(self):
		self.assertEqual(major_of("15.75.0"), 15)
		self.assertEqual(major_of("v15.0.0-dev"), 15)
		self.assertEqual(major_of("16.0.0-beta.1"), 16)

	def test_unreadable_versions(self):
		self.assertIsNone(major_of(""))
		self.assertIsNone(major_of("develop"))


class TestVersionProblems(unittest.TestCase):
	def test_v15_and_v16_pairs_are_accepted(self):
		self.assertEqual(version_problems({"frappe": "15.75.0", "erpnext": "15.71.1"}), [])
		self.assertEqual(version_problems({"frappe": "16.10.7", "erpnext": "16.7.3"}), [])

	def test_other_majors_are_reported_per_app(self):
		problems = version_problems({"frappe": "17.0.0", "erpnext": "14.2.0"})
		self.assertEqual(
			[(p.app, p.found, p.required) for p in problems],
			[
				("frappe", "17.0.0", "15.x / 16.x"),
				("erpnext", "14.2.0", "15.x / 16.x"),
			],
		)

	def test_erpnext_of_another_major_than_frappe(self):
		problems = version_problems({"frappe": "16.10.7", "erpnext": "15.71.1"})
		self.assertEqual([(p.app, p.found, p.required) for p in problems], [("erpnext", "15.71.1", "16.x")])

	def test_missing_erpnext_is_reported(self):
		problems = version_problems({"frappe": "15.75.0", "erpnext": None})
		self.assertEqual([(p.app, p.found) for p in problems], [("erpnext", "")])
