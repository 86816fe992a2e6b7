"""Doctype settings sales_dept makes once at install (and by a patch on a site installed before), as Customize
Form would, each only where the site has not chosen otherwise; tagged with our module, so uninstalling removes
them (an admin's own choice made later in Customize Form is a new, untagged Property Setter, and stays).

- Formal Quotation (our print format, sales_dept/sales_dept/print_format) is the default print format of
  Quotation where none is set.
- Print Format, UOM and Price List translate their link values ("Translate Link Fields"): a print format's,
  unit's or price list's name is a record name, shown as stored unless its doctype is translated, so a
  Chinese user read "Formal Quotation", "Nos" and "Standard Selling" (names ERPNext's setup wizard gives in
  the site's language then)."""

import frappe

from sales_dept.setup.custom_fields import MODULE

FORMAL_QUOTATION = "Formal Quotation"
TRANSLATED_LINK_DOCTYPES = ("Print Format", "UOM", "Price List")


def doctype_property_setter(doctype: str, prop: str, value: str, property_type: str):
	"""A Property Setter on `doctype` itself, tagged with our module, unless the doctype already has one for
	`prop` (the site's choice, or ours from an earlier run)."""
	if frappe.db.exists(
		"Property Setter", {"doc_type": doctype, "property": prop, "doctype_or_field": "DocType"}
	):
		return
	frappe.get_doc(
		{
			"doctype": "Property Setter",
			"doctype_or_field": "DocType",
			"doc_type": doctype,
			"property": prop,
			"value": value,
			"property_type": property_type,
			"module": MODULE,
			"is_system_generated": 1,
		}
	).insert(ignore_permissions=True)
	frappe.clear_cache(doctype=doctype)


def make_formal_quotation_default():
	"""Formal Quotation as Quotation's default print format, where neither the DocType nor a Property Setter
	names one."""
	if frappe.get_meta("Quotation").default_print_format or not frappe.db.exists(
		"Print Format", FORMAL_QUOTATION
	):
		return
	doctype_property_setter("Quotation", "default_print_format", FORMAL_QUOTATION, "Data")


def translate_link_values():
	"""Print Format, UOM and Price List link values shown in the user's language (where not already so)."""
	for doctype in TRANSLATED_LINK_DOCTYPES:
		if not frappe.get_meta(doctype).translated_doctype:
			doctype_property_setter(doctype, "translated_doctype", "1", "Check")


def make_doctype_settings():
	"""after_install and the patch: both of the above."""
	make_formal_quotation_default()
	translate_link_values()
