"""Benchmark: appraisal scorecards and their reports on a large department (rulebook R2, R21, R31-R35, R40).

Targets (from the issue): with 300 salespeople, 100,000 submitted invoices, 50,000 payments and 10,000 issues,
generating every salesperson's scorecard for a month takes at most 60 s, and is set-based: the number of queries
is the same for 30 salespeople (a template limited to one team) as for 300. Sales Target Achievement and Scorecard
Ranking each take at most 1 s on that data, and at most 2.1 times as long on twice as much (600 salespeople,
200,000 invoices, 100,000 payments, 20,000 issues); the batch reads at most 2.1 times the rows there.

Two sites hold the two sizes, timed in turns in a steady state (as `benchmarks.visit_reports` explains):

	cd BENCH/sites
	../env/bin/python APP/scripts/site_call.py FIRST_SITE sales_dept.benchmarks.scorecards.prepare_first_size
	../env/bin/python APP/scripts/site_call.py DOUBLE_SITE sales_dept.benchmarks.scorecards.prepare_double_size
	../env/bin/python -m sales_dept.benchmarks.scorecards FIRST_SITE DOUBLE_SITE

`prepare_*` seed once with bulk SQL inserts (names start with "SDSCB-"; a site already seeded to its size is left
as it is): teams of 30 salespeople with an Employee and a User each and a yearly target per item group spread by a
Monthly Distribution; customers (one in four shared 70/30) with tiers; over the past two years the invoices (numbered in
the order they are posted, as a naming series numbers them; 1-3 lines, one in twenty a return) with their Sales Team rows and Payment Ledger Entries, the payments (ledger entries
against the invoices), the issues (with their SLA outcome) and customer feedback; and the last six weeks' visit
plans with their visits. What ERPNext's own Sales Person Target Variance and Sales Person-wise Transaction Summary
read beside that is filled in set-based (`complete_for_erpnext_reports`; `benchmarks.erpnext_report_times` times
them beside ours). It makes the indexes the app makes at install and migrate (`setup.scorecards.INDEXES`). `compare` times the batch (fresh each time: the month's scorecards are deleted before
each run), counts its queries at 30 and at all salespeople, then times the two reports alternately on both sites
and prints a table.

The batch, too, runs on the two sites in turns (GENERATE_RUNS rounds of a fresh run on each, after an untimed
one), and counts the rows its statements read (MariaDB's Rows_read of the session). Its target at twice the data
is in rows read, the steady figure: on the project's shared 2-core machine the same code's time ratio scattered
from 1.6 to 2.8 from one measurement to the next (3 runs a site, load average 2-3, each site's runs after the
other's or in turns) while it read exactly 2.00 times the rows in the same 31 queries. The time ratio is printed
beside it, of the fastest run of each site (whatever else runs only adds time).
"""

import gc
import json
import os
import sys
from collections import defaultdict
from datetime import date, timedelta
from statistics import median
from time import perf_counter
from unittest.mock import patch

import frappe
from frappe.utils import add_days, add_months, getdate, now_datetime

from sales_dept.benchmarks.ratios import fastest_ratio, paired_ratios
from sales_dept.benchmarks.two_sites import connected, time_in_turns
from sales_dept.benchmarks.visit_reports import VISIT_FIELDS, share, visit_row, wait_for_purge
from sales_dept.compat import fiscal_year_containing
from sales_dept.demo.site import ensure_company, ensure_fiscal_years
from sales_dept.services.tiers import insert_rows
from sales_dept.setup.records import (
	default_company,
	get_or_make_item,
	get_or_make_item_group,
	get_or_make_sales_person,
)
from sales_dept.setup.scorecards import SCORECARD_TEMPLATE, make_indexes, make_scorecard_workflow

