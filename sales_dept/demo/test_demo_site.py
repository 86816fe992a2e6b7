"""The demo company's letter head on the test site: its own, the default on its documents, the site's
default left as it was (ERPNext 16's default prints the doctype in English)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.demo.data import LETTER_HEAD
from sales_dept.demo.site import ensure_company, ensure_letter_head

SITE_DEFAULT = "_Test SD Site Letter Head"


class TestDemoLetterHead(FrappeTestCase):
	def test_the_companys_own_letter_head_and_the_sites_default_kept(self):
		company = ensure_company()
		frappe.db.set_value("Letter Head", {"is_default": 1}, "is_default", 0)
		frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": SITE_DEFAULT,
				"source": "HTML",
				"content": "<p>Quotation</p>",
				"is_default": 1,
			}
		).insert(ignore_permissions=True)
		self.assertEqual(ensure_letter_head(company), LETTER_HEAD)
		self.assertEqual(ensure_letter_head(company), LETTER_HEAD)  # run again: nothing more
		self.assertEqual(frappe.db.get_value("Company", company, "default_letter_head"), LETTER_HEAD)
		self.assertEqual(frappe.get_all("Letter Head", {"is_default": 1}, pluck="name"), [SITE_DEFAULT])
		self.assertEqual(frappe.db.count("Letter Head", {"name": LETTER_HEAD}), 1)
