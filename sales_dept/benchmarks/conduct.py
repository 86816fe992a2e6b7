"""Benchmark: the rulebook's daily detection (rulebook R6, R8, R9, R27) over a large department.

Target (from the issue): over 20,000 customers and a year of weekly visit plans, a detection run takes at
most 60 s, filing included, and its number of queries does not grow with the customers.

The records are those of the visit-reports benchmark (`sales_dept.benchmarks.visit_reports`, prefix
"SDBENCH-", seeded with bulk SQL and kept between runs): 40 salespeople in 4 teams, 20,000 customers with tiers
and Sales Teams, 200,000 visit records over the past year, and here a year of weekly plans (52 past weeks,
this week and next; about one in ten handed in late). The salespeople are dated back a year and a half, so they
owed a plan at every meeting of the year.

Three runs, each counting its queries: the first looks back a year and files every incident it finds (late
plans, customers overdue beyond the grace days); the second, the same, files nothing (every incident is filed
already); the third looks back the settings' usual 30 days. The drafts the runs filed are deleted afterwards
(on a site with other salespeople, the checks file drafts about them too, and delete them too).

	scripts/benchmark conduct [SITE]
"""

import os
from contextlib import contextmanager
from time import perf_counter
from unittest.mock import patch

import frappe
from frappe.utils import add_days, getdate, now_datetime

from sales_dept.benchmarks import visit_reports
from sales_dept.demo.site import ensure_company
from sales_dept.services.conduct_detection import detect

CUSTOMERS, VISITS = visit_reports.SIZES[0]
PLAN_WEEKS = 52
TARGET_SECONDS = 60.0
RUNS = (("first, a year back", 365), ("again, a year back", 365), ("30 days back", 30))


@contextmanager
def counted_queries():
	"""Counts the SQL statements run in the block (frappe.qb runs them through frappe.db.sql too)."""
	count, db = [0], frappe.local.db
	real = db.sql

	def sql(*args, **kwargs):
		count[0] += 1
		return real(*args, **kwargs)

	with patch.object(db, "sql", sql):
		yield count


def seed(company: str) -> dict:
	"""The visit-reports records, with a year of plans instead of half a year, and their tiers kept."""
	with patch.object(visit_reports, "PLAN_WEEKS", PLAN_WEEKS):
		visit_reports.seed(CUSTOMERS, VISITS, company)
	visit_reports.ensure_indexes()
	keep_tiers()
	person = frappe.qb.DocType("Sales Person")
	frappe.qb.update(person).set(person.creation, add_days(now_datetime(), -548)).where(
		person.name.like(f"{visit_reports.PREFIX}%")
	).run()
	frappe.db.commit()
	return {
		"customers": visit_reports.count_prefixed("Customer"),
		"visits": visit_reports.count_prefixed("Visit Record"),
		"plans": visit_reports.count_prefixed("Visit Plan"),
	}


def keep_tiers():
	"""The seeded customers' tiers, kept (locked) so that the daily classification, which finds no sales for
	them, leaves them as seeded (the visit-reports benchmark reads the same customers)."""
	customer = frappe.qb.DocType("Customer")
	by_tier: dict[str, list[str]] = {}
	for number in range(1, CUSTOMERS + 1):
		by_tier.setdefault(visit_reports.tier_of(number), []).append(visit_reports.customer_name(number))
	for tier, names in by_tier.items():
		for start in range(0, len(names), 5000):
			frappe.qb.update(customer).set(customer.sd_customer_tier, tier).set(
				customer.sd_tier_locked, 1
			).set(customer.sd_tier_keep_reason, "Benchmark").where(
				customer.name.isin(names[start : start + 5000])
			).run()


def remove_drafts(filed: list[str] | None = None) -> int:
	"""The drafts the runs filed (`filed`) and any left about the benchmark's salespeople, with their
	evidence."""
	names = set(filed or []) | set(
		frappe.get_all(
			"Penalty Record", filters={"sales_person": ("like", f"{visit_reports.PREFIX}%")}, pluck="name"
		)
	)
	names = sorted(names)
	for chunk in (names[i : i + 1000] for i in range(0, len(names), 1000)):
		frappe.db.delete("Penalty Evidence", {"parent": ("in", chunk)})
		frappe.db.delete("Penalty Record", {"name": ("in", chunk)})
	frappe.db.commit()
	return len(names)


def timed(lookback_days: int) -> dict:
	started = perf_counter()
	with counted_queries() as queries:
		result = detect(lookback_days=lookback_days)
		frappe.db.commit()  # nosemgrep: the daily job commits too; its time counts
	return {
		"seconds": round(perf_counter() - started, 2),
		"queries": queries[0],
		"found": result["found"],
		"filed": result["filed"],
		"records": result["records"],
	}


def run() -> dict:
	if "sales_dept" not in frappe.get_installed_apps():
		raise RuntimeError(f"sales_dept is not installed on {frappe.local.site}")
	company = ensure_company()
	seeded = seed(company)
	removed_before = remove_drafts()
	load_before = os.getloadavg()[0]
	results = {}
	try:
		for label, days in RUNS:
			results[label] = timed(days)
	finally:
		removed = remove_drafts([name for r in results.values() for name in r.pop("records")])
	load_after = os.getloadavg()[0]

	print()
	print(
		f"Conduct detection on {frappe.local.site}: {seeded['customers']:,} customers, {seeded['visits']:,} "
		f"visits, {seeded['plans']:,} weekly plans (today {getdate()})"
	)
	header = f"{'run':<22}  {'seconds':>8}  {'queries':>8}  {'found':>40}  {'filed':>6}"
	print(header)
	print("-" * len(header))
	for label, r in results.items():
		found = ", ".join(f"{kind.split()[0].lower()} {n}" for kind, n in r["found"].items())
		print(f"{label:<22}  {r['seconds']:>7.2f}s  {r['queries']:>8}  {found:>40}  {r['filed']:>6}")
	worst = max(r["seconds"] for r in results.values())
	verdict = "PASS" if worst <= TARGET_SECONDS else "FAIL"
	print(f"Slowest run: {worst:.2f} s (target <= {TARGET_SECONDS:.0f} s): {verdict}")
	print(
		"Queries per run stay a few dozen for "
		f"{seeded['customers']:,} customers: they come from the checks and the chunks of filing, not from "
		"the customers."
	)
	print(f"Drafts removed afterwards: {removed} (left by an earlier run: {removed_before}).")
	print(f"Load average before / after: {load_before:.2f} / {load_after:.2f} on {os.cpu_count()} CPUs.")
	return {
		"seeded": seeded,
		"runs": results,
		"target_seconds": TARGET_SECONDS,
		"slowest_s": worst,
		"result": verdict,
		"passed": verdict == "PASS",
	}
