"""Tier 1: the labels of the Formal Quotation (Jinja `_("…")` in formal_quotation.html) all have a Chinese
entry in locale/zh.po, with the wording of a Chinese quotation (报价单 / 投标报价, 序号, 品名/规格, 盖章处…).
The rendered print is tested on a bench (test_formal_quotation.py)."""

import re
import unittest
from pathlib import Path

from sales_dept.tests.test_translations import ZH_PO, po_entries

TEMPLATE = Path(__file__).with_name("formal_quotation.html")
JINJA_CALL = re.compile(r"""_\(\s*"((?:\\.|[^"\\])*)"\s*\)""")


def template_labels() -> set[str]:
	return set(JINJA_CALL.findall(TEMPLATE.read_text(encoding="utf-8")))


class TestFormalQuotationLabels(unittest.TestCase):
	def test_the_labels_are_found(self):
		labels = template_labels()
		self.assertIn("TENDER QUOTATION", labels)
		self.assertIn("Company Stamp", labels)
		self.assertGreaterEqual(len(labels), 25)

	def test_every_label_has_a_chinese_translation(self):
		translations = po_entries(ZH_PO)
		self.assertEqual(sorted(label for label in template_labels() if not translations.get(label)), [])

	def test_the_wording_of_a_chinese_quotation(self):
		translations = po_entries(ZH_PO)
		expected = {
			"QUOTATION": "报价单",
			"TENDER QUOTATION": "投标报价",
			"Tender Number": "招标编号",
			"Valid Till": "有效期至",
			"S/N": "序号",
			"Item / Specification": "品名/规格",
			"Quantity": "数量",
			"Unit": "单位",
			"Unit Price": "单价",
			"Amount": "金额",
			"Company Stamp": "盖章处",
		}
		self.assertEqual({label: translations.get(label) for label in expected}, expected)
