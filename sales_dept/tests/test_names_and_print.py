"""Tier 1: every doctype of ours that is not a table shows people's names rather than user ids in its form,
timeline and print (hooks: onload and before_print, sales_dept.services.user_names), and no hidden field of
ours (an internal key, a signature of lines, a stored copy for the app) is printed."""

import json
import unittest
from pathlib import Path

from sales_dept import hooks

DOCTYPES = Path(__file__).resolve().parents[1] / "sales_dept" / "doctype"
# Hidden fields of doctypes that other work of issue 18 is changing now (bids, visits, scorecards): they print
# until their owners set print_hide. Nothing else may be listed here.
OWNED_ELSEWHERE = {
	"Sales Scorecard KPI": {"measured"},
}


def doctypes() -> list[dict]:
	return [
		json.loads(path.read_text(encoding="utf-8"))
		for path in sorted(DOCTYPES.glob("*/*.json"))
		if path.stem == path.parent.name
	]


class TestNamesAndPrint(unittest.TestCase):
	def test_every_doctype_of_ours_shows_names_in_form_timeline_and_print(self):
		ours = {doctype["name"] for doctype in doctypes() if not doctype.get("istable")}
		self.assertTrue({"Penalty Record", "Conduct Rule", "Visit Record"} <= ours)
		self.assertEqual(ours - set(hooks._USER_NAMES_SHOWN_IN), set())
		for doctype in hooks._USER_NAMES_SHOWN_IN:
			with self.subTest(doctype):
				events = hooks.doc_events[doctype]
				self.assertEqual(events["onload"], "sales_dept.services.user_names.add_user_names")
				self.assertEqual(events["before_print"], "sales_dept.services.user_names.name_users_in_print")

	def test_no_hidden_field_is_printed(self):
		printed = {
			doctype["name"]: {
				field["fieldname"]
				for field in doctype["fields"]
				if field.get("hidden") and not field.get("print_hide")
			}
			- OWNED_ELSEWHERE.get(doctype["name"], set())
			for doctype in doctypes()
		}
		self.assertEqual({name: fields for name, fields in printed.items() if fields}, {})
		self.assertTrue(
			next(
				field
				for doctype in doctypes()
				if doctype["name"] == "Penalty Record"
				for field in doctype["fields"]
				if field["fieldname"] == "incident_key"
			).get("print_hide")
		)
