"""Committed ERPNext test records, made in an order that works on a fresh site.

Run before ERPNext's own selling tests (`bench --site SITE execute
sales_dept.tests.erpnext_test_records.make`): on a fresh site Frappe builds Item's test dependencies in
an order where Supplier links a Tax Category that does not exist yet, and every test of the module then
errors in setUp. Made once, the same way on the baseline site and on ours, so the comparison is fair.
"""

import frappe
from erpnext.setup.utils import before_tests as erpnext_before_tests
from frappe.test_runner import make_test_records

from sales_dept.compat import enter_test_mode

ORDER = ("Tax Category", "Supplier Group", "Customer Group", "Cost Center", "Item", "Customer")


def make() -> dict:
	enter_test_mode()
	erpnext_before_tests()  # the setup wizard, as `run-tests` would run it first
	for doctype in ORDER:
		make_test_records(doctype, commit=True)
		frappe.db.commit()  # nosemgrep: test records must outlive each test class's rollback
	return {"made": list(ORDER)}


def make_price_policies() -> list[str]:
	"""An "All Items" price policy for every company, so ERPNext's tests run through the price check.

	Its floor and the salesperson's allowance are a full discount, so it stops none of their documents:
	the tests prove the check runs on every Quotation and Sales Order without breaking them."""
	made = []
	for company in frappe.get_all("Company", pluck="name"):
		if frappe.db.exists("Sales Price Policy", {"company": company, "applies_to": "All Items"}):
			continue
		policy = frappe.get_doc(
			{
				"doctype": "Sales Price Policy",
				"company": company,
				"applies_to": "All Items",
				"floor_basis": "Maximum Discount",
				"max_discount_pct": 100,
				"allowances": [{"role": "Sales User", "max_discount_pct": 100}],
			}
		).insert(ignore_permissions=True)
		made.append(policy.name)
	frappe.db.commit()  # nosemgrep
	return made