PREFIX = "SDSCB-"
ROOT = "Sales Team"
DEPT = f"{PREFIX}Dept"
TEAM_SIZE = 30
# (salespeople, invoices, payments, issues, customers)
SIZES = ((300, 100_000, 50_000, 10_000, 20_000), (600, 200_000, 100_000, 20_000, 40_000))
HISTORY_DAYS = 730
FEEDBACK_PER_ISSUE = 0.5
ITEM_GROUPS = tuple(f"{PREFIX}Group {n}" for n in range(1, 4))
DISTRIBUTION = f"{PREFIX}Distribution"
TEMPLATE, TEAM_TEMPLATE = f"{PREFIX}Monthly", f"{PREFIX}Team 01 Monthly"
FEEDBACK_TEMPLATE = f"{PREFIX}Feedback"
SLA = f"{PREFIX}SLA"
CHUNK = 5000
GENERATE_RUNS = 5
RUNS, ROUNDS = 5, 5
TARGET_GENERATE_SECONDS, TARGET_REPORT_SECONDS, MAX_RATIO = 60.0, 1.0, 2.1
AGREEMENT = ((0.6, "Fulfilled"), (0.85, "Failed"), (0.95, "Resolution Due"), (1.0, "First Response Due"))


def team_name(number: int) -> str:
	return f"{PREFIX}Team {number:02d}"


def person_name(number: int) -> str:
	return f"{PREFIX}SP {number:03d}"


def customer_name(number: int) -> str:
	return f"{PREFIX}C{number:06d}"


def draw(shares, value: float):
	return next(item for limit, item in shares if value < limit)


def count_like(doctype: str, prefix: str = PREFIX) -> int:
	return frappe.db.sql(f"select count(*) from `tab{doctype}` where name like %s", (prefix + "%",))[0][0]


# Seeding
# -------


