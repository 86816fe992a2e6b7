"""Tier 2: the daily customer classification (rulebook R36) against real submitted Sales Invoices."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, getdate

from sales_dept.services.tiers import (
	customer_tier_info,
	reclassify_customers,
	reclassify_customers_daily,
	reclassify_now,
)
from sales_dept.setup.records import default_company, get_or_make_customer, get_or_make_item
from sales_dept.tests.factories import ensure_fiscal_year, make_sales_org

ITEM = "_Test SD Tier Item"
RATE = 10
# Lowered thresholds (the records are rolled back with the class) so that small invoices suffice.
THRESHOLDS = {"VIP": (1000, 30), "Level 1": (300, 60), "Level 2": (50, 0), "Other Customers": (0, 0)}
PREFIX = "_Test SD Tier "
# customer -> invoices as (days before today, amount); a negative amount is a return of the first invoice.
SALES = {
	"VIP": [(10, 800), (364, 300)],  # the oldest day inside the window still counts
	"Level 1": [(30, 400), (365, 5000)],  # 365 days ago is outside the window
	"Level 2": [(0, 60)],  # today counts
	"Returned": [(20, 350), (5, -320)],  # 350 would be Level 1; the return leaves 30
	"Locked": [(3, 2000)],  # would be VIP, but keeps its tier
	"Quiet": [],
	"Old": [(400, 2000)],
}
EXPECTED = {
	"VIP": ("VIP", 1100),
	"Level 1": ("Level 1", 400),
	"Level 2": ("Level 2", 60),
	"Returned": ("Other Customers", 30),
	"Locked": ("Level 2", 2000),
	"Quiet": ("Other Customers", 0),
	"Old": ("Other Customers", 0),
}
# Tiers before each run: the locked customer keeps Level 2, Quiet already has the tier it gets.
BEFORE = {"Locked": "Level 2", "Quiet": "Other Customers"}


def customer(key: str) -> str:
	return PREFIX + key


def make_invoice(customer_name: str, posting_date, amount: float, company: str):
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer_name,
			"posting_date": posting_date,
			"set_posting_time": 1,
			"due_date": posting_date,
			"update_stock": 0,
			"items": [{"item_code": ITEM, "qty": amount / RATE, "rate": RATE}],
		}
	)
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	return invoice


def make_return(original, posting_date, amount: float):
	from erpnext.accounts.doctype.sales_invoice.sales_invoice import make_sales_return

	credit_note = make_sales_return(original.name)
	credit_note.posting_date = posting_date
	credit_note.set_posting_time = 1
	credit_note.due_date = posting_date
	credit_note.items[0].qty = -amount / RATE
	credit_note.insert(ignore_permissions=True)
	credit_note.submit()
	return credit_note


def tiers_of() -> dict[str, tuple[str | None, float]]:
	rows = frappe.get_all(
		"Customer",
		filters={"name": ["like", PREFIX + "%"]},
		fields=["name", "sd_customer_tier", "sd_net_sales_12m"],
	)
	return {row.name[len(PREFIX) :]: (row.sd_customer_tier, row.sd_net_sales_12m) for row in rows}


def versions_of(customer_name: str) -> list[dict]:
	return [
		frappe.parse_json(data)
		for data in frappe.get_all(
			"Version",
			filters={"ref_doctype": "Customer", "docname": customer_name},
			pluck="data",
			order_by="creation",
		)
	]


class TestReclassifyCustomers(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		cls.company = default_company()
		cls.today = getdate()
		for name, (min_net_sales, interval) in THRESHOLDS.items():
			if frappe.db.exists("Customer Tier", name):
				frappe.db.set_value(
					"Customer Tier", name, {"min_net_sales": min_net_sales, "visit_interval_days": interval}
				)
			else:
				frappe.get_doc(
					{
						"doctype": "Customer Tier",
						"tier_name": name,
						"min_net_sales": min_net_sales,
						"visit_interval_days": interval,
					}
				).insert(ignore_permissions=True)
		get_or_make_item(ITEM)
		for days in {days for invoices in SALES.values() for days, _amount in invoices}:
			ensure_fiscal_year(add_days(cls.today, -days), cls.company)
		for key, invoices in SALES.items():
			name = get_or_make_customer(customer(key))
			original = None
			for days, amount in invoices:
				day = add_days(cls.today, -days)
				if amount < 0:
					make_return(original, day, -amount)
				else:
					invoice = make_invoice(name, day, amount, cls.company)
					original = original or invoice

	def setUp(self):
		"""Every test starts from the same tiers: none, except a kept Level 2 and an unchanged Other."""
		for key in SALES:
			frappe.db.set_value(
				"Customer",
				customer(key),
				{
					"sd_customer_tier": BEFORE.get(key),
					"sd_tier_locked": int(key == "Locked"),
					"sd_net_sales_12m": 0,
					"sd_tier_classified_on": None,
				},
			)

	def assert_untouched(self):
		self.assertEqual(tiers_of(), {key: (BEFORE.get(key), 0) for key in SALES})

	def test_classifies_by_net_sales_of_twelve_months(self):
		result = reclassify_customers(today=self.today)

		self.assertEqual(tiers_of(), EXPECTED)
		self.assertEqual(result["customers"], frappe.db.count("Customer"))
		self.assertGreaterEqual(result["changed"], 5)  # VIP, Level 1, Level 2, Returned, Old
		self.assertGreaterEqual(result["locked_skipped"], 1)
		self.assertEqual(sum(result["by_tier"].values()), result["customers"])
		self.assertGreaterEqual(result["by_tier"]["VIP"], 1)

		classified_on = dict(
			frappe.get_all(
				"Customer",
				filters={"name": ["like", PREFIX + "%"]},
				fields=["name", "sd_tier_classified_on"],
				as_list=True,
			)
		)
		self.assertEqual(classified_on[customer("VIP")], self.today)
		self.assertEqual(classified_on[customer("Quiet")], self.today)
		self.assertIsNone(classified_on[customer("Locked")])  # a kept tier was not classified

	def test_versions_record_changes_only(self):
		before = {key: len(versions_of(customer(key))) for key in SALES}
		reclassify_customers(today=self.today)

		changed = versions_of(customer("Returned"))
		self.assertEqual(len(changed), before["Returned"] + 1)
		self.assertEqual(changed[-1]["changed"], [["sd_customer_tier", "", "Other Customers"]])
		for unchanged in ("Quiet", "Locked"):
			self.assertEqual(len(versions_of(customer(unchanged))), before[unchanged])

	def test_second_run_changes_nothing(self):
		reclassify_customers(today=self.today)
		versions = frappe.db.count("Version", {"ref_doctype": "Customer"})

		again = reclassify_customers(today=self.today)

		self.assertEqual(again["changed"], 0)
		self.assertEqual(tiers_of(), EXPECTED)
		self.assertEqual(frappe.db.count("Version", {"ref_doctype": "Customer"}), versions)

	def test_window_moves_with_today(self):
		a_year_on = add_days(self.today, 360)
		reclassify_customers(today=a_year_on)
		tiers = tiers_of()
		self.assertEqual(tiers["VIP"], ("Other Customers", 0))  # 800 was 370 days before
		self.assertEqual(tiers["Level 2"], ("Level 2", 60))  # 60 was 360 days before: still inside

	def test_one_company_only(self):
		reclassify_customers(company="_Test SD No Such Company", today=self.today)
		tiers = tiers_of()
		self.assertEqual(tiers["VIP"], ("Other Customers", 0))
		self.assertEqual(tiers["Locked"], ("Level 2", 0))

	def test_without_tiers_every_tier_is_kept(self):
		frappe.db.delete("Customer Tier")
		result = reclassify_customers(today=self.today)
		self.assertEqual(result["changed"], 0)
		tiers = tiers_of()
		self.assertEqual(tiers["VIP"], (None, 1100))
		self.assertEqual(tiers["Quiet"], ("Other Customers", 0))

	def test_a_sales_user_may_not_reclassify(self):
		versions = frappe.db.count("Version", {"ref_doctype": "Customer"})
		with self.set_user(self.people["Zhou"].user):
			with self.assertRaisesRegex(frappe.PermissionError, "may reclassify all customers"):
				reclassify_now()
		self.assert_untouched()
		self.assertEqual(frappe.db.count("Version", {"ref_doctype": "Customer"}), versions)

	def test_the_sales_manager_reclassifies_now(self):
		with self.set_user(self.people["Wang"].user):
			message = reclassify_now()
		self.assertIn("background", message)
		self.assertEqual(tiers_of(), EXPECTED)

	@change_settings("Sales Dept Settings", {"enable_visit_plans": 0})
	def test_switched_off_nothing_is_classified(self):
		self.assertIsNone(reclassify_customers_daily())
		self.assert_untouched()
		with self.assertRaisesRegex(frappe.ValidationError, "switched off"):
			reclassify_now()
		self.assert_untouched()

	def test_daily_job_classifies_and_commits(self):
		with patch.object(frappe.db, "commit") as commit:
			result = reclassify_customers_daily()
		commit.assert_called_once()
		self.assertEqual(result["customers"], frappe.db.count("Customer"))
		self.assertEqual(tiers_of(), EXPECTED)

	def test_form_info(self):
		reclassify_customers(today=self.today)
		info = customer_tier_info(customer("VIP"))
		self.assertEqual(info["tier"], "VIP")
		self.assertEqual(info["visit_interval_days"], 30)
		self.assertTrue(info["can_reclassify"])
		with self.set_user(self.people["Zhou"].user):
			self.assertFalse(customer_tier_info(customer("VIP"))["can_reclassify"])

	def test_form_info_needs_read_permission(self):
		with self.set_user("Guest"):
			with self.assertRaises(frappe.PermissionError):
				customer_tier_info(customer("VIP"))
