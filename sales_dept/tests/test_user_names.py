"""People's names, never their user ids, where our forms show a person (sales_dept.services.user_names): the
user links, the timeline (who made the form, who changed it last, who made its versions) and the print."""

import json
import re

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.setup.records import acting_as
from sales_dept.tests.conduct_factories import (
	DIRECTOR,
	HR,
	decide,
	file_penalty,
	make_conduct_people,
	make_test_rule,
	user_of,
)
from sales_dept.tests.factories import PEOPLE, make_customer


def full_name(user: str) -> str:
	return frappe.db.get_value("User", user, "full_name")


class TestUserNames(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("_Test SD Customer Names", "Zhou")
		make_conduct_people()
		cls.rule = make_test_rule("_TSD-NAMES")

	def onload_of(self, doctype: str, name: str, user: str = "Administrator") -> dict:
		with acting_as(user):
			doc = frappe.get_doc(doctype, name)
			doc.run_method("onload")
			return doc.get_onload()

	def test_the_customer_form_names_who_kept_its_tier(self):
		manager = PEOPLE["Wang"].user
		frappe.db.set_value("Customer", self.customer, "sd_tier_kept_by", manager)
		names = self.onload_of("Customer", self.customer).get("sd_user_names")
		self.assertEqual(names[manager], "SD Wang")
		frappe.db.set_value("Customer", self.customer, "sd_tier_kept_by", None)
		self.assertNotIn(manager, self.onload_of("Customer", self.customer).get("sd_user_names") or {})

	def test_a_penalty_names_its_people_and_everyone_its_timeline_shows(self):
		"""Li files it, leadership corrects its description (a version by someone the record links nowhere),
		Wang approves it, Zhou acknowledges it, and a version names HR: Zhou's form knows all five by name."""
		penalty = file_penalty("Zhou", self.rule, by="Li")
		with acting_as(DIRECTOR):
			draft = frappe.get_doc("Penalty Record", penalty.name)
			draft.description = "Handed in the weekly report three days late."
			draft.save(ignore_version=False)  # tests keep no versions unless asked
		decide(penalty, "Approve", "Wang")
		decide(penalty, "Acknowledge", "Zhou")
		frappe.get_doc(  # a version that set a user link (its timeline reads "approved by from … to …")
			{
				"doctype": "Version",
				"ref_doctype": "Penalty Record",
				"docname": penalty.name,
				"data": json.dumps({"changed": [["appeal_decided_by", None, HR]]}),
			}
		).insert(ignore_permissions=True)
		names = self.onload_of("Penalty Record", penalty.name, user_of("Zhou"))["sd_user_names"]
		people = (user_of("Li"), DIRECTOR, user_of("Wang"), user_of("Zhou"), HR)
		self.assertEqual(
			{user: names.get(user) for user in people}, {user: full_name(user) for user in people}
		)
		self.assertEqual(names[DIRECTOR], "SD Boss")

	def test_the_print_names_people_and_hides_internal_fields(self):
		penalty = decide(file_penalty("Zhou", self.rule, incident_key="_tsd:names-print"), "Approve", "Wang")
		with acting_as(user_of("Wang")):
			printed = frappe.get_print("Penalty Record", penalty.name, print_format="Standard")
		html = re.sub(r"<!--.*?-->", "", printed, flags=re.S)  # Frappe's comment naming who printed it
		self.assertIn("SD Wang", html)  # approved by
		self.assertIn("SD Zhou", html)  # the person's user
		for hidden in (user_of("Wang"), user_of("Zhou"), "_tsd:names-print", "Incident Key", "Rule Title"):
			self.assertNotIn(hidden, html)
