"""Tier-2 records for the group robots: robots whose addresses point at the robot imitation (served in this
process on 127.0.0.1 — "another host", which the administrator's setting allows while these tests run)."""

from contextlib import contextmanager
from datetime import datetime

import frappe

from sales_dept.rules import robots as rules
from sales_dept.tests.robot_imitation import Imitation

PATHS = {
	rules.WECOM: "/cgi-bin/webhook/send?key={token}",
	rules.DINGTALK: "/robot/send?access_token={token}",
	rules.FEISHU: "/open-apis/bot/v2/hook/{token}",
}
DINGTALK_SECRET = "SEC" + "0123456789abcdef" * 4
FEISHU_SECRET = "nIMtb7r3N9pkXyXdtAbx6e"
SECRETS = {rules.WECOM: None, rules.DINGTALK: DINGTALK_SECRET, rules.FEISHU: FEISHU_SECRET}
MOBILES = {"Li": "13800138001", "Zhou": "13800138002", "Wang": "13800138000", "Zhao": "13800138003"}


class ShiftedClock:
	"""The imitation's clock: real time, moved forward as a test lets time pass for the app (`clock()`)."""

	def __init__(self):
		self.offset = 0.0

	def __call__(self) -> float:
		return datetime.now().timestamp() + self.offset


_imitation: Imitation | None = None
_base = ""


def imitation() -> tuple[Imitation, str]:
	"""The imitation of this test process, started once (port chosen by the system)."""
	global _imitation, _base
	if _imitation is None:
		_imitation = Imitation(clock=ShiftedClock(), hang_seconds=8)
		_base = _imitation.serve()
	return _imitation, _base


def address(platform: str, token: str) -> str:
	return imitation()[1] + PATHS[platform].format(token=token)


def platform_hosts_only():
	"""The setting "Allow Other Robot Hosts" off, as a site has it unless an administrator (or the demo) set it:
	for the test's transaction (FrappeTestCase rolls it back after the class)."""
	frappe.db.set_single_value("Sales Dept Settings", "allow_other_robot_hosts", 0)
	frappe.clear_document_cache("Sales Dept Settings", "Sales Dept Settings")


@contextmanager
def other_hosts_allowed():
	"""The administrator's setting "Allow Other Robot Hosts", on for the block."""
	before = frappe.db.get_single_value("Sales Dept Settings", "allow_other_robot_hosts")
	frappe.db.set_single_value("Sales Dept Settings", "allow_other_robot_hosts", 1)
	frappe.clear_document_cache("Sales Dept Settings", "Sales Dept Settings")
	try:
		yield
	finally:
		frappe.db.set_single_value("Sales Dept Settings", "allow_other_robot_hosts", before or 0)
		frappe.clear_document_cache("Sales Dept Settings", "Sales Dept Settings")


def make_robot(
	name: str,
	platform: str,
	token: str | None = None,
	team: str | None = None,
	signed: bool = True,
	keyword: str | None = None,
	managers_only: bool = False,
	members: dict | None = None,
	language: str | None = None,
	**kinds,
):
	"""A Group Robot named `name` and its group on the imitation (token = the robot's key in its address).
	Needs "Allow Other Robot Hosts" on (see other_hosts_allowed)."""
	token = token or frappe.scrub(name).replace("_", "-") + "-token"
	secret = SECRETS[platform] if signed else None
	imitation()[0].add_group(platform, token, name, secret, keyword, members)
	if frappe.db.exists("Group Robot", name):
		frappe.delete_doc("Group Robot", name, ignore_permissions=True, force=True)
	return frappe.get_doc(
		{
			"doctype": "Group Robot",
			"robot_name": name,
			"platform": platform,
			"webhook_address": address(platform, token),
			"signing_secret": secret,
			"keyword": keyword,
			"whole_department": 0 if team else 1,
			"team": team,
			"managers_only": int(managers_only),
			**({"language": language} if language else {}),
			**{f"receives_{kind}": int(on) for kind, on in kinds.items()},
		}
	).insert(ignore_permissions=True)


def set_mobiles(people: dict):
	"""The test people's Employee mobile numbers ({key: number}; keys of tests.factories.PEOPLE)."""
	from sales_dept.tests.factories import PEOPLE

	for key, number in people.items():
		employee = frappe.db.get_value("Employee", {"user_id": PEOPLE[key].user}, "name")
		frappe.db.set_value("Employee", employee, "cell_number", number)


def chinese_compiled():
	"""Our Chinese catalogue compiled as `bench build` compiles it (when zh.po is newer than what was built),
	and Frappe's cache of translations cleared: tests then read our messages in Chinese."""
	from frappe.gettext.translate import compile_translations
	from frappe.translate import clear_cache

	compile_translations("sales_dept", "zh")
	clear_cache()
