"""Benchmark: what the price policy (rulebook R9) costs a Sales Order save.

Target (from the issue): with 50 active policies, Sales Order insert+submit takes at most 1.05x the time with
the policy switched off for 10 lines and 1.10x for 100 lines, and at most 2 extra SQL queries per save
whatever the number of lines.

	scripts/benchmark price-policy [SITE]

`run` seeds its records on the site (idempotent: items, prices, a customer of a salesperson, 50 policies),
then saves Sales Orders as the salesperson with the policy on and off, interleaved, and counts the SQL
queries of one save of each kind with warm caches. It prints a table and returns the figures.
"""

import gc
import os
import re
from collections import Counter
from contextlib import contextmanager
from statistics import median
from time import perf_counter

import frappe
from frappe.utils import add_days, nowdate

from sales_dept.demo.site import ensure_company
from sales_dept.overrides import selling
from sales_dept.services.pricing import (
	clear_item_group_cache,
	clear_policy_cache,
	company_policies,
	judge_document,
)
from sales_dept.services.settings import SETTINGS_DOCTYPE, get_settings, is_enabled
from sales_dept.setup.records import (
	default_company,
	get_or_make_customer,
	get_or_make_item,
	get_or_make_item_group,
)
from sales_dept.tests.factories import make_sales_org

SWITCH = "enable_pricing_policy"
PRICE_LIST = "Standard Selling"
PREFIX = "_SD Bench"

# Item Group tree: three parent groups under All Item Groups, seven leaf groups holding the items.
GROUP_TREE = {
	f"{PREFIX} Drives": (f"{PREFIX} Motors", f"{PREFIX} Inverters", f"{PREFIX} Servos"),
	f"{PREFIX} Sensing": (f"{PREFIX} Encoders", f"{PREFIX} Proximity"),
	f"{PREFIX} Service": (f"{PREFIX} Spares", f"{PREFIX} Cables"),
}
ITEM_COUNT = 100
CUSTOMER_GROUPS = (f"{PREFIX} Key Accounts", f"{PREFIX} Distributors")  # the customer is a key account
CUSTOMER = f"{PREFIX} Customer"
SALESPERSON = "Zhou"  # make_sales_org's plain salesperson (Sales User only)

FLOOR_PCT = 15
ALLOWANCE_PCTS = (3, 8, 12)  # salesperson, team leader, sales manager (roles of Sales Dept Settings)
DISCOUNT_PCT = 2  # within the salesperson's allowance: no exception needed

SIZES = ((10, 25), (100, 9))  # (lines, measured saves per state)
RATIO_TARGETS = {10: 1.05, 100: 1.10}
MAX_EXTRA_QUERIES = 2
LINE_STRIDE = 11  # coprime with ITEM_COUNT: any number of lines takes distinct items, spread over all groups


# Seeding
# -------


def item_codes() -> list[str]:
	return [f"{PREFIX} Item {number:03d}" for number in range(1, ITEM_COUNT + 1)]


def leaf_groups() -> list[str]:
	return [child for children in GROUP_TREE.values() for child in children]


def get_or_make_parent_item_group(name: str) -> str:
	if not frappe.db.exists("Item Group", name):
		frappe.get_doc(
			{
				"doctype": "Item Group",
				"item_group_name": name,
				"parent_item_group": "All Item Groups",
				"is_group": 1,
			}
		).insert(ignore_permissions=True)
	return name


def get_or_make_customer_group(name: str) -> str:
	if not frappe.db.exists("Customer Group", name):
		frappe.get_doc(
			{
				"doctype": "Customer Group",
				"customer_group_name": name,
				"parent_customer_group": "All Customer Groups",
				"is_group": 0,
			}
		).insert(ignore_permissions=True)
	return name


def seed_items() -> list[str]:
	"""100 items spread over the leaf groups, each with a list rate in Standard Selling."""
	for parent, children in GROUP_TREE.items():
		get_or_make_parent_item_group(parent)
		for child in children:
			get_or_make_item_group(child, parent)
	leaves, codes = leaf_groups(), item_codes()
	for number, code in enumerate(codes):
		get_or_make_item(code, item_group=leaves[number % len(leaves)])
	priced = set(
		frappe.get_all(
			"Item Price",
			filters={"price_list": PRICE_LIST, "item_code": ["in", codes]},
			pluck="item_code",
		)
	)
	for number, code in enumerate(codes):
		if code not in priced:
			frappe.get_doc(
				{
					"doctype": "Item Price",
					"item_code": code,
					"price_list": PRICE_LIST,
					"price_list_rate": 100 + 5 * number,
				}
			).insert(ignore_permissions=True)
	return codes


