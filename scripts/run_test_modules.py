"""Runs test modules on a site of a Frappe 16 bench, keeping the site's log of the test records made so far.

Run by scripts/run-tests with the bench's Python in its sites directory:
    ../env/bin/python ../apps/sales_dept/scripts/run_test_modules.py SITE MODULE...

`bench run-tests` on Frappe 16 empties that log at the start of every run and then makes every record again.
Records with a fixed name are skipped as existing; the ones named by hash, such as ERPNext's test Item Prices,
are made a second time and refused by their own duplicate check, so that every test of a module needing them
fails in its class set-up (ERPNext's Sales Order tests, run after its Quotation tests). The records are
committed when made, so the log stays true from one run to the next. The output is the runner's console
output, which scripts/junit_summary.py reads (Frappe 16 writes no JUnit report).
"""

import sys

import frappe
from frappe.commands import testing
from frappe.tests.utils import generators


def main(site: str, modules: list[str]):
	generators._clear_test_log = lambda: None  # what `main` calls first; see the module's docstring
	frappe.init(site)
	testing.main(site=site, module=modules)


if __name__ == "__main__":
	main(sys.argv[1], sys.argv[2:])
