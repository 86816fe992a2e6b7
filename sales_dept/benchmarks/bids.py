"""Benchmark: what the bid review (rulebook R27-R30) costs a quotation, and how long its reports take.

Targets (from the issue):
- (a) the quotation gate: a Quotation made from an approved bid (`sd_bid_review` set: the gate checks it
  on validate, submit and print) saved and submitted takes at most 1.05x the time of the same quotation
  without the bid for 10 lines and 1.10x for 100 lines, with no query per line (the extra queries are as
  many at 100 lines as at 10);
- (b) Bid Pipeline and Bid Win Loss Analysis take at most 1 s each on 20,000 bids with 200,000 lines, and
  doubling the data at most multiplies the time by 2.1.

	scripts/benchmark bids [SITE]

which seeds two sites (SITE, and SITE's first label + "-double"), then runs (a) on SITE and (b) on both:

	cd BENCH/sites
	../env/bin/python APP/scripts/site_call.py FIRST_SITE sales_dept.benchmarks.bids.prepare_first_size
	../env/bin/python APP/scripts/site_call.py DOUBLE_SITE sales_dept.benchmarks.bids.prepare_double_size
	../env/bin/python -m sales_dept.benchmarks.bids FIRST_SITE DOUBLE_SITE

(a) reuses the price-policy benchmark's records (items with list rates, a customer of a salesperson, 50
price policies: the price check runs on both quotations alike) and its way of timing a save as a fresh
request; the approved bids it quotes from are written straight to the database. Saves are interleaved,
gate on and off, and the queries of one save of each kind are counted.

(b) seeds with bulk SQL inserts, not documents (names start with "SDBENCH-B"; idempotent: bids already
there are kept, those beyond the size asked for are deleted first): the visit-reports benchmark's
department (4 teams of 10 salespeople) and 2,000 of its customers with tiers, 10 lines per bid over the
price-policy benchmark's 100 items (7 item groups), bids created over the past two years in every state,
most of them approved with an outcome (won, lost with a competitor and often the winning price,
withdrawn), with their technical and purchasing reviews; they make sure the index the item-group figures
need exists (see INDEXES). `compare` times the reports on both sites in turns, as the visit-reports
benchmark does, and prints a table.
"""

import json
import os
import sys
from collections import defaultdict
from contextlib import contextmanager
from statistics import median
from time import perf_counter

import frappe
from frappe.utils import add_days, add_months, flt, getdate, now_datetime, nowdate

from sales_dept.benchmarks import price_policy
from sales_dept.benchmarks.two_sites import compare_reports, connected
from sales_dept.benchmarks.visit_reports import (
	PREFIX,
	SALES_PERSONS,
	TEAMS,
	count_prefixed,
	customer_name,
	seed_customers,
	seed_org,
	share,
	wait_for_purge,
)
from sales_dept.overrides import selling
from sales_dept.rules.bids import (
	APPROVED,
	DECLINED,
	DRAFT,
	FINAL_APPROVAL,
	GO_NO_GO,
	IN_REVIEW,
	LOST,
	REVIEW_APPROVED,
	REVIEW_PENDING,
	SENT_BACK,
	WITHDRAWN,
	WON,
)
from sales_dept.sales_dept.doctype.bid_review import bid_review
from sales_dept.services.bids import list_rates
from sales_dept.setup.records import default_company
from sales_dept.tests.factories import PEOPLE

BID = "Bid Review"

# (a) The quotation gate
# ----------------------

GATE_SIZES = ((10, 25), (100, 9))  # (lines, measured saves per state)
GATE_TARGETS = {10: 1.05, 100: 1.10}


def gate_bid_name(lines: int) -> str:
	return f"{price_policy.PREFIX} Bid {lines}"


