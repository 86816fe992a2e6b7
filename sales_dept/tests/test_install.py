"""What install left on the site, the patch list and the version gate. The uninstall round trip runs
in the test script on the test site (dropping columns commits, so it cannot run inside a test)."""

from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import money_in_words

from sales_dept.setup.compat import check_versions
from sales_dept.setup.custom_fields import MODULE, custom_fields_by_doctype
from sales_dept.setup.install import after_migrate, leftovers


class TestInstall(FrappeTestCase):
	def test_custom_fields_exist_tagged_with_our_module(self):
		for doctype, fields in custom_fields_by_doctype().items():
			for field in fields:
				row = frappe.db.get_value(
					"Custom Field",
					{"dt": doctype, "fieldname": field["fieldname"]},
					["module", "fieldtype", "options"],
					as_dict=True,
				)
				self.assertIsNotNone(row, f"{doctype}.{field['fieldname']}")
				self.assertEqual(row.module, MODULE)
				self.assertEqual((row.fieldtype, row.options), (field["fieldtype"], field.get("options")))
				self.assertTrue(frappe.get_meta(doctype).has_field(field["fieldname"]))

	def test_an_amount_in_yuan_with_fen_is_written_in_words(self):
		"""Frappe 16 fails on it when CNY's fraction has no name (install names it; migrate names it again)."""
		frappe.db.set_value("Currency", "CNY", "fraction", None)
		after_migrate()
		self.assertEqual(frappe.db.get_value("Currency", "CNY", "fraction"), "Fen")
		self.assertIn("Fen", money_in_words(1234.5, "CNY"))
		frappe.db.set_value("Currency", "CNY", "fraction", "分")
		after_migrate()
		self.assertEqual(frappe.db.get_value("Currency", "CNY", "fraction"), "分")  # a name set is kept

	def test_leftovers_lists_what_uninstall_must_remove(self):
		found = leftovers()
		self.assertIn("Custom Field Quotation-sd_sales_person", found)
		self.assertIn("Role Sales Team Leader", found)

	def test_every_patch_line_resolves(self):
		patches = Path(frappe.get_app_path("sales_dept", "patches.txt")).read_text().splitlines()
		lines = [
			line.split("#")[0].strip() for line in patches if line.strip() and not line.startswith(("#", "["))
		]
		self.assertTrue(lines)
		for line in lines:
			if line.startswith("execute:"):
				compile(line.removeprefix("execute:"), "patches.txt", "exec")
			else:
				self.assertTrue(callable(frappe.get_attr(f"{line}.execute")), line)


class TestVersionGate(FrappeTestCase):
	def test_supported_versions_pass(self):
		self.assertIsNone(check_versions())

	def test_other_major_is_refused_with_a_readable_message(self):
		with patch("sales_dept.setup.compat._installed_version", side_effect=lambda app: "17.0.0"):
			with self.assertRaisesRegex(
				frappe.IncompatibleApp, "frappe 17.0.0 is installed, but sales_dept needs frappe 15.x / 16.x"
			):
				check_versions()

	def test_missing_erpnext_is_refused(self):
		versions = {"frappe": "15.75.0", "erpnext": None}
		with patch("sales_dept.setup.compat._installed_version", side_effect=versions.get):
			with self.assertRaisesRegex(frappe.IncompatibleApp, "erpnext"):
				check_versions()
