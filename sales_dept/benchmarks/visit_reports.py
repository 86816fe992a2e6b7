"""Benchmark: how long the three visit reports take on a large department (rulebook R26, R37, R38).

Target (from the issue): at 20,000 customers and 200,000 submitted visit records, each report's execute()
takes at most about 1 s (Administrator, the whole company, a six-month period; coverage over all customers,
and overdue ones only), and doubling the data (40,000 customers, 400,000 visits) at most doubles the time.

Two sites of the bench hold the two sizes, so that each is timed in the steady state a live site is in, not
just after a large insert or delete (scripts/benchmark visit-reports does all three steps):

	cd BENCH/sites
	../env/bin/python APP/scripts/site_call.py FIRST_SITE sales_dept.benchmarks.visit_reports.prepare_first_size
	../env/bin/python APP/scripts/site_call.py DOUBLE_SITE sales_dept.benchmarks.visit_reports.prepare_double_size
	../env/bin/python -m sales_dept.benchmarks.visit_reports FIRST_SITE DOUBLE_SITE

`prepare_*` seed with bulk SQL inserts, not documents (names start with "SDBENCH-"; idempotent: rows already
there are kept, and those beyond the size asked for are deleted first): 4 teams of 10 salespeople, customers
with Sales Team rows and tiers, visit records spread over the past year, and a weekly plan per salesperson
for the past 26 weeks, this week and the next one, with rows, some done through a linked visit record. They
make sure the indexes the reports need exist (see INDEXES). `compare` times each report on both sites in
turns, prints a table and returns the figures.
"""

import json
import sys
from time import perf_counter, sleep

import frappe
from frappe.query_builder import Case
from frappe.utils import add_days, get_datetime, getdate, now_datetime

from sales_dept.benchmarks.two_sites import compare_reports
from sales_dept.demo.site import ensure_company
from sales_dept.rules.visits import week_start
from sales_dept.setup.records import default_company, get_or_make_sales_person

PREFIX = "SDBENCH-"
ROOT = "Sales Team"
DEPT = f"{PREFIX}Dept"
TEAMS = tuple(f"{PREFIX}Team {number}" for number in range(1, 5))
SALES_PERSONS = tuple(f"{PREFIX}SP {number:02d}" for number in range(1, 41))
SIZES = ((20_000, 200_000), (40_000, 400_000))  # (customers, visit records)
PLAN_WEEKS = 26  # past weeks with an approved plan, besides the current one; next week's plans are pending
ROWS_PER_PLAN = 8
VISIT_DAYS = 365  # visit records are spread over the past year
RUNS = 5
PURGE_WAIT_SECONDS = 180
SETTLE_SECONDS = 10
ROUNDS = 9
TARGET_SECONDS = 1.0
MAX_RATIO = 2.0
PURPOSES = ("Revisit", "New Customer Development", "Complaint", "Collection", "Delivery / Contract", "Other")
TIER_SHARES = ((0.05, "VIP"), (0.20, "Level 1"), (0.50, "Level 2"), (1.0, "Other Customers"))

# Composite indexes the reports' queries need (single-field ones come from the doctype JSON):
# - the last submitted visit of each customer (coverage, meeting pack): read from the index alone;
# - a salesperson's visits per day not made for a plan row (execution, meeting pack): read from the index alone.
# Named as frappe.db.add_index names them, so an index the app creates (on_doctype_update) is not doubled.
INDEXES = (
	("Visit Record", ("customer", "docstatus", "visit_date")),
	("Visit Record", ("sales_person", "visit_date", "docstatus", "visit_plan_row")),
)


def share(number: int, salt: int) -> float:
	"""A fixed pseudo-random number in [0, 1) for (number, salt): reruns produce the same records."""
	value = (number * 2654435761 + salt * 40503 + 12345) & 0xFFFFFFFF
	value ^= value >> 15
	value = (value * 2246822519) & 0xFFFFFFFF
	value ^= value >> 13
	return value / 2**32


# Seeding
# -------


