"""Tier 1: every Sales Person link a user picks in our forms and report filters searches with our access rules
(`sales_dept.sales_person_query` in the bundle → `services.visit_access.search_sales_persons`), not with
Frappe's own search, which ERPNext's own-Employee restriction narrows to the user themself."""

import json
import re
import unittest
from pathlib import Path

APP = Path(__file__).resolve().parents[1]
QUERY_HELPER = "sales_dept.sales_person_query("
SEARCH = "sales_dept.services.visit_access.search_sales_persons"


def picked_sales_person_fields(doctype_json: Path) -> list[str]:
	"""The Sales Person links of a doctype that a user fills in (not read-only, not hidden)."""
	data = json.loads(doctype_json.read_text(encoding="utf-8"))
	return [
		field["fieldname"]
		for field in data.get("fields", [])
		if field.get("fieldtype") == "Link"
		and field.get("options") == "Sales Person"
		and not field.get("read_only")
		and not field.get("hidden")
	]


def filter_blocks(js: str) -> list[str]:
	"""The text of each report filter (or dialog field) declared as a link to Sales Person: from its fieldname
	to the next fieldname."""
	starts = [match.start() for match in re.finditer(r"\bfieldname:", js)] + [len(js)]
	return [
		js[start:end]
		for start, end in zip(starts, starts[1:], strict=False)
		if re.search(r"""options:\s*["']Sales Person["']""", js[start:end])
	]


class TestSalesPersonLinksSearchWithOurRules(unittest.TestCase):
	def test_the_bundle_points_at_our_search(self):
		bundle = (APP / "public" / "js" / "sales_dept.bundle.js").read_text(encoding="utf-8")
		self.assertIn("sales_dept.sales_person_query = ", bundle)
		self.assertIn(f'"{SEARCH}"', bundle)
		service = (APP / "services" / "visit_access.py").read_text(encoding="utf-8")
		self.assertIn(
			"@frappe.whitelist()\n@frappe.validate_and_sanitize_search_inputs\ndef search_sales_persons(",
			service,
		)

	def test_every_form_of_ours(self):
		checked = []
		for doctype_json in sorted((APP / "sales_dept" / "doctype").glob("*/*.json")):
			if doctype_json.stem != doctype_json.parent.name:
				continue
			for fieldname in picked_sales_person_fields(doctype_json):
				script = doctype_json.with_suffix(".js")
				text = script.read_text(encoding="utf-8") if script.exists() else ""
				with self.subTest(doctype=doctype_json.stem, field=fieldname):
					self.assertRegex(
						text,
						rf"""set_query\(\s*["']{fieldname}["'],\s*\(\)\s*=>\s*{re.escape(QUERY_HELPER)}""",
					)
				checked.append(doctype_json.stem)
		self.assertIn("visit_plan", checked)
		self.assertIn("sales_scorecard", checked)

	def test_our_field_on_quotations_and_opportunities(self):
		script = (APP / "public" / "js" / "deal_sales_person.js").read_text(encoding="utf-8")
		self.assertRegex(
			script, rf"""set_query\(\s*["']sd_sales_person["'],\s*\(\)\s*=>\s*{re.escape(QUERY_HELPER)}"""
		)

	def test_every_report_filter_and_dialog(self):
		scripts = sorted((APP / "sales_dept" / "report").glob("*/*.js")) + sorted(
			(APP / "public" / "js").glob("*.js")
		)
		blocks = {
			(script.name, index): block
			for script in scripts
			for index, block in enumerate(filter_blocks(script.read_text(encoding="utf-8")))
		}
		self.assertGreaterEqual(len(blocks), 2)  # at least the shared team and salesperson filters
		for (name, index), block in blocks.items():
			with self.subTest(script=name, filter=index):
				self.assertIn(QUERY_HELPER, block)


if __name__ == "__main__":
	unittest.main()
