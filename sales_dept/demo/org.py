"""The department on ERPNext's Sales Person tree, with a User and an Employee behind each salesperson.

Sales Team
└── 销售部            leader: 王芳 (manager)
    ├── 王芳
    ├── 华东团队      leader: 李强    members: 李强, 张伟, 刘洋, 孙浩
    └── 华南团队      leader: 赵磊    members: 赵磊, 陈静, 周敏
"""

import frappe
from frappe import _
from frappe.utils.password import update_password

from sales_dept.demo.data import DEPARTMENT, PASSWORD, PEOPLE, ROOT, TEAMS, USER_LANGUAGE, DemoPerson
from sales_dept.demo.progress import say
from sales_dept.setup.records import (
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
	say(
		_("Sales department: {0} salespeople in {1} teams under {2}.").format(
			len(PEOPLE), len(TEAMS), DEPARTMENT
		)
	)


def make_salesperson(person: DemoPerson, company: str) -> str:
	make_user(person)
	employee = get_or_make_employee(person.email, person.name, company, gender=person.gender)
	return get_or_make_sales_person(person.name, person.group, employee=employee)


def make_user(person: DemoPerson) -> str:
	"""The person's login; the demo password is set only on a user created here."""
	is_new = not frappe.db.exists("User", person.email)
	user = get_or_make_user(person.email, person.name, list(person.roles), language=USER_LANGUAGE)
	if is_new:
		update_password(user, PASSWORD)
	return user


def demo_logins() -> list[str]:
	"""'王芳 (销售经理) wang.fang@demo-sales.example.com' for each demo user on this site."""
	return [
		f"{person.name} ({person.title}) {person.email}"
		for person in PEOPLE
		if frappe.db.exists("User", person.email)
	]
