# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

from frappe.tests.utils import FrappeTestCase, change_settings

from sales_dept.compat import DESK_ROUTE
from sales_dept.sales_dept.report.sales_rulebook.sales_rulebook import execute
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
		"""R21 is enforced in ERPNext's Accounts Receivable, a report of the accounts roles only."""
		manager, administrator = self.rows(user_of("Wang"))["R21"], self.rows()["R21"]
		self.assertEqual((manager["enforced_in"], manager["control_url"]), ("Accounts Receivable", None))
		self.assertEqual(administrator["control_url"], f"{DESK_ROUTE}/query-report/Accounts Receivable")
		self.assertEqual(self.rows(user_of("Wang"))["R9"]["control_url"], f"{DESK_ROUTE}/sales-price-policy")

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

	def test_filters(self):
		rows = self.rows(category="Gifts")
		self.assertEqual(set(rows), {"R10"})
		self.assertNotIn("R1", self.rows(breakable_only=1))
