"""Known records for the scorecard tests: March 2025 of two salespeople of their own, Sun (East, led by Li) and
Wu (South, led by Zhao), in the _Test SD department of `sales_dept.tests.factories` (Wang manages it), and Ma,
who holds the leadership role. Idempotent: each record is made once and committed by the caller if needed.

Targets for fiscal year 2025, with a monthly distribution giving March 10 % (ERPNext requires one): Sun
120,000 on item group _Test SDSC Motors (12,000 for March); Wu 60,000 on every item (6,000 for March). Collection
target: Sun 100,000 by the same distribution (10,000 for March); Wu none.

Customers: Sun A (Sun 100 %), Shared (Sun 60 %, Wu 40 %), Wu B (Wu 100 %), Sun Old (Sun 100 %, invoiced since
March 2024). Motors sell at 1,000, the other item at 500.

Invoices (posting date, due date, lines, Sales Team):
- LY    Sun Old 2024-03-15, motors 8 → 8,000, Sun 100 % (last year)
- FEB   Sun Old 2025-02-10, due 03-05, motor 1 → 1,000, Sun 100 %
- INV1  Sun A 2025-03-05, due 03-20, motors 10 + other 2 → 11,000, Sun 100 %
- INV2  Shared 2025-03-10, due 04-10, motors 5 → 5,000, Sun 60 % / Wu 40 %
- RET1  return of INV1 2025-03-25, motors -2 → -2,000, Sun 100 %
- INV3  Wu B 2025-03-12, due 03-31, other 8 → 4,000, Wu 100 %
Payments: 6,000 on INV1 (03-22), 1,000 on FEB (03-06), 2,500 on INV2 (03-28).

Issues opened in March (their SLA fields as ERPNext leaves them): Sun A fulfilled (first response 1 h), failed
(2 h), first response due since 03-01 (a breach); Shared fulfilled (0.5 h). Feedback in March: Sun A rated 4
and 5, Shared rated 3. Visits: Sun's approved plan for the week of 03-03 has 4 rows, 3 done. Tiers: Sun A
monthly, visited 03-20; Shared every two months, never visited since 2025-01-01 (overdue on 03-31).

Hand-computed for March 2025 (see test_sales_scorecard.EXPECTED):
Sun: net sales 11,000 + 3,000 - 2,000 = 12,000, all motors but 1,000 → achieved 11,000 / 12,000 = 91.667 %;
collected 6,000 + 1,000 + 1,500 = 8,500 → 85 % of the collection target; due and open at March's end: LY 8,000
(never paid) + INV1 11,000 - 6,000 + RET1 -2,000 = 11,000 → collection rate 8,500 / 19,500 = 43.59 %; new
customers 1 + 0.6;
visit execution 75 %; coverage 1 of 2 = 50 %; 4 complaints, 2 kept and 2 breached → 50 %, first response
(3,600 + 7,200 + 1,800) / 3 s = 1.1667 h; satisfaction (4 + 5 + 3) / 3 = 4; growth (12,000 - 8,000) / 8,000 = 50 %.
Wu: net sales 2,000 + 4,000 = 6,000 against 6,000 → 100 %; collected 1,000 (no collection target), due and open
INV3 4,000 → collection rate 1,000 / 5,000 = 20 %; new customers
1 + 0.4; no complaint, feedback, plan nor key customer; no sales last March (no growth).
"""

from datetime import date

import frappe
from frappe.utils import getdate

from sales_dept.compat import fiscal_year_containing
from sales_dept.setup.records import (
	default_company,
	get_or_make_customer,
	get_or_make_employee,
	get_or_make_item,
	get_or_make_item_group,
	get_or_make_sales_person,
	get_or_make_user,
)
from sales_dept.tests.factories import EAST, SOUTH, TestPerson, ensure_fiscal_year, make_sales_org

PREFIX = "_Test SDSC"
MARCH = date(2025, 3, 1)
SUN = TestPerson("Sun", EAST, ("Sales User",))
WU = TestPerson("Wu", SOUTH, ("Sales User",))
MA = TestPerson("Ma", "", ("Sales User", "Sales Director"))  # leadership, not in the tree
MOTORS, MOTOR, OTHER = f"{PREFIX} Motors", f"{PREFIX} Motor", f"{PREFIX} Other"
DISTRIBUTION = f"{PREFIX} Distribution"
MONTHLY, BIMONTHLY = f"{PREFIX} Monthly", f"{PREFIX} Bimonthly"
FEEDBACK_TEMPLATE = f"{PREFIX} Feedback"
TEMPLATE = f"{PREFIX} Template"