def seed_gate_bid(setup: dict, lines: int) -> tuple[str, list[tuple[str, float]]]:
	"""An approved bid of `lines` lines (one of each item, at 1 below its list rate: within the
	salesperson's allowance) written as it is stored; returns its name and its (item, rate) lines."""
	codes = price_policy.order_items(setup["items"], lines)
	rates = list_rates(price_policy.PRICE_LIST, codes)
	bid_lines = [(code, rates[code] - 1) for code in codes]
	name = gate_bid_name(lines)
	if frappe.db.exists(BID, name):
		return name, bid_lines
	total = sum(rate for _code, rate in bid_lines)
	company = setup["company"]
	now = now_datetime()
	frappe.get_doc(
		{
			"doctype": BID,
			"name": name,
			"title": name,
			"kind": "Inquiry",
			"company": company,
			"customer": setup["customer"],
			"customer_name": setup["customer"],
			"currency": frappe.get_cached_value("Company", company, "default_currency"),
			"conversion_rate": 1,
			"selling_price_list": price_policy.PRICE_LIST,
			"sales_person": PEOPLE[price_policy.SALESPERSON].sales_person,
			"status": APPROVED,
			"workflow_state": APPROVED,
			"status_since": now,
			"total_amount": total,
			"base_total_amount": total,
			"docstatus": 1,
		}
	).db_insert()
	for idx, (code, rate) in enumerate(bid_lines, 1):
		frappe.get_doc(
			{
				"doctype": "Bid Review Line",
				"name": f"{name}-{idx}",
				"parent": name,
				"parenttype": BID,
				"parentfield": "lines",
				"idx": idx,
				"item_code": code,
				"qty": 1,
				"rate": rate,
				"amount": rate,
				"docstatus": 1,
			}
		).db_insert()
	frappe.db.commit()
	return name, bid_lines


def new_quotation(setup: dict, bid_lines: list, bid: str | None):
	return frappe.get_doc(
		{
			"doctype": "Quotation",
			"quotation_to": "Customer",
			"party_name": setup["customer"],
			"company": setup["company"],
			"transaction_date": nowdate(),
			"selling_price_list": price_policy.PRICE_LIST,
			"sd_bid_review": bid,
			"items": [{"item_code": code, "qty": 1, "rate": rate} for code, rate in bid_lines],
		}
	)


@contextmanager
def timing_gate(calls: list[float]):
	"""The seconds of every call of the gate's own work inside the block (the approved lines read for the
	price check and the submit check, and the bid remembering its quotation), appended to `calls`."""
	originals = [
		(selling, "lines_covered_by_bid"),
		(selling, "bid_gate_problems"),
		(bid_review, "on_quotation_submit"),
	]
	saved = [(owner, attribute, getattr(owner, attribute)) for owner, attribute in originals]

	def timed(function):
		def call(*args, **kwargs):
			started = perf_counter()
			try:
				return function(*args, **kwargs)
			finally:
				calls.append(perf_counter() - started)

		return call

	for owner, attribute, function in saved:
		setattr(owner, attribute, timed(function))
	try:
		yield
	finally:
		for owner, attribute, function in saved:
			setattr(owner, attribute, function)


def save_quotation(setup: dict, bid_lines: list, bid: str | None, gate_calls: list[float]):
	"""Insert and submit a quotation as a fresh request would, then commit: (seconds, seconds in the gate)."""
	price_policy.fresh_request()
	before = len(gate_calls)
	started = perf_counter()
	quotation = new_quotation(setup, bid_lines, bid)
	quotation.insert()
	quotation.submit()
	seconds = perf_counter() - started
	frappe.db.commit()
	return seconds, sum(gate_calls[before:]), quotation


def count_queries(setup: dict, bid_lines: list, bid: str | None) -> list[str]:
	price_policy.fresh_request()
	with price_policy.counting_queries() as queries:
		quotation = new_quotation(setup, bid_lines, bid)
		quotation.insert()
		quotation.submit()
	frappe.db.commit()
	return queries


