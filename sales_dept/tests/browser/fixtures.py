"""The department the browser journeys walk through, made on a test site (one with `allow_tests`):

	cd sites && ../env/bin/python ../apps/sales_dept/scripts/site_call.py SITE sales_dept.tests.browser.fixtures.make

A Chinese company of its own (旅程机电有限公司, CNY, with its letter head), next to whatever else the site holds,
and in it:

Sales Team
└── 旅程销售部        manager 钱明 (leads it)
    ├── 钱明
    └── 旅程一组      leader 孙丽: 孙丽, 陈晨 (salesperson), 周洁
and outside the tree: 高建华 (company leadership), 郑伟 (technical reviewer), 黄敏 (purchasing reviewer).

Every one of them is an Employee made as ERPNext makes one: their user is restricted by a User Permission to
their own Employee record (and their company). They speak Chinese and log in with PASSWORD; what the fixtures
do as one of them is done in their language, as from their desk (a decision's comment reads 已批准：…).

Made fresh on every run (what a journey moved on is set aside and made again), so that each journey finds
the same state and the same notices in the bell:
- 陈晨's customers: two VIP / 一级 customers due for a visit next week, the customer of this week's visit,
  the customer of the bid, the customer of the price exceptions; items JM-100 and JM-200 of the item group
  旅程电机 in the price list 旅程标准售价, under a price policy (salesperson 3 %, team leader 8 %,
  manager 12 %);
- no plan of 陈晨 for next week (the salesperson journey makes it), this week's plan approved with a visit
  planned on Monday, and two plans pending the team leader (in two and three weeks);
- last month's scorecards: 陈晨's in self review, 周洁's in the manager's review;
- a penalty about 陈晨, approved by the manager, waiting for 陈晨's acknowledgement;
- an Opportunity of 陈晨 worth a major bid; two small bids of his for the reports, one waiting for the
  go/no-go, one approved and lost this month;
- four complaints (Issues) of 陈晨's VIP customer whose first response is a day overdue, which the hourly
  check (run here) told 孙丽 of in one notice;
- a Sales Order of 陈晨 posted without a Sales Team, 6 % below list, its price exception pending;
- a submitted Quotation of 陈晨, 5 % below list, that stood on a price exception the team leader approved;
- no group robot of 旅程一组 (the robots journey sets it up), robots allowed to post to the imitation's host
  (Allow Other Robot Hosts), 孙丽's mobile number on her Employee (so that a group @mentions her), and a
  draft plan of 陈晨 in four weeks for him to hand in.

Each part is made on its own: one that fails is reported in `broken` (part -> error) and the journeys that
need it fail saying so, the others still run. Returns what the journeys need (people, records, workflow
labels, words of other records' names) as a dict, printed as JSON by site_call.py.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import frappe
from frappe.model.workflow import apply_workflow
from frappe.permissions import add_user_permission
from frappe.utils import add_days, add_months, get_first_day, getdate, now_datetime, nowdate
from frappe.utils.password import update_password

from sales_dept.demo.org import speaking_as
from sales_dept.services.decisions import decide_once
from sales_dept.services.settings import get_settings
from sales_dept.setup import workflows
from sales_dept.setup.records import (
	get_or_make_customer,
	get_or_make_employee,
	get_or_make_item,
	get_or_make_item_group,
	get_or_make_sales_person,
	get_or_make_user,
	set_team_leader,
)
from sales_dept.tests.factories import ensure_fiscal_year
from sales_dept.tests.visit_factories import find_visit_plan

PASSWORD = "journeys-2026"
LANGUAGE = "zh"
DOMAIN = "journeys.example.com"
COMPANY, ABBR, CURRENCY = "旅程机电有限公司", "LCJD", "CNY"
LETTER_HEAD = COMPANY
LETTER_HEAD_HTML = (
	'<div style="text-align: center; border-bottom: 2px solid #1f4e79; padding-bottom: 6px;">'
	'<div style="font-size: 20px; font-weight: bold;">旅程机电有限公司</div>'
	'<div style="font-size: 11px; color: #555;">地址：浙江省宁波市高新区旅程路 18 号　电话：0574-8800 1234</div>'
	"</div>"
)
ROOT = "Sales Team"
DEPARTMENT, TEAM = "旅程销售部", "旅程一组"
PRICE_LIST = "旅程标准售价"
ITEM_GROUP = "旅程电机"
ITEMS = {"JM-100": ("三相异步电机 7.5kW", 12_000.0), "JM-200": ("变频器 11kW", 8_000.0)}
ALLOWANCES = (("salesperson_role", 3), ("team_leader_role", 8), ("sales_manager_role", 12))
CUSTOMERS = {
	"due_vip": "苏州旅程精密机械有限公司",
	"due_level_1": "无锡旅程自动化设备有限公司",
	"visit": "杭州旅程输送设备有限公司",
	"bid": "宁波旅程机电科技有限公司",
	"pricing": "上海旅程包装机械有限公司",
}
# (customer key, tier, days since classified): never visited, so due a visit interval after that day.
DUE = (("due_vip", "VIP", 40), ("due_level_1", "Level 1", 70))


@dataclass(frozen=True)
class Person:
	key: str  # how the journeys name them
	name: str  # full name; the Sales Person's name for people of the tree
	login: str
	role_settings: tuple[str, ...]  # Sales Dept Settings fields naming their roles
	group: str | None = None  # their place in the Sales Person tree (None: outside it)
	leads: str | None = None
	gender: str = "Male"

	@property
	def user(self) -> str:
		return f"{self.login}@{DOMAIN}"


PEOPLE = (
	Person(
		"manager", "钱明", "qian.ming", ("salesperson_role", "sales_manager_role"), DEPARTMENT, DEPARTMENT
	),
	Person(
		"team_leader", "孙丽", "sun.li", ("salesperson_role", "team_leader_role"), TEAM, TEAM, gender="Female"
	),
	Person("salesperson", "陈晨", "chen.chen", ("salesperson_role",), TEAM),
	Person("colleague", "周洁", "zhou.jie", ("salesperson_role",), TEAM, gender="Female"),
	Person("leadership", "高建华", "gao.jianhua", ("leadership_role",)),
	Person("technical", "郑伟", "zheng.wei", ("technical_reviewer_role",)),
	Person("purchasing", "黄敏", "huang.min", ("purchasing_reviewer_role",), gender="Female"),
)
BY_KEY = {person.key: person for person in PEOPLE}


def make() -> dict:
	if not frappe.conf.allow_tests:
		raise frappe.ValidationError(
			"The browser fixtures set known passwords: run them only on a site with allow_tests."
		)
	started = now_datetime()
	ensure_setup()
	frappe.db.commit()  # nosemgrep: each part below is committed on its own
	result = {
		"started": str(started),
		"password": PASSWORD,
		"language": LANGUAGE,
		"company": COMPANY,
		"people": {p.key: {"user": p.user, "name": p.name} for p in PEOPLE},
		"customers": CUSTOMERS,
		"items": {code: name for code, (name, _rate) in ITEMS.items()},
		"broken": {},
	}
	for part in (
		department,
		robots,  # first: no robot of the journey's team hears what the other parts do
		plans,
		plan_to_hand_in,  # after the plans of the weeks before it: its previous period's is this run's
		scorecards,
		penalty,
		opportunity,
		bids_for_reports,
		price_exception_pending,
		quotation_on_exception,
		complaint_backlog,
	):
		try:
			result.update(part() or {})
			frappe.db.commit()  # nosemgrep: the browser reads these records next
		except Exception as error:
			frappe.db.rollback()
			result["broken"][part.__name__] = f"{type(error).__name__}: {error}"[:500]
			frappe.log_error(f"browser fixtures: {part.__name__}")
			if part is department:
				break  # everything else stands on the department
	result["data_words"] = other_records_words() + rulebook_words()
	result["labels"] = labels()
	result["reports"] = frappe.get_all(
		"Report",
		{"module": "Sales Dept", "report_type": "Script Report", "disabled": 0},
		pluck="name",
		order_by="name",
	)
	from sales_dept.setup.scorecards import TEMPLATE_NAME

	result["scorecard_template"] = TEMPLATE_NAME
	settings = get_settings()
	result["review_kinds"] = {
		key: frappe.db.get_value("Bid Review Kind", {"role": settings.get(field), "enabled": 1})
		for key, field in (
			("technical", "technical_reviewer_role"),
			("purchasing", "purchasing_reviewer_role"),
		)
	}
	return result


def ensure_setup():
	"""A site past ERPNext's setup wizard (ERPNext's own test setup, as `bench run-tests` does)."""
	if not frappe.db.a_row_exists("Company"):
		import contextlib
		import sys

		from sales_dept.tests import before_tests

		with contextlib.redirect_stdout(sys.stderr):  # the wizard's progress: stdout carries the result
			before_tests()


# The department
# --------------


def department() -> dict:
	company = make_company()
	today = getdate()
	for day in (today, add_months(today, -1), add_days(today, 28)):
		ensure_fiscal_year(getdate(day), company)
	settings = get_settings()
	get_or_make_sales_person(DEPARTMENT, ROOT, is_group=True)
	get_or_make_sales_person(TEAM, DEPARTMENT, is_group=True)
	for person in PEOPLE:
		roles = [settings.get(field) for field in person.role_settings if settings.get(field)]
		get_or_make_user(person.user, person.name, roles, language=LANGUAGE)
		frappe.db.set_value("User", person.user, {"language": LANGUAGE, "enabled": 1})
		update_password(person.user, PASSWORD)
		employee = get_or_make_employee(person.user, person.name, company, gender=person.gender)
		restrict_to_own_employee(person.user, employee, company)
		# Their company is the one new documents start with, as on a site with no other company (a test site
		# has ERPNext's own as its default).
		frappe.defaults.set_user_default("company", company, person.user)
		if person.group:
			get_or_make_sales_person(person.name, person.group, employee=employee)
	for person in PEOPLE:
		if person.leads:
			set_team_leader(person.leads, person.name)
	make_catalogue()
	make_customers()
	return {}


def make_company() -> str:
	if not frappe.db.exists("Company", COMPANY):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": COMPANY,
				"abbr": ABBR,
				"default_currency": CURRENCY,
				"country": "China",
				"chart_of_accounts": "Standard",
				"create_chart_of_accounts_based_on": "Standard Template",
			}
		).insert(ignore_permissions=True)
	# Its own letter head on its quotations, as a company that prints formal quotations has (ERPNext 16's
	# default one prints the doctype in English: "Quotation").
	if not frappe.db.exists("Letter Head", LETTER_HEAD):
		frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": LETTER_HEAD,
				"source": "HTML",
				"content": LETTER_HEAD_HTML,
			}
		).insert(ignore_permissions=True)
	frappe.db.set_value("Company", COMPANY, "default_letter_head", LETTER_HEAD, update_modified=False)
	return COMPANY


def restrict_to_own_employee(user: str, employee: str, company: str):
	"""ERPNext's default for an Employee with a user (create_user_permission, on unless unticked): the user
	sees only their own Employee record and their company. Put back if something removed it."""
	if not frappe.db.exists("User Permission", {"user": user, "allow": "Employee", "for_value": employee}):
		add_user_permission("Employee", employee, user)
	if not frappe.db.exists("User Permission", {"user": user, "allow": "Company", "for_value": company}):
		add_user_permission("Company", company, user)


def make_catalogue():
	if not frappe.db.exists("Price List", PRICE_LIST):
		frappe.get_doc(
			{
				"doctype": "Price List",
				"price_list_name": PRICE_LIST,
				"currency": CURRENCY,
				"selling": 1,
				"enabled": 1,
			}
		).insert(ignore_permissions=True)
	get_or_make_item_group(ITEM_GROUP)
	for code, (name, rate) in ITEMS.items():
		get_or_make_item(code, ITEM_GROUP)
		frappe.db.set_value("Item", code, "item_name", name)
		if not frappe.db.exists("Item Price", {"item_code": code, "price_list": PRICE_LIST}):
			frappe.get_doc(
				{
					"doctype": "Item Price",
					"item_code": code,
					"price_list": PRICE_LIST,
					"price_list_rate": rate,
				}
			).insert(ignore_permissions=True)
	if not frappe.db.exists("Sales Price Policy", {"company": COMPANY, "item_group": ITEM_GROUP}):
		settings = get_settings()
		frappe.get_doc(
			{
				"doctype": "Sales Price Policy",
				"company": COMPANY,
				"applies_to": "Item Group",
				"item_group": ITEM_GROUP,
				"floor_basis": "Maximum Discount",
				"max_discount_pct": 12,
				"allowances": [
					{"role": settings.get(field), "max_discount_pct": pct} for field, pct in ALLOWANCES
				],
			}
		).insert(ignore_permissions=True)


def make_customers():
	salesperson = BY_KEY["salesperson"].name
	for name in CUSTOMERS.values():
		get_or_make_customer(name, salesperson)
		# a Chinese company's customers: priced in its list, written to (printed for) in Chinese
		frappe.db.set_value(
			"Customer", name, {"default_price_list": PRICE_LIST, "language": LANGUAGE}, update_modified=False
		)
	for key, tier, days in DUE:
		frappe.db.set_value(
			"Customer",
			CUSTOMERS[key],
			{"sd_customer_tier": tier, "sd_tier_classified_on": add_days(getdate(), -days)},
			update_modified=False,
		)


# Visit plans
# -----------


def monday_of(day: date) -> date:
	return day - timedelta(days=day.weekday())


def plans() -> dict:
	seller, leader = BY_KEY["salesperson"], BY_KEY["team_leader"]
	this_monday = monday_of(getdate())
	for stale in plans_of(seller, this_monday + timedelta(weeks=1)):
		set_aside_plan(stale)  # the salesperson journey hands in next week's plan
	approved = fresh_plan(seller, this_monday, CUSTOMERS["visit"], this_monday)
	with speaking_as(seller.user):
		approved = apply_workflow(approved, workflows.SUBMIT_FOR_APPROVAL)
	with speaking_as(leader.user):
		approved = apply_workflow(approved, workflows.APPROVE)
	pending = []
	for weeks in (2, 3):
		monday = this_monday + timedelta(weeks=weeks)
		plan = fresh_plan(seller, monday, CUSTOMERS["visit"], monday + timedelta(days=1))
		with speaking_as(seller.user):
			pending.append(apply_workflow(plan, workflows.SUBMIT_FOR_APPROVAL).name)
	return {
		"next_monday": str(this_monday + timedelta(weeks=1)),
		"approved_plan": approved.name,
		"visit_row": approved.visits[[r.customer for r in approved.visits].index(CUSTOMERS["visit"])].name,
		"plan_to_approve": pending[0],
		"plan_to_send_back": pending[1],
	}


def plans_of(person: Person, monday: date, cancelled: bool = False) -> list[str]:
	return frappe.get_all(
		"Visit Plan",
		{"sales_person": person.name, "period_start": monday, "docstatus": ("<", 3 if cancelled else 2)},
		pluck="name",
	)


def set_aside_plan(name: str):
	"""Out of the way of a fresh plan for the same week: one no visit was recorded on deleted (so that the plan
	list, latest week first, does not fill up with earlier runs' plans), else it and its visit records marked
	cancelled."""
	if not frappe.db.exists("Visit Record", {"visit_plan": name}):
		frappe.db.set_value("Visit Plan", name, "docstatus", 2, update_modified=False)
		frappe.delete_doc("Visit Plan", name, ignore_permissions=True, force=True)
		return
	for record in frappe.get_all("Visit Record", {"visit_plan": name, "docstatus": ("<", 2)}, pluck="name"):
		frappe.db.set_value("Visit Record", record, "docstatus", 2, update_modified=False)
	if frappe.db.get_value("Visit Plan", name, "docstatus") == 0:
		frappe.delete_doc("Visit Plan", name, ignore_permissions=True, force=True)
	else:
		frappe.db.set_value("Visit Plan", name, "docstatus", 2, update_modified=False)


def fresh_plan(person: Person, monday: date, customer: str, visit_day: date):
	"""A new draft plan of `person` for the week of `monday`: its due customers and one visit to `customer`."""
	for stale in plans_of(person, monday, cancelled=True):
		set_aside_plan(stale)
	assert not find_visit_plan(person.name, monday)
	plan = frappe.get_doc(
		{
			"doctype": "Visit Plan",
			"sales_person": person.name,
			"company": COMPANY,
			"period_type": "Week",
			"period_start": monday,
			"visits": [{"customer": customer, "planned_date": visit_day, "purpose": "Revisit"}],
		}
	)
	with speaking_as(person.user):
		plan.add_due_customers()
		plan.insert()
	return plan


# Scorecards
# ----------


def scorecards() -> dict:
	from sales_dept.setup.scorecards import HAND_IN, RELEASE, TEMPLATE_NAME

	last_month = get_first_day(add_months(getdate(), -1))
	made = {}
	for key, hand_in in (("salesperson", False), ("colleague", True)):
		person = BY_KEY[key]
		for stale in frappe.get_all(
			"Sales Scorecard",
			{"sales_person": person.name, "period_start": last_month, "docstatus": ("<", 2)},
			pluck="name",
		):
			set_aside("Sales Scorecard", stale)
		# Generated and released as the desk's "Generate Scorecards" and "Release" would; as Administrator, since
		# what the manager may do with scorecards is what the journeys check.
		with speaking_as("Administrator"):
			card = frappe.get_doc(
				{
					"doctype": "Sales Scorecard",
					"template": TEMPLATE_NAME,
					"sales_person": person.name,
					"company": COMPANY,
					"period_start": last_month,
				}
			).insert()
			card = decide_once(frappe.get_doc("Sales Scorecard", card.name), RELEASE)
		if hand_in:
			with speaking_as(person.user):
				card = decide_once(frappe.get_doc("Sales Scorecard", card.name), HAND_IN)
		made[f"{key}_scorecard"] = card.name
	return made


def set_aside(doctype: str, name: str):
	"""A draft deleted, a submitted document marked cancelled (test records only)."""
	if frappe.db.get_value(doctype, name, "docstatus") == 0:
		frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
	else:
		frappe.db.set_value(doctype, name, {"docstatus": 2, "status": "Cancelled"}, update_modified=False)


# Conduct
# -------

RULE = "R8"  # 第十二条, handing in reports on time: a verbal warning for the first offence


def penalty() -> dict:
	from sales_dept.setup.workflows import APPROVE

	seller, manager = BY_KEY["salesperson"], BY_KEY["manager"]
	for stale in frappe.get_all(
		"Penalty Record", {"sales_person": seller.name, "docstatus": ("<", 2)}, pluck="name"
	):
		set_aside("Penalty Record", stale)  # so that this one is the first offence again
	with speaking_as(manager.user):
		record = frappe.get_doc(
			{
				"doctype": "Penalty Record",
				"sales_person": seller.name,
				"company": COMPANY,
				"conduct_rule": RULE,
				"incident_date": nowdate(),
				"description": "周例会前未提交下周拜访计划。",
			}
		).insert()
		record = decide_once(record, APPROVE, "按制度第一次口头警告。")
	return {"penalty": record.name}


# Sales
# -----


def opportunity() -> dict:
	seller = BY_KEY["salesperson"]
	with speaking_as(seller.user):
		doc = frappe.get_doc(
			{
				"doctype": "Opportunity",
				"opportunity_from": "Customer",
				"party_name": CUSTOMERS["bid"],
				"company": COMPANY,
				"currency": CURRENCY,
				"transaction_date": nowdate(),
				"title": "宁波旅程 输送线改造项目",
				"items": [
					{"item_code": "JM-100", "qty": 40, "rate": ITEMS["JM-100"][1]},
					{"item_code": "JM-200", "qty": 5, "rate": ITEMS["JM-200"][1]},
				],
			}
		).insert()
	return {"opportunity": doc.name}


def bids_for_reports() -> dict:
	"""Two small bids of 陈晨 the manager's reports show with their default filters: one waiting for the
	go/no-go (Bid Pipeline), one approved and lost this month (Bid Win Loss Analysis), each step taken by
	the person whose step it is."""
	from sales_dept.sales_dept.doctype.bid_review.bid_review import (
		record_outcome,
		review,
		take_workflow_action,
	)

	seller, manager = BY_KEY["salesperson"], BY_KEY["manager"]
	labels_ = labels()

	def new_bid(title: str) -> str:
		with speaking_as(seller.user):
			bid = frappe.get_doc(
				{
					"doctype": "Bid Review",
					"kind": "Inquiry",
					"title": title,
					"customer": CUSTOMERS["bid"],
					"company": COMPANY,
					"currency": CURRENCY,
					"sales_person": seller.name,
					"lines": [{"item_code": "JM-200", "qty": 2, "rate": ITEMS["JM-200"][1]}],
				}
			).insert()
			take_workflow_action(bid.name, labels_["submit_for_go"])
		return bid.name

	open_bid = new_bid("备件询价")
	lost = new_bid("变频器询价")
	with speaking_as(manager.user):
		take_workflow_action(lost, labels_["participate"], "小额询价，参与。")
	for key in ("technical", "purchasing"):
		person = BY_KEY[key]
		kind = frappe.db.get_value(
			"Bid Review Kind", {"role": get_settings().get(f"{key}_reviewer_role"), "enabled": 1}
		)
		row = frappe.db.get_value("Bid Review Check", {"parent": lost, "review_kind": kind})
		with speaking_as(person.user):
			review(lost, row, "Approved", "可以。")
	with speaking_as(seller.user):
		take_workflow_action(lost, labels_["request_final_approval"])
	with speaking_as(manager.user):
		take_workflow_action(lost, labels_["approve"], "同意。")
	reason = "价格偏高"
	if not frappe.db.exists("Opportunity Lost Reason", reason):
		frappe.get_doc({"doctype": "Opportunity Lost Reason", "lost_reason": reason}).insert(
			ignore_permissions=True
		)
	with speaking_as(seller.user):
		record_outcome(lost, "Lost", lost_reason=reason, winning_price=14_000)
	return {"open_bid": open_bid, "lost_bid": lost}


def priced(doctype: str, discount_pct: float, **fields):
	"""A draft Quotation or Sales Order of the pricing customer: 3 motors `discount_pct` below the list."""
	party = (
		{"customer": CUSTOMERS["pricing"], "delivery_date": add_days(nowdate(), 30)}
		if doctype == "Sales Order"
		else {"quotation_to": "Customer", "party_name": CUSTOMERS["pricing"]}
	)
	return frappe.get_doc(
		{
			"doctype": doctype,
			"company": COMPANY,
			"currency": CURRENCY,
			"selling_price_list": PRICE_LIST,
			"transaction_date": nowdate(),
			**party,
			"items": [{"item_code": "JM-100", "qty": 3, "discount_percentage": discount_pct}],
			**fields,
		}
	)


def request_exception(doc, reason: str) -> str:
	from sales_dept.sales_dept.doctype.price_exception_request.price_exception_request import (
		make_from_document,
	)

	return make_from_document(doc.doctype, doc.name, reason)


def price_exception_pending() -> dict:
	"""A Sales Order as one posted over REST (no Sales Team), below the salesperson's allowance, and its
	request waiting for the team leader."""
	seller = BY_KEY["salesperson"]
	with speaking_as(seller.user):
		order = priced("Sales Order", 6).insert()  # as posted over REST: the body names no Sales Team
		request = request_exception(order, "客户批量采购，竞争对手报价更低。")
	return {"pending_exception": request, "pending_exception_order": order.name}


def quotation_on_exception() -> dict:
	"""A submitted Quotation 5 % below the list that stood on an exception the team leader approved."""
	from sales_dept.setup.workflows import APPROVE

	seller, leader = BY_KEY["salesperson"], BY_KEY["team_leader"]
	with speaking_as(seller.user):
		quotation = priced("Quotation", 5).insert()
		request = request_exception(quotation, "老客户年度框架价格。")
	with speaking_as(leader.user):
		decide_once(frappe.get_doc("Price Exception Request", request), APPROVE, "同意，框架客户。")
	with speaking_as(seller.user):
		quotation = frappe.get_doc("Quotation", quotation.name)
		quotation.submit()
	return {"approved_exception": request, "quotation_on_exception": quotation.name}


# Complaints
# ----------

BACKLOG = ("电机异响", "交货延迟", "变频器报警", "包装破损")
# The customer's address the complaints came from: ERPNext's Issue list shows it (Raised By (Email)) as data.
COMPLAINT_EMAIL = "service@customer.example.com"


def complaint_backlog() -> dict:
	"""Four complaints of 陈晨's customer whose first response was due a day ago, then the hourly check run as the
	scheduler runs it: 孙丽 is told of them in one notice, which opens their list."""
	from sales_dept.demo.scorecards import make_sla
	from sales_dept.services.complaints import NOTIFIED_FIELD, backlog_link, escalate_breaches

	sla = make_sla()
	issues = []
	for subject in BACKLOG:
		issue = frappe.get_doc(
			{
				"doctype": "Issue",
				"subject": f"{subject}（{nowdate()}）",
				"customer": CUSTOMERS["due_vip"],
				"company": COMPANY,
				"raised_by": COMPLAINT_EMAIL,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"Issue",
			issue.name,
			{
				"service_level_agreement": sla,
				"agreement_status": "First Response Due",
				"response_by": add_days(now_datetime(), -1),
			},
			update_modified=False,
		)
		issues.append(issue.name)
	told = escalate_breaches()
	if not set(issues) <= set(told):
		raise frappe.ValidationError(f"the hourly check told of {told}, not of the backlog {issues}")
	marked = frappe.db.get_value("Issue", issues[0], NOTIFIED_FIELD)
	return {
		"complaint_backlog": sorted(issues),
		"complaint_backlog_link": backlog_link(marked),
		"data_emails": [COMPLAINT_EMAIL],
	}


# Group robots
# ------------

ROBOT_NAME = "旅程一组群"
TEAM_LEADER_MOBILE = "13900139001"


def robots() -> dict:
	"""Robots on and allowed to post to the imitation (plain http to this machine), the journey's robot and its
	outbox gone (the journey makes it), and the team leader's mobile number."""
	from sales_dept.services.robots import MESSAGE, ROBOT

	for field in ("enable_group_robots", "allow_other_robot_hosts"):
		if not frappe.db.get_single_value("Sales Dept Settings", field):
			frappe.db.set_single_value("Sales Dept Settings", field, 1)
	frappe.clear_document_cache("Sales Dept Settings", "Sales Dept Settings")
	frappe.db.delete(MESSAGE, {"robot": ROBOT_NAME})
	if frappe.db.exists(ROBOT, ROBOT_NAME):
		frappe.delete_doc(ROBOT, ROBOT_NAME, ignore_permissions=True, force=True)
	leader = BY_KEY["team_leader"]
	frappe.db.set_value(
		"Employee", {"user_id": leader.user}, "cell_number", TEAM_LEADER_MOBILE, update_modified=False
	)
	return {"robot": {"name": ROBOT_NAME, "team": TEAM, "members": {TEAM_LEADER_MOBILE: leader.name}}}


def plan_to_hand_in() -> dict:
	"""A draft plan of 陈晨 in four weeks, for the robots journey to hand in."""
	monday = monday_of(getdate()) + timedelta(weeks=4)
	plan = fresh_plan(BY_KEY["salesperson"], monday, CUSTOMERS["visit"], monday + timedelta(days=2))
	return {"robots_plan": plan.name}


# What the journeys read besides
# ------------------------------


def other_records_words() -> list[str]:
	"""Words of Latin letters in the names of the site's other salespeople, customers, items and companies
	(records of other tests: _Test SD Zhou...). A report or a message listing them shows data, not interface:
	the journeys do not count them as English."""
	import re

	ours = {p.name for p in PEOPLE} | set(CUSTOMERS.values()) | set(ITEMS) | {COMPANY}
	words = set()
	for doctype, field in (
		("Sales Person", "name"),
		("Customer", "customer_name"),
		("Item", "item_name"),
		("Company", "name"),
		("User", "full_name"),
	):
		for value in frappe.get_all(doctype, pluck=field):
			if value and value not in ours:
				words.update(re.findall(r"[A-Za-z]{2,}", value))
	return sorted(words)


def rulebook_words() -> list[str]:
	"""Latin letters in the rulebook's own Chinese words (its articles 拜访流程C-D, its text's "vip用户"): the
	Sales Rulebook report shows the company's document as written, not interface."""
	from sales_dept.tests.browser.visible_text import english_words

	words = set()
	for rule in frappe.get_all("Conduct Rule", fields=["article", "title_zh", "text_zh"]):
		words.update(english_words(" ".join(filter(None, rule.values()))))
	return sorted(words)


def labels() -> dict:
	"""Workflow actions and states the journeys click and read (their English names, translated in the
	browser), as sales_dept.setup seeds them."""
	from sales_dept.setup import scorecards as scorecard_setup

	return {
		"submit_for_approval": workflows.SUBMIT_FOR_APPROVAL,
		"approve": workflows.APPROVE,
		"send_back": workflows.RETURN,
		"pending": workflows.PENDING,
		"approved": workflows.APPROVED,
		"sent_back": workflows.RETURNED,
		"acknowledge": workflows.ACKNOWLEDGE,
		"acknowledged": workflows.ACKNOWLEDGED,
		"hand_in_self_review": scorecard_setup.HAND_IN,
		"manager_review": scorecard_setup.MANAGER_REVIEW,
		"to_leadership": scorecard_setup.TO_LEADERSHIP,
		"leadership_approval": scorecard_setup.LEADERSHIP_APPROVAL,
		"submit_for_go": workflows.SUBMIT_FOR_GO_NO_GO,
		"participate": workflows.PARTICIPATE,
		"request_final_approval": workflows.REQUEST_FINAL_APPROVAL,
		"bid_approved": workflows.BID_APPROVED,
	}
