"""The demo customers, each looked after by one salesperson (a row in the customer's Sales Team)."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from sales_dept.demo.data import CUSTOMER_GROUP, USER_LANGUAGE
from sales_dept.demo.plan import plan_accounts
from sales_dept.demo.progress import say
from sales_dept.setup.records import get_or_make_customer


def make_customers(company: str) -> list[tuple[str, str]]:
	"""(customer, salesperson) for every demo customer, as the site records them."""
	group, territory = customer_group(), home_territory(company)
	planned = [
		(find_or_make_customer(name, sales_person, group, territory), sales_person)
		for name, sales_person in plan_accounts().items()
	]
	recorded = recorded_sales_persons([customer for customer, _sales_person in planned])
	accounts = [(customer, recorded.get(customer, sales_person)) for customer, sales_person in planned]
	say(
		_("Customers: {0}, spread over {1} salespeople.").format(
			len(accounts), len({sales_person for _customer, sales_person in accounts})
		)
	)
	return accounts


def find_or_make_customer(name: str, sales_person: str, group: str, territory: str | None) -> str:
	"""Looked up by customer name too, for sites that name customers by a naming series. A customer
	made here is placed in `territory` (the builder puts it in the first leaf territory) and, a Chinese
	company, has its documents printed in Chinese (its Print Language)."""
	existing = frappe.db.get_value("Customer", {"customer_name": name})
	if existing:
		return existing
	customer = frappe.get_doc("Customer", get_or_make_customer(name, sales_person, group))
	customer.language = USER_LANGUAGE
	customer.territory = territory or customer.territory
	customer.save(ignore_permissions=True)
	return customer.name


def home_territory(company: str) -> str | None:
	"""The leaf territory named after the company's country (ERPNext's setup makes one), if any."""
	country = frappe.get_cached_value("Company", company, "country")
	return frappe.db.get_value("Territory", {"name": country, "is_group": 0}) if country else None


def customer_group() -> str:
	"""CUSTOMER_GROUP when the site has it as a leaf, else the first leaf group."""
	if frappe.db.exists("Customer Group", {"name": CUSTOMER_GROUP, "is_group": 0}):
		return CUSTOMER_GROUP
	return frappe.db.get_value("Customer Group", {"is_group": 0}, "name", order_by="lft")


def recorded_sales_persons(customers: list[str]) -> dict[str, str]:
	"""The first Sales Team member of each customer that has one (rows come last-first, so the
	first member is the one dict() keeps)."""
	sales_team = DocType("Sales Team")
	rows = (
		frappe.qb.from_(sales_team)
		.select(sales_team.parent, sales_team.sales_person)
		.where(
			(sales_team.parenttype == "Customer")
			& (sales_team.parentfield == "sales_team")
			& sales_team.parent.isin(customers)
		)
		.orderby(sales_team.idx, order=frappe.qb.desc)
		.run()
	)
	return dict(rows)
