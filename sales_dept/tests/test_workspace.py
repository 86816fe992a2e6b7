import json

import frappe
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from sales_dept.services.desk_boot import app_title_in_readers_language
from sales_dept.setup.install import desk_navigation
from sales_dept.setup.records import default_company, get_or_make_user
from sales_dept.tests.conduct_factories import file_penalty, make_conduct_people, make_test_rule, user_of
from sales_dept.tests.factories import make_sales_org

WORKSPACE = "Sales Department"
BIDS_CARD = "Bids Waiting for My Review"
REVIEWER = "sd.workspace.tech@example.com"


class TestWorkspace(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()

	def sidebar_labels(self, user: str, lang: str) -> dict[str, str]:
		"""name -> label of the workspaces `user` sees in the sidebar, in language `lang`."""
		previous_lang, frappe.local.lang = frappe.local.lang, lang
		try:
			with self.set_user(user):
				return {page.name: page.label for page in get_workspace_sidebar_items()["pages"]}
		finally:
			frappe.local.lang = previous_lang

	def test_salesperson_leader_and_manager_see_xiaoshoubu(self):
		for key in ("Zhou", "Li", "Wang"):  # a salesperson, a team leader, the manager
			with self.subTest(key):
				labels = self.sidebar_labels(self.people[key].user, "zh")
				self.assertEqual(labels.get(WORKSPACE), "销售部")

	def test_english_users_see_the_english_name(self):
		self.assertEqual(self.sidebar_labels(self.people["Zhou"].user, "en").get(WORKSPACE), WORKSPACE)

	def test_the_apps_title_under_the_workspaces_is_in_the_readers_language(self):
		"""Frappe 16's sidebar shows the app's title from the boot's app_data (ERPNext's stays ERPNext)."""
		self.assertIn(
			"sales_dept.services.desk_boot.app_title_in_readers_language", frappe.get_hooks("boot_session")
		)
		for lang, title in (("zh", "销售部"), ("en", "Sales Dept")):
			bootinfo = frappe._dict(
				app_data=[
					{"app_name": "erpnext", "app_title": "ERPNext"},
					{"app_name": "sales_dept", "app_title": "Sales Dept"},
				]
			)
			previous_lang, frappe.local.lang = frappe.local.lang, lang
			try:
				app_title_in_readers_language(bootinfo)
			finally:
				frappe.local.lang = previous_lang
			self.assertEqual([app["app_title"] for app in bootinfo.app_data], ["ERPNext", title], lang)

	def test_every_shortcut_and_link_points_at_something_that_exists(self):
		workspace = frappe.get_doc("Workspace", WORKSPACE)
		targets = (
			[(s.type, s.link_to) for s in workspace.shortcuts]
			+ [(link.link_type, link.link_to) for link in workspace.links if link.type == "Link"]
			+ [("Number Card", card.number_card_name) for card in workspace.number_cards]
		)
		self.assertTrue(targets)
		for link_type, name in targets:
			self.assertTrue(frappe.db.exists(link_type, name), f"{link_type} {name}")

	def number_cards(self, user: str, lang: str = "en") -> dict[str, str]:
		"""number card -> label of the workspace's number cards `user` sees, in language `lang`."""
		page = json.dumps({"name": WORKSPACE, "title": WORKSPACE, "public": 1})
		previous_lang, frappe.local.lang = frappe.local.lang, lang
		try:
			with self.set_user(user):
				return {
					card.number_card_name: card.label
					for card in get_desktop_page(page)["number_cards"]["items"]
				}
		finally:
			frappe.local.lang = previous_lang

	def test_the_bids_card_ships_with_the_module(self):
		card = frappe.db.get_value(
			"Number Card",
			BIDS_CARD,
			["is_standard", "module", "type", "method", "document_type"],
			as_dict=True,
		)
		self.assertEqual(
			(card.is_standard, card.module, card.type, card.document_type),
			(1, "Sales Dept", "Custom", "Bid Review"),
		)
		self.assertEqual(card.method, "sales_dept.services.bid_reports.bids_waiting_for_my_review")

	def test_salesperson_manager_and_reviewer_see_the_bids_card_in_chinese(self):
		get_or_make_user(REVIEWER, "SD Workspace Tech", ["Technical Reviewer"])
		for user in (self.people["Zhou"].user, self.people["Wang"].user, REVIEWER):
			with self.subTest(user):
				self.assertEqual(self.number_cards(user, "zh").get(BIDS_CARD), "待我评审的投标")
		self.assertEqual(self.number_cards(self.people["Wang"].user).get(BIDS_CARD), BIDS_CARD)

	def test_only_those_who_manage_robots_see_the_group_robots_card(self):
		page = json.dumps({"name": WORKSPACE, "title": WORKSPACE, "public": 1})

		def robot_links(user: str) -> list[str]:
			with self.set_user(user):
				cards = get_desktop_page(page)["cards"]["items"]
			return [
				link.get("link_to")
				for card in cards
				if card.get("label") == "Group Robots"
				for link in card.links
			]

		self.assertEqual(robot_links(self.people["Wang"].user), ["Group Robot", "Robot Message"])
		for key in ("Zhou", "Li"):
			self.assertEqual(robot_links(self.people[key].user), [], key)


class TestDeskNumbersAndNavigation(FrappeTestCase):
	"""What the desk computes from our records through Frappe's own code, on 15 and 16 alike."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_conduct_people()
		cls.rule = make_test_rule("SD-CARD")

	def test_the_penalties_card_counts_the_drafts_its_viewer_decides(self):
		"""The card calls its method as the desk does (a Custom card): a draft counts for the sales manager,
		not for the team leader who may read it but not decide it (sales_dept.services.conduct)."""
		card = frappe.get_doc("Number Card", "Penalties Awaiting Decision")
		self.assertEqual((card.type, card.is_standard), ("Custom", 1))
		filters = json.dumps({"company": default_company()})

		def shown(key: str) -> int:
			with self.set_user(user_of(key)):
				return frappe.get_attr(card.method)(filters)["value"]

		manager, leader = shown("Wang"), shown("Zhao")
		file_penalty("Qian", self.rule)
		self.assertEqual((shown("Wang"), shown("Zhao")), (manager + 1, leader))

	def test_frappe_16_shows_our_sidebar_and_desktop_icon(self):
		if not frappe.db.exists("DocType", "Workspace Sidebar"):
			self.skipTest("Frappe 15 has no workspace sidebar or desktop icon")
		self.assertEqual(
			sorted(desk_navigation()), [("Desktop Icon", WORKSPACE), ("Workspace Sidebar", WORKSPACE)]
		)
		sidebar = frappe.get_doc("Workspace Sidebar", WORKSPACE)
		self.assertEqual((sidebar.standard, sidebar.items[0].link_to), (1, WORKSPACE))
		self.assertIn("Bid Review", [item.link_to for item in sidebar.items])
		self.assertEqual(frappe.db.get_value("Desktop Icon", WORKSPACE, "link_to"), WORKSPACE)