def measure_gate(setup: dict, lines: int, saves: int) -> dict:
	bid, bid_lines = seed_gate_bid(setup, lines)
	gate_calls: list[float] = []
	times: dict[bool, list[float]] = {True: [], False: []}
	gate: dict[bool, list[float]] = {True: [], False: []}
	with timing_gate(gate_calls):
		for on in (True, False):  # warm-up; and the gate must pass (the quotation repeats the bid)
			_seconds, _gate, quotation = save_quotation(setup, bid_lines, bid if on else None, gate_calls)
			if quotation.docstatus != 1 or (on and quotation.sd_price_exception_needed):
				raise RuntimeError(f"The quotation of {bid} was not submitted as expected")
		for round_number in range(saves):
			for on in (True, False) if round_number % 2 == 0 else (False, True):
				seconds, gate_seconds, _quotation = save_quotation(
					setup, bid_lines, bid if on else None, gate_calls
				)
				times[on].append(seconds)
				gate[on].append(gate_seconds)
	queries = {on: count_queries(setup, bid_lines, bid if on else None) for on in (True, False)}
	median_on, median_off = median(times[True]), median(times[False])
	ratio = median_on / median_off
	extra_shapes = defaultdict(int)
	for shape in map(price_policy.query_shape, queries[True]):
		extra_shapes[shape] += 1
	for shape in map(price_policy.query_shape, queries[False]):
		extra_shapes[shape] -= 1
	return {
		"lines": lines,
		"saves_per_state": saves,
		"median_off_s": round(median_off, 4),
		"median_on_s": round(median_on, 4),
		"ratio": round(ratio, 4),
		"ratio_target": GATE_TARGETS[lines],
		"ratio_result": "PASS" if ratio <= GATE_TARGETS[lines] else "FAIL",
		"paired_ratio": round(median(on / off for on, off in zip(times[True], times[False], strict=True)), 4),
		"best_ratio": round(min(times[True]) / min(times[False]), 4),
		# the gate's own work timed alone: all that quoting from a bid adds to a save, far less noisy
		"gate_on_median_s": round(median(gate[True]), 5),
		"gate_ratio": round((median_off + median(gate[True]) - median(gate[False])) / median_off, 4),
		"queries_off": len(queries[False]),
		"queries_on": len(queries[True]),
		"extra_queries": len(queries[True]) - len(queries[False]),
		"extra_query_shapes": [f"{count:+d}x {shape}" for shape, count in extra_shapes.items() if count],
	}


def run_gate() -> dict:
	"""(a) on the current site: the quotation gate on against off, 10 and 100 lines."""
	setup = price_policy.seed()
	previous_user = frappe.session.user
	load_before = os.getloadavg()[0]
	results = []
	try:
		frappe.set_user(setup["user"])  # as a salesperson's request
		for lines, saves in GATE_SIZES:
			print(f"Quotation gate, {lines} lines: {saves} saves from a bid, {saves} without...", flush=True)
			results.append(measure_gate(setup, lines, saves))
	finally:
		frappe.db.rollback()
		frappe.set_user(previous_user)
	by_lines = {r["lines"]: r for r in results}
	no_query_per_line = by_lines[100]["extra_queries"] == by_lines[10]["extra_queries"]
	print_gate_table(setup, results, (load_before, os.getloadavg()[0]), no_query_per_line)
	return {
		"site": frappe.local.site,
		"user": setup["user"],
		"policies": setup["policies"],
		"results": {f"lines_{r['lines']}": r for r in results},
		"no_query_per_line": no_query_per_line,
		"passed": no_query_per_line and all(r["ratio_result"] == "PASS" for r in results),
	}


def print_gate_table(setup: dict, results: list[dict], load: tuple[float, float], no_query_per_line: bool):
	print()
	print(
		f"Quotation gate on {frappe.local.site}: insert+submit as {setup['user']}, made from an approved bid "
		f"(gate on) or the same lines without it (off); {setup['policies']} price policies apply to both"
	)
	header = (
		f"{'lines':>5}  {'saves':>5}  {'off median':>10}  {'on median':>10}  {'ratio':>6}  {'target':>6}  "
		f"{'':4}  {'paired':>6}  {'best':>6}  {'gate on':>8}  {'gate ratio':>10}  "
		f"{'queries off':>11}  {'on':>5}  {'extra':>5}"
	)
	print(header)
	print("-" * len(header))
	for r in results:
		print(
			f"{r['lines']:>5}  {r['saves_per_state']:>5}  {r['median_off_s']:>9.3f}s  {r['median_on_s']:>9.3f}s  "
			f"{r['ratio']:>6.3f}  {'<=' + str(r['ratio_target']):>6}  {r['ratio_result']:4}  "
			f"{r['paired_ratio']:>6.3f}  {r['best_ratio']:>6.3f}  {r['gate_on_median_s'] * 1000:>6.1f}ms  "
			f"{r['gate_ratio']:>10.3f}  {r['queries_off']:>11}  {r['queries_on']:>5}  {r['extra_queries']:>+5}"
		)
	print(
		"ratio: median on / median off (judged against the target); paired: median of on / off within each "
		"round; best: fastest on / fastest off;\ngate on: median time per save in the gate's own code; gate "
		"ratio: (median off + gate on - gate off) / median off."
	)
	for r in results:
		for shape in r["extra_query_shapes"]:
			print(f"  extra query at {r['lines']} lines: {shape}")
	verdict = "PASS" if no_query_per_line else "FAIL"
	print(f"No query per line (as many extra queries at 100 lines as at 10): {verdict}.")
	cpus = os.cpu_count() or 1
	print(f"Load average before / after: {load[0]:.2f} / {load[1]:.2f} on {cpus} CPUs.")
	print(flush=True)


