"""Tier 1: the rulebook as seeded (setup.conduct_rules) states each rule's current control and names the place in
the app that enforces it: a DocType or report of ours or ERPNext's, or a setting, that exists (ERPNext's are
checked on a site by the Sales Rulebook's tests); no control says a part of the app is still to come."""

import json
import re
import unittest
from pathlib import Path

from sales_dept.rules.conduct import DETECTIONS
from sales_dept.setup.conduct_rules import CONDUCT_RULES, EARLIER_CONTROLS, NOT_BUILT
from sales_dept.tests.test_translations import ZH_PO, po_entries

APP = Path(__file__).resolve().parents[1]
MODULE = APP / "sales_dept"
CAPABILITIES = {None, "Price Policy", "Visit Plans", "Bid Review", "Scorecards", "Conduct Records"}
# Places of ERPNext (and Frappe) a rule is enforced in; tests/…/test_sales_rulebook checks them on a site.
ERPNEXT_DOCTYPES = {"Sales Person", "Competitor", "Lead", "Campaign", "Quotation"}
ERPNEXT_REPORTS = {"Sales Person Target Variance Based On Item Group", "Sales Analytics"}
STILL_TO_COME = re.compile(r"to come|coming|not built|not yet|soon", re.IGNORECASE)
STILL_TO_COME_ZH = re.compile(r"即将|尚未|将纳入|待开发|敬请")


def names_of(kind: str) -> set[str]:
	"""The names of our DocTypes ("doctype") or reports ("report")."""
	return {
		json.loads(path.read_text(encoding="utf-8"))["name"]
		for path in (MODULE / kind).glob("*/*.json")
		if path.stem == path.parent.name
	}


def settings_fields() -> set[str]:
	path = MODULE / "doctype" / "sales_dept_settings" / "sales_dept_settings.json"
	return {field["fieldname"] for field in json.loads(path.read_text(encoding="utf-8"))["fields"]}


class TestRulebookControls(unittest.TestCase):
	def test_every_rule_names_a_place_that_exists(self):
		doctypes, reports, fields = (
			names_of("doctype") | ERPNEXT_DOCTYPES,
			names_of("report"),
			settings_fields(),
		)
		reports |= ERPNEXT_REPORTS
		for rule in CONDUCT_RULES:
			with self.subTest(rule["rule_code"]):
				places = [rule["control_doctype"], rule["control_report"], rule["control_setting"]]
				self.assertTrue(any(places), "a rule links the place that enforces it")
				self.assertIn(rule["control_doctype"], doctypes | {None})
				self.assertIn(rule["control_report"], reports | {None})
				self.assertIn(rule["control_setting"], fields | {None})
				self.assertIn(rule["capability"], CAPABILITIES)
				self.assertIn(rule["detection"], (*DETECTIONS, None))
				self.assertTrue(rule["control"].strip())

	def test_no_control_says_a_part_of_the_app_is_still_to_come(self):
		zh = po_entries(ZH_PO)
		for rule in CONDUCT_RULES:
			with self.subTest(rule["rule_code"]):
				english, chinese = rule["control"], zh.get(rule["control"], "")
				if rule["rule_code"] in NOT_BUILT:
					self.assertIn("not built yet", english)  # what is missing, said as missing
					continue
				self.assertIsNone(STILL_TO_COME.search(english), english)
				self.assertIsNone(STILL_TO_COME_ZH.search(chinese), chinese)

	def test_earlier_controls_are_replaced_by_the_current_ones(self):
		current = {rule["rule_code"]: rule["control"] for rule in CONDUCT_RULES}
		for code, earlier in EARLIER_CONTROLS.items():
			with self.subTest(code):
				self.assertNotEqual(current[code], earlier)
		self.assertTrue({"R7", "R11", "R21", "R32", "R35", "R40"} <= set(EARLIER_CONTROLS))

	def test_titles_in_both_languages(self):
		for rule in CONDUCT_RULES:
			with self.subTest(rule["rule_code"]):
				self.assertTrue(rule["title_zh"] and rule["title"] and rule["article"])
