"""Idempotent test records: a small sales department (head, two teams with leaders) and its customers.

Sales Team (ERPNext root)
└── _Test SD Dept            head: _Test SD Wang
    ├── _Test SD Wang
    ├── _Test SD East        leader: _Test SD Li     members: Li, Zhou
    └── _Test SD South       leader: _Test SD Zhao   members: Zhao, Qian
"""

from dataclasses import dataclass

import frappe
from frappe.test_runner import make_test_records

from sales_dept.compat import fiscal_year_containing
from sales_dept.setup.records import (
	default_company,
	get_or_make_customer,
	get_or_make_employee,
	get_or_make_item,
	get_or_make_item_group,
	get_or_make_sales_person,
	get_or_make_user,
	set_team_leader,
)

DEPT, EAST, SOUTH = "_Test SD Dept", "_Test SD East", "_Test SD South"
ROOT = "Sales Team"


@dataclass(frozen=True)
class TestPerson:
	key: str
	team: str
	roles: tuple[str, ...]

	@property
	def sales_person(self) -> str:
		return f"_Test SD {self.key}"

	@property
	def user(self) -> str:
		return f"sd.{self.key.lower()}@example.com"


PEOPLE = {
	person.key: person
	for person in (
		TestPerson("Wang", DEPT, ("Sales User", "Sales Manager")),
		TestPerson("Li", EAST, ("Sales User", "Sales Team Leader")),
		TestPerson("Zhou", EAST, ("Sales User",)),
		TestPerson("Zhao", SOUTH, ("Sales User", "Sales Team Leader")),
		TestPerson("Qian", SOUTH, ("Sales User",)),
	)
}
LEADERS = {DEPT: "Wang", EAST: "Li", SOUTH: "Zhao"}


def make_sales_org() -> dict[str, TestPerson]:
	company = default_company()
	get_or_make_sales_person(DEPT, ROOT, is_group=True)
	for team in (EAST, SOUTH):
		get_or_make_sales_person(team, DEPT, is_group=True)
	for person in PEOPLE.values():
		get_or_make_user(person.user, f"SD {person.key}", list(person.roles))
		employee = get_or_make_employee(person.user, f"SD {person.key}", company)
		get_or_make_sales_person(person.sales_person, person.team, employee=employee)
	for team, key in LEADERS.items():
		set_team_leader(team, PEOPLE[key].sales_person)
	return PEOPLE


def make_customer(name: str = "_Test SD Customer", owner_key: str | None = "Zhou") -> str:
	make_sales_org()
	return get_or_make_customer(name, PEOPLE[owner_key].sales_person if owner_key else None)


def make_quotation(customer: str, **fields):
	"""An unsaved Quotation for one line of _Test SD Item; `fields` override the header."""
	item = get_or_make_item("_Test SD Item")
	quotation = frappe.get_doc(
		{
			"doctype": "Quotation",
			"quotation_to": "Customer",
			"party_name": customer,
			"company": default_company(),
			"transaction_date": frappe.utils.nowdate(),
			"items": [{"item_code": item, "qty": 1, "rate": 100}],
			**fields,
		}
	)
	return quotation


# Price policy
# ------------

MOTOR_GROUP, MOTOR, LIST_RATE = "_Test SD Motors", "_Test SD Motor", 100.0
PRICE_LIST = "Standard Selling"
ALLOWANCES = (("Sales User", 3), ("Sales Team Leader", 8), ("Sales Manager", 12))


def make_priced_motor() -> str:
	"""_Test SD Motor in group _Test SD Motors, listed at 100 in Standard Selling."""
	get_or_make_item_group(MOTOR_GROUP)
	get_or_make_item(MOTOR, item_group=MOTOR_GROUP)
	if not frappe.db.exists("Item Price", {"item_code": MOTOR, "price_list": PRICE_LIST}):
		frappe.get_doc(
			{
				"doctype": "Item Price",
				"item_code": MOTOR,
				"price_list": PRICE_LIST,
				"price_list_rate": LIST_RATE,
			}
		).insert(ignore_permissions=True)
	return MOTOR


def make_motor_policy(max_discount_pct: float = 12) -> str:
	"""Motors: floor 12% below list; salesperson 3%, team leader 8%, sales manager 12%."""
	make_priced_motor()
	company = default_company()
	existing = frappe.db.get_value("Sales Price Policy", {"company": company, "item_group": MOTOR_GROUP})
	if existing:
		return existing
	policy = frappe.get_doc(
		{
			"doctype": "Sales Price Policy",
			"company": company,
			"applies_to": "Item Group",
			"item_group": MOTOR_GROUP,
			"floor_basis": "Maximum Discount",
			"max_discount_pct": max_discount_pct,
			"allowances": [{"role": role, "max_discount_pct": pct} for role, pct in ALLOWANCES],
		}
	).insert(ignore_permissions=True)
	return policy.name


def make_motor_quotation(discount_pct: float, qty: float = 1, customer: str | None = None):
	"""An unsaved Quotation of motors at `discount_pct` below the list rate."""
	return frappe.get_doc(
		{
			"doctype": "Quotation",
			"quotation_to": "Customer",
			"party_name": customer or make_customer("_Test SD Customer Zhou", "Zhou"),
			"company": default_company(),
			"transaction_date": frappe.utils.nowdate(),
			"selling_price_list": PRICE_LIST,
			"items": [{"item_code": MOTOR, "qty": qty, "discount_percentage": discount_pct}],
		}
	)


def api_token_header(user: str) -> dict:
	"""The Authorization header of `user` for REST tests (a fresh API key and secret)."""
	from frappe.core.doctype.user.user import generate_keys

	secret = generate_keys(user)["api_secret"]
	api_key = frappe.db.get_value("User", user, "api_key")
	return {"Authorization": f"token {api_key}:{secret}"}


def ensure_fiscal_year(day, company: str):
	"""A fiscal year of `company` containing `day`: ERPNext's own test fiscal years (each calendar year from
	2011) where they are missing, else a year of ours. Never ours first: on Frappe 16 a year of ours, committed
	by one test class, overlaps the test years Frappe makes for the next class and stops the whole run."""
	if fiscal_year_containing(day, company):
		return
	make_test_records("Fiscal Year", commit=True)
	if not fiscal_year_containing(day, company):
		frappe.get_doc(
			{
				"doctype": "Fiscal Year",
				"year": f"_Test SD FY {day.year}",
				"year_start_date": day.replace(month=1, day=1),
				"year_end_date": day.replace(month=12, day=31),
			}
		).insert(ignore_permissions=True)


def email_document(doctype: str, name: str):
	"""E-mail a document as the desk's Email dialog does (frappe.core.doctype.communication.email.make), to a
	buyer, without sending: what Frappe checks first is the e-mail permission."""
	from frappe.core.doctype.communication.email import make

	return make(
		doctype=doctype,
		name=name,
		subject=f"{doctype} {name}",
		content="Please find our offer attached.",
		recipients="buyer@example.com",
		send_email=False,
	)
