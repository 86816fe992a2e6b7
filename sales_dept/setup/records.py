"""Idempotent builders for the records a sales department stands on (users, employees, the Sales
Person tree, customers, items). Used by the demo data and the test factories; each returns the
existing record when there is one and never overwrites what an admin changed."""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import add_years, getdate


@contextmanager
def acting_as(user: str) -> Iterator[None]:
	"""Run the block as `user` (who then owns what it creates), then give the session back."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)


def default_company() -> str:
	company = frappe.defaults.get_global_default("company") or frappe.db.get_value("Company", {}, "name")
	if not company:
		frappe.throw(_("Complete the ERPNext setup wizard first: this site has no company."))
	return company


def get_or_make_user(email: str, full_name: str, roles: list[str], language: str | None = None) -> str:
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
		missing = [role for role in roles if role not in {r.role for r in user.roles}]
		if missing:
			# as at insert: whoever is signed in (a test's user, say) may not edit Users
			user.flags.ignore_permissions = True
			user.add_roles(*missing)
		return email
	first_name, _space, last_name = full_name.partition(" ")
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"last_name": last_name or None,
			"send_welcome_email": 0,
			"language": language,
			"roles": [{"role": role} for role in roles],
		}
	)
	user.insert(ignore_permissions=True)
	return email


def get_or_make_employee(user: str, full_name: str, company: str, gender: str = "Male") -> str:
	"""The user's Employee, made as ERPNext makes one: with its defaults, so the user gets ERPNext's User
	Permission on their own Employee (and company) unless HR Settings say otherwise. The app's access rules hold
	with it (services.visit_access)."""
	existing = frappe.db.get_value("Employee", {"user_id": user})
	if existing:
		return existing
	employee = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": full_name,
			"company": company,
			"status": "Active",
			"gender": gender,
			"date_of_birth": add_years(getdate(), -30),
			"date_of_joining": add_years(getdate(), -3),
			"user_id": user,
		}
	)
	employee.insert(ignore_permissions=True)
	return employee.name


def get_or_make_sales_person(
	name: str, parent: str, is_group: bool = False, employee: str | None = None
) -> str:
	if not frappe.db.exists("Sales Person", name):
		frappe.get_doc(
			{
				"doctype": "Sales Person",
				"sales_person_name": name,
				"parent_sales_person": parent,
				"is_group": int(is_group),
				"employee": employee,
				"enabled": 1,
			}
		).insert(ignore_permissions=True)
	return name


def set_team_leader(team: str, leader: str):
	if frappe.db.get_value("Sales Person", team, "sd_team_leader") != leader:
		team_doc = frappe.get_doc("Sales Person", team)
		team_doc.sd_team_leader = leader
		team_doc.save(ignore_permissions=True)


def get_or_make_customer(
	name: str, sales_person: str | None = None, customer_group: str | None = None
) -> str:
	if frappe.db.exists("Customer", name):
		return name
	customer = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": name,
			"customer_type": "Company",
			"customer_group": customer_group
			or frappe.db.get_value("Customer Group", {"is_group": 0}, "name")
			or "All Customer Groups",
			"territory": frappe.db.get_value("Territory", {"is_group": 0}, "name") or "All Territories",
			"sales_team": [{"sales_person": sales_person, "allocated_percentage": 100}]
			if sales_person
			else [],
		}
	)
	customer.insert(ignore_permissions=True)
	return customer.name


def get_or_make_item(item_code: str, item_group: str | None = None, stock_uom: str = "Nos") -> str:
	if not frappe.db.exists("Item", item_code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": item_code,
				"item_name": item_code,
				"item_group": item_group or "All Item Groups",
				"stock_uom": stock_uom,
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)
	return item_code


def get_or_make_item_group(name: str, parent: str = "All Item Groups") -> str:
	if not frappe.db.exists("Item Group", name):
		frappe.get_doc(
			{"doctype": "Item Group", "item_group_name": name, "parent_item_group": parent, "is_group": 0}
		).insert(ignore_permissions=True)
	return name
