"""The department the load test's simulated users log in as (scripts/load-test), made on a dedicated site:

	bench --site SITE execute sales_dept.benchmarks.load.department.make --kwargs '{"salespeople": 50, "teams": 5}'

Sales Team
└── 压测销售部            manager 压测经理 (leads it)
    ├── 压测一组 … 压测五组  each led by its leader (压测组长1 …), with 10 salespeople (压测销售01 …)
and outside the tree a technical reviewer (压测技术) and a purchasing reviewer (压测采购).

Everyone is a User in Chinese with an Employee made as ERPNext makes one (restricted to their own Employee by a
User Permission: setup.records.get_or_make_employee), the password PASSWORD. Each salesperson has CUSTOMERS_EACH
customers of their own. The demo's catalogue and price policies (sales_dept.demo: all items 5 / 10 / 15 %, floor
25 % off list). Bids waiting for both reviews are topped up to `bids_in_review` (each handed in by its
salesperson and taken on by the manager through the app's methods), so that the reviewers have work.

Made once (names are fixed; a second run tops up what the last one used and changes nothing else). The site must
say `sales_dept_load_test: 1` in its site_config.json (scripts/load-test sets it on the site it creates): this
sets known passwords. Returns what the simulated users need, as JSON (bench execute prints it).
"""

from datetime import datetime, time, timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.translate import print_language
from frappe.utils import add_days, get_system_timezone, getdate
from frappe.utils.password import update_password

from sales_dept.demo.catalogue import make_catalogue
from sales_dept.demo.data import ITEMS
from sales_dept.demo.org import speaking_as
from sales_dept.demo.policies import make_price_policies
from sales_dept.demo.site import ensure_company, ensure_fiscal_years
from sales_dept.rules.bids import INQUIRY
from sales_dept.sales_dept.doctype.bid_review.bid_review import take_workflow_action
from sales_dept.services.settings import CAPABILITY_SWITCHES, get_settings
from sales_dept.setup.records import (
	get_or_make_customer,
	get_or_make_employee,
	get_or_make_sales_person,
	get_or_make_user,
	set_team_leader,
)
from sales_dept.setup.scorecards import TEMPLATE_NAME
from sales_dept.setup.workflows import PARTICIPATE, SUBMIT_FOR_GO_NO_GO

PASSWORD = "load-test-2026"
LANGUAGE = "zh"
DOMAIN = "load.example.com"
ROOT = "Sales Team"
DEPARTMENT = "压测销售部"
TEAM_NAMES = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
CUSTOMERS_EACH = 4
BID_PREFIX = "压测投标"
WORKSPACE = "Sales Department"
# Refusals the app means to give (HTTP 417 with one of these titles): counted apart from errors.
INTENDED_REFUSALS = (
	"Already Decided",  # two people decided one document at the same moment: the second is told
	"Price Exception Needed",  # an order below the allowance submitted without an approved exception
	"Already Requested",
	"Cannot Decide Price Exception",
)


def team_name(number: int) -> str:
	return f"压测{TEAM_NAMES[number - 1] if number <= len(TEAM_NAMES) else number}组"


def user_of(login: str) -> str:
	return f"{login}@{DOMAIN}"


def make(salespeople: int = 50, teams: int = 5, bids_in_review: int = 60) -> dict:
	if not frappe.conf.get("sales_dept_load_test"):
		frappe.throw(
			"The load test's department sets known passwords: make it only on a site whose site_config.json "
			"says sales_dept_load_test: 1 (scripts/load-test creates such a site)."
		)
	company = ensure_company()
	today = getdate()
	ensure_fiscal_years(company, add_days(today, -400), add_days(today, 400))
	switch_rules(True)
	settings = get_settings()
	people = make_people(company, salespeople, teams, settings)
	frappe.db.commit()
	price_list = make_catalogue(company)
	make_price_policies(company)
	customers = make_customers(people["salespeople"])
	frappe.db.commit()
	top_up_bids(company, price_list, people, customers, bids_in_review)
	frappe.db.commit()
	for row in people["salespeople"]:
		row["first_free_week"] = week_after_last_plan(row["sales_person"])
	return {
		"company": company,
		"time_zone": get_system_timezone(),
		"password": PASSWORD,
		"price_list": price_list,
		"items": [item.code for item in ITEMS[:6]],
		"customers": customers,
		**people,
		"workspace": WORKSPACE,
		"scorecard_template": TEMPLATE_NAME,
		"number_cards": frappe.get_all(
			"Number Card", {"module": "Sales Dept", "type": "Custom"}, ["name", "method"], order_by="name"
		),
		"refusals": refusal_titles(),
		"report_filters": report_filters(company, today),
		"roles": {
			"up_to_leader": [settings.salesperson_role, settings.team_leader_role],
			"up_to_manager": [
				settings.salesperson_role,
				settings.team_leader_role,
				settings.sales_manager_role,
			],
		},
		"states": {
			key: translated(value)
			for key, value in (("pending", "Pending Approval"), ("in_review", "In Review"))
		},
	}


def report_filters(company: str, today) -> dict[str, dict]:
	"""The filters each report opens with on the desk (its defaults: this week, this month...)."""
	month_start = today.replace(day=1)
	return {
		"Weekly Meeting Pack": {
			"company": company,
			"week_start": str(today - timedelta(days=today.weekday())),
		},
		"Customer Visit Coverage": {"company": company, "as_on": str(today)},
		"Sales Target Achievement": {"company": company, "period_type": "Month", "date": str(today)},
		"Scorecard Ranking": {"company": company, "template": TEMPLATE_NAME, "date": str(month_start)},
		"Visit Plan Execution": {
			"company": company,
			"from_date": str(month_start - timedelta(days=31)),
			"to_date": str(today),
		},
	}


