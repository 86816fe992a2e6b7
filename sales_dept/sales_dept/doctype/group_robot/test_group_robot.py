# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt
"""Group robots as administrators set them up: what an address, a secret and a team may be (each refusal a
clear message in Chinese, nothing written), who sees robots at all, and where the secrets never appear."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_dept.rules import robots as rules
from sales_dept.setup.records import acting_as
from sales_dept.tests.factories import DEPT, EAST, PEOPLE, make_sales_org
from sales_dept.tests.robot_factories import (
	DINGTALK_SECRET,
	FEISHU_SECRET,
	chinese_compiled,
	make_robot,
	other_hosts_allowed,
	platform_hosts_only,
)
from sales_dept.tests.test_translations import ZH_PO, po_entries

DINGTALK_ADDRESS = "https://oapi.dingtalk.com/robot/send?access_token=" + "a1" * 32
WECOM_ADDRESS = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa"
FEISHU_ADDRESS = "https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd"


def robot(**fields):
	values = {
		"doctype": "Group Robot",
		"robot_name": "_Test SD East DingTalk",
		"platform": rules.DINGTALK,
		"webhook_address": DINGTALK_ADDRESS,
		"team": EAST,
	}
	values.update(fields)
	return frappe.get_doc(values)


def in_chinese(english: str) -> str:
	"""The Chinese of a message as our catalogue says it (the start, up to its first placeholder)."""
	return po_entries(ZH_PO)[english].split("{", 1)[0]


class TestRobotSetup(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_sales_org()
		platform_hosts_only()  # whatever the site was left with (a demo allows other hosts)
		chinese_compiled()

	def setUp(self):
		frappe.db.delete("Group Robot", {"name": ["like", "_Test SD%"]})

	def refused(self, doc, english: str):
		"""`doc` cannot be saved; the message, said in Chinese, is our catalogue's for `english`; no robot is
		written."""
		before = frappe.db.count("Group Robot")
		language = frappe.local.lang
		frappe.local.lang = "zh"
		try:
			with self.assertRaises(frappe.ValidationError) as refusal:
				doc.insert()
		finally:
			frappe.local.lang = language
		message = str(refusal.exception)
		self.assertIn(in_chinese(english), message)
		self.assertEqual(frappe.db.count("Group Robot"), before)
		return message

	def test_a_robot_of_each_platform_is_saved(self):
		for platform, address, secret in (
			(rules.WECOM, WECOM_ADDRESS, None),
			(rules.DINGTALK, DINGTALK_ADDRESS, DINGTALK_SECRET),
			(rules.FEISHU, FEISHU_ADDRESS, FEISHU_SECRET),
		):
			doc = robot(
				robot_name=f"_Test SD {platform}",
				platform=platform,
				webhook_address=address,
				signing_secret=secret,
			).insert()
			self.assertEqual(doc.get_password("webhook_address"), address)
			self.assertEqual(doc.get_password("signing_secret", raise_exception=False), secret)

	def test_an_address_elsewhere_than_the_platforms_is_refused_unless_allowed(self):
		gateway = "https://gw.example.com/robot/send?access_token=abcdef123456"
		message = self.refused(
			robot(webhook_address=gateway),
			"This is not {0}'s address: {0} robots are at {1}. Another host (a company gateway) is possible only when an administrator allows other robot hosts in Sales Dept Settings.",
		)
		self.assertIn("oapi.dingtalk.com", message)
		with other_hosts_allowed():
			self.assertEqual(robot(webhook_address=gateway).insert().get_password("webhook_address"), gateway)

	def test_another_platforms_address_not_https_and_no_key_are_refused(self):
		self.refused(
			robot(webhook_address=WECOM_ADDRESS),
			"This is a {0} address, not a {1} one: choose {0} as the platform, or paste the {1} robot's address.",
		)
		self.refused(
			robot(webhook_address=DINGTALK_ADDRESS.replace("https", "http")),
			"The webhook address must start with https:// (plain http only to this server itself, when other robot hosts are allowed).",
		)
		self.refused(
			robot(webhook_address="https://oapi.dingtalk.com/robot/send"),
			"The webhook address carries no robot key: copy it whole, it looks like {0}",
		)

	def test_a_secret_in_the_wrong_form_is_refused(self):
		self.refused(
			robot(signing_secret=FEISHU_SECRET),
			"A DingTalk signing secret starts with SEC: it is the string shown under 加签 in the robot's security settings.",
		)
		self.refused(
			robot(platform=rules.FEISHU, webhook_address=FEISHU_ADDRESS, signing_secret=DINGTALK_SECRET),
			"This looks like a DingTalk secret (it starts with SEC): a Feishu signing secret is the one shown under 签名校验 in the robot's security settings.",
		)
		self.refused(
			robot(platform=rules.WECOM, webhook_address=WECOM_ADDRESS, signing_secret=FEISHU_SECRET),
			"WeCom group robots have no signing secret: leave it empty.",
		)

	def test_a_team_that_is_not_a_group_is_refused(self):
		self.refused(
			robot(team=PEOPLE["Zhou"].sales_person),
			"{0} is not a group of the sales organisation: a robot serves a team (a Sales Person group) or the whole department.",
		)
		self.assertEqual(robot(team=None, whole_department=1).insert().team, None)
		self.assertEqual(robot(robot_name="_Test SD Dept Robot", team=DEPT).insert().team, DEPT)

	def test_a_stored_address_is_checked_again_when_the_platform_changes(self):
		doc = robot().insert()
		doc.reload()
		doc.platform = rules.FEISHU
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		doc.reload()
		doc.keyword = "销售部"  # the stored address is kept when the form sends asterisks
		doc.save()
		self.assertEqual(doc.get_password("webhook_address"), DINGTALK_ADDRESS)

	def test_draft_penalties_only_for_a_managers_group(self):
		doc = robot(receives_draft_penalties=1).insert()
		self.assertEqual(doc.receives_draft_penalties, 0)
		doc = robot(
			robot_name="_Test SD Managers",
			whole_department=1,
			team=None,
			managers_only=1,
			receives_draft_penalties=1,
		).insert()
		self.assertEqual(doc.receives_draft_penalties, 1)


class TestSecretsStaySecret(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_sales_org()
		platform_hosts_only()  # whatever the site was left with (a demo allows other hosts)

	def test_the_address_and_secret_are_never_shown_back_nor_versioned(self):
		frappe.db.delete("Group Robot", {"name": ["like", "_Test SD%"]})
		doc = robot(signing_secret=DINGTALK_SECRET).insert()
		doc.reload()
		doc.signing_secret = "SEC" + "9" * 64
		doc.keyword = "销售部"
		doc.save(ignore_version=False)  # as outside tests (Frappe writes no Version under a test run)
		stored = frappe.db.get_value("Group Robot", doc.name, ["webhook_address", "signing_secret"])
		for value in stored:
			self.assertEqual(set(value), {"*"})
		shown = json.dumps(frappe.get_doc("Group Robot", doc.name).as_dict(), default=str)
		versions = json.dumps(
			[
				json.loads(data)
				for data in frappe.get_all(
					"Version", {"ref_doctype": "Group Robot", "docname": doc.name}, pluck="data"
				)
			],
			ensure_ascii=False,
		)
		for secret in (DINGTALK_ADDRESS, "a1" * 32, DINGTALK_SECRET, "SEC" + "9" * 64):
			self.assertNotIn(secret, shown)
			self.assertNotIn(secret, versions)
		self.assertIn("销售部", versions)  # a Version was written, of the keyword only

	def test_a_refused_secret_is_not_in_the_message(self):
		frappe.db.delete("Group Robot", {"name": ["like", "_Test SD%"]})
		with self.assertRaises(frappe.ValidationError) as refusal:
			robot(signing_secret="SECRET-not-dingtalk-42").insert()
		self.assertNotIn("SECRET-not-dingtalk-42", str(refusal.exception))
		with self.assertRaises(frappe.ValidationError) as refusal:
			robot(webhook_address="https://gw.example.com/robot/send?access_token=topsecret42").insert()
		self.assertNotIn("topsecret42", str(refusal.exception))


class TestWhoSeesRobots(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_sales_org()
		platform_hosts_only()  # whatever the site was left with (a demo allows other hosts)
		with other_hosts_allowed():
			cls.robot = make_robot("_Test SD Who Sees", rules.WECOM, team=EAST).name

	def test_only_administrators_and_the_sales_manager_role(self):
		self.assertTrue(frappe.has_permission("Group Robot", "read", self.robot, user=PEOPLE["Wang"].user))
		for key in ("Li", "Zhou"):
			user = PEOPLE[key].user
			self.assertFalse(frappe.has_permission("Group Robot", "read", self.robot, user=user), key)
			self.assertFalse(frappe.has_permission("Robot Message", "read", user=user), key)
			with acting_as(user):
				with self.assertRaises(frappe.PermissionError):
					frappe.get_list("Group Robot")
				with self.assertRaises(frappe.PermissionError):
					frappe.get_list("Robot Message")
				with self.assertRaises(frappe.PermissionError):
					frappe.get_doc("Group Robot", self.robot).check_permission("read")

	def test_the_sales_manager_role_follows_the_settings(self):
		"""Wang holds Sales Manager; once the settings name another role as the sales manager's, he sees no
		robot."""
		with change_settings("Sales Dept Settings", {"sales_manager_role": "Sales Director"}):
			self.assertFalse(
				frappe.has_permission("Group Robot", "read", self.robot, user=PEOPLE["Wang"].user)
			)
		self.assertTrue(frappe.has_permission("Group Robot", "read", self.robot, user=PEOPLE["Wang"].user))

	def test_only_an_administrator_may_allow_other_hosts(self):
		with acting_as(PEOPLE["Wang"].user):
			settings = frappe.get_doc("Sales Dept Settings")
			settings.allow_other_robot_hosts = 1
			with self.assertRaises(frappe.PermissionError):
				settings.save()
		self.assertEqual(frappe.db.get_single_value("Sales Dept Settings", "allow_other_robot_hosts"), 0)
