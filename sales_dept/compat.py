"""Where Frappe/ERPNext 15 and 16 differ, said once (the rules core does not depend on either)."""

from contextlib import contextmanager

import frappe

FRAPPE_MAJOR = int(frappe.__version__.split(".", 1)[0])

# What a `has_permission` hook answers when it has no objection. Frappe 15 reads None as "no opinion" and
# goes on to the other apps' hooks (True would end that search); Frappe 16 reads every falsy answer as a
# refusal and goes on only after True.
NO_OBJECTION = True if FRAPPE_MAJOR >= 16 else None


# Where the desk lives: Frappe 16 moved it from /app to /desk (and redirects the old path).
DESK_ROUTE = "/desk" if FRAPPE_MAJOR >= 16 else "/app"


def desk_path(*parts: str) -> str:
	"""A path in the desk, e.g. desk_path("query-report", "Sales Rulebook")."""
	return "/".join((DESK_ROUTE, *parts))


def fiscal_year_containing(day, company: str | None = None):
	"""ERPNext's fiscal year (a dict of name, year_start_date, year_end_date) containing `day` for `company`,
	or None. Said here because ERPNext 16 changed two things: `get_fiscal_year(..., boolean=True)` returns the
	year itself instead of a list of one (`get_fiscal_years` returns the list on both), and saving a year no
	longer clears ERPNext's cache of the years, so a miss looks once more past the cache."""
	from erpnext.accounts.utils import get_fiscal_years

	found = get_fiscal_years(day, company=company, as_dict=True, boolean=True)
	if not found:
		frappe.cache().delete_value("fiscal_years")
		found = get_fiscal_years(day, company=company, as_dict=True, boolean=True)
	return found[0] if found else None


def in_test() -> bool:
	"""Whether a test run is going on (then background work runs at once): Frappe 15 says so in
	`frappe.flags.in_test`, Frappe 16 in `frappe.in_test`."""
	return bool(frappe.flags.in_test or getattr(frappe, "in_test", False))


def enter_test_mode():
	"""What a test run sets, for code run outside one (ERPNext's test records made before its tests):
	Frappe 15 reads `frappe.flags.in_test`, Frappe 16 `frappe.in_test`."""
	frappe.flags.in_test = True
	if hasattr(frappe, "in_test"):
		frappe.in_test = True


@contextmanager
def outside_test_mode():
	"""Run the block as outside a test run, e.g. a request a test sends through the API that should write the
	document's Version. Frappe 15 keeps the test flag per thread (a request served in its own thread is
	already outside); Frappe 16 keeps `frappe.in_test` for the whole process, and writes no Version under it."""
	if not hasattr(frappe, "in_test"):
		yield
		return
	was = frappe.in_test
	frappe.in_test = False
	try:
		yield
	finally:
		frappe.in_test = was
