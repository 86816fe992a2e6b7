"""The rulebook's automatic checks (R6, R8, R9, R27) on seeded cases: a plan handed in late and one missing at
the meeting, a VIP customer overdue beyond its interval, a quotation submitted below the price policy while
the policy was off, a bid approved after its deadline. Each incident gives exactly one draft Penalty Record for
the manager, with its evidence, under the rule naming the check; running the checks again adds nothing, and
neither does a second run at the same moment."""

import threading
from datetime import timedelta
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, get_datetime, getdate, now_datetime, nowdate

from sales_dept.rules.conduct import LATE_PLAN, Incident
from sales_dept.rules.visits import week_start
from sales_dept.services.conduct_detection import detect, file_drafts, rules_by_detection, run_detection_now
from sales_dept.setup.records import acting_as, default_company
from sales_dept.tests.conduct_factories import make_conduct_people, user_of
from sales_dept.tests.factories import PEOPLE, make_customer, make_motor_policy, make_motor_quotation
from sales_dept.tests.visit_factories import SUBMIT_FOR_APPROVAL, make_tiered_customer, make_visit_plan

PLAN_NOW = "sales_dept.sales_dept.doctype.visit_plan.visit_plan.now_datetime"


def drafts_for(key: str) -> list[dict]:
	return frappe.get_all(
		"Penalty Record",
		filters={"incident_key": key},
		fields=[
			"name",
			"sales_person",
			"conduct_rule",
			"status",
			"docstatus",
			"detected",
			"reference_name",
			"proposed_action",
		],
	)