def seed_org() -> None:
	get_or_make_sales_person(DEPT, ROOT, is_group=True)
	for team in TEAMS:
		get_or_make_sales_person(team, DEPT, is_group=True)
	for number, person in enumerate(SALES_PERSONS):
		get_or_make_sales_person(person, TEAMS[number // 10])


def owner_of(customer_number: int) -> str:
	return SALES_PERSONS[customer_number % len(SALES_PERSONS)]


def customer_name(number: int) -> str:
	return f"{PREFIX}C{number:06d}"


def tier_of(number: int) -> str:
	draw = share(number, 1)
	return next(tier for limit, tier in TIER_SHARES if draw < limit)


def count_prefixed(doctype: str) -> int:
	table = frappe.qb.DocType(doctype)
	return (
		frappe.qb.from_(table)
		.select(frappe.query_builder.functions.Count("*"))
		.where(table.name.like(f"{PREFIX}%"))
		.run()[0][0]
	)


def seed_customers(total: int) -> bool:
	"""Customers 1..total with a tier (5 % VIP, 15 % Level 1, 30 % Level 2, the rest other) and a Sales
	Team: one salesperson at 100 %, or (every fourth customer) 70 % and another at 30 %."""
	if count_prefixed("Customer") >= total:
		return False
	now, today = now_datetime(), getdate()
	classified_on, created = add_days(today, -400), add_days(now, -500)
	group = frappe.db.get_value("Customer Group", {"is_group": 0}) or "All Customer Groups"
	territory = frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories"
	customers, team_rows = [], []
	for number in range(1, total + 1):
		name = customer_name(number)
		customers.append(
			(
				name,
				name,
				"Company",
				group,
				territory,
				tier_of(number),
				classified_on,
				created,
				now,
				"Administrator",
			)
		)
		shared = number % 4 == 0
		team_rows.append(
			(
				f"{name}-ST1",
				name,
				"Customer",
				"sales_team",
				1,
				owner_of(number),
				70 if shared else 100,
				now,
				now,
			)
		)
		if shared:
			other = SALES_PERSONS[(number * 7 + 3) % len(SALES_PERSONS)]
			team_rows.append((f"{name}-ST2", name, "Customer", "sales_team", 2, other, 30, now, now))
	frappe.db.bulk_insert(
		"Customer",
		[
			"name",
			"customer_name",
			"customer_type",
			"customer_group",
			"territory",
			"sd_customer_tier",
			"sd_tier_classified_on",
			"creation",
			"modified",
			"owner",
		],
		customers,
		ignore_duplicates=True,
	)
	frappe.db.bulk_insert(
		"Sales Team",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"sales_person",
			"allocated_percentage",
			"creation",
			"modified",
		],
		team_rows,
		ignore_duplicates=True,
	)
	frappe.db.commit()
	return True


def visit_row(name, sales_person, customer, company, visit_date, purpose, now, plan=None, plan_row=None):
	return (
		name,
		sales_person,
		customer,
		customer,
		company,
		visit_date,
		purpose,
		"Met the buyer.",
		plan,
		plan_row,
		1,
		now,
		now,
		"Administrator",
	)


VISIT_FIELDS = [
	"name",
	"sales_person",
	"customer",
	"customer_name",
	"company",
	"visit_date",
	"purpose",
	"outcome",
	"visit_plan",
	"visit_plan_row",
	"docstatus",
	"creation",
	"modified",
	"owner",
]


def seed_visits(total: int, company: str) -> bool:
	"""Submitted visit records 1..total, not made for a plan row, spread over the past year. Visit n of the
	k-th block of 200,000 goes to a customer of the k-th block of 20,000, visited by its main salesperson."""
	if count_prefixed("Visit Record") - planned_visit_count() >= total:
		return False
	now, today = now_datetime(), getdate()
	customers_per_block, visits_per_block = SIZES[0]

	def rows():
		for number in range(1, total + 1):
			block = (number - 1) // visits_per_block
			customer_number = block * customers_per_block + 1 + int(share(number, 2) * customers_per_block)
			yield visit_row(
				f"{PREFIX}V{number:07d}",
				owner_of(customer_number),
				customer_name(customer_number),
				company,
				add_days(today, -int(share(number, 3) * VISIT_DAYS)),
				PURPOSES[number % len(PURPOSES)],
				now,
			)

	frappe.db.bulk_insert("Visit Record", VISIT_FIELDS, rows(), ignore_duplicates=True)
	frappe.db.commit()
	return True


def planned_visit_count() -> int:
	return frappe.db.count("Visit Record", {"name": ("like", f"{PREFIX}R%")})


def seed_plans(company: str) -> bool:
	"""A weekly plan per salesperson for the past PLAN_WEEKS weeks and this week (approved) and next week
	(pending approval), each of ROWS_PER_PLAN rows over the salesperson's customers; every fifth plan waives
	its last row; three out of four past rows are done through a linked visit record."""
	has_state = frappe.get_meta("Visit Plan").has_field("workflow_state")
	if count_prefixed("Visit Plan") >= len(SALES_PERSONS) * (PLAN_WEEKS + 2):
		if has_state:
			set_plan_states()
		return False
	now, today = now_datetime(), getdate()
	this_monday = week_start(today)
	plans, rows, visits = [], [], []
	for person_number, person in enumerate(SALES_PERSONS):
		team = TEAMS[person_number // 10]
		for week in range(-1, PLAN_WEEKS + 1):  # -1: next week
			start = add_days(this_monday, -7 * week)
			plan = f"{PREFIX}P{person_number:02d}-{week + 1:02d}"
			pending = week == -1
			deadline = get_datetime(f"{add_days(start, -2)} 09:00:00")
			late = share(person_number * 100 + week, 4) < 0.1
			submitted_on = add_days(deadline, 1 if late else -1)
			plans.append(
				(
					plan,
					person,
					team,
					company,
					"Week",
					start,
					add_days(start, 6),
					deadline,
					submitted_on,
					int(late),
					ROWS_PER_PLAN,
					0 if pending else 1,
					now,
					now,
					"Administrator",
				)
			)
			for idx in range(1, ROWS_PER_PLAN + 1):
				row = f"{plan}-{idx}"
				customer_number = person_number + len(SALES_PERSONS) * ((week * 13 + idx * 7) % 500)
				customer = customer_name(customer_number or len(SALES_PERSONS))
				planned_date = add_days(start, (idx - 1) % 5)
				waived = idx == ROWS_PER_PLAN and (person_number + week) % 5 == 0
				done = (
					not waived
					and getdate(planned_date) < today
					and share(person_number * 1000 + week * 10 + idx, 5) < 0.75
				)
				record = f"{PREFIX}R{person_number:02d}-{week + 1:02d}-{idx}" if done else None
				rows.append(
					(
						row,
						plan,
						"Visit Plan",
						"visits",
						idx,
						customer,
						customer,
						planned_date,
						"Revisit",
						int(waived),
						record,
						int(done),
						0 if pending else 1,
						now,
						now,
					)
				)
				if done:
					visits.append(
						visit_row(record, person, customer, company, planned_date, "Revisit", now, plan, row)
					)
	plan_fields = [
		"name",
		"sales_person",
		"team",
		"company",
		"period_type",
		"period_start",
		"period_end",
		"deadline",
		"submitted_on",
		"is_late",
		"planned_visits",
		"docstatus",
		"creation",
		"modified",
		"owner",
	]
	frappe.db.bulk_insert("Visit Plan", plan_fields, plans, ignore_duplicates=True)
	frappe.db.bulk_insert(
		"Visit Plan Row",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"customer",
			"customer_name",
			"planned_date",
			"purpose",
			"waived",
			"visit_record",
			"done",
			"docstatus",
			"creation",
			"modified",
		],
		rows,
		ignore_duplicates=True,
	)
	frappe.db.bulk_insert("Visit Record", VISIT_FIELDS, visits, ignore_duplicates=True)
	if has_state:
		set_plan_states()
	frappe.db.commit()
	return True


def set_plan_states() -> None:
	"""Approved for the submitted plans, pending approval for the others (the "Visit Plan Approval" states)."""
	plan = frappe.qb.DocType("Visit Plan")
	frappe.qb.update(plan).set(
		plan.workflow_state,
		Case().when(plan.docstatus == 1, "Approved").else_("Pending Approval"),
	).where(plan.name.like(f"{PREFIX}%")).run()
	frappe.db.commit()


def ensure_indexes() -> list[str]:
	"""Create the composite indexes of INDEXES that are missing; returns the ones created."""
	created = []
	for doctype, fields in INDEXES:
		if not frappe.db.has_index(f"tab{doctype}", frappe.db.get_index_name(list(fields))):
			frappe.db.add_index(doctype, list(fields))
			created.append(f"{doctype}({', '.join(fields)})")
	for doctype in {doctype for doctype, _fields in INDEXES} | {"Customer", "Sales Team", "Visit Plan"}:
		frappe.db.sql(f"ANALYZE TABLE `tab{doctype}`")
	return created


def trim(customers: int, visits: int) -> bool:
	"""Delete the benchmark customers (with their Sales Team rows) and plain visits numbered above the
	size asked for, left by an earlier run at the larger size."""
	customer, team_row, record = (frappe.qb.DocType(d) for d in ("Customer", "Sales Team", "Visit Record"))
	last_customer, last_visit = customer_name(customers), f"{PREFIX}V{visits:07d}"
	trimmed = False
	if count_prefixed("Customer") > customers:
		frappe.qb.from_(team_row).delete().where(
			(team_row.parenttype == "Customer")
			& team_row.parent.like(f"{PREFIX}C%")
			& (team_row.parent > last_customer)
		).run()
		frappe.qb.from_(customer).delete().where(
			customer.name.like(f"{PREFIX}C%") & (customer.name > last_customer)
		).run()
		trimmed = True
	if count_prefixed("Visit Record") - planned_visit_count() > visits:
		frappe.qb.from_(record).delete().where(
			record.name.like(f"{PREFIX}V%") & (record.name > last_visit)
		).run()
		trimmed = True
	frappe.db.commit()
	return trimmed


SEEDED_DOCTYPES = ("Customer", "Sales Team", "Visit Plan", "Visit Plan Row", "Visit Record")


def seed(customers: int, visits: int, company: str) -> None:
	"""Exactly `customers` benchmark customers and `visits` plain visit records, plus the org and plans.

	Tables that changed are rebuilt (OPTIMIZE TABLE), so that each size is timed on compact tables and
	indexes, as a site in steady state has them, not on the deleted and fresh entries seeding leaves."""
	seed_org()
	changed = trim(customers, visits)
	changed = seed_customers(customers) | changed
	changed = seed_plans(company) | changed
	changed = seed_visits(visits, company) | changed
	if changed:
		for doctype in SEEDED_DOCTYPES:
			frappe.db.sql(f"OPTIMIZE TABLE `tab{doctype}`")


# Timing
# ------


def wait_for_purge() -> float:
	"""Wait (at most PURGE_WAIT_SECONDS) until the server has purged the row versions seeding left behind:
	until then index scans also step over deleted and superseded entries, which no steady-state site has.
	Needs the PROCESS privilege to watch the purge; without it, waits SETTLE_SECONDS. Returns the seconds
	waited."""
	started = perf_counter()
	while perf_counter() - started < PURGE_WAIT_SECONDS:
		try:
			history = frappe.db.sql(
				"select `count` from information_schema.innodb_metrics where name = 'trx_rseg_history_len'"
			)
		except Exception:
			sleep(SETTLE_SECONDS)
			break
		if not history or history[0][0] < 1000:
			break
		sleep(2)
	return round(perf_counter() - started, 1)


def report_calls(company: str) -> dict:
	from sales_dept.sales_dept.report.customer_visit_coverage import customer_visit_coverage
	from sales_dept.sales_dept.report.visit_plan_execution import visit_plan_execution
	from sales_dept.sales_dept.report.weekly_meeting_pack import weekly_meeting_pack

	today = getdate()
	return {
		"Visit Plan Execution": lambda: visit_plan_execution.execute(
			{"company": company, "from_date": add_days(today, -182), "to_date": today}
		),
		"Customer Visit Coverage": lambda: customer_visit_coverage.execute(
			{"company": company, "as_on": today}
		),
		"Coverage, overdue only": lambda: customer_visit_coverage.execute(
			{"company": company, "as_on": today, "overdue_only": 1}
		),
		"Weekly Meeting Pack": lambda: weekly_meeting_pack.execute(
			{"company": company, "week_start": week_start(today)}
		),
	}


def prepare(size: int) -> dict:
	"""On the current site: the records of SIZES[size] (seeded or trimmed to it), the indexes, and a server
	that has purged what seeding left behind. Returns what is there."""
	company = ensure_company()
	customers, visits = SIZES[size]
	seed(customers, visits, company)
	indexes_created = ensure_indexes()
	return {
		"customers": count_prefixed("Customer"),
		"visits": count_prefixed("Visit Record"),
		"plans": count_prefixed("Visit Plan"),
		"indexes_created": indexes_created,
		"purge_wait_seconds": wait_for_purge(),
	}


def prepare_first_size() -> dict:
	return prepare(0)


def prepare_double_size() -> dict:
	return prepare(1)


def compare(first_site: str, double_site: str) -> dict:
	"""The reports on a site holding the first size and on one holding twice as much (see prepare), timed in
	turns (sales_dept.benchmarks.two_sites)."""
	return compare_reports(
		first_site,
		double_site,
		title="Visit reports",
		report_calls=lambda: report_calls(default_company()),
		describe=lambda: {
			"customers": count_prefixed("Customer"),
			"visits": count_prefixed("Visit Record"),
		},
		size_label=lambda size: f"{size['customers']:,} cust/{size['visits']:,} visits",
		rounds=ROUNDS,
		runs=RUNS,
		target_seconds=TARGET_SECONDS,
		max_ratio=MAX_RATIO,
	)


if __name__ == "__main__":
	# cd BENCH/sites && ../env/bin/python -m sales_dept.benchmarks.visit_reports FIRST_SITE DOUBLE_SITE
	print(json.dumps(compare(*sys.argv[1:3]), default=str, sort_keys=True))