# (b) The reports
# ---------------

SIZES = (20_000, 40_000)  # bids; LINES_PER_BID lines each
LINES_PER_BID = 10
CUSTOMERS = 2_000
HISTORY_DAYS = 730
COMPETITORS = tuple(f"{PREFIX}Rival {number}" for number in range(1, 9))
REVIEWS = (("Technical", "technical_reviewer_role"), ("Purchasing", "purchasing_reviewer_role"))
RUNS, ROUNDS = 5, 7
TARGET_SECONDS, MAX_RATIO = 1.0, 2.1
# (upper bound of a draw, status, docstatus): 17 % open, 5 % declined, the rest approved
STATUS_SHARES = (
	(0.04, DRAFT, 0),
	(0.07, GO_NO_GO, 0),
	(0.12, IN_REVIEW, 0),
	(0.14, SENT_BACK, 0),
	(0.17, FINAL_APPROVAL, 0),
	(0.22, DECLINED, 1),
	(1.0, APPROVED, 1),
)
# of the approved bids: won 35 %, lost 45 %, withdrawn 8 %, the rest without an outcome yet
OUTCOME_SHARES = ((0.35, WON), (0.80, LOST), (0.88, WITHDRAWN), (1.0, None))
# The index the item-group figures need: a decided bid's lines (group and amount) read from the index alone,
# a fraction of the lines' rows, so that twice the bids stay in memory. Named as frappe.db.add_index names
# it, so an index the app creates (on_doctype_update) is not doubled.
INDEXES = (("Bid Review Line", ("parent", "parenttype", "item_group", "amount")),)


def bid_name(number: int) -> str:
	return f"{PREFIX}B{number:07d}"


BID_FIELDS = [
	"name",
	"title",
	"kind",
	"company",
	"customer",
	"customer_name",
	"currency",
	"conversion_rate",
	"sales_person",
	"team",
	"status",
	"workflow_state",
	"status_since",
	"submission_deadline",
	"total_amount",
	"base_total_amount",
	"is_major",
	"outcome",
	"outcome_on",
	"competitor",
	"winning_price",
	"docstatus",
	"creation",
	"modified",
	"owner",
]
LINE_FIELDS = [
	"name",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"item_code",
	"item_group",
	"qty",
	"rate",
	"amount",
	"docstatus",
	"creation",
	"modified",
]
CHECK_FIELDS = [
	"name",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"review_kind",
	"role",
	"status",
	"docstatus",
	"creation",
	"modified",
]


def draw(shares, value):
	return next(entry for entry in shares if value < entry[0])


def seed_competitors() -> None:
	for name in COMPETITORS:
		if not frappe.db.exists("Competitor", name):
			frappe.get_doc({"doctype": "Competitor", "competitor_name": name}).insert(ignore_permissions=True)


SEED_BLOCK = 5_000  # bids written per round of inserts


def seed_bids(total: int, company: str, items: list[tuple[str, str, float]]) -> bool:
	"""Bids 1..total (those missing), with their lines and reviews, SEED_BLOCK bids at a time."""
	if count_prefixed(BID) >= total:
		return False
	for first in range(1, total + 1, SEED_BLOCK):
		bids, lines, checks = bid_rows(range(first, min(first + SEED_BLOCK, total + 1)), company, items)
		frappe.db.bulk_insert(BID, BID_FIELDS, bids, ignore_duplicates=True)
		frappe.db.bulk_insert("Bid Review Line", LINE_FIELDS, lines, ignore_duplicates=True)
		frappe.db.bulk_insert("Bid Review Check", CHECK_FIELDS, checks, ignore_duplicates=True)
		frappe.db.commit()
	return True