def policy_specs(codes: list[str]) -> list[dict]:
	"""50 policies: all items; every group in general and for each customer group; 19 single items."""
	specs = [{"applies_to": "All Items"}]
	for group in [*GROUP_TREE, *leaf_groups()]:
		specs.append({"applies_to": "Item Group", "item_group": group})
		specs += [
			{"applies_to": "Item Group", "item_group": group, "customer_group": customer_group}
			for customer_group in CUSTOMER_GROUPS
		]
	specs += [{"applies_to": "Item", "item_code": code} for code in codes[:95:5]]
	return specs


POLICY_KEY_FIELDS = ("applies_to", "item_group", "item_code", "customer_group", "price_list")


def policy_key(row) -> tuple:
	"""What tells two policies apart for the benchmark: their target and their narrowing conditions."""
	return tuple(row.get(field) or None for field in POLICY_KEY_FIELDS)


def seed_policies(company: str, codes: list[str]) -> int:
	"""The 50 policies, enabled (an existing one with the same target and conditions is reused)."""
	settings = get_settings()
	roles = (settings.salesperson_role, settings.team_leader_role, settings.sales_manager_role)
	existing = {
		policy_key(row): row
		for row in frappe.get_all(
			"Sales Price Policy",
			filters={"company": company},
			fields=["name", "enabled", *POLICY_KEY_FIELDS],
		)
	}
	for spec in policy_specs(codes):
		row = existing.get(policy_key(spec))
		if row and not row.enabled:
			policy = frappe.get_doc("Sales Price Policy", row.name)
			policy.enabled = 1
			policy.save(ignore_permissions=True)
		elif not row:
			frappe.get_doc(
				{
					"doctype": "Sales Price Policy",
					"company": company,
					"enabled": 1,
					"floor_basis": "Maximum Discount",
					"max_discount_pct": FLOOR_PCT,
					"allowances": [
						{"role": role, "max_discount_pct": pct}
						for role, pct in zip(roles, ALLOWANCE_PCTS, strict=True)
					],
					**spec,
				}
			).insert(ignore_permissions=True)
	return frappe.db.count("Sales Price Policy", {"company": company, "enabled": 1})


def seed() -> dict:
	"""Everything the benchmark needs on the current site; returns what it measures with."""
	company = default_company()
	people = make_sales_org()
	for customer_group in CUSTOMER_GROUPS:
		get_or_make_customer_group(customer_group)
	customer = get_or_make_customer(CUSTOMER, people[SALESPERSON].sales_person, CUSTOMER_GROUPS[0])
	codes = seed_items()
	policies = seed_policies(company, codes)
	frappe.db.commit()
	return {
		"company": company,
		"customer": customer,
		"user": people[SALESPERSON].user,
		"items": codes,
		"policies": policies,
	}


# Measuring
# ---------


def order_items(codes: list[str], lines: int) -> list[str]:
	return [codes[(number * LINE_STRIDE) % len(codes)] for number in range(lines)]


def new_order(setup: dict, lines: int):
	today = nowdate()
	return frappe.get_doc(
		{
			"doctype": "Sales Order",
			"customer": setup["customer"],
			"company": setup["company"],
			"transaction_date": today,
			"delivery_date": add_days(today, 14),
			"selling_price_list": PRICE_LIST,
			"items": [
				{"item_code": code, "qty": 1, "discount_percentage": DISCOUNT_PCT}
				for code in order_items(setup["items"], lines)
			],
		}
	)


def switch_policy(on: bool):
	"""Switch the price policy on or off for the next saves, as an admin saving the settings would."""
	frappe.db.set_single_value(SETTINGS_DOCTYPE, SWITCH, int(on), update_modified=False)
	frappe.clear_document_cache(SETTINGS_DOCTYPE, SETTINGS_DOCTYPE)
	frappe.db.commit()
	if is_enabled("pricing_policy") != on:  # also loads the settings into the cache again
		raise RuntimeError(f"Sales Dept Settings.{SWITCH} did not switch {'on' if on else 'off'}")


def fresh_request():
	"""What frappe.init resets at the start of every web request: the request-local caches (Redis stays
	warm, as it is between the requests of a running site)."""
	frappe.local.cache = {}
	frappe.local.role_permissions = {}
	frappe.local.valid_columns = {}
	frappe.local.new_doc_templates = {}
	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.clear()
	gc.collect()  # not in the timed save: a collection of the garbage of earlier saves would weigh on one


@contextmanager
def timing_hook(calls: list[float]):
	"""The seconds of every call of our validate hook (selling.check_price_policy) inside the block, appended
	to `calls`. Frappe looks hooks up by name at each call, so replacing the module attribute is enough."""
	original = selling.check_price_policy

	def timed(doc, method=None):
		start = perf_counter()
		try:
			return original(doc, method)
		finally:
			calls.append(perf_counter() - start)

	selling.check_price_policy = timed
	try:
		yield
	finally:
		selling.check_price_policy = original