def customer(short: str) -> str:
	return f"{PREFIX} {short}"


CUSTOMERS = {
	"Sun A": [(SUN, 100)],
	"Shared": [(SUN, 60), (WU, 40)],
	"Wu B": [(WU, 100)],
	"Sun Old": [(SUN, 100)],
}


def make_people() -> dict:
	people = make_sales_org()
	company = default_company()
	for person in (SUN, WU):
		get_or_make_user(person.user, f"SD {person.key}", list(person.roles))
		employee = get_or_make_employee(person.user, f"SD {person.key}", company)
		get_or_make_sales_person(person.sales_person, person.team, employee=employee)
	get_or_make_user(MA.user, "SD Ma", list(MA.roles))
	get_or_make_employee(MA.user, "SD Ma", company)  # leadership are employees too, outside the tree
	return people


def ensure_fiscal_years(company: str):
	for year in (2024, 2025):
		ensure_fiscal_year(date(year, 6, 1), company)


def fiscal_year_of(day: date, company: str) -> str:
	return fiscal_year_containing(day, company).name


def make_targets(company: str):
	get_or_make_item_group(MOTORS)
	if not frappe.db.exists("Monthly Distribution", DISTRIBUTION):
		shares = {month: 90 / 11 for month in range(1, 13)}
		shares[3] = 10
		frappe.get_doc(
			{
				"doctype": "Monthly Distribution",
				"distribution_id": DISTRIBUTION,
				"percentages": [
					{"month": date(2025, month, 1).strftime("%B"), "percentage_allocation": share}
					for month, share in shares.items()
				],
			}
		).insert(ignore_permissions=True)
	year = fiscal_year_of(MARCH, company)
	for person, target in (
		(SUN, {"item_group": MOTORS, "target_amount": 120_000, "distribution_id": DISTRIBUTION}),
		(WU, {"target_amount": 60_000, "distribution_id": DISTRIBUTION}),
	):
		doc = frappe.get_doc("Sales Person", person.sales_person)
		if not doc.targets:
			doc.append("targets", {"fiscal_year": year, **target})
			doc.save(ignore_permissions=True)
	sun = frappe.get_doc("Sales Person", SUN.sales_person)
	if not sun.get("sd_collection_targets"):
		sun.append(
			"sd_collection_targets",
			{"fiscal_year": year, "target_amount": 100_000, "distribution_id": DISTRIBUTION},
		)
		sun.save(ignore_permissions=True)


def make_customers():
	for short, team in CUSTOMERS.items():
		name = customer(short)
		if frappe.db.exists("Customer", name):
			continue
		get_or_make_customer(name, team[0][0].sales_person)
		doc = frappe.get_doc("Customer", name)
		doc.set(
			"sales_team",
			[{"sales_person": p.sales_person, "allocated_percentage": share} for p, share in team],
		)
		doc.save(ignore_permissions=True)


def make_invoice(name_hint: str, short: str, posting: str, due: str, lines, team, company: str):
	"""A submitted Sales Invoice, unless one with this remark exists; `lines`: [(item, qty, rate)]."""
	existing = frappe.db.get_value("Sales Invoice", {"remarks": name_hint, "docstatus": 1})
	if existing:
		return frappe.get_doc("Sales Invoice", existing)
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer(short),
			"posting_date": posting,
			"set_posting_time": 1,
			"due_date": due,
			"update_stock": 0,
			"remarks": name_hint,
			"items": [{"item_code": item, "qty": qty, "rate": rate} for item, qty, rate in lines],
			"sales_team": [
				{"sales_person": p.sales_person, "allocated_percentage": share} for p, share in team
			],
		}
	)
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	return invoice


