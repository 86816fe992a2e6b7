# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""The rulebook as Conduct Rules (R1-R40) and rule versions (R14): seeded once with version 1 in force, an
edit waits for leadership while the approved version stays in force, leadership approves or rejects it (not
its own), every version is kept; a ladder with gaps or without a window is refused."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.sales_dept.doctype.conduct_rule.conduct_rule import approve_version, reject_version
from sales_dept.services.conduct import in_force
from sales_dept.setup.conduct_rules import CONDUCT_RULES
from sales_dept.setup.install import make_conduct_rules
from sales_dept.setup.records import acting_as
from sales_dept.tests.conduct_factories import (
	DIRECTOR,
	file_penalty,
	make_conduct_people,
	make_test_rule,
	user_of,
)


def versions(rule: str) -> list[list]:
	return [
		list(row)
		for row in frappe.get_all(
			"Conduct Rule Version",
			filters={"conduct_rule": rule},
			fields=["version_no", "status"],
			order_by="version_no",
			as_list=True,
		)
	]


class TestSeededRulebook(FrappeTestCase):
	def test_all_forty_rules_are_seeded_in_force(self):
		codes = [rule["rule_code"] for rule in CONDUCT_RULES]
		self.assertEqual(codes, [f"R{n}" for n in range(1, 41)])
		seeded = frappe.get_all(
			"Conduct Rule",
			filters={"name": ["in", codes]},
			fields=["name", "version_status", "version_in_force"],
		)
		self.assertEqual(len(seeded), 40)
		self.assertEqual({row.version_status for row in seeded}, {"In Force"})
		self.assertTrue(all(row.version_in_force for row in seeded))
		r9 = in_force("R9")
		self.assertEqual((r9.content["article"], r9.content["category"]), ("第十三条", "Pricing"))
		self.assertIn("价格政策", r9.content["text_zh"])
		self.assertEqual([step.action for step in r9.terms.ladder][:2], ["Written Warning", "Fine"])
		self.assertEqual(frappe.db.get_value("Conduct Rule", "R8", "detection"), "Visit Plan Late or Missing")

	def test_seeding_again_keeps_what_admins_changed(self):
		frappe.db.set_value("Conduct Rule", "R5", "control", "Our own words", update_modified=False)
		make_conduct_rules()
		self.assertEqual(frappe.db.get_value("Conduct Rule", "R5", "control"), "Our own words")
		self.assertEqual(frappe.db.count("Conduct Rule Version", {"conduct_rule": "R5"}), 1)


class TestRuleVersions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_conduct_people()

	def edit(self, rule: str, user: str, **changes):
		with acting_as(user):
			doc = frappe.get_doc("Conduct Rule", rule)
			for field, value in changes.items():
				doc.set(field, value)
			doc.save()
		return frappe.get_doc("Conduct Rule", rule)

	def test_an_edit_waits_for_leadership_while_the_approved_version_stays_in_force(self):
		rule = make_test_rule("_TSD-VER", ladder=(("Fine", 100, 0),))
		doc = frappe.get_doc("Conduct Rule", rule)
		doc.ladder[0].fine_amount = 150
		with acting_as(user_of("Wang")):
			doc.save()
		doc.reload()
		self.assertEqual(doc.version_status, "Pending Leadership")
		self.assertEqual(versions(rule), [[1, "Approved"], [2, "Proposed"]])
		self.assertEqual(in_force(rule).terms.ladder[0].fine, 100)
		self.assertEqual(file_penalty("Zhou", rule).proposed_fine, 100)  # the rule in force proposes

		with acting_as(user_of("Wang")), self.assertRaises(frappe.PermissionError):
			approve_version(rule, doc.pending_version)
		self.assertEqual(frappe.db.get_value("Conduct Rule", rule, "version_in_force"), doc.version_in_force)

		with acting_as(DIRECTOR):
			approve_version(rule, doc.pending_version, "Agreed at the leadership meeting.")
		doc.reload()
		self.assertEqual((doc.version_status, doc.pending_version), ("In Force", None))
		self.assertEqual(versions(rule), [[1, "Superseded"], [2, "Approved"]])
		self.assertEqual(in_force(rule).terms.ladder[0].fine, 150)
		self.assertEqual(file_penalty("Qian", rule).proposed_fine, 150)

	def test_rejecting_a_version_restores_the_rule_in_force(self):
		rule = make_test_rule("_TSD-REJ", window_days=90)
		doc = self.edit(rule, user_of("Wang"), window_days=30, title="Shorter window")
		with acting_as(DIRECTOR), self.assertRaises(frappe.ValidationError):
			reject_version(rule, doc.pending_version)  # a rejection says why
		with acting_as(DIRECTOR):
			reject_version(rule, doc.pending_version, "Thirty days is too short.")
		doc.reload()
		self.assertEqual(
			(doc.window_days, doc.title, doc.version_status), (90, f"Test rule {rule}", "In Force")
		)
		self.assertEqual(versions(rule), [[1, "Approved"], [2, "Rejected"]])

	def test_leadership_does_not_approve_its_own_version(self):
		rule = make_test_rule("_TSD-OWN")
		doc = self.edit(rule, DIRECTOR, window_days=60)
		with acting_as(DIRECTOR), self.assertRaises(frappe.PermissionError):
			approve_version(rule, doc.pending_version)
		self.assertEqual(in_force(rule).terms.window_days, 90)

	def test_an_edit_reverted_withdraws_the_waiting_version(self):
		rule = make_test_rule("_TSD-BACK")
		self.edit(rule, user_of("Wang"), max_fine=2000)
		doc = self.edit(rule, user_of("Wang"), max_fine=1000)
		self.assertEqual((doc.version_status, doc.pending_version), ("In Force", None))
		self.assertEqual(versions(rule), [[1, "Approved"], [2, "Withdrawn"]])

	def test_bad_ladders_and_edits_applied_without_leadership_are_refused(self):
		rule = make_test_rule("_TSD-BADL")
		before = versions(rule)
		cases = [
			({"window_days": 0}, "rolling window"),
			(
				{
					"ladder": [
						{"offence": 1, "action": "Verbal Warning"},
						{"offence": 3, "action": "Fine", "fine_amount": 100},
					]
				},
				"offence 2",
			),
			({"ladder": [{"offence": 1, "action": "Fine", "fine_amount": 0}]}, "above zero"),
			({"ladder": [{"offence": 1, "action": "Suspension"}]}, "number of days"),
		]
		for changes, message in cases:
			with self.subTest(message), self.assertRaises(frappe.ValidationError) as refused:
				self.edit(rule, user_of("Wang"), **changes)
			self.assertIn(message, str(refused.exception))
		self.assertEqual(versions(rule), before)
		pending = self.edit(rule, user_of("Wang"), window_days=45).pending_version
		with self.assertRaises(frappe.PermissionError):
			self.edit(rule, user_of("Wang"), version_in_force=pending)  # applying it by hand
		self.assertEqual(in_force(rule).terms.window_days, 90)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "Conduct Rule Version",
					"conduct_rule": rule,
					"version_no": 9,
					"status": "Approved",
					"content": json.dumps({}),
				}
			).insert(ignore_permissions=True)

	def test_one_rule_per_automatic_check(self):
		with self.assertRaises(frappe.ValidationError):
			make_test_rule("_TSD-DET", detection="Price Policy Broken")  # R9 files those