def bid_rows(numbers: range, company: str, items: list[tuple[str, str, float]]) -> tuple[list, list, list]:
	"""The rows of bids `numbers`: theirs, their lines' and their reviews' (fixed pseudo-random draws, so
	that a rerun writes the same; no date in the future)."""
	now, today = now_datetime(), getdate()
	currency = frappe.get_cached_value("Company", company, "default_currency")
	settings = frappe.get_cached_doc("Sales Dept Settings")
	review_roles = [(kind, settings.get(field)) for kind, field in REVIEWS]
	bids, lines, checks = [], [], []
	for number in numbers:
		name = bid_name(number)
		person_number = number % len(SALES_PERSONS)
		created = add_days(now, -int(share(number, 13) * HISTORY_DAYS))
		_limit, status, docstatus = draw(STATUS_SHARES, share(number, 11))
		open_bid = docstatus == 0
		outcome = draw(OUTCOME_SHARES, share(number, 12))[1] if status == APPROVED else None
		if open_bid:
			since = min(add_days(created, int(share(number, 21) * 10)), now)
			deadline = add_days(now, -5 + int(share(number, 16) * 45))
		else:
			since = min(add_days(created, 10 + int(share(number, 14) * 20)), now)
			deadline = add_days(created, 20)
		outcome_on = (
			min(getdate(add_days(since, 30 + int(share(number, 15) * 60))), today) if outcome else None
		)
		amount = 0.0
		for idx in range(1, LINES_PER_BID + 1):
			code, group, list_rate = items[(number * 13 + idx * 11) % len(items)]
			qty = 1 + int(share(number * 100 + idx, 17) * 20)
			rate = flt(list_rate * (0.85 + 0.15 * share(number * 100 + idx, 18)), 2)
			amount += qty * rate
			lines.append(
				(
					f"{name}-{idx}",
					name,
					BID,
					"lines",
					idx,
					code,
					group,
					qty,
					rate,
					qty * rate,
					docstatus,
					now,
					now,
				)
			)
		lost = outcome == LOST
		known = lost and share(number, 20) < 0.6
		winning = flt(amount * (0.8 + 0.15 * share(number, 19)), 2) if known else None
		customer = customer_name(1 + (number * 7) % CUSTOMERS)
		bids.append(
			(
				name,
				f"Bid {number}",
				"Tender" if number % 3 == 0 else "Inquiry",
				company,
				customer,
				customer,
				currency,
				1,
				SALES_PERSONS[person_number],
				TEAMS[person_number // 10],
				status,
				status,
				since,
				deadline,
				amount,
				amount,
				int(share(number, 22) < 0.03),
				outcome,
				outcome_on,
				COMPETITORS[number % len(COMPETITORS)] if lost else None,
				winning,
				docstatus,
				created,
				now,
				"Administrator",
			)
		)
		if status in (IN_REVIEW, FINAL_APPROVAL, APPROVED):
			for idx, (kind, role) in enumerate(review_roles, 1):
				pending = status == IN_REVIEW and share(number * 10 + idx, 23) < 0.6
				status_of_review = REVIEW_PENDING if pending else REVIEW_APPROVED
				checks.append(
					(
						f"{name}-R{idx}",
						name,
						BID,
						"reviews",
						idx,
						kind,
						role,
						status_of_review,
						docstatus,
						now,
						now,
					)
				)
	return bids, lines, checks


def trim_bids(total: int) -> bool:
	"""Delete the benchmark bids numbered above `total` (with their lines and reviews)."""
	if count_prefixed(BID) <= total:
		return False
	last = bid_name(total)
	for doctype in ("Bid Review Line", "Bid Review Check"):
		table = frappe.qb.DocType(doctype)
		frappe.qb.from_(table).delete().where(
			(table.parenttype == BID) & table.parent.like(f"{PREFIX}B%") & (table.parent > last)
		).run()
	table = frappe.qb.DocType(BID)
	frappe.qb.from_(table).delete().where(table.name.like(f"{PREFIX}B%") & (table.name > last)).run()
	frappe.db.commit()
	return True


def benchmark_items() -> list[tuple[str, str, float]]:
	"""(item, item group, list rate) of the price-policy benchmark's items (seeded when missing)."""
	codes = price_policy.seed_items()
	groups = dict(
		frappe.get_all("Item", filters={"name": ["in", codes]}, fields=["name", "item_group"], as_list=True)
	)
	rates = list_rates(price_policy.PRICE_LIST, codes)
	return [(code, groups[code], rates[code]) for code in codes]


def ensure_indexes() -> list[str]:
	"""Create the indexes of INDEXES that are missing; returns the ones created."""
	created = []
	for doctype, fields in INDEXES:
		if not frappe.db.has_index(f"tab{doctype}", frappe.db.get_index_name(list(fields))):
			frappe.db.add_index(doctype, list(fields))
			created.append(f"{doctype}({', '.join(fields)})")
	return created


def prepare(size: int) -> dict:
	"""On the current site: exactly SIZES[size] benchmark bids, and a server that has purged what seeding
	left behind. Returns what is there."""
	from sales_dept.demo.site import ensure_company

	company = ensure_company()
	seed_org()
	seed_customers(CUSTOMERS)
	seed_competitors()
	items = benchmark_items()
	frappe.db.commit()
	changed = trim_bids(SIZES[size])
	changed = seed_bids(SIZES[size], company, items) | changed
	if changed:
		for doctype in (BID, "Bid Review Line", "Bid Review Check"):
			frappe.db.sql(f"OPTIMIZE TABLE `tab{doctype}`")
	indexes_created = ensure_indexes()
	for doctype in (BID, "Bid Review Line", "Bid Review Check", "Customer"):
		frappe.db.sql(f"ANALYZE TABLE `tab{doctype}`")
	return {
		"bids": count_prefixed(BID),
		"indexes_created": indexes_created,
		"lines": frappe.db.count("Bid Review Line", {"parent": ["like", f"{PREFIX}B%"]}),
		"purge_wait_seconds": wait_for_purge(),
	}


def prepare_first_size() -> dict:
	return prepare(0)


def prepare_double_size() -> dict:
	return prepare(1)


def report_calls(company: str) -> dict:
	from sales_dept.sales_dept.report.bid_pipeline import bid_pipeline
	from sales_dept.sales_dept.report.bid_win_loss_analysis import bid_win_loss_analysis
	from sales_dept.services.bid_reports import GROUPINGS, bids_waiting_for_my_review

	today = getdate()
	period = {"company": company, "from_date": add_months(today, -12), "to_date": today}
	calls = {
		"Bid Pipeline": lambda: bid_pipeline.execute({"company": company}),
		"Bids Waiting for My Review": lambda: bids_waiting_for_my_review({"company": company}),
	}
	for grouping in GROUPINGS:
		calls[f"Win Loss by {grouping}"] = lambda grouping=grouping: bid_win_loss_analysis.execute(
			{**period, "group_by": grouping}
		)
	return calls


def rows_of(result) -> int:
	"""The rows a report returned, or the number a number card shows."""
	return result["value"] if isinstance(result, dict) else len(result[1])


def compare(first_site: str, double_site: str) -> dict:
	"""The reports on a site holding the first size and on one holding twice as much, timed in turns
	(sales_dept.benchmarks.two_sites). As Administrator (every bid, every role: the number card counts every
	decision)."""
	return compare_reports(
		first_site,
		double_site,
		title="Bid reports",
		report_calls=lambda: report_calls(default_company()),
		describe=lambda: {
			"bids": count_prefixed(BID),
			"lines": frappe.db.count("Bid Review Line", {"parent": ["like", f"{PREFIX}B%"]}),
		},
		size_label=lambda size: f"{size['bids']:,} bids/{size['lines']:,} lines",
		rounds=ROUNDS,
		runs=RUNS,
		target_seconds=TARGET_SECONDS,
		max_ratio=MAX_RATIO,
		rows_of=rows_of,
	)


def run(first_site: str, double_site: str) -> dict:
	with connected(first_site):
		gate = run_gate()
	reports = compare(first_site, double_site)
	return {
		"benchmark": "bids",
		"gate": gate,
		"reports": reports,
		"passed": gate["passed"] and reports["passed"],
	}


if __name__ == "__main__":
	# cd BENCH/sites && ../env/bin/python -m sales_dept.benchmarks.bids FIRST_SITE DOUBLE_SITE
	print(json.dumps(run(*sys.argv[1:3]), default=str, sort_keys=True))