def make_return(name_hint: str, original, posting: str, qty: float):
	existing = frappe.db.get_value("Sales Invoice", {"remarks": name_hint, "docstatus": 1})
	if existing:
		return frappe.get_doc("Sales Invoice", existing)
	from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

	credit_note = make_sales_return(original.name)
	credit_note.posting_date = credit_note.due_date = posting
	credit_note.set_posting_time = 1
	credit_note.remarks = name_hint
	credit_note.items = [row for row in credit_note.items if row.item_code == MOTOR]
	credit_note.items[0].qty = -qty
	credit_note.set("sales_team", [{"sales_person": SUN.sales_person, "allocated_percentage": 100}])
	credit_note.insert(ignore_permissions=True)
	credit_note.submit()
	return credit_note


def make_payment(invoice, amount: float, posting: str):
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	reference = f"{PREFIX} {invoice.name}"
	if frappe.db.exists("Payment Entry", {"reference_no": reference, "docstatus": 1}):
		return
	payment = get_payment_entry("Sales Invoice", invoice.name, party_amount=amount)
	payment.update({"posting_date": posting, "reference_no": reference, "reference_date": posting})
	payment.insert(ignore_permissions=True)
	payment.submit()


def make_sales(company: str):
	get_or_make_item(MOTOR, item_group=MOTORS)
	get_or_make_item(OTHER)
	make_invoice(
		f"{PREFIX} LY", "Sun Old", "2024-03-15", "2024-03-15", [(MOTOR, 8, 1000)], [(SUN, 100)], company
	)
	feb = make_invoice(
		f"{PREFIX} FEB", "Sun Old", "2025-02-10", "2025-03-05", [(MOTOR, 1, 1000)], [(SUN, 100)], company
	)
	inv1 = make_invoice(
		f"{PREFIX} INV1",
		"Sun A",
		"2025-03-05",
		"2025-03-20",
		[(MOTOR, 10, 1000), (OTHER, 2, 500)],
		[(SUN, 100)],
		company,
	)
	inv2 = make_invoice(
		f"{PREFIX} INV2",
		"Shared",
		"2025-03-10",
		"2025-04-10",
		[(MOTOR, 5, 1000)],
		[(SUN, 60), (WU, 40)],
		company,
	)
	make_return(f"{PREFIX} RET1", inv1, "2025-03-25", 2)
	make_invoice(
		f"{PREFIX} INV3", "Wu B", "2025-03-12", "2025-03-31", [(OTHER, 8, 500)], [(WU, 100)], company
	)
	make_payment(inv1, 6000, "2025-03-22")
	make_payment(feb, 1000, "2025-03-06")
	make_payment(inv2, 2500, "2025-03-28")


ISSUES = (
	# (subject, customer, agreement status, first response seconds, response by)
	("fulfilled", "Sun A", "Fulfilled", 3600, None),
	("failed", "Sun A", "Failed", 7200, None),
	("overdue", "Sun A", "First Response Due", 0, "2025-03-01 10:00:00"),
	("shared", "Shared", "Fulfilled", 1800, None),
)


def make_issues():
	sla = get_or_make_sla_name()
	for subject, short, status, seconds, response_by in ISSUES:
		title = f"{PREFIX} {subject}"
		if frappe.db.exists("Issue", {"subject": title}):
			continue
		issue = frappe.get_doc(
			{
				"doctype": "Issue",
				"subject": title,
				"customer": customer(short),
				"raised_by": "buyer@example.com",
			}
		)
		issue.flags.ignore_permissions = True
		issue.insert()
		frappe.db.set_value(
			"Issue",
			issue.name,
			{
				"opening_date": "2025-03-15",
				"service_level_agreement": sla,
				"agreement_status": status,
				"first_response_time": seconds or None,
				"response_by": response_by,
				"sd_sla_breach_notified_on": "2025-03-02 10:00:00" if response_by else None,
			},
			update_modified=False,
		)


def get_or_make_sla_name() -> str:
	"""The name an Issue's SLA link holds (written straight to the Issue, as ERPNext's SLA would set it)."""
	return f"{PREFIX} SLA"


