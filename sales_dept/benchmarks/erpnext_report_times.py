"""Benchmark: our target and scorecard reports beside ERPNext's own on the same data (issue 20).

Sales Target Achievement and Scorecard Ranking beside ERPNext's Sales Person-wise Transaction Summary and Sales
Person Target Variance Based On Item Group, on the scorecard benchmark's two sites (300 salespeople / 100,000
invoices and twice that; `benchmarks.scorecards` seeds them, and fills in what ERPNext's reports read:
`complete_for_erpnext_reports`), timed on the two sites in turns (`two_sites.time_in_turns`):

	cd BENCH/sites
	../env/bin/python APP/scripts/site_call.py FIRST_SITE sales_dept.benchmarks.scorecards.prepare_first_size
	../env/bin/python APP/scripts/site_call.py DOUBLE_SITE sales_dept.benchmarks.scorecards.prepare_double_size
	../env/bin/python -m sales_dept.benchmarks.erpnext_report_times FIRST_SITE DOUBLE_SITE

ERPNext's reports run as their filters offer, on Sales Invoice (the documents our reports read by default, the
Scorecard Sales Basis "Invoices"; the benchmark seeds no sales orders) over the current fiscal year: the
summary from the year's start to today, the target variance by amount and for the whole year ("Yearly", its
cheapest period: it compares every target row with every sales line of the year once per period, so its time
grows with salespeople times lines, four times at twice the data, and "Monthly", its default, takes twelve
times as long). The target variance runs once a site (minutes a run), the others ROUNDS x RUNS times after an
untimed run. Each report must return rows on both sites (the run fails otherwise); the load average is
sampled after every run and its mean printed beside each time.
"""

import json
import os
import sys
from collections import defaultdict
from datetime import date
from statistics import mean

import frappe
from frappe.utils import getdate, nowdate

from sales_dept.benchmarks.ratios import report_rows
from sales_dept.benchmarks.scorecards import TEMPLATE, last_month, report_calls, timed_generation
from sales_dept.benchmarks.two_sites import connected, time_in_turns
from sales_dept.compat import fiscal_year_containing
from sales_dept.setup.records import default_company

ROUNDS, RUNS = 2, 2
OURS = ("Sales Target Achievement", "Scorecard Ranking")
SUMMARY = "Sales Person-wise Transaction Summary"
VARIANCE = "Sales Person Target Variance Based On Item Group"


def erpnext_calls(company: str) -> dict:
	from erpnext.selling.report.sales_person_target_variance_based_on_item_group import (
		sales_person_target_variance_based_on_item_group as target_variance,
	)
	from erpnext.selling.report.sales_person_wise_transaction_summary import (
		sales_person_wise_transaction_summary as transaction_summary,
	)

	year = fiscal_year_containing(getdate(), company)
	return {
		SUMMARY: lambda: transaction_summary.execute(
			frappe._dict(
				company=company, doc_type="Sales Invoice", from_date=year.year_start_date, to_date=nowdate()
			)
		),
		VARIANCE: lambda: target_variance.execute(
			frappe._dict(
				company=company,
				fiscal_year=year.name,
				doctype="Sales Invoice",
				period="Yearly",
				target_on="Amount",
			)
		),
	}


def sampling_load(calls: dict, loads: dict) -> dict:
	"""The calls, each appending the load average after it runs to loads[(site, report)]."""

	def sampled(report, call):
		def run():
			result = call()
			loads[(frappe.local.site, report)].append(os.getloadavg()[0])
			return result

		return run

	return {report: sampled(report, call) for report, call in calls.items()}


def ensure_scorecards(sites: tuple[str, str]):
	"""Last month's scorecards, which Scorecard Ranking reads (the batch run once where there are none)."""
	for site in sites:
		with connected(site):
			if not frappe.db.count("Sales Scorecard", {"template": TEMPLATE, "period_start": last_month()}):
				timed_generation(TEMPLATE)


def compare(first_site: str, double_site: str) -> dict:
	sites = (first_site, double_site)
	ensure_scorecards(sites)
	loads = defaultdict(list)

	def quick_calls():
		company = default_company()
		ours = {report: call for report, call in report_calls(company).items() if report in OURS}
		return sampling_load({**ours, SUMMARY: erpnext_calls(company)[SUMMARY]}, loads)

	def variance_call():
		return sampling_load({VARIANCE: erpnext_calls(default_company())[VARIANCE]}, loads)

	quick = time_in_turns(first_site, double_site, quick_calls, ROUNDS, RUNS, report_rows)
	slow = time_in_turns(first_site, double_site, variance_call, 1, 1, report_rows, warm_up=False)
	reports = (*OURS, SUMMARY, VARIANCE)
	table = {}
	for report in reports:
		times = quick if report in quick.ratios else slow
		table[report] = {
			"seconds": [times.seconds[site][report] for site in sites],
			"rows": [times.rows[site][report] for site in sites],
			"load": [round(mean(loads[(site, report)]), 2) for site in sites],
			"ratio": times.ratios[report],
			"ratios_by_round": times.ratios_by_round[report],
		}
	print_table(sites, table)
	empty = [report for report in reports if not all(table[report]["rows"])]
	assert not empty, f"no rows from {', '.join(empty)}"
	return {"sites": sites, "date": date.today().isoformat(), "reports": table, "passed": True}


def print_table(sites: tuple[str, str], table: dict):
	print()
	print(
		f"Our reports beside ERPNext's, {date.today().isoformat()}; sites {sites[0]} (1x) and {sites[1]} (2x), taking turns"
	)
	print(
		f"(seconds: median of {ROUNDS} x {RUNS} runs after an untimed one; {VARIANCE}: one run a site; "
		"load: the 1-minute load average after each run, averaged)"
	)
	header = f"{'report':<50}{'1x s':>9}{'rows':>8}{'load':>6}{'2x s':>9}{'rows':>8}{'load':>6}{'ratio':>7}  rounds"
	print(header)
	print("-" * len(header))
	for report, row in table.items():
		cells = "".join(
			f"{seconds:>9.3f}{rows:>8}{load:>6.2f}"
			for seconds, rows, load in zip(row["seconds"], row["rows"], row["load"], strict=True)
		)
		spread = row["ratios_by_round"]
		print(f"{report:<50}{cells}{row['ratio']:>7.2f}  {min(spread):.2f}-{max(spread):.2f}")
	print(f"Load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count() or 1} CPUs.")
	print()


if __name__ == "__main__":
	# cd BENCH/sites && ../env/bin/python -m sales_dept.benchmarks.erpnext_report_times FIRST_SITE DOUBLE_SITE
	print(json.dumps(compare(*sys.argv[1:3]), default=str, sort_keys=True))
