import frappe
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from sales_dept.tests.factories import make_sales_org

WORKSPACE = "Sales Department"


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

	def test_every_shortcut_and_link_points_at_something_that_exists(self):
		workspace = frappe.get_doc("Workspace", WORKSPACE)
		targets = [(s.type, s.link_to) for s in workspace.shortcuts] + [
			(link.link_type, link.link_to) for link in workspace.links if link.type == "Link"
		]
		self.assertTrue(targets)
		for link_type, name in targets:
			self.assertTrue(frappe.db.exists(link_type, name), f"{link_type} {name}")
