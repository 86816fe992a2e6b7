"""Scorecards over the REST API (rulebook R2, R11, R35): who reaches which scorecard (lists and documents), the
manager's ratings (permission level 1) and the computed values nobody edits by hand, the review steps taken by
the right people only, and the batch run twice at once making each scorecard once.

Requests run in their own thread and database connection, so this class commits its fixtures: only the _Test SD
department of `tests.factories` (no salesperson of its own, which the other reports' tests would then meet), a
leadership user, fiscal years and a template; it removes the scorecards it made when it ends."""

import json
import threading

import frappe
from frappe.tests.test_api import FrappeAPITestCase, ThreadWithReturnValue

from sales_dept.rules import scoring
from sales_dept.services.scorecard_batch import generate
from sales_dept.setup.records import default_company, get_or_make_user
from sales_dept.setup.scorecards import SCORECARD_TEMPLATE, make_scorecard_workflow
from sales_dept.tests.factories import PEOPLE, api_token_header, make_sales_org
from sales_dept.tests.scorecard_factories import MA, PREFIX, ensure_fiscal_years

SCORECARDS = "sales_dept.sales_dept.doctype.sales_scorecard.sales_scorecard"
REST_TEMPLATE = f"{PREFIX} REST"


def rest_template() -> str:
	if not frappe.db.exists("Scorecard Template", REST_TEMPLATE):
		frappe.get_doc(
			{"doctype": "Scorecard Template", **SCORECARD_TEMPLATE, "template_name": REST_TEMPLATE}
		).insert()
	return REST_TEMPLATE


def remove_scorecards(template: str):
	names = frappe.get_all("Sales Scorecard", {"template": template}, pluck="name")
	if names:
		frappe.db.delete("Sales Scorecard KPI", {"parent": ["in", names]})
		frappe.db.delete("Sales Scorecard", {"name": ["in", names]})


