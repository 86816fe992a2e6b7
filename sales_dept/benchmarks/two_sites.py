"""Timing reports on two sites in turns, one holding the first size of the data and one twice as much (see
the visit-report, bid and scorecard benchmarks): whatever else the machine does meanwhile weighs on both
alike. Run from the bench's sites folder, outside any site (each turn connects to its site)."""

import gc
import os
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from time import perf_counter

import frappe
from frappe.utils import nowdate

from sales_dept.benchmarks.ratios import medians, ratios, ratios_by_round


@contextmanager
def connected(site: str):
	"""The block runs on `site` as Administrator (from the bench's sites folder)."""
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.destroy()


@dataclass
class ReportTimes:
	seconds: dict[str, dict[str, float]]  # site -> report -> median seconds
	rows: dict[str, dict[str, int]]  # site -> report -> rows (or the card's value)
	ratios: dict[str, float]  # report -> double / first
	ratios_by_round: dict[str, list[float]]  # report -> the ratio of each round


def time_in_turns(
	first_site: str,
	double_site: str,
	report_calls: Callable[[], dict[str, Callable]],
	rounds: int,
	runs: int,
	rows_of: Callable = lambda result: len(result[1]),
	warm_up: bool = True,
) -> ReportTimes:
	"""`rounds` times, on each site in turn: each report of `report_calls()` (made on that site) run once
	untimed (caches and buffer pool warm again; not with `warm_up` off, for a report whose every run takes
	minutes), then timed `runs` times."""
	sites = (first_site, double_site)
	timings = {site: defaultdict(list) for site in sites}
	rows = {site: {} for site in sites}
	for _round in range(rounds):
		for site in sites:
			with connected(site):
				for report, call in report_calls().items():
					if warm_up:
						call()
					gc.collect()  # no garbage of the report before (or site) collected in this one's time
					for _run in range(runs):
						started = perf_counter()
						result = call()
						timings[site][report].append(perf_counter() - started)
					rows[site][report] = rows_of(result)
	seconds = {site: medians(timings[site]) for site in sites}
	return ReportTimes(
		seconds=seconds,
		rows=rows,
		ratios=ratios(seconds[first_site], seconds[double_site]),
		ratios_by_round=ratios_by_round(timings[first_site], timings[double_site], runs),
	)


def compare_reports(
	first_site: str,
	double_site: str,
	*,
	title: str,
	report_calls: Callable[[], dict[str, Callable]],
	describe: Callable[[], dict],
	size_label: Callable[[dict], str],
	rounds: int,
	runs: int,
	target_seconds: float,
	max_ratio: float,
	rows_of: Callable = lambda result: len(result[1]),
) -> dict:
	"""The reports timed on both sites in turns (time_in_turns), each site described by `describe()` (its
	record counts, run on it), a table printed, and the result: passed when every report takes at most
	`target_seconds` at the first size and at most `max_ratio` times that at twice the data."""
	times = time_in_turns(first_site, double_site, report_calls, rounds, runs, rows_of)
	sizes = []
	for site in (first_site, double_site):
		with connected(site):
			sizes.append(
				{
					"site": site,
					"date": nowdate(),
					**describe(),
					"rows": times.rows[site],
					"seconds": times.seconds[site],
				}
			)
	passed = all(s <= target_seconds for s in sizes[0]["seconds"].values()) and all(
		ratio <= max_ratio for ratio in times.ratios.values()
	)
	print()
	print(
		f"{title}, {sizes[0]['date']} (seconds: median of {rounds} x {runs} runs, the two sites taking turns)"
	)
	width = max(len(report) for report in times.ratios) + 2
	header = f"{'report':<{width}}" + "".join(f"{size_label(size):>30}" for size in sizes) + f"{'ratio':>8}"
	print(header)
	print("-" * len(header))
	for report, ratio in times.ratios.items():
		cells = "".join(
			f"{size['seconds'][report]:>16.3f} s ({size['rows'][report]:>6} rows)" for size in sizes
		)
		spread = times.ratios_by_round[report]
		print(f"{report:<{width}}{cells}{ratio:>8.2f}   (rounds: {min(spread):.2f}-{max(spread):.2f})")
	print(f"sites: {', '.join(size['site'] for size in sizes)}")
	print(f"target: <= {target_seconds} s per report at the first size, ratio <= {max_ratio}")
	print(f"Load average: {os.getloadavg()[0]:.2f} on {os.cpu_count() or 1} CPUs.")
	print()
	return {
		"sizes": sizes,
		"ratios": times.ratios,
		"ratios_by_round": times.ratios_by_round,
		"passed": passed,
	}
