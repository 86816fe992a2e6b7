# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

from contextlib import contextmanager

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from sales_dept.compat import DESK_ROUTE
from sales_dept.sales_dept.report.sales_rulebook.sales_rulebook import execute
from sales_dept.setup.conduct_rules import CONDUCT_RULES, EARLIER_CONTROLS
from sales_dept.setup.install import refresh_rule_controls
from sales_dept.setup.records import acting_as
from sales_dept.tests.conduct_factories import approved_penalty, make_conduct_people, make_test_rule, user_of

RULE = "_TSD-BOOK"


class TestSalesRulebook(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_conduct_people()
		make_test_rule(RULE, ladder=(("Written Warning", 0, 0),))
		approved_penalty("Zhou", RULE)

	def test_a_place_the_reader_may_not_open_is_named_without_a_link(self):
		"""R19 is supported by ERPNext's Sales Analytics, a report a salesperson may not open."""
		salesperson, manager = self.rows(user_of("Zhou"))["R19"], self.rows(user_of("Wang"))["R19"]
		self.assertEqual((salesperson["enforced_in"], salesperson["control_url"]), ("Sales Analytics", None))
		self.assertEqual(manager["control_url"], f"{DESK_ROUTE}/query-report/Sales Analytics")
		self.assertEqual(self.rows(user_of("Wang"))["R9"]["control_url"], f"{DESK_ROUTE}/sales-price-policy")

	def test_every_rule_links_the_place_that_enforces_it_for_the_manager(self):
		"""Every article names its control and where it is; the sales manager may open each of them."""
		for rule in CONDUCT_RULES:
			with self.subTest(rule["rule_code"]):
				if rule["control_doctype"]:
					self.assertTrue(frappe.db.exists("DocType", rule["control_doctype"]))
				if rule["control_report"]:
					self.assertTrue(frappe.db.exists("Report", rule["control_report"]))
		rows = self.rows(user_of("Wang"))
		unlinked = sorted(
			code for code, row in rows.items() if code.startswith("R") and not row["control_url"]
		)
		self.assertEqual(unlinked, [])
		self.assertEqual(
			(rows["R32"]["enforced_in"], rows["R32"]["control_url"]),
			("Sales Scorecard", f"{DESK_ROUTE}/sales-scorecard"),
		)
		self.assertEqual(rows["R7"]["control_url"], f"{DESK_ROUTE}/query-report/Weekly Meeting Pack")
		self.assertEqual(rows["R7"]["enforcement"], "Automatically")

	def test_a_migrate_brings_the_seeded_controls_up_to_date_and_keeps_an_admins(self):
		earlier, admins = EARLIER_CONTROLS["R40"], "Our own words on the KPIs."
		for code in ("R35", "R40"):
			seeded = frappe.db.get_value("Conduct Rule", code, ["control", "control_doctype"], as_dict=True)
			self.addCleanup(frappe.db.set_value, "Conduct Rule", code, seeded)
		frappe.db.set_value("Conduct Rule", "R40", {"control": earlier, "control_doctype": None})
		frappe.db.set_value("Conduct Rule", "R35", {"control": admins, "control_doctype": None})
		refresh_rule_controls()
		seeded = next(rule for rule in CONDUCT_RULES if rule["rule_code"] == "R40")
		self.assertEqual(
			frappe.db.get_value("Conduct Rule", "R40", ["control", "control_doctype"]),
			(seeded["control"], "Scorecard Template"),
		)
		self.assertEqual(
			frappe.db.get_value("Conduct Rule", "R35", ["control", "control_doctype"]), (admins, None)
		)
		self.assertEqual(
			frappe.db.count("Conduct Rule Version", {"conduct_rule": "R40"}), 1
		)  # not a revision

	def rows(self, user: str = "Administrator", **filters) -> dict[str, dict]:
		with acting_as(user):
			return {row["rule"]: row for row in execute(filters)[1]}

	def test_every_article_with_its_text_control_and_ladder(self):
		rows = self.rows()
		self.assertTrue({f"R{n}" for n in range(1, 41)} <= set(rows))
		self.assertEqual(list(rows)[:3], ["R1", "R2", "R3"])
		r9 = rows["R9"]
		self.assertEqual(
			(r9["article"], r9["enforcement"], r9["enforced_in"]),
			("第十三条", "Automatically", "Sales Price Policy"),
		)
		self.assertIn("价格政策", r9["text"])
		self.assertEqual(r9["control_url"], f"{DESK_ROUTE}/sales-price-policy")
		self.assertIn("Written Warning", r9["ladder"])
		self.assertEqual(rows["R3"]["enforcement"], "Not Automatically")
		self.assertEqual(rows["R9"]["version"], "Version 1")
		with change_settings("Sales Dept Settings", {"enable_pricing_policy": 0}):
			self.assertEqual(self.rows()["R9"]["enforcement"], "Switched Off")

	def test_violation_counts_follow_who_may_see(self):
		self.assertEqual([self.rows()[RULE][f"last_{days}"] for days in (30, 90, 365)], [1, 1, 1])
		self.assertEqual(self.rows(user_of("Zhou"))[RULE]["last_30"], 1)
		self.assertEqual(self.rows(user_of("Qian"))[RULE]["last_30"], 0)

	def test_a_chinese_reader_reads_the_rulebooks_own_words_only(self):
		"""The English gist stands beside the Chinese text for a reader of another language, not for a Chinese
		one (the browser journeys read the report as a Chinese manager)."""
		for lang, shown in (("zh", False), ("en", True)):
			with self.subTest(lang), self.speaking(lang):
				columns, rows = execute({})[:2]
				r9 = next(row for row in rows if row["rule"] == "R9")
				self.assertEqual("gist" in {column["fieldname"] for column in columns}, shown)
				self.assertIn("价格政策", r9["text"])
				self.assertEqual(bool(r9["gist"]), shown)

	@contextmanager
	def speaking(self, lang: str):
		previous, frappe.local.lang = frappe.local.lang, lang
		try:
			yield
		finally:
			frappe.local.lang = previous

	def test_filters(self):
		rows = self.rows(category="Gifts")
		self.assertEqual(set(rows), {"R10"})
		self.assertNotIn("R1", self.rows(breakable_only=1))
