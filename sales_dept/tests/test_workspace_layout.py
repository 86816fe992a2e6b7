"""Tier 1: the Sales Department workspace's shortcuts are the daily entry points and its cards the rest, so
that nothing shows twice; the page content places every shortcut and card the workspace defines."""

import json
import unittest
from pathlib import Path

WORKSPACE = (
	Path(__file__).resolve().parents[1]
	/ "sales_dept"
	/ "workspace"
	/ "sales_department"
	/ "sales_department.json"
)


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

	def test_the_page_shows_every_shortcut_and_card_once(self):
		placed = [
			block["data"].get("shortcut_name") or block["data"].get("card_name")
			for block in self.content
			if block["type"] in ("shortcut", "card")
		]
		defined = [s["label"] for s in self.workspace["shortcuts"]] + [
			link["label"] for link in self.workspace["links"] if link["type"] == "Card Break"
		]
		self.assertEqual(sorted(placed), sorted(defined))