def seed_org(people: int, company: str) -> bool:
	"""Teams of TEAM_SIZE salespeople, each with an Employee and a User (bulk), the first of each team its
	leader; the Sales Person tree through documents (it is a nested set)."""
	if count_like("Sales Person", f"{PREFIX}SP ") >= people:
		return False
	now = now_datetime()
	users, employees = [], []
	for number in range(1, people + 1):
		user = f"sdscb.{number:03d}@example.com"
		users.append((user, user, f"SP {number:03d}", 1, "System User", now, now, "Administrator"))
		employees.append(
			(
				f"{PREFIX}EMP-{number:03d}",
				f"SP {number:03d}",
				f"SP {number:03d}",
				company,
				"Active",
				user,
				"Male",
				date(1990, 1, 1),
				date(2020, 1, 1),
				now,
				now,
				"Administrator",
			)
		)
	insert_rows(
		"tabUser",
		["name", "email", "first_name", "enabled", "user_type", "creation", "modified", "owner"],
		users,
		CHUNK,
		ignore=True,
	)
	insert_rows(
		"tabEmployee",
		[
			"name",
			"first_name",
			"employee_name",
			"company",
			"status",
			"user_id",
			"gender",
			"date_of_birth",
			"date_of_joining",
			"creation",
			"modified",
			"owner",
		],
		employees,
		CHUNK,
		ignore=True,
	)
	get_or_make_sales_person(DEPT, ROOT, is_group=True)
	for team in range(1, people // TEAM_SIZE + 1):
		get_or_make_sales_person(team_name(team), DEPT, is_group=True)
	for number in range(1, people + 1):
		get_or_make_sales_person(
			person_name(number),
			team_name((number - 1) // TEAM_SIZE + 1),
			employee=f"{PREFIX}EMP-{number:03d}",
		)
	for team in range(1, people // TEAM_SIZE + 1):
		frappe.db.set_value(
			"Sales Person", team_name(team), "sd_team_leader", person_name((team - 1) * TEAM_SIZE + 1)
		)
	frappe.db.commit()
	return True


def seed_catalogue(company: str, people: int, today: date):
	for group in ITEM_GROUPS:
		get_or_make_item_group(group)
		get_or_make_item(f"{group} Item", item_group=group)
	if not frappe.db.exists("Monthly Distribution", DISTRIBUTION):
		frappe.get_doc(
			{
				"doctype": "Monthly Distribution",
				"distribution_id": DISTRIBUTION,
				"percentages": [
					{"month": date(2000, m, 1).strftime("%B"), "percentage_allocation": 100 / 12}
					for m in range(1, 13)
				],
			}
		).insert(ignore_permissions=True)
	years = sorted(
		{fiscal_year_containing(add_days(today, -days), company).name for days in (0, 365, HISTORY_DAYS)}
	)
	now = now_datetime()
	rows = [
		(
			f"{PREFIX}T{number:03d}-{year}-{index}",
			person_name(number),
			"Sales Person",
			"targets",
			index,
			year,
			group,
			1_200_000,
			DISTRIBUTION,
			now,
			now,
		)
		for number in range(1, people + 1)
		for year in years
		for index, group in enumerate(ITEM_GROUPS[: 1 + number % 2], start=1)
	]
	insert_rows(
		"tabTarget Detail",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"fiscal_year",
			"item_group",
			"target_amount",
			"distribution_id",
			"creation",
			"modified",
		],
		rows,
		CHUNK,
		ignore=True,
	)


def owner_of(customer: int, people: int) -> int:
	return (customer - 1) % people + 1


def seed_customers(total: int, people: int) -> bool:
	if count_like("Customer", f"{PREFIX}C") >= total:
		return False
	now = now_datetime()
	group = frappe.db.get_value("Customer Group", {"is_group": 0}) or "All Customer Groups"
	territory = frappe.db.get_value("Territory", {"is_group": 0}) or "All Territories"
	tiers = ((0.05, "VIP"), (0.25, "Level 1"), (0.6, "Level 2"), (1.0, "Other Customers"))
	customers, team = [], []
	for number in range(1, total + 1):
		name = customer_name(number)
		customers.append(
			(
				name,
				name,
				"Company",
				group,
				territory,
				draw(tiers, share(number, 11)),
				add_days(now, -400),
				add_days(now, -800),
				now,
				"Administrator",
			)
		)
		shared = number % 4 == 0
		team.append(
			(
				f"{name}-ST1",
				name,
				"Customer",
				"sales_team",
				1,
				person_name(owner_of(number, people)),
				70 if shared else 100,
				now,
				now,
			)
		)
		if shared:
			other = person_name(owner_of(number * 7 + 3, people))
			team.append((f"{name}-ST2", name, "Customer", "sales_team", 2, other, 30, now, now))
	insert_rows(
		"tabCustomer",
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
		CHUNK,
		ignore=True,
	)
	insert_rows(
		"tabSales Team",
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
		team,
		CHUNK,
		ignore=True,
	)
	return True


INVOICE_COLUMNS = [
	"name",
	"customer",
	"customer_name",
	"company",
	"posting_date",
	"posting_time",
	"due_date",
	"docstatus",
	"is_return",
	"currency",
	"conversion_rate",
	"net_total",
	"base_net_total",
	"grand_total",
	"base_grand_total",
	"outstanding_amount",
	"debit_to",
	"creation",
	"modified",
	"owner",
]
ITEM_COLUMNS = [
	"name",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"item_code",
	"item_name",
	"item_group",
	"qty",
	"rate",
	"amount",
	"base_amount",
	"net_amount",
	"base_net_amount",
	"docstatus",
	"creation",
	"modified",
]
TEAM_COLUMNS = [
	"name",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"sales_person",
	"allocated_percentage",
	"docstatus",
	"creation",
	"modified",
]
LEDGER_COLUMNS = [
	"name",
	"posting_date",
	"account_type",
	"account",
	"party_type",
	"party",
	"voucher_type",
	"voucher_no",
	"against_voucher_type",
	"against_voucher_no",
	"amount",
	"account_currency",
	"amount_in_account_currency",
	"delinked",
	"company",
	"due_date",
	"docstatus",
	"creation",
	"modified",
]


def invoice_name(number: int) -> str:
	return f"{PREFIX}SI{number:07d}"


def posting_date(number: int, total: int, today: date) -> date:
	"""Invoices are numbered in the order they are posted, as a naming series numbers them."""
	return getdate(add_days(today, -HISTORY_DAYS + number * HISTORY_DAYS // (total + 1)))


def seed_invoices(total: int, customers: int, company: str, today: date) -> bool:
	"""Invoices over the past two years with their lines, Sales Team rows (as the customer's) and ledger entry."""
	if count_like("Sales Invoice") >= total:
		return False
	currency = frappe.get_cached_value("Company", company, "default_currency")
	receivable = frappe.get_cached_value("Company", company, "default_receivable_account")
	now = now_datetime()
	team_of = defaultdict(list)
	for parent, person, pct in frappe.db.sql(
		"select parent, sales_person, allocated_percentage from `tabSales Team` where parenttype='Customer' and parent like %s order by idx",
		(f"{PREFIX}C%",),
	):
		team_of[parent].append((person, pct))
	for start in range(1, total + 1, CHUNK):
		invoices, items, teams, ledger = [], [], [], []
		for number in range(start, min(start + CHUNK, total + 1)):
			name, customer = invoice_name(number), customer_name(int(share(number, 21) * customers) + 1)
			posting = posting_date(number, total, today)
			is_return = int(number % 20 == 0)
			sign = -1 if is_return else 1
			total_amount = 0.0
			for idx in range(1, 2 + number % 3):
				group = ITEM_GROUPS[(number + idx) % len(ITEM_GROUPS)]
				qty, rate = sign * (1 + (number * idx) % 9), 500.0 * (1 + (number + idx) % 8)
				amount = qty * rate
				total_amount += amount
				items.append(
					(
						f"{name}-{idx}",
						name,
						"Sales Invoice",
						"items",
						idx,
						f"{group} Item",
						f"{group} Item",
						group,
						qty,
						rate,
						amount,
						amount,
						amount,
						amount,
						1,
						now,
						now,
					)
				)
			for idx, (person, pct) in enumerate(team_of[customer], start=1):
				teams.append(
					(f"{name}-T{idx}", name, "Sales Invoice", "sales_team", idx, person, pct, 1, now, now)
				)
			due = add_days(posting, 30)
			invoices.append(
				(
					name,
					customer,
					customer,
					company,
					posting,
					"10:00:00",
					due,
					1,
					is_return,
					currency,
					1,
					total_amount,
					total_amount,
					total_amount,
					total_amount,
					total_amount,
					receivable,
					now,
					now,
					"Administrator",
				)
			)
			ledger.append(
				(
					f"{name}-PLE",
					posting,
					"Receivable",
					receivable,
					"Customer",
					customer,
					"Sales Invoice",
					name,
					"Sales Invoice",
					name,
					total_amount,
					currency,
					total_amount,
					0,
					company,
					due,
					1,
					now,
					now,
				)
			)
		insert_rows("tabSales Invoice", INVOICE_COLUMNS, invoices, CHUNK, ignore=True)
		insert_rows("tabSales Invoice Item", ITEM_COLUMNS, items, CHUNK, ignore=True)
		insert_rows("tabSales Team", TEAM_COLUMNS, teams, CHUNK, ignore=True)
		insert_rows("tabPayment Ledger Entry", LEDGER_COLUMNS, ledger, CHUNK, ignore=True)
		frappe.db.commit()
	return True


def seed_payments(total: int, invoices: int, customers: int, company: str) -> bool:
	"""Payments: ledger entries against invoices (not returns), 15-60 days after them, 40-100 % of them."""
	if count_like("Payment Ledger Entry", f"{PREFIX}PE") >= total:
		return False
	currency = frappe.get_cached_value("Company", company, "default_currency")
	receivable = frappe.get_cached_value("Company", company, "default_receivable_account")
	now, today = now_datetime(), getdate()
	rows = []
	for number in range(1, total + 1):
		# payments come in the order of the invoices they pay, each a few invoices either way; odd numbers only
		# (never a return, every 20th)
		near = number * invoices // (total + 1) + int(share(number, 31) * 40) - 20
		invoice = min(max(near, 1), invoices - 1) | 1
		posting = posting_date(invoice, invoices, today)
		paid_on = min(getdate(add_days(posting, 15 + int(share(number, 32) * 45))), today)
		amount = -round(500.0 * (1 + invoice % 20) * (0.4 + share(number, 33) * 0.6), 2)
		customer = customer_name(int(share(invoice, 21) * customers) + 1)
		rows.append(
			(
				f"{PREFIX}PE{number:07d}",
				paid_on,
				"Receivable",
				receivable,
				"Customer",
				customer,
				"Payment Entry",
				f"{PREFIX}PAY{number:07d}",
				"Sales Invoice",
				invoice_name(invoice),
				amount,
				currency,
				amount,
				0,
				company,
				None,
				1,
				now,
				now,
			)
		)
	insert_rows("tabPayment Ledger Entry", LEDGER_COLUMNS, rows, CHUNK, ignore=True)
	return True


def seed_issues(total: int, customers: int, company: str, today: date) -> bool:
	if count_like("Issue") >= total:
		return False
	now = now_datetime()
	rows = []
	for number in range(1, total + 1):
		opened = add_days(today, -int(share(number, 41) * HISTORY_DAYS))
		status = draw(AGREEMENT, share(number, 42))
		responded = status in ("Fulfilled", "Failed", "Resolution Due")
		rows.append(
			(
				f"{PREFIX}ISS{number:06d}",
				f"Complaint {number}",
				customer_name(int(share(number, 43) * customers) + 1),
				"Closed" if status in ("Fulfilled", "Failed") else "Open",
				opened,
				company,
				SLA,
				status,
				f"{opened} 13:00:00",
				f"{add_days(opened, 3)} 18:00:00",
				3600 * (1 + number % 30) if responded else 0,
				now,
				now,
				"Administrator",
			)
		)
	insert_rows(
		"tabIssue",
		[
			"name",
			"subject",
			"customer",
			"status",
			"opening_date",
			"company",
			"service_level_agreement",
			"agreement_status",
			"response_by",
			"sla_resolution_by",
			"first_response_time",
			"creation",
			"modified",
			"owner",
		],
		rows,
		CHUNK,
		ignore=True,
	)
	return True


def seed_feedback(total: int, customers: int, today: date) -> bool:
	if count_like("Quality Feedback") >= total:
		return False
	if not frappe.db.exists("Quality Feedback Template", FEEDBACK_TEMPLATE):
		frappe.get_doc(
			{
				"doctype": "Quality Feedback Template",
				"template": FEEDBACK_TEMPLATE,
				"parameters": [{"parameter": "Service"}, {"parameter": "Quality"}],
			}
		).insert(ignore_permissions=True)
	feedback, parameters = [], []
	for number in range(1, total + 1):
		name = f"{PREFIX}QF{number:06d}"
		given = f"{add_days(today, -int(share(number, 51) * HISTORY_DAYS))} 10:00:00"
		feedback.append(
			(
				name,
				FEEDBACK_TEMPLATE,
				"Customer",
				customer_name(int(share(number, 52) * customers) + 1),
				given,
				given,
				"Administrator",
			)
		)
		for idx, parameter in enumerate(("Service", "Quality"), start=1):
			parameters.append(
				(
					f"{name}-{idx}",
					name,
					"Quality Feedback",
					"parameters",
					idx,
					parameter,
					str(1 + (number + idx) % 5),
					given,
					given,
				)
			)
	insert_rows(
		"tabQuality Feedback",
		["name", "template", "document_type", "document_name", "creation", "modified", "owner"],
		feedback,
		CHUNK,
		ignore=True,
	)
	insert_rows(
		"tabQuality Feedback Parameter",
		["name", "parent", "parenttype", "parentfield", "idx", "parameter", "rating", "creation", "modified"],
		parameters,
		CHUNK,
		ignore=True,
	)
	return True


def seed_visits(people: int, customers: int, company: str, today: date) -> bool:
	"""The last six weeks' approved plans (5 rows, 3 of 4 done by a visit) of every salesperson."""
	if count_like("Visit Plan") >= people * 6:
		return False
	now = now_datetime()
	monday = today - timedelta(days=today.weekday())
	plans, rows, visits = [], [], []
	for number in range(1, people + 1):
		person = person_name(number)
		for week in range(1, 7):
			start = monday - timedelta(days=7 * week)
			plan = f"{PREFIX}P{number:03d}-{week}"
			plans.append(
				(
					plan,
					person,
					team_name((number - 1) // TEAM_SIZE + 1),
					company,
					"Week",
					start,
					start + timedelta(days=6),
					f"{start - timedelta(days=2)} 09:00:00",
					1,
					"Approved",
					now,
					now,
					"Administrator",
				)
			)
			for idx in range(1, 6):
				customer = customer_name(
					owner_of(number, people) + people * ((week * 5 + idx) % max(customers // people, 1))
				)
				day = start + timedelta(days=idx - 1)
				done = share(number * 100 + week * 10 + idx, 61) < 0.75
				record = f"{plan}-V{idx}" if done else None
				rows.append(
					(
						f"{plan}-{idx}",
						plan,
						"Visit Plan",
						"visits",
						idx,
						customer,
						customer,
						day,
						"Revisit",
						record,
						int(done),
						1,
						now,
						now,
					)
				)
				if done:
					visits.append(
						visit_row(
							record, person, customer, company, day, "Revisit", now, plan, f"{plan}-{idx}"
						)
					)
	insert_rows(
		"tabVisit Plan",
		[
			"name",
			"sales_person",
			"team",
			"company",
			"period_type",
			"period_start",
			"period_end",
			"deadline",
			"docstatus",
			"workflow_state",
			"creation",
			"modified",
			"owner",
		],
		plans,
		CHUNK,
		ignore=True,
	)
	insert_rows(
		"tabVisit Plan Row",
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
			"visit_record",
			"done",
			"docstatus",
			"creation",
			"modified",
		],
		rows,
		CHUNK,
		ignore=True,
	)
	insert_rows("tabVisit Record", VISIT_FIELDS, visits, CHUNK, ignore=True)
	return True


def make_templates():
	make_scorecard_workflow()
	for name, team in ((TEMPLATE, None), (TEAM_TEMPLATE, team_name(1))):
		if not frappe.db.exists("Scorecard Template", name):
			frappe.get_doc(
				{
					"doctype": "Scorecard Template",
					**SCORECARD_TEMPLATE,
					"template_name": name,
					"team": team,
					"feedback_template": FEEDBACK_TEMPLATE,
				}
			).insert(ignore_permissions=True)


TARGET_QTY = 500  # a year's quantity per salesperson and item group (the amount's 1,200,000 at 2,400 a unit)


def complete_for_erpnext_reports() -> bool:
	"""What ERPNext's own Sales Person Target Variance Based On Item Group and Sales Person-wise Transaction
	Summary read on the seeded records, filled in set-based (one UPDATE a table; rows already filled are left):
	the invoice lines' stock quantity, conversion factor and rates (the summary leaves out lines of no stock
	quantity), the Sales Team rows' allocated amount, the invoices' territory and customer group (the
	customer's), and a quantity beside each target's amount (ERPNext's target report shows quantities first)."""
	updates = (
		"""update `tabSales Invoice Item` set stock_qty = qty, conversion_factor = 1, uom = 'Nos',
			stock_uom = 'Nos', base_rate = rate, net_rate = rate, base_net_rate = rate
			where parent like %(invoices)s and conversion_factor = 0""",
		"""update `tabSales Team` team join `tabSales Invoice` invoice on invoice.name = team.parent
			set team.allocated_amount = invoice.base_net_total * team.allocated_percentage / 100
			where team.parenttype = 'Sales Invoice' and team.parent like %(invoices)s and team.allocated_amount = 0""",
		"""update `tabSales Invoice` invoice join `tabCustomer` customer on customer.name = invoice.customer
			set invoice.territory = customer.territory, invoice.customer_group = customer.customer_group
			where invoice.name like %(invoices)s and invoice.territory is null""",
		"""update `tabTarget Detail` set target_qty = %(target_qty)s
			where parenttype = 'Sales Person' and parent like %(people)s and target_qty = 0""",
	)
	values = {"invoices": f"{PREFIX}SI%", "people": f"{PREFIX}SP %", "target_qty": TARGET_QTY}
	changed = 0
	for statement in updates:
		frappe.db.sql(statement, values)
		changed += frappe.db._cursor.rowcount
	frappe.db.commit()
	return changed > 0


SEEDED = (
	"Sales Invoice",
	"Sales Invoice Item",
	"Sales Team",
	"Payment Ledger Entry",
	"Issue",
	"Customer",
	"Quality Feedback",
	"Quality Feedback Parameter",
	"Visit Plan",
	"Visit Plan Row",
	"Visit Record",
	"Target Detail",
)


def prepare(size: int) -> dict:
	"""On the current site: the records of SIZES[size] (seeded once), the templates and a purged server."""
	company = ensure_company()
	today = getdate()
	people, invoices, payments, issues, customers = SIZES[size]
	ensure_fiscal_years(company, add_days(today, -HISTORY_DAYS - 31), today)
	changed = seed_org(people, company)
	seed_catalogue(company, people, today)
	changed = seed_customers(customers, people) | changed
	changed = seed_invoices(invoices, customers, company, today) | changed
	changed = seed_payments(payments, invoices, customers, company) | changed
	changed = seed_issues(issues, customers, company, today) | changed
	changed = seed_feedback(int(issues * FEEDBACK_PER_ISSUE), customers, today) | changed
	changed = seed_visits(people, customers, company, today) | changed
	changed = complete_for_erpnext_reports() | changed
	make_templates()
	indexes_created = make_indexes()  # as the app's install and migrate make them
	frappe.db.commit()
	if changed or indexes_created:
		for doctype in SEEDED:
			frappe.db.sql(f"ANALYZE TABLE `tab{doctype}`")
	return {
		"salespeople": count_like("Sales Person", f"{PREFIX}SP "),
		"invoices": count_like("Sales Invoice"),
		"payments": count_like("Payment Ledger Entry", f"{PREFIX}PE"),
		"issues": count_like("Issue"),
		"customers": count_like("Customer", f"{PREFIX}C"),
		"indexes_created": indexes_created,
		"purge_wait_seconds": wait_for_purge(),
	}


def prepare_first_size() -> dict:
	return prepare(0)


def prepare_double_size() -> dict:
	return prepare(1)


# Timing
# ------


def last_month() -> date:
	return getdate(add_months(getdate().replace(day=1), -1))


def delete_scorecards(template: str, period_start: date):
	names = frappe.get_all(
		"Sales Scorecard", {"template": template, "period_start": period_start}, pluck="name"
	)
	if names:
		frappe.db.delete("Sales Scorecard KPI", {"parent": ["in", names]})
		frappe.db.delete("Sales Scorecard", {"name": ["in", names]})
	frappe.db.commit()


def rows_read() -> int:
	"""The rows this connection's statements have read so far (MariaDB's session status Rows_read; 0 where
	the database does not count them)."""
	found = frappe.db.sql("show session status like 'Rows_read'")
	return int(found[0][1]) if found else 0


def timed_generation(template: str) -> tuple[float, int, dict, int]:
	"""(seconds, queries, summary, rows read) of one fresh run of the batch for last month (scorecards deleted
	first)."""
	from sales_dept.services.scorecard_batch import generate

	month = last_month()
	delete_scorecards(template, month)
	count, real = [0], frappe.db.sql

	def counted(*args, **kwargs):
		count[0] += 1
		return real(*args, **kwargs)

	gc.collect()
	rows_before = rows_read()
	with patch.object(frappe.db, "sql", counted):
		started = perf_counter()
		summary = generate(template, default_company(), month)
		frappe.db.commit()
		seconds = perf_counter() - started
	return seconds, count[0], summary, rows_read() - rows_before


def generation_in_turns(first_site: str, double_site: str, rounds: int) -> dict[str, list]:
	"""{site: [(seconds, queries, summary, rows read) of each round]}: `rounds` times, on each site in turn, a
	fresh run of the batch untimed (caches and buffer pool warm again), then one timed (`timed_generation`)."""
	runs = {first_site: [], double_site: []}
	for _round in range(rounds):
		for site in runs:
			with connected(site):
				timed_generation(TEMPLATE)
				runs[site].append(timed_generation(TEMPLATE))
	return runs


def report_calls(company: str) -> dict:
	from sales_dept.sales_dept.report.sales_target_achievement import sales_target_achievement
	from sales_dept.sales_dept.report.scorecard_ranking import scorecard_ranking

	month = str(last_month())
	return {
		"Sales Target Achievement": lambda: sales_target_achievement.execute(
			{"company": company, "period_type": "Month", "date": month}
		),
		"Sales Target Achievement, by team": lambda: sales_target_achievement.execute(
			{"company": company, "period_type": "Month", "date": month, "group_by": "Team"}
		),
		"Scorecard Ranking": lambda: scorecard_ranking.execute(
			{"company": company, "template": TEMPLATE, "date": month}
		),
		"Scorecard Ranking, teams": lambda: scorecard_ranking.execute(
			{"company": company, "template": TEMPLATE, "date": month, "view": "Team"}
		),
	}


def compare(first_site: str, double_site: str) -> dict:
	sites = (first_site, double_site)
	result = {site: {"site": site, "date": date.today().isoformat()} for site in sites}
	with connected(first_site):  # first a team of 30, after a run that loads what Frappe caches
		timed_generation(TEAM_TEMPLATE)
		team_seconds, team_queries, team_summary, _rows = timed_generation(TEAM_TEMPLATE)
		result[first_site]["team_generate"] = {
			"made": team_summary["made"],
			"queries": team_queries,
			"seconds": round(team_seconds, 2),
		}
	generation = generation_in_turns(first_site, double_site, GENERATE_RUNS)
	for site in sites:
		runs = generation[site]
		result[site]["generate_seconds"] = round(median(seconds for seconds, _q, _s, _r in runs), 2)
		result[site]["generate_queries"] = runs[-1][1]
		result[site]["generate_rows_read"] = runs[-1][3]
		result[site]["made"] = runs[-1][2]["made"]
		result[site]["skipped"] = runs[-1][2]["skipped"]
		with connected(site):
			result[site]["sizes"] = {
				"salespeople": count_like("Sales Person", f"{PREFIX}SP "),
				"invoices": count_like("Sales Invoice"),
				"payments": count_like("Payment Ledger Entry", f"{PREFIX}PE"),
				"issues": count_like("Issue"),
			}
	times = time_in_turns(first_site, double_site, lambda: report_calls(default_company()), ROUNDS, RUNS)
	for site in sites:
		result[site]["report_seconds"] = times.seconds[site]
		result[site]["report_rows"] = times.rows[site]
	first, double = result[first_site], result[double_site]
	ratios = times.ratios
	seconds = {site: [run[0] for run in generation[site]] for site in sites}
	rows_ratio = round(double["generate_rows_read"] / max(first["generate_rows_read"], 1), 2)
	generate = {
		"ratio": fastest_ratio(seconds[first_site], seconds[double_site]),
		"ratios_by_round": paired_ratios(seconds[first_site], seconds[double_site]),
		"rows_read_ratio": rows_ratio,
	}
	same_queries = first["team_generate"]["queries"] == first["generate_queries"]
	passed = (
		first["generate_seconds"] <= TARGET_GENERATE_SECONDS
		and rows_ratio <= MAX_RATIO
		and same_queries
		and all(value <= TARGET_REPORT_SECONDS for value in first["report_seconds"].values())
		and all(ratio <= MAX_RATIO for ratio in ratios.values())
	)
	print_table(first, double, ratios, generate)
	return {
		"sizes": [first, double],
		"ratios": ratios,
		"generate": generate,
		"same_query_count": same_queries,
		"passed": passed,
	}


def print_table(first: dict, double: dict, ratios: dict, generate: dict):
	print()
	print(f"Scorecards, {first['date']}")
	for size in (first, double):
		s = size["sizes"]
		print(
			f"{size['site']}: {s['salespeople']} salespeople, {s['invoices']:,} invoices, {s['payments']:,} payments, "
			f"{s['issues']:,} issues: generate {size['made']} scorecards in {size['generate_seconds']:.2f} s "
			f"(median of {GENERATE_RUNS} fresh runs, the two sites taking turns), {size['generate_queries']} "
			f"queries reading {size['generate_rows_read']:,} rows"
		)
	spread = generate["ratios_by_round"]
	print(
		f"generate at twice the data: {generate['rows_read_ratio']:.2f} times the rows read; time ratio "
		f"{generate['ratio']:.2f} (fastest runs; run by run {min(spread):.2f}-{max(spread):.2f})"
	)
	team = first["team_generate"]
	print(
		f"query count: {team['made']} salespeople (one team) {team['queries']} queries, "
		f"{first['made']} salespeople {first['generate_queries']} queries"
	)
	print(f"{'report':<36}{'first (s)':>12}{'double (s)':>12}{'ratio':>8}")
	for report, ratio in ratios.items():
		print(
			f"{report:<36}{first['report_seconds'][report]:>12.3f}{double['report_seconds'][report]:>12.3f}{ratio:>8.2f}"
		)
	print(
		f"targets: generate <= {TARGET_GENERATE_SECONDS} s, equal query counts, reports <= {TARGET_REPORT_SECONDS} s, "
		f"report ratios and generate's rows read ratio <= {MAX_RATIO}"
	)
	print(f"Load average: {os.getloadavg()[0]:.2f} on {os.cpu_count() or 1} CPUs.")
	print()


if __name__ == "__main__":
	# cd BENCH/sites && ../env/bin/python -m sales_dept.benchmarks.scorecards FIRST_SITE DOUBLE_SITE
	print(json.dumps(compare(*sys.argv[1:3]), default=str, sort_keys=True))
