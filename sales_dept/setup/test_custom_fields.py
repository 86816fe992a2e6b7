import unittest

from sales_dept.setup.custom_fields import FIELD_PREFIX, MODULE, custom_fields_by_doctype


class TestCustomFieldDefinitions(unittest.TestCase):
	def test_every_field_is_prefixed_and_tagged(self):
		for doctype, fields in custom_fields_by_doctype().items():
			for field in fields:
				self.assertTrue(field["fieldname"].startswith(FIELD_PREFIX), (doctype, field["fieldname"]))
				self.assertEqual(field["module"], MODULE)
				self.assertTrue(field.get("insert_after"), (doctype, field["fieldname"]))
				self.assertTrue(
					field.get("label") or field["fieldtype"] in ("Column Break", "Section Break"),
					field["fieldname"],
				)

	def test_shared_fields_are_spread_to_each_doctype(self):
		spread = custom_fields_by_doctype()
		self.assertEqual(
			[f["fieldname"] for f in spread["Quotation"]][:3],
			["sd_sales_person", "sd_bid_review", "sd_price_policy_section"],
		)
		self.assertEqual(
			[f["fieldname"] for f in spread["Quotation"]][2:], [f["fieldname"] for f in spread["Sales Order"]]
		)
		self.assertEqual([f["fieldname"] for f in spread["Opportunity"]], ["sd_sales_person"])
		self.assertEqual(
			[f["fieldname"] for f in spread["Sales Person"]],
			["sd_team_leader", "sd_collection_section", "sd_collection_targets"],
		)

	def test_no_fieldname_is_defined_twice_on_a_doctype(self):
		for doctype, fields in custom_fields_by_doctype().items():
			names = [f["fieldname"] for f in fields]
			self.assertEqual(len(names), len(set(names)), doctype)
