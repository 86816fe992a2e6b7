"""The department on ERPNext's Sales Person tree, with a User and an Employee behind each salesperson, and
the people outside it whom bids go to (technical and purchasing reviewers, company leadership), employees of
the company too. Employees are made as ERPNext makes them: each user restricted to their own Employee.

Sales Team
└── 销售部            leader: 王芳 (manager)
    ├── 王芳
    ├── 华东团队      leader: 李强    members: 李强, 张伟, 刘洋, 孙浩
    └── 华南团队      leader: 赵磊    members: 赵磊, 陈静, 周敏
"""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils.password import update_password

from sales_dept.demo.data import DEPARTMENT, PASSWORD, PEOPLE, ROOT, STAFF, TEAMS, USER_LANGUAGE, DemoPerson
from sales_dept.demo.progress import say
from sales_dept.services.settings import setting
from sales_dept.setup.records import (
	acting_as,
	get_or_make_employee,
	get_or_make_sales_person,
	get_or_make_user,
	set_team_leader,
)


def make_org(company: str):
	"""The department's groups and people, and who leads each group."""
	get_or_make_sales_person(DEPARTMENT, ROOT, is_group=True)
	for team in TEAMS:
		get_or_make_sales_person(team, DEPARTMENT, is_group=True)
	for person in PEOPLE:
		make_salesperson(person, company)
	for person in PEOPLE:
		if person.leads:
			set_team_leader(person.leads, person.name)
	for staff in STAFF:
		make_user(staff.email, staff.name, [setting(staff.role_setting)])
		get_or_make_employee(staff.email, staff.name, company, gender=staff.gender)  # employees too
	say(
		_("Sales department: {0} salespeople in {1} teams under {2}.").format(
			len(PEOPLE), len(TEAMS), DEPARTMENT
		)
	)
	say(
		_("Bid reviewers and leadership: {0}.").format(
			", ".join(f"{staff.name} ({_(setting(staff.role_setting))})" for staff in STAFF)
		)
	)


def make_salesperson(person: DemoPerson, company: str) -> str:
	make_user(person.email, person.name, list(person.roles))
	employee = get_or_make_employee(person.email, person.name, company, gender=person.gender)
	return get_or_make_sales_person(person.name, person.group, employee=employee)


def make_user(email: str, full_name: str, roles: list[str]) -> str:
	"""A demo login, in Chinese; the demo password is set only on a user created here."""
	is_new = not frappe.db.exists("User", email)
	user = get_or_make_user(email, full_name, roles, language=USER_LANGUAGE)
	if is_new:
		update_password(user, PASSWORD)
	return user


def demo_logins() -> list[str]:
	"""'王芳 (销售经理) wang.fang@demo-sales.example.com' for each demo user on this site."""
	return [
		f"{person.name} ({person.title}) {person.email}"
		for person in (*PEOPLE, *STAFF)
		if frappe.db.exists("User", person.email)
	]


@contextmanager
def speaking_as(user: str) -> Iterator[None]:
	"""Acting as `user` and in their language, as their own desk requests run: the notifications and
	comments they cause read in it."""
	language = frappe.local.lang
	with acting_as(user):
		frappe.local.lang = frappe.db.get_value("User", user, "language") or language
		try:
			yield
		finally:
			frappe.local.lang = language
