"""Tier 1: scripts/junit_summary.py reads a JUnit report and, where a bench wrote none (Frappe 16), the console
output of `bench run-tests`, to the same counts and failing ids."""

import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from junit_summary import read

RED, GREEN, RESET = "\x1b[31m", "\x1b[32m", "\x1b[0m"

# What Frappe 16's runner prints: one block per test category, ✔/✖ per test, then unittest's error list and
# its "Ran"/"OK"/"FAILED" lines (the headers styled with a background colour).
FRAPPE_16_LOG = f"""Running 3 integration tests for erpnext

erpnext.selling.doctype.quotation.test_quotation.TestQuotation
   {GREEN} ✔ {RESET} test_make_sales_order
   {RED} ✖ {RESET} test_quotation_expiry
       ▹  FAIL  something printed by the test is not a header
   {GREEN} ✔ {RESET} test_make_sales_order_terms_copied


======================================================================
\x1b[41m FAIL \x1b[0m test_quotation_expiry (erpnext.selling.doctype.quotation.test_quotation.TestQuotation.test_quotation_expiry)
----------------------------------------------------------------------
AssertionError: 1 != 2

----------------------------------------------------------------------
Ran 3 tests in 4.210s

FAILED (failures=1)
Running 4 old-frappe-test-class-category tests for erpnext

erpnext.selling.doctype.customer.test_customer.TestCustomer
   {GREEN} ✔ {RESET} test_a
   {GREEN} ✔ {RESET} test_b
   {GREEN} = {RESET} test_c


======================================================================
\x1b[41m ERROR \x1b[0m setUpClass (erpnext.selling.doctype.customer.test_customer.TestCustomerGroup)
----------------------------------------------------------------------
frappe.exceptions.ValidationError: no fiscal year

----------------------------------------------------------------------
Ran 3 tests in 1.000s

FAILED (errors=1, skipped=1)
"""

JUNIT = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="t" tests="4">
<testcase classname="m.TestA" name="test_ok" time="0.1"/>
<testcase classname="m.TestA" name="test_fails" time="0.1"><failure message="x">x</failure></testcase>
<testcase classname="m.TestA" name="test_errs" time="0.1"><error message="y">y</error></testcase>
<testcase classname="m.TestA" name="test_skipped" time="0.1"><skipped message="z"/></testcase>
</testsuite></testsuites>
"""


class TestJunitSummary(unittest.TestCase):
	def setUp(self):
		self._tmp = tempfile.TemporaryDirectory()
		self.tmp = Path(self._tmp.name)

	def tearDown(self):
		self._tmp.cleanup()

	def write(self, name: str, text: str) -> str:
		path = self.tmp / name
		path.write_text(text, encoding="utf-8")
		return str(path)

	def test_a_frappe_16_console_log_gives_counts_and_failing_ids(self):
		passed, skipped, failing = read([self.write("erpnext-test_quotation.log", FRAPPE_16_LOG)])
		self.assertEqual((passed, skipped), (4, 1))
		self.assertEqual(
			failing,
			[
				"erpnext.selling.doctype.customer.test_customer.TestCustomerGroup.setUpClass",
				"erpnext.selling.doctype.quotation.test_quotation.TestQuotation.test_quotation_expiry",
			],
		)

	def test_a_junit_report(self):
		passed, skipped, failing = read([self.write("a.xml", JUNIT)])
		self.assertEqual((passed, skipped, failing), (1, 1, ["m.TestA.test_errs", "m.TestA.test_fails"]))

	def test_logs_and_reports_add_up(self):
		paths = [self.write("a.xml", JUNIT), self.write("b.log", FRAPPE_16_LOG)]
		passed, skipped, failing = read(paths)
		self.assertEqual((passed, skipped, len(failing)), (5, 2, 4))

	def test_a_log_counting_failures_it_does_not_name_still_fails(self):
		passed, _skipped, failing = read([self.write("c.log", "Ran 5 tests in 1s\n\nFAILED (errors=2)\n")])
		self.assertEqual(passed, 3)
		self.assertEqual(len(failing), 1)
		self.assertIn("2 unnamed failures", failing[0])

	def test_a_run_that_stopped_before_the_end_of_a_batch_fails(self):
		log = (
			"Running 2 integration tests for sales_dept\n   ✔  test_a\n   ✔  test_b\n"
			"Ran 2 tests in 1s\n\nOK\n"
			"Running 210 old-frappe-test-class-category tests for sales_dept\n"
			"Traceback (most recent call last):\nfrappe.exceptions.NameError: Year start date overlaps\n"
		)
		passed, _skipped, failing = read([self.write("e.log", log)])
		self.assertEqual(passed, 2)
		self.assertEqual(len(failing), 1)
		self.assertIn("1 test batches stopped before their end", failing[0])

	def test_an_all_green_log(self):
		self.assertEqual(read([self.write("d.log", "Ran 12 tests in 3.1s\n\nOK\n")]), (12, 0, []))
