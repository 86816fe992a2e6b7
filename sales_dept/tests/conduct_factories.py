"""Test records for conduct (rulebook R8, R10-R14): leadership and HR users next to the _Test SD department
(Wang manager, Li leads Zhou, Zhao leads Qian), rules of their own with a ladder in force, and penalty and
reward records filed and decided as the people concerned would.

	rule = make_test_rule("_TSD-LATE", window_days=90)
	penalty = file_penalty("Zhou", rule, by="Wang")
	decide(penalty, "Approve", by="Wang")
"""

import frappe
from frappe.utils import nowdate

from sales_dept.services.decisions import decide_once
from sales_dept.setup.records import acting_as, default_company, get_or_make_user
from sales_dept.setup.workflows import make_conduct_workflows
from sales_dept.tests.factories import PEOPLE, make_sales_org

DIRECTOR, HR = "sd.boss@example.com", "sd.hr@example.com"
LADDER = (
	("Verbal Warning", 0, 0),
	("Written Warning", 0, 0),
	("Fine", 200, 0),
	("Suspension", 0, 3),
)


def make_conduct_people() -> dict:
	"""The _Test SD department, a leadership user (Sales Director) and an HR user (HR Manager)."""
	people = make_sales_org()
	get_or_make_user(DIRECTOR, "SD Boss", ["Sales Director"])
	get_or_make_user(HR, "SD HR", ["HR Manager"])
	make_conduct_workflows()
	return people


def user_of(key: str) -> str:
	return PEOPLE[key].user if key in PEOPLE else key


def make_test_rule(code: str, window_days: int = 90, max_fine: float = 1000, ladder=LADDER, **fields) -> str:
	"""A breakable rule with `ladder` ((action, fine, suspension days) per offence), in force as seeded."""
	if frappe.db.exists("Conduct Rule", code):
		return code
	rule = frappe.get_doc(
		{
			"doctype": "Conduct Rule",
			"rule_code": code,
			"article": "第十二条",
			"title": f"Test rule {code}",
			"title_zh": f"测试规则 {code}",
			"category": "Reporting",
			"text_zh": "销售人员应按时提交销售报告和销售数据。",
			"breakable": 1,
			"window_days": window_days,
			"max_fine": max_fine,
			"ladder": [
				{"offence": n, "action": action, "fine_amount": fine, "suspension_days": days}
				for n, (action, fine, days) in enumerate(ladder, start=1)
			],
			**fields,
		}
	)
	rule.flags.sd_seed = True
	rule.insert(ignore_permissions=True)
	return code


def file_penalty(key: str, rule: str, by: str = "Wang", incident_date=None, **fields):
	"""A draft Penalty Record about `key` under `rule`, filed by `by` (a person key or a user)."""
	with acting_as(user_of(by)):
		return frappe.get_doc(
			{
				"doctype": "Penalty Record",
				"sales_person": PEOPLE[key].sales_person,
				"company": default_company(),
				"conduct_rule": rule,
				"incident_date": incident_date or nowdate(),
				"description": "Handed in the weekly report two days late.",
				**fields,
			}
		).insert()


def file_reward(key: str, by: str = "Wang", reward_type: str = "Bonus", amount: float = 2000, **fields):
	with acting_as(user_of(by)):
		return frappe.get_doc(
			{
				"doctype": "Reward Record",
				"sales_person": PEOPLE[key].sales_person,
				"company": default_company(),
				"reward_type": reward_type,
				"amount": amount,
				"reason": "Best quarter of the team.",
				**fields,
			}
		).insert()


def decide(doc, action: str, by: str, comment: str | None = None):
	"""`by` takes the workflow action `action` on `doc` with `comment` (as from the form); returns it reloaded."""
	with acting_as(user_of(by)):
		decide_once(frappe.get_doc(doc.doctype, doc.name), action, comment)
	return frappe.get_doc(doc.doctype, doc.name)


def approved_penalty(key: str, rule: str, **fields):
	"""A penalty about `key` approved by the manager (a warning, so leadership is not needed)."""
	return decide(file_penalty(key, rule, **fields), "Approve", "Wang")
