"""Tier 1: the Sales Department workspace's shortcuts are the daily entry points and its cards the rest, so
that nothing shows twice; the page content places every shortcut, card and number card the workspace
defines; each number card is a standard record shipped with the module, and a card computed by a method
names a whitelisted function of the app."""

import ast
import json
import unittest
from pathlib import Path

APP = Path(__file__).resolve().parents[1]
MODULE = APP / "sales_dept"
WORKSPACE = MODULE / "workspace" / "sales_department" / "sales_department.json"


def scrub(name: str) -> str:
	"""A record's folder name, as Frappe derives it from the record's name."""
	return name.replace(" ", "_").replace("-", "_").lower()


def whitelisted_functions(path: Path) -> set[str]:
	"""Names of the module-level functions of `path` decorated with @frappe.whitelist()."""
	found = set()
	for node in ast.parse(path.read_text(encoding="utf-8")).body:
		if isinstance(node, ast.FunctionDef) and any(
			"whitelist" in ast.unparse(decorator) for decorator in node.decorator_list
		):
			found.add(node.name)
	return found


class TestWorkspaceLayout(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.workspace = json.loads(WORKSPACE.read_text(encoding="utf-8"))
		cls.content = json.loads(cls.workspace["content"])

	def test_no_shortcut_repeats_a_card_link(self):
		shortcuts = {(s["type"], s["link_to"]) for s in self.workspace["shortcuts"]}
		card_links = {
			(link["link_type"], link["link_to"]) for link in self.workspace["links"] if link["type"] == "Link"
		}
		self.assertTrue(shortcuts)
		self.assertEqual(shortcuts & card_links, set())

	def test_each_card_counts_its_links(self):
		counts, card = {}, None
		for link in self.workspace["links"]:
			if link["type"] == "Card Break":
				card = link["label"]
				counts[card] = [link["link_count"], 0]
			else:
				counts[card][1] += 1
		for card, (declared, actual) in counts.items():
			self.assertEqual(declared, actual, card)

	def test_the_page_shows_every_shortcut_card_and_number_card_once(self):
		placed = [
			block["data"].get("shortcut_name")
			or block["data"].get("card_name")
			or block["data"].get("number_card_name")
			for block in self.content
			if block["type"] in ("shortcut", "card", "number_card")
		]
		defined = (
			[s["label"] for s in self.workspace["shortcuts"]]
			+ [link["label"] for link in self.workspace["links"] if link["type"] == "Card Break"]
			+ [card["number_card_name"] for card in self.workspace["number_cards"]]
		)
		self.assertEqual(sorted(placed), sorted(defined))
		self.assertEqual(len(placed), len(set(placed)))

	def test_number_cards_ship_with_the_module(self):
		cards = [card["number_card_name"] for card in self.workspace["number_cards"]]
		self.assertIn("Bids Waiting for My Review", cards)
		for name in cards:
			with self.subTest(card=name):
				path = MODULE / "number_card" / scrub(name) / f"{scrub(name)}.json"
				self.assertTrue(path.exists(), path)
				card = json.loads(path.read_text(encoding="utf-8"))
				self.assertEqual(
					(card["doctype"], card["name"], card["is_standard"], card["module"]),
					("Number Card", name, 1, self.workspace["module"]),
				)
				if card["type"] == "Custom":
					module, _dot, function = card["method"].rpartition(".")
					source = APP.parent / (module.replace(".", "/") + ".py")
					self.assertIn(function, whitelisted_functions(source), card["method"])
				# Frappe lets a non-manager see a card whose document type they may read
				self.assertTrue(card.get("document_type"))


SIDEBAR = APP / "workspace_sidebar" / "sales_department.json"
DESKTOP_ICON = APP / "desktop_icon" / "sales_department.json"


class TestFrappe16Navigation(unittest.TestCase):
	"""Frappe 16 shows a workspace through a sidebar and a desktop icon (Frappe 15 ignores both files): the
	sidebar lists what the workspace lists, in its order, a section per card."""

	@classmethod
	def setUpClass(cls):
		cls.workspace = json.loads(WORKSPACE.read_text(encoding="utf-8"))
		cls.sidebar = json.loads(SIDEBAR.read_text(encoding="utf-8"))
		cls.icon = json.loads(DESKTOP_ICON.read_text(encoding="utf-8"))

	def test_the_sidebar_lists_the_workspace(self):
		expected = [("Link", "Home", "Workspace", self.workspace["name"])]
		expected += [("Link", s["label"], s["type"], s["link_to"]) for s in self.workspace["shortcuts"]]
		expected += [
			("Section Break", link["label"], "DocType", None)
			if link["type"] == "Card Break"
			else ("Link", link["label"], link["link_type"], link["link_to"])
			for link in self.workspace["links"]
		]
		listed = [(i["type"], i["label"], i["link_type"], i.get("link_to")) for i in self.sidebar["items"]]
		self.assertEqual(listed, expected)

	def test_links_under_a_section_are_its_children(self):
		children = [i["child"] for i in self.sidebar["items"]]
		first_section = next(n for n, i in enumerate(self.sidebar["items"]) if i["type"] == "Section Break")
		self.assertEqual(set(children[:first_section]), {0})
		self.assertEqual(
			[(i["type"], i["child"]) for i in self.sidebar["items"][first_section:] if i["child"] == 0],
			[("Section Break", 0)]
			* sum(1 for link in self.workspace["links"] if link["type"] == "Card Break"),
		)

	def test_standard_records_of_the_app_that_lead_to_the_sidebar(self):
		self.assertEqual(
			(self.sidebar["app"], self.sidebar["standard"], self.sidebar["title"], self.sidebar["module"]),
			("sales_dept", 1, self.workspace["name"], self.workspace["module"]),
		)
		self.assertEqual(
			(self.icon["app"], self.icon["standard"], self.icon["link_type"], self.icon["link_to"]),
			("sales_dept", 1, "Workspace Sidebar", self.sidebar["name"]),
		)
		self.assertEqual(self.icon["label"], self.workspace["label"])