def save_order(setup: dict, lines: int, hook_calls: list[float]):
	"""Insert and submit a Sales Order as a fresh request would, then commit.
	Returns (seconds, seconds in our validate hook, order)."""
	fresh_request()
	calls_before = len(hook_calls)
	start = perf_counter()
	order = new_order(setup, lines)
	order.insert()
	order.submit()
	seconds = perf_counter() - start
	frappe.db.commit()
	return seconds, sum(hook_calls[calls_before:]), order


@contextmanager
def counting_queries():
	"""Every frappe.db.sql call (the query builder's too) inside the block, as a list of query texts."""
	db, queries = frappe.db, []
	patched_before = "sql" in vars(db)
	original = db.sql

	def sql(query, *args, **kwargs):
		queries.append(str(query))
		return original(query, *args, **kwargs)

	db.sql = sql
	try:
		yield queries
	finally:
		if patched_before:
			db.sql = original
		else:
			del db.sql


def count_save_queries(setup: dict, lines: int, on: bool, cold: bool = False) -> list[str]:
	"""The queries of one insert+submit as a fresh request, the caches of our hook warm unless `cold`."""
	switch_policy(on)
	if cold:
		clear_policy_cache()
		clear_item_group_cache()
		frappe.db.commit()
	fresh_request()
	with counting_queries() as queries:
		order = new_order(setup, lines)
		order.insert()
		order.submit()
	frappe.db.commit()
	return queries


def query_shape(query: str) -> str:
	query = re.sub(r"'(?:[^'\\]|\\.)*'|`[^`]*`\.|\b\d+(?:\.\d+)?\b", "?", query)
	return re.sub(r"\s+", " ", query).strip()[:200]


def check_governed(setup: dict, order, lines: int):
	"""The benchmark only means something when the policies govern every line and none needs approval."""
	verdicts = judge_document(order)
	if len(verdicts) != lines or any(v.required_role for v in verdicts) or order.sd_price_exception_needed:
		raise RuntimeError(
			f"Expected {lines} governed lines within the allowance of {setup['user']}, got: {verdicts}"
		)


def measure_size(setup: dict, lines: int, saves: int) -> dict:
	hook_calls: list[float] = []
	with timing_hook(hook_calls):
		# Warm-up, one of each: caches, and the check that the policy really governs the lines.
		for on in (True, False):
			switch_policy(on)
			_seconds, _hook, order = save_order(setup, lines, hook_calls)
			if on:
				check_governed(setup, order, lines)

		# Interleaved, the order swapped every round (ON OFF, OFF ON, ...): a drift weighs on both alike.
		times: dict[bool, list[float]] = {True: [], False: []}
		hook: dict[bool, list[float]] = {True: [], False: []}
		for round_number in range(saves):
			for on in (True, False) if round_number % 2 == 0 else (False, True):
				switch_policy(on)
				seconds, hook_seconds, _order = save_order(setup, lines, hook_calls)
				times[on].append(seconds)
				hook[on].append(hook_seconds)

	queries = {on: count_save_queries(setup, lines, on) for on in (True, False)}
	# Once more after a policy and an item group changed (both caches empty): the worst case, for information.
	queries_cold = count_save_queries(setup, lines, True, cold=True)

	median_on, median_off = median(times[True]), median(times[False])
	ratio = median_on / median_off
	hook_on, hook_off = median(hook[True]), median(hook[False])
	paired = median(on / off for on, off in zip(times[True], times[False], strict=True))
	extra = len(queries[True]) - len(queries[False])
	extra_shapes = Counter(map(query_shape, queries[True])) - Counter(map(query_shape, queries[False]))
	return {
		"lines": lines,
		"saves_per_state": saves,
		"median_off_s": round(median_off, 4),
		"median_on_s": round(median_on, 4),
		"min_off_s": round(min(times[False]), 4),
		"min_on_s": round(min(times[True]), 4),
		"ratio": round(ratio, 4),
		"ratio_target": RATIO_TARGETS[lines],
		"ratio_result": "PASS" if ratio <= RATIO_TARGETS[lines] else "FAIL",
		# Cross-checks that other work on the machine disturbs less: the median of the ratios of the two saves
		# of each round (next to each other in time), and the ratio of the fastest saves.
		"paired_ratio": round(paired, 4),
		"best_ratio": round(min(times[True]) / min(times[False]), 4),
		# Our validate hook timed alone (it runs on insert and again on submit): far less noisy than the
		# difference of two medians, and all that switching the policy on adds to a save.
		"hook_on_median_s": round(hook_on, 5),
		"hook_off_median_s": round(hook_off, 5),
		"hook_ratio": round((median_off + hook_on - hook_off) / median_off, 4),
		"queries_off": len(queries[False]),
		"queries_on": len(queries[True]),
		"extra_queries": extra,
		"extra_queries_target": MAX_EXTRA_QUERIES,
		"extra_queries_result": "PASS" if extra <= MAX_EXTRA_QUERIES else "FAIL",
		"extra_query_shapes": [f"{count}x {shape}" for shape, count in extra_shapes.most_common(10)],
		"queries_on_cold": len(queries_cold),
		"extra_queries_cold": len(queries_cold) - len(queries[False]),
		"off_s": [round(t, 4) for t in times[False]],
		"on_s": [round(t, 4) for t in times[True]],
	}


