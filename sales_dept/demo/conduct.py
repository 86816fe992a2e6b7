"""Conduct records in the demo (rulebook R8, R12, R13): the rulebook's daily checks run once over the weeks of
visits, filing a draft penalty for each late or missing plan and each VIP customer overdue; the manager then
decides a few as she would, through the workflows: one acknowledged, one appealed to leadership, one dismissed
with a reason, a larger fine waiting for leadership, the rest left as drafts for the weekly meeting; and a few
rewards (a bonus approved, a raise waiting for leadership, an honour). An HR user reads them all.

Written once: if any penalty or reward concerns the demo salespeople, the step leaves the site as it is."""

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import add_days, getdate

from sales_dept.demo.data import MANAGER, PEOPLE, USER_LANGUAGE, DemoStaff
from sales_dept.demo.org import make_user, speaking_as
from sales_dept.demo.progress import say
from sales_dept.services.conduct_detection import detect
from sales_dept.services.decisions import decide_once
from sales_dept.services.settings import setting

HR_STAFF = DemoStaff("吴晓燕", "wu.xiaoyan", "人事经理", "hr_role")
# Workflow actions of the seeded "Penalty Record Approval" and "Reward Record Approval" workflows.
APPROVE, DISMISS, ACKNOWLEDGE, APPEAL = "Approve", "Dismiss", "Acknowledge", "Appeal"


def make_conduct(company: str, today=None):
	if conduct_exists():
		say(_("The demo salespeople already have conduct records: left as they are."))
		return
	today = getdate(today)
	make_user(HR_STAFF.email, HR_STAFF.name, [setting(HR_STAFF.role_setting)])
	with print_language(USER_LANGUAGE):  # the drafts' descriptions in the department's language
		result = detect(today=today, lookback_days=weeks_of_plans(today))
	drafts = frappe.get_all(
		"Penalty Record",
		filters={
			"name": ["in", result["records"] or [""]],
			"sales_person": ["in", [person.name for person in PEOPLE if person != MANAGER]],
		},
		fields=["name", "sales_person", "conduct_rule"],
		order_by="incident_date asc, name asc",
	)
	decide_some(drafts)
	fine_for_leadership(company, today)
	make_rewards(company, today)
	penalties = frappe.db.count("Penalty Record", {"sales_person": ["in", [p.name for p in PEOPLE]]})
	rewards = frappe.db.count("Reward Record", {"sales_person": ["in", [p.name for p in PEOPLE]]})
	say(
		_(
			"Conduct: {0} incidents found by the rulebook's checks, {1} penalty records, {2} reward records."
		).format(result["filed"], penalties, rewards)
	)


def weeks_of_plans(today) -> int:
	"""Days back to the first meeting the demo's plans were due at: the checks look no further (before it,
	the demo had no plans at all)."""
	first = frappe.db.get_value(
		"Visit Plan",
		{"sales_person": ["in", [person.name for person in PEOPLE]]},
		"deadline",
		order_by="deadline asc",
	)
	return max((getdate(today) - getdate(first)).days, 0) if first else 0


def conduct_exists() -> bool:
	people = [person.name for person in PEOPLE]
	return bool(
		frappe.db.exists("Penalty Record", {"sales_person": ["in", people]})
		or frappe.db.exists("Reward Record", {"sales_person": ["in", people]})
	)


def user_of(sales_person: str) -> str:
	return next(person.email for person in PEOPLE if person.name == sales_person)


def decide(name: str, doctype: str, action: str, user: str, comment: str | None = None):
	"""`user` takes `action` in their language, as from their desk: the comment the record keeps of the step
	("已批准：按制度处理。") and the notifications it sends read in Chinese."""
	with speaking_as(user):
		decide_once(frappe.get_doc(doctype, name), action, comment)


def decide_some(drafts: list):
	"""The manager approves the first two: the first is acknowledged, the second appealed to leadership; she
	dismisses the third with a reason; the rest wait as drafts for the weekly meeting."""
	responses = [
		(ACKNOWLEDGE, None),
		(APPEAL, "客户临时改期，周五晚上才确定下周拜访安排，已提前电话告知组长。"),
	]
	for draft, (response, reason) in zip(drafts, responses, strict=False):
		decide(draft.name, "Penalty Record", APPROVE, MANAGER.email, "按制度处理。")
		if frappe.db.get_value("Penalty Record", draft.name, "status") == "Approved":
			decide(draft.name, "Penalty Record", response, user_of(draft.sales_person), reason)
	if len(drafts) > len(responses):
		decide(
			drafts[len(responses)].name,
			"Penalty Record",
			DISMISS,
			MANAGER.email,
			"当周在外地参加展会，计划已通过邮件提交给经理。",
		)


def fine_for_leadership(company: str, today):
	"""A fine above the settings' amount for a gift kept (R10), approved by the manager: it waits for
	leadership."""
	person = PEOPLE[3]
	with speaking_as(MANAGER.email):
		penalty = frappe.get_doc(
			{
				"doctype": "Penalty Record",
				"sales_person": person.name,
				"company": company,
				"conduct_rule": "R10",
				"incident_date": add_days(today, -12),
				"description": "收受客户赠送的购物卡一张（面值 2000 元），未按规定上交。",
			}
		).insert()
	decide(penalty.name, "Penalty Record", APPROVE, MANAGER.email, "购物卡已退回客户。")


def make_rewards(company: str, today):
	"""A bonus approved, a raise above the settings' amount waiting for leadership, an honour approved."""
	rewards = [
		(PEOPLE[2], "Bonus", 3000, "上季度完成销售任务 128%，新开发客户 4 家。", True),
		(PEOPLE[6], "Raise", 8000, "连续四个季度超额完成任务，年度考核 A 级。", True),
		(PEOPLE[5], "Honour", 0, "华南团队季度销售竞赛第一名。", True),
	]
	for person, reward_type, amount, reason, approve in rewards:
		with speaking_as(MANAGER.email):
			reward = frappe.get_doc(
				{
					"doctype": "Reward Record",
					"sales_person": person.name,
					"company": company,
					"reward_type": reward_type,
					"amount": amount,
					"reward_date": add_days(today, -7),
					"reason": reason,
				}
			).insert()
		if approve:
			decide(reward.name, "Reward Record", APPROVE, MANAGER.email)