def switch_rules(on: bool) -> dict:
	"""Every capability switch of Sales Dept Settings on (or off), as an administrator saves them; returns
	them. The load test runs its second phase with them off (scripts/load-test, "side by side")."""
	settings = frappe.get_doc("Sales Dept Settings")
	for field in CAPABILITY_SWITCHES.values():
		settings.set(field, int(on))
	settings.save(ignore_permissions=True)
	frappe.db.commit()
	return {field: settings.get(field) for field in CAPABILITY_SWITCHES.values()}


def translated(text: str) -> str:
	with print_language(LANGUAGE):
		return frappe._(text)


def refusal_titles() -> dict[str, str]:
	"""Each intended refusal's title as the users read it (Chinese) -> its English title."""
	return {translated(title): title for title in INTENDED_REFUSALS} | {t: t for t in INTENDED_REFUSALS}


def person(login: str, name: str, roles: list[str], company: str) -> str:
	user = get_or_make_user(user_of(login), name, roles, language=LANGUAGE)
	if frappe.db.get_value("User", user, "language") != LANGUAGE:
		frappe.db.set_value("User", user, "language", LANGUAGE)
	update_password(user, PASSWORD)
	get_or_make_employee(user, name, company)  # with ERPNext's own-employee User Permission
	return user


def make_people(company: str, salespeople: int, teams: int, settings) -> dict:
	salesperson_role = settings.salesperson_role
	get_or_make_sales_person(DEPARTMENT, ROOT, is_group=True)
	manager_user = person("manager", "压测经理", [salesperson_role, settings.sales_manager_role], company)
	manager = get_or_make_sales_person(
		"压测经理", DEPARTMENT, employee=frappe.db.get_value("Employee", {"user_id": manager_user})
	)
	set_team_leader(DEPARTMENT, manager)
	result = {
		"manager": {"user": manager_user, "sales_person": manager},
		"technical": {"user": person("technical", "压测技术", [settings.technical_reviewer_role], company)},
		"purchasing": {
			"user": person("purchasing", "压测采购", [settings.purchasing_reviewer_role], company)
		},
		"leaders": [],
		"salespeople": [],
	}
	per_team = max(1, salespeople // teams)
	for team_number in range(1, teams + 1):
		team = get_or_make_sales_person(team_name(team_number), DEPARTMENT, is_group=True)
		login, name = f"leader{team_number}", f"压测组长{team_number}"
		user = person(login, name, [salesperson_role, settings.team_leader_role], company)
		leader = get_or_make_sales_person(
			name, team, employee=frappe.db.get_value("Employee", {"user_id": user})
		)
		set_team_leader(team, leader)
		result["leaders"].append({"user": user, "sales_person": leader, "team": team})
	for number in range(1, salespeople + 1):
		team = team_name(min(teams, (number - 1) // per_team + 1))
		name = f"压测销售{number:02d}"
		user = person(f"sales{number:02d}", name, [salesperson_role], company)
		sales_person = get_or_make_sales_person(
			name, team, employee=frappe.db.get_value("Employee", {"user_id": user})
		)
		result["salespeople"].append({"user": user, "sales_person": sales_person, "team": team})
	return result


def make_customers(salespeople: list[dict]) -> dict[str, list[str]]:
	"""Each salesperson's customers (the salesperson 100 % of their Sales Team)."""
	return {
		row["sales_person"]: [
			get_or_make_customer(f"{row['sales_person']}客户{n}", row["sales_person"])
			for n in range(1, CUSTOMERS_EACH + 1)
		]
		for row in salespeople
	}


def bids_waiting_for_reviews() -> int:
	return frappe.db.count(
		"Bid Review", {"title": ["like", f"{BID_PREFIX}%"], "workflow_state": "In Review", "docstatus": 0}
	)


def top_up_bids(company: str, price_list: str, people: dict, customers: dict, wanted: int):
	"""Bids in review (both reviews open) up to `wanted`: each registered and handed in by a salesperson,
	taken on by the manager, through the app's own methods (as the demo makes its bids)."""
	missing = wanted - bids_waiting_for_reviews()
	made = frappe.db.count("Bid Review", {"title": ["like", f"{BID_PREFIX}%"]})
	deadline = datetime.combine(add_days(getdate(), 20), time(17, 0))
	for number in range(made + 1, made + 1 + max(0, missing)):
		seller = people["salespeople"][number % len(people["salespeople"])]
		with speaking_as(seller["user"]):
			bid = frappe.new_doc("Bid Review")
			bid.update(
				{
					"kind": INQUIRY,
					"title": f"{BID_PREFIX}{number:05d}",
					"customer": customers[seller["sales_person"]][0],
					"company": company,
					"selling_price_list": price_list,
					"sales_person": seller["sales_person"],
					"submission_deadline": deadline,
				}
			)
			bid.set(
				"lines", [{"item_code": ITEMS[number % 6].code, "qty": 2, "rate": ITEMS[number % 6].price}]
			)
			bid.insert()
			apply_workflow(bid, SUBMIT_FOR_GO_NO_GO)
		with speaking_as(people["manager"]["user"]):
			take_workflow_action(bid.name, PARTICIPATE, "压测：参与投标")
		frappe.db.commit()


def week_after_last_plan(sales_person: str) -> str:
	"""The Monday after the salesperson's last plan, at least two weeks ahead."""
	last = frappe.db.get_value(
		"Visit Plan", {"sales_person": sales_person}, "period_start", order_by="period_start desc"
	)
	earliest = getdate() + timedelta(days=14)
	start = max(earliest, getdate(last) + timedelta(days=7)) if last else earliest
	return str(start - timedelta(days=start.weekday()))