class TestDetection(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_conduct_people()
		make_motor_policy()
		cls.customer = make_customer("_Test SD Customer Zhou", "Zhou")

	def assertFiledOnce(self, key: str, sales_person_key: str, rule: str) -> dict:
		drafts = drafts_for(key)
		self.assertEqual(len(drafts), 1, key)
		draft = drafts[0]
		self.assertEqual(
			(draft.sales_person, draft.conduct_rule, draft.status, draft.docstatus, draft.detected),
			(PEOPLE[sales_person_key].sales_person, rule, "Draft", 0, 1),
		)
		self.assertTrue(frappe.db.exists("Penalty Evidence", {"parent": draft.name}))
		return draft

	def test_a_late_and_a_missing_plan_at_the_meeting(self):
		monday = add_days(week_start(getdate()), -7 * 37)  # a past week no other test plans
		plan = make_visit_plan("Zhou", monday, rows=[(self.customer, monday)])
		deadline = get_datetime(plan.deadline)
		with patch(PLAN_NOW, return_value=deadline + timedelta(hours=2)), acting_as(user_of("Zhou")):
			apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		now = deadline + timedelta(days=1)
		for _run in range(2):
			detect(today=now.date(), lookback_days=1, now=now)
		late = self.assertFiledOnce(f"plan:{PEOPLE['Zhou'].sales_person}:{monday}", "Zhou", "R8")
		self.assertEqual(late.reference_name, plan.name)
		missing = self.assertFiledOnce(f"plan:{PEOPLE['Qian'].sales_person}:{monday}", "Qian", "R8")
		self.assertEqual(missing.reference_name, PEOPLE["Qian"].sales_person)
		self.assertFalse(
			drafts_for(f"plan:{PEOPLE['Wang'].sales_person}:{monday}")
		)  # the manager plans no visits

	def test_a_vip_customer_overdue_beyond_its_interval(self):
		classified = add_days(nowdate(), -60)  # never visited since: due that day
		customer = make_tiered_customer("_Test SD Conduct VIP", "Qian", "VIP", classified_on=classified)
		result = detect()
		detect()
		draft = self.assertFiledOnce(f"overdue:{customer}:{getdate(classified)}", "Qian", "R6")
		self.assertEqual((draft.reference_name, draft.proposed_action), (customer, "Verbal Warning"))
		self.assertGreaterEqual(result["found"]["Customer Visit Overdue"], 1)

	def test_a_quotation_below_the_policy_made_while_it_was_off(self):
		with change_settings("Sales Dept Settings", {"enable_pricing_policy": 0}), acting_as(user_of("Zhou")):
			quotation = make_motor_quotation(10, customer=self.customer).insert()
			quotation.submit()
		within = make_motor_quotation(2, customer=self.customer)
		with acting_as(user_of("Zhou")):
			within.insert().submit()
		detect()
		detect()
		self.assertFiledOnce(f"Price Policy Broken:Quotation:{quotation.name}", "Zhou", "R9")
		self.assertFalse(drafts_for(f"Price Policy Broken:Quotation:{within.name}"))  # within his allowance

	def test_a_bid_approved_after_its_deadline(self):
		bid = frappe.get_doc(
			{
				"doctype": "Bid Review",
				"kind": "Tender",
				"title": "Late tender",
				"customer": self.customer,
				"company": default_company(),
				"submission_deadline": add_days(now_datetime(), 3),
				"lines": [{"description": "Gearbox", "qty": 1, "rate": 100}],
			}
		).insert()
		frappe.db.set_value(
			"Bid Review",
			bid.name,
			{
				"status": "Approved",
				"docstatus": 1,
				"approved_on": now_datetime(),
				"submission_deadline": add_days(now_datetime(), -1),
			},
		)
		on_time = frappe.copy_doc(bid).insert()
		frappe.db.set_value(
			"Bid Review",
			on_time.name,
			{
				"status": "Approved",
				"docstatus": 1,
				"approved_on": add_days(now_datetime(), -2),
				"submission_deadline": add_days(now_datetime(), -1),
			},
		)
		detect()
		detect()
		self.assertFiledOnce(f"Bid Handed In Late:Bid Review:{bid.name}", "Zhou", "R27")
		self.assertFalse(drafts_for(f"Bid Handed In Late:Bid Review:{on_time.name}"))

	def test_a_check_switched_off_finds_nothing_and_only_managers_run_it_now(self):
		with change_settings("Sales Dept Settings", {"enable_visit_plans": 0}):
			found = detect()["found"]
		self.assertNotIn(LATE_PLAN, found)
		self.assertNotIn("Customer Visit Overdue", found)
		with acting_as(user_of("Zhou")), self.assertRaises(frappe.PermissionError):
			run_detection_now()
		with acting_as(user_of("Wang")):
			self.assertTrue(run_detection_now())


class TestDetectionRunTwiceAtOnce(FrappeTestCase):
	"""Two runs filing the same incidents at the same moment, each in its own thread and database connection:
	one files them, the other adds nothing. The runs commit, so this class commits its fixtures and deletes
	what the runs filed."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_conduct_people()
		frappe.db.commit()  # nosemgrep: the threads read through their own connections

	def test_the_same_incident_is_never_filed_twice(self):
		stamp = frappe.generate_hash(length=8)
		incidents = [
			Incident(
				key=f"_tsd-concurrent:{stamp}:{n}",
				kind=LATE_PLAN,
				sales_person=PEOPLE["Qian"].sales_person,
				incident_date=getdate(add_days(nowdate(), -n)),
				reference_doctype="Sales Person",
				reference_name=PEOPLE["Qian"].sales_person,
				description="Concurrent run",
				evidence=(("Sales Person", PEOPLE["Qian"].sales_person),),
			)
			for n in range(1, 6)
		]
		site, sites_path = frappe.local.site, frappe.local.sites_path
		barrier, results = threading.Barrier(2), []

		def run():
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			try:
				frappe.set_user("Administrator")
				rules = rules_by_detection()
				barrier.wait()
				results.append(file_drafts(incidents, rules))
				frappe.db.commit()  # nosemgrep
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=run) for _n in range(2)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		frappe.db.rollback()  # see the threads' commits
		try:
			self.assertEqual(sorted(len(filed) for filed in results), [0, 5])
			for incident in incidents:
				self.assertEqual(len(drafts_for(incident.key)), 1)
				name = drafts_for(incident.key)[0].name
				self.assertEqual(frappe.db.count("Penalty Evidence", {"parent": name}), 1)
		finally:
			for incident in incidents:
				for row in drafts_for(incident.key):
					frappe.delete_doc("Penalty Record", row.name, force=True, ignore_permissions=True)
			frappe.db.commit()  # nosemgrep