class TestScorecardsOverREST(FrappeAPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.company = default_company()
		make_sales_org()
		get_or_make_user(MA.user, "SD Ma", list(MA.roles))
		ensure_fiscal_years(cls.company)
		make_scorecard_workflow()
		cls.template = rest_template()
		remove_scorecards(cls.template)
		generate(cls.template, cls.company, "2025-03-10")
		cls.cards = {
			row.sales_person: row.name
			for row in frappe.get_all("Sales Scorecard", {"template": cls.template}, ["name", "sales_person"])
		}
		users = {"Ma": MA.user} | {k: PEOPLE[k].user for k in ("Zhou", "Qian", "Li", "Wang")}
		cls.headers = {key: api_token_header(user) for key, user in users.items()}
		frappe.db.commit()  # nosemgrep: the API thread reads through its own connection

	@classmethod
	def tearDownClass(cls):
		remove_scorecards(cls.template)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def card(self, key: str) -> str:
		return self.cards[PEOPLE[key].sales_person]

	def listed(self, who: str) -> set[str]:
		response = self.get(
			self.resource("Sales Scorecard"),
			{
				"filters": json.dumps([["template", "=", self.template]]),
				"fields": '["sales_person"]',
				"limit": 500,
			},
			headers=self.headers[who],
		)
		self.assertEqual(response.status_code, 200, response.json)
		return {row["sales_person"] for row in response.json["data"]}

	def action(self, who: str, key: str, action: str, comment: str = ""):
		return self.post(
			self.method(f"{SCORECARDS}.take_workflow_action"),
			{"name": self.card(key), "action": action, "comment": comment},
			headers=self.headers[who],
		)

	def test_who_sees_which_scorecards(self):
		self.assertEqual(self.listed("Zhou"), {PEOPLE["Zhou"].sales_person})
		east = self.listed("Li")
		self.assertIn(PEOPLE["Li"].sales_person, east)
		self.assertIn(PEOPLE["Zhou"].sales_person, east)
		self.assertNotIn(PEOPLE["Qian"].sales_person, east)
		self.assertTrue(
			{PEOPLE[k].sales_person for k in ("Zhou", "Qian", "Li", "Zhao")} <= self.listed("Wang")
		)
		self.assertEqual(
			self.get(
				self.resource("Sales Scorecard", self.card("Qian")), headers=self.headers["Zhou"]
			).status_code,
			403,
		)
		own = self.get(self.resource("Sales Scorecard", self.card("Zhou")), headers=self.headers["Zhou"])
		self.assertEqual(
			(own.status_code, own.json["data"]["sales_person"]), (200, PEOPLE["Zhou"].sales_person)
		)

	def test_ratings_and_computed_values(self):
		name = self.card("Qian")
		doc = self.get(self.resource("Sales Scorecard", name), headers=self.headers["Qian"]).json["data"]
		rows = doc["kpis"]
		for row in rows:
			if row["manager_rated"]:
				row["rating"] = "100"  # permission level 1: the salesperson's value is ignored
		rated = self.put(self.resource("Sales Scorecard", name), {"kpis": rows}, headers=self.headers["Qian"])
		self.assertEqual(rated.status_code, 200, rated.json)
		frappe.db.commit()  # nosemgrep
		self.assertEqual(
			frappe.get_all("Sales Scorecard KPI", {"parent": name, "manager_rated": 1}, pluck="rating"),
			[None, None],
		)
		rows[0]["value"] = 999
		edited = self.put(
			self.resource("Sales Scorecard", name), {"kpis": rows}, headers=self.headers["Qian"]
		)
		self.assertEqual(edited.status_code, 417)
		self.assertIn("not edited by hand", json.dumps(edited.json))
		self.assertNotEqual(
			frappe.db.get_value("Sales Scorecard KPI", {"parent": name, "idx": 1}, "value"), 999
		)

	def test_review_steps_by_the_right_people(self):
		self.assertEqual(self.action("Zhou", "Zhou", "Release for Self Review").status_code, 403)  # own
		self.assertEqual(self.action("Li", "Zhou", "Release for Self Review").status_code, 200)
		self.assertEqual(
			self.action("Li", "Zhou", "Submit Self Review").status_code, 403
		)  # not the salesperson
		self.assertEqual(self.action("Zhou", "Zhou", "Submit Self Review").status_code, 200)
		early = self.action("Wang", "Zhou", "Send to Leadership")
		self.assertEqual(early.status_code, 417)
		self.assertIn("Rate every row", json.dumps(early.json))
		doc = self.get(
			self.resource("Sales Scorecard", self.card("Zhou")), headers=self.headers["Wang"]
		).json["data"]
		for row in doc["kpis"]:
			if row["manager_rated"]:
				row["rating"] = "90"
		rated = self.put(
			self.resource("Sales Scorecard", self.card("Zhou")),
			{"kpis": doc["kpis"], "manager_comment": "Steady month."},
			headers=self.headers["Wang"],
		)
		self.assertEqual(rated.status_code, 200, rated.json)
		self.assertEqual(
			[(r["rating"], r["achievement_pct"]) for r in rated.json["data"]["kpis"] if r["manager_rated"]],
			[("90", 90.0), ("90", 90.0)],
		)
		self.assertEqual(self.action("Wang", "Zhou", "Send to Leadership").status_code, 200)
		self.assertEqual(self.action("Wang", "Zhou", "Approve").status_code, 403)  # leadership approves
		self.assertEqual(self.action("Ma", "Zhou", "Approve").status_code, 200)
		frappe.db.commit()  # nosemgrep
		self.assertEqual(
			frappe.db.get_value("Sales Scorecard", self.card("Zhou"), ["status", "docstatus", "approved_by"]),
			("Approved", 1, MA.user),
		)
		waiting = self.post(
			self.method("sales_dept.services.scorecards.scorecards_waiting_for_me"),
			{},
			headers=self.headers["Zhou"],
		)
		self.assertEqual(waiting.json["message"]["value"], 0)

	def test_the_batch_twice_at_once_makes_each_scorecard_once(self):
		site = frappe.local.site
		barrier = threading.Barrier(2)

		def run():
			frappe.init(site=site)
			frappe.connect()
			try:
				frappe.set_user(PEOPLE["Wang"].user)
				barrier.wait()
				summary = generate(self.template, self.company, "2025-04-10")
				frappe.db.commit()  # nosemgrep
				return summary
			finally:
				frappe.destroy()

		threads = [ThreadWithReturnValue(target=run) for _ in range(2)]
		for thread in threads:
			thread.start()
		first, second = (thread.join() for thread in threads)
		frappe.db.commit()  # nosemgrep: see their commits
		april = frappe.get_all(
			"Sales Scorecard", {"template": self.template, "period_start": "2025-04-01"}, pluck="sales_person"
		)
		self.assertEqual(len(april), len(set(april)))
		self.assertEqual(sorted([first["made"], second["made"]])[0], 0)  # the second waited, then found them
		self.assertEqual(first["made"] + second["made"], len(april))
		rows = frappe.db.count(
			"Sales Scorecard KPI", {"parent": ["like", "SC-%"], "kpi": scoring.TARGET_COMPLETION}
		)
		self.assertGreaterEqual(rows, len(april))