def print_table(setup: dict, results: list[dict], load: tuple[float, float]):
	print()
	print(
		f"Price policy benchmark on {frappe.local.site}: {setup['company']}, {setup['policies']} enabled "
		f"policies, Sales Order insert+submit as {setup['user']}, lines at {DISCOUNT_PCT}% discount"
	)
	header = (
		f"{'lines':>5}  {'saves':>5}  {'off median':>10}  {'on median':>10}  {'ratio':>6}  {'target':>6}  "
		f"{'':4}  {'paired':>6}  {'best':>6}  {'hook on':>8}  {'hook ratio':>10}  "
		f"{'queries off':>11}  {'on':>5}  {'extra':>5}  {'target':>6}  {'':4}"
	)
	print(header)
	print("-" * len(header))
	for r in results:
		print(
			f"{r['lines']:>5}  {r['saves_per_state']:>5}  "
			f"{r['median_off_s']:>9.3f}s  {r['median_on_s']:>9.3f}s  "
			f"{r['ratio']:>6.3f}  {'<=' + str(r['ratio_target']):>6}  {r['ratio_result']:4}  "
			f"{r['paired_ratio']:>6.3f}  {r['best_ratio']:>6.3f}  "
			f"{r['hook_on_median_s'] * 1000:>6.1f}ms  {r['hook_ratio']:>10.3f}  "
			f"{r['queries_off']:>11}  {r['queries_on']:>5}  {r['extra_queries']:>+5}  "
			f"{'<=' + str(r['extra_queries_target']):>6}  {r['extra_queries_result']:4}"
		)
	print(
		"ratio: median on / median off (judged against the target); "
		"paired: median of on / off within each round; best: fastest on / fastest off;\n"
		"hook on: median time per save in our validate hook (insert and submit); "
		"hook ratio: (median off + hook on - hook off) / median off."
	)
	for r in results:
		for shape in r["extra_query_shapes"]:
			print(f"  extra query at {r['lines']} lines: {shape}")
	cold = ", ".join(f"{r['extra_queries_cold']:+d} at {r['lines']} lines" for r in results)
	print(f"Extra queries of the first save after a policy or item group change (caches empty): {cold}.")
	cpus = os.cpu_count() or 1
	print(f"Load average before / after: {load[0]:.2f} / {load[1]:.2f} on {cpus} CPUs.")
	if max(load) > cpus:
		print("Warning: the machine was busy with other work; timings are noisy (compare the hook ratio).")
	print(flush=True)


def run() -> dict:
	"""The price policy benchmark on the current site (see the module docstring)."""
	if "sales_dept" not in frappe.get_installed_apps():
		raise RuntimeError(f"sales_dept is not installed on {frappe.local.site}")
	ensure_company()
	setup = seed()
	print(f"Seeded: {len(setup['items'])} items, {setup['policies']} enabled policies.", flush=True)
	if not company_policies(setup["company"]):
		raise RuntimeError("No enabled Sales Price Policy for the company: nothing to measure")

	original = frappe.db.get_single_value(SETTINGS_DOCTYPE, SWITCH)
	previous_user = frappe.session.user
	load_before = os.getloadavg()[0]
	results = []
	try:
		frappe.set_user(setup["user"])  # as a salesperson's request
		for lines, saves in SIZES:
			print(f"Measuring {lines} lines: {saves} saves with the policy on, {saves} off...", flush=True)
			results.append(measure_size(setup, lines, saves))
	finally:
		frappe.db.rollback()
		frappe.set_user(previous_user)
		frappe.db.set_single_value(SETTINGS_DOCTYPE, SWITCH, original, update_modified=False)
		frappe.clear_document_cache(SETTINGS_DOCTYPE, SETTINGS_DOCTYPE)
		frappe.db.commit()
	load = (load_before, os.getloadavg()[0])

	print_table(setup, results, load)
	return {
		"benchmark": "price-policy",
		"site": frappe.local.site,
		"company": setup["company"],
		"policies": setup["policies"],
		"user": setup["user"],
		"discount_pct": DISCOUNT_PCT,
		"load_average": [round(value, 2) for value in load],
		"results": {f"lines_{r['lines']}": r for r in results},
		"passed": all(r["ratio_result"] == r["extra_queries_result"] == "PASS" for r in results),
	}