def make_feedback():
	if not frappe.db.exists("Quality Feedback Template", FEEDBACK_TEMPLATE):
		frappe.get_doc(
			{
				"doctype": "Quality Feedback Template",
				"template": FEEDBACK_TEMPLATE,
				"parameters": [{"parameter": "Service"}, {"parameter": "Quality"}],
			}
		).insert(ignore_permissions=True)
	for short, ratings in (("Sun A", ("4", "5")), ("Shared", ("3",))):
		if frappe.db.exists(
			"Quality Feedback", {"document_name": customer(short), "template": FEEDBACK_TEMPLATE}
		):
			continue
		feedback = frappe.get_doc(
			{
				"doctype": "Quality Feedback",
				"template": FEEDBACK_TEMPLATE,
				"document_type": "Customer",
				"document_name": customer(short),
				"parameters": [
					{"parameter": name, "rating": rating}
					for name, rating in zip(("Service", "Quality"), ratings, strict=False)
				],
			}
		)
		feedback.insert(ignore_permissions=True)
		frappe.db.set_value(
			"Quality Feedback", feedback.name, "creation", "2025-03-18 10:00:00", update_modified=False
		)


def make_visits(company: str):
	"""Tiers and visits: Sun A monthly (visited 03-20), Shared every two months (not visited); Sun's approved
	plan of the week of 03-03 with 4 rows, 3 done."""
	from sales_dept.sales_dept.report.visit_plan_execution.test_visit_plan_execution import (
		ensure_plan_workflow,
	)

	ensure_plan_workflow()
	for tier, interval in ((MONTHLY, 30), (BIMONTHLY, 60)):
		if not frappe.db.exists("Customer Tier", tier):
			frappe.get_doc(
				{
					"doctype": "Customer Tier",
					"tier_name": tier,
					"min_net_sales": 0,
					"visit_interval_days": interval,
				}
			).db_insert()
	for short, tier in (("Sun A", MONTHLY), ("Shared", BIMONTHLY)):
		frappe.db.set_value(
			"Customer",
			customer(short),
			{"sd_customer_tier": tier, "sd_tier_classified_on": "2025-01-01"},
			update_modified=False,
		)
	plan = f"{PREFIX} Plan Sun"
	if frappe.db.exists("Visit Plan", plan):
		return
	frappe.get_doc(
		{
			"doctype": "Visit Plan",
			"name": plan,
			"sales_person": SUN.sales_person,
			"team": EAST,
			"company": company,
			"period_type": "Week",
			"period_start": "2025-03-03",
			"period_end": "2025-03-09",
			"submitted_on": "2025-03-01 08:00:00",
			"docstatus": 1,
			"workflow_state": "Approved",
		}
	).db_insert()
	for idx, (day, done) in enumerate(
		(("2025-03-03", 1), ("2025-03-04", 1), ("2025-03-05", 1), ("2025-03-06", 0)), 1
	):
		frappe.get_doc(
			{
				"doctype": "Visit Plan Row",
				"name": f"{plan}-{idx}",
				"parent": plan,
				"parenttype": "Visit Plan",
				"parentfield": "visits",
				"idx": idx,
				"customer": customer("Sun A"),
				"customer_name": customer("Sun A"),
				"planned_date": day,
				"purpose": "Revisit",
				"done": done,
				"docstatus": 1,
			}
		).db_insert()
	frappe.get_doc(
		{
			"doctype": "Visit Record",
			"name": f"{PREFIX} Visit Sun A",
			"sales_person": SUN.sales_person,
			"customer": customer("Sun A"),
			"customer_name": customer("Sun A"),
			"company": company,
			"visit_date": "2025-03-20",
			"purpose": "Revisit",
			"outcome": "Met the buyer.",
			"docstatus": 1,
		}
	).db_insert()


def make_template() -> str:
	"""A March-ready monthly template with every computed KPI weighed, and the two manager-rated ones."""
	from sales_dept.setup.scorecards import SCORECARD_TEMPLATE

	if not frappe.db.exists("Scorecard Template", TEMPLATE):
		frappe.get_doc(
			{
				"doctype": "Scorecard Template",
				**SCORECARD_TEMPLATE,
				"template_name": TEMPLATE,
				"feedback_template": FEEDBACK_TEMPLATE,
			}
		).insert(ignore_permissions=True)
	return TEMPLATE


def make_scorecard_data() -> str:
	"""Everything of the module docstring; returns the template's name."""
	from sales_dept.setup.scorecards import make_scorecard_workflow

	company = default_company()
	# the years first: making ERPNext's test years commits, and the people must not be committed with them
	ensure_fiscal_years(company)
	make_people()
	make_targets(company)
	make_customers()
	make_sales(company)
	make_issues()
	make_feedback()
	make_visits(company)
	make_scorecard_workflow()
	return make_template()


def march() -> date:
	return getdate(MARCH)
