# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Visit plans through the desk path, as the salesperson (Zhou), their team leader (Li) and the sales
manager (Wang): rows, due customers, the approval workflow, the deadline, reminders."""

import json
from datetime import timedelta
from unittest.mock import patch

import frappe
from frappe.handler import run_doc_method
from frappe.model.workflow import apply_workflow, bulk_workflow_approval
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, getdate

from sales_dept.sales_dept.doctype.visit_plan.visit_plan import take_workflow_action
from sales_dept.services.visit_reminders import notify_overdue_vip_customers, remind_plans_due
from sales_dept.services.visits import due_customers
from sales_dept.setup.records import default_company
from sales_dept.setup.workflows import VISIT_PLAN_WORKFLOW, make_visit_plan_workflow
from sales_dept.tests.factories import make_customer, make_sales_org
from sales_dept.tests.visit_factories import (
	APPROVE,
	APPROVED,
	DRAFT,
	PENDING,
	RETURN,
	RETURNED,
	SUBMIT_FOR_APPROVAL,
	make_tiered_customer,
	make_visit_plan,
	make_visit_record,
)

TODAY = getdate()
THIS_MONDAY = TODAY - timedelta(days=TODAY.weekday())


def week(offset: int):
	"""The Monday `offset` weeks from this week's."""
	return THIS_MONDAY + timedelta(days=7 * offset)


# Zhou's VIP customer falls due on the Wednesday of this week, so only plans of Zhou from this week on
# must cover it; the other tests plan earlier weeks (or other people).
VIP_WEEK = week(40)
# The controller's clock (freezegun, behind FrappeTestCase.freeze_time, is not installed on every bench).
NOW = "sales_dept.sales_dept.doctype.visit_plan.visit_plan.now_datetime"


def notified(user: str, doctype: str, name: str) -> bool:
	return bool(
		frappe.db.exists(
			"Notification Log", {"for_user": user, "document_type": doctype, "document_name": name}
		)
	)


class VisitPlanTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_visit_plan_workflow()
		cls.zhou_a = make_customer("_Test SD VP Zhou A", "Zhou")
		cls.zhou_b = make_customer("_Test SD VP Zhou B", "Zhou")
		cls.qian_a = make_customer("_Test SD VP Qian A", "Qian")
		cls.li_a = make_customer("_Test SD VP Li A", "Li")
		cls.vip = make_tiered_customer("_Test SD VP Zhou VIP", "Zhou", "VIP", add_days(VIP_WEEK, 2))

	def as_user(self, key):
		return self.set_user(self.people[key].user)

	def new_plan(self, key, start, rows=(), period_type="Week"):
		return frappe.get_doc(
			{
				"doctype": "Visit Plan",
				"sales_person": self.people[key].sales_person,
				"company": default_company(),
				"period_type": period_type,
				"period_start": start,
				"visits": [
					{"customer": customer, "planned_date": day, "purpose": purpose}
					for customer, day, *rest in rows
					for purpose in [rest[0] if rest else "Revisit"]
				],
			}
		)

	def plans_of(self, key, start) -> int:
		return frappe.db.count(
			"Visit Plan", {"sales_person": self.people[key].sales_person, "period_start": getdate(start)}
		)


class TestVisitPlanInput(VisitPlanTestCase):
	"""Bad input: a translated message, nothing written."""

	def test_sound_plan_gets_its_period_deadline_team_and_totals(self):
		start = week(2)
		rows = [(self.zhou_a, start), (self.zhou_b, add_days(start, 1), "Collection")]
		with self.as_user("Zhou"):
			plan = self.new_plan("Zhou", start, rows).insert()
		self.assertEqual(getdate(plan.period_end), add_days(start, 6))
		self.assertEqual(plan.team, "_Test SD East")
		deadline = frappe.utils.get_datetime(plan.deadline)
		self.assertEqual((deadline.strftime("%A"), str(deadline.time())), ("Saturday", "09:00:00"))
		self.assertEqual(getdate(deadline), add_days(start, -2))
		self.assertEqual((plan.planned_visits, plan.revisit_visits, plan.collection_visits), (2, 1, 1))
		self.assertEqual(plan.workflow_state, DRAFT)

	def test_salesperson_defaults_to_the_current_user(self):
		with self.as_user("Zhou"):
			plan = self.new_plan("Zhou", week(3))
			plan.sales_person = None
			plan.insert()
		self.assertEqual(plan.sales_person, self.people["Zhou"].sales_person)

	def test_monthly_plan_runs_to_the_end_of_the_month(self):
		start = getdate("2031-02-01")
		with self.as_user("Zhou"):
			plan = self.new_plan("Zhou", start, [(self.zhou_a, "2031-02-28")], "Month").insert()
		self.assertEqual(getdate(plan.period_end), getdate("2031-02-28"))

	def test_period_start_must_be_a_monday(self):
		tuesday = add_days(week(4), 1)
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.ValidationError, "starts on a Monday"):
			self.new_plan("Zhou", tuesday).insert()
		self.assertEqual(self.plans_of("Zhou", tuesday), 0)

	def test_monthly_plan_must_start_on_the_first(self):
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.ValidationError, "first day of a month"):
			self.new_plan("Zhou", "2031-03-02", period_type="Month").insert()
		self.assertEqual(self.plans_of("Zhou", "2031-03-02"), 0)

	def test_rows_outside_the_period(self):
		start = week(21)
		with (
			self.as_user("Zhou"),
			self.assertRaisesRegex(frappe.ValidationError, "Row 1: .*outside the period"),
		):
			self.new_plan("Zhou", start, [(self.zhou_a, add_days(start, 7))]).insert()
		self.assertEqual(self.plans_of("Zhou", start), 0)

	def test_same_customer_twice_on_a_day(self):
		start = week(22)
		rows = [(self.zhou_a, start), (self.zhou_a, start, "Collection")]
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.ValidationError, "Row 2: .*already planned"):
			self.new_plan("Zhou", start, rows).insert()
		self.assertEqual(self.plans_of("Zhou", start), 0)

	def test_customer_not_served_only_for_new_customer_development(self):
		start = week(4)
		with (
			self.as_user("Zhou"),
			self.assertRaisesRegex(
				frappe.ValidationError, "Row 1: _Test SD VP Qian A is not served by _Test SD Zhou"
			),
		):
			self.new_plan("Zhou", start, [(self.qian_a, start)]).insert()
		self.assertEqual(self.plans_of("Zhou", start), 0)
		with self.as_user("Zhou"):
			plan = self.new_plan("Zhou", start, [(self.qian_a, start, "New Customer Development")]).insert()
		self.assertEqual(plan.new_customer_visits, 1)

	def test_one_plan_per_salesperson_and_period(self):
		start = week(5)
		with self.as_user("Zhou"):
			self.new_plan("Zhou", start).insert()
			with self.assertRaisesRegex(frappe.ValidationError, "already has a plan for the week"):
				self.new_plan("Zhou", start).insert()
		self.assertEqual(self.plans_of("Zhou", start), 1)
		with self.as_user("Qian"):
			self.new_plan("Qian", start).insert()  # someone else's plan for the same week is fine

	def test_waived_row_needs_a_reason(self):
		start = week(5)
		plan = self.new_plan("Qian", start, [(self.qian_a, start)])
		plan.visits[0].waived = 1
		with self.as_user("Qian"), self.assertRaisesRegex(frappe.ValidationError, "say why the visit"):
			plan.insert()

	def test_salesperson_files_only_their_own_plan(self):
		start = week(6)
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.PermissionError, "your own Sales Person"):
			self.new_plan("Qian", start).insert()
		self.assertEqual(self.plans_of("Qian", start), 0)
		with self.as_user("Li"):
			self.new_plan("Zhou", start).insert()  # a team leader files for the people they lead

	def test_a_team_files_no_plan(self):
		plan = self.new_plan("Zhou", week(6))
		plan.sales_person = "_Test SD East"
		with self.assertRaisesRegex(frappe.ValidationError, "is a team"):
			plan.insert()
		self.assertEqual(frappe.db.count("Visit Plan", {"sales_person": "_Test SD East"}), 0)


class TestDueCustomers(VisitPlanTestCase):
	def test_add_due_customers_fills_the_due_vip_once(self):
		with self.as_user("Zhou"):
			plan = self.new_plan("Zhou", VIP_WEEK, [(self.zhou_a, VIP_WEEK)])
			self.assertEqual(plan.add_due_customers(), 1)
			self.assertEqual(plan.add_due_customers(), 0)
			plan.insert()
		vip_rows = [row for row in plan.visits if row.customer == self.vip]
		self.assertEqual(len(vip_rows), 1)
		self.assertEqual(getdate(vip_rows[0].planned_date), add_days(VIP_WEEK, 2))
		self.assertEqual(vip_rows[0].customer_tier, "VIP")
		self.assertEqual(plan.planned_visits, 2)
		plan.delete(ignore_permissions=True)

	def test_add_due_customers_from_the_form(self):
		"""The desk path: the unsaved form is sent to the whitelisted method and comes back with the rows."""
		start = add_days(VIP_WEEK, 14)
		form = self.new_plan("Zhou", start, [(self.zhou_a, start)]).as_dict(convert_dates_to_str=True)
		form.update({"name": "new-visit-plan-1", "__islocal": 1})
		frappe.local.response = frappe._dict(docs=[])
		frappe.local.request = frappe._dict(method="POST")
		self.addCleanup(delattr, frappe.local, "request")
		with self.as_user("Zhou"):
			run_doc_method("add_due_customers", docs=json.dumps(form))
		self.assertEqual(frappe.response.message, 1)
		self.assertIn(self.vip, [row.customer for row in frappe.response.docs[-1].visits])
		self.assertEqual(self.plans_of("Zhou", start), 0)  # nothing saved

	def test_not_due_before_its_week_and_overdue_after(self):
		sp = self.people["Zhou"].sales_person
		self.assertNotIn(self.vip, [d.customer for d in due_customers(sp, add_days(VIP_WEEK, -1))])
		self.assertIn(self.vip, [d.customer for d in due_customers(sp, add_days(VIP_WEEK, 30))])

	def test_last_visit_moves_the_due_date(self):
		customer = make_tiered_customer("_Test SD VP Qian L1", "Qian", "Level 1", add_days(TODAY, -100))
		sp = self.people["Qian"].sales_person
		self.assertIn(customer, [d.customer for d in due_customers(sp, TODAY)])
		make_visit_record("Qian", customer, visit_date=add_days(TODAY, -10))
		due = {d.customer: d.due for d in due_customers(sp, add_days(TODAY, 60))}
		self.assertEqual(due[customer], add_days(TODAY, 50))  # Level 1: every 60 days

	def test_two_queries_whatever_the_number_of_customers(self):
		for n in range(3):
			make_tiered_customer(f"_Test SD VP Qian VIP {n}", "Qian", "VIP", TODAY)
		with self.assertQueryCount(2):
			due = due_customers(self.people["Qian"].sales_person, add_days(TODAY, 7))
		self.assertGreaterEqual(len(due), 3)

	def test_submit_for_approval_blocked_until_the_due_vip_is_planned_or_waived(self):
		plan = make_visit_plan("Zhou", VIP_WEEK, rows=[(self.zhou_a, VIP_WEEK)])
		with (
			self.as_user("Zhou"),
			self.assertRaisesRegex(frappe.ValidationError, "_Test SD VP Zhou VIP \\(VIP\\)"),
		):
			apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		self.assertEqual(frappe.db.get_value("Visit Plan", plan.name, "workflow_state"), DRAFT)

		plan.reload()
		plan.append(
			"visits",
			{
				"customer": self.vip,
				"planned_date": VIP_WEEK,
				"waived": 1,
				"waive_reason": "Visited at the fair",
			},
		)
		with self.as_user("Zhou"):
			plan.save()
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		self.assertEqual(plan.workflow_state, PENDING)
		self.assertEqual(plan.planned_visits, 1)  # the waived row is not a visit

	@change_settings("Sales Dept Settings", {"enable_visit_plans": 0})
	def test_switched_off_no_coverage_check(self):
		plan = make_visit_plan("Zhou", add_days(VIP_WEEK, 7), rows=[(self.zhou_a, add_days(VIP_WEEK, 7))])
		with self.as_user("Zhou"):
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		self.assertEqual(plan.workflow_state, PENDING)

	def test_monthly_plans_are_not_held_up_by_due_customers(self):
		start = VIP_WEEK.replace(day=1) + timedelta(days=62)
		start = start.replace(day=1)
		plan = make_visit_plan("Zhou", start, rows=[(self.zhou_a, start)], period_type="Month")
		with self.as_user("Zhou"):
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		self.assertEqual(plan.workflow_state, PENDING)


class TestVisitPlanApproval(VisitPlanTestCase):
	def submitted(self, key, offset, rows=None):
		start = week(offset)
		customer = {"Zhou": self.zhou_a, "Qian": self.qian_a, "Li": self.li_a}[key]
		return make_visit_plan(key, start, rows=rows or [(customer, start)], submit_for_approval=True)

	def test_workflow_is_seeded_once_from_the_settings(self):
		workflow = frappe.get_doc("Workflow", VISIT_PLAN_WORKFLOW)
		self.assertEqual((workflow.document_type, workflow.is_active), ("Visit Plan", 1))
		approve_roles = {t.allowed for t in workflow.transitions if t.action == APPROVE}
		self.assertEqual(approve_roles, {"Sales Team Leader", "Sales Manager"})
		self.assertEqual(make_visit_plan_workflow(), VISIT_PLAN_WORKFLOW)
		self.assertEqual(frappe.db.count("Workflow", {"document_type": "Visit Plan"}), 1)

	def test_leader_approves_the_team_plan(self):
		plan = self.submitted("Zhou", 8)
		self.assertTrue(plan.submitted_on)
		self.assertTrue(notified(self.people["Li"].user, "Visit Plan", plan.name))
		with self.as_user("Li"):
			plan = apply_workflow(plan, APPROVE)
		self.assertEqual((plan.docstatus, plan.workflow_state), (1, APPROVED))
		self.assertEqual(plan.approved_by, self.people["Li"].user)
		self.assertTrue(notified(self.people["Zhou"].user, "Visit Plan", plan.name))

	def test_late_after_the_meeting(self):
		start = week(9)
		plan = make_visit_plan("Zhou", start, rows=[(self.zhou_a, start)])
		deadline = frappe.utils.get_datetime(plan.deadline)
		with patch(NOW, return_value=deadline + timedelta(minutes=5)), self.as_user("Zhou"):
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		self.assertEqual(plan.is_late, 1)
		self.assertEqual(frappe.utils.get_datetime(plan.submitted_on), deadline + timedelta(minutes=5))

		start = week(10)
		plan = make_visit_plan("Zhou", start, rows=[(self.zhou_a, start)])
		with patch(NOW, return_value=frappe.utils.get_datetime(plan.deadline)), self.as_user("Zhou"):
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		self.assertEqual(plan.is_late, 0)  # at the meeting itself is still in time

	def test_nobody_approves_their_own_plan(self):
		start = week(8)
		plan = self.new_plan("Li", start, [(self.li_a, start)]).insert()  # filed by Administrator
		with self.as_user("Li"):
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
			with self.assertRaisesRegex(frappe.PermissionError, "your own visit plan"):
				apply_workflow(plan, APPROVE)
		self.assertEqual(
			frappe.db.get_value("Visit Plan", plan.name, ["docstatus", "workflow_state"]), (0, PENDING)
		)
		with self.as_user("Wang"):  # Li's own leader is the department head, who is a sales manager
			self.assertEqual(apply_workflow(plan, APPROVE).docstatus, 1)

	def test_leader_of_another_team_cannot_reach_the_plan(self):
		plan = self.submitted("Zhou", 11)
		with self.as_user("Zhao"), self.assertRaises(frappe.PermissionError):
			apply_workflow(plan, APPROVE)
		self.assertEqual(frappe.db.get_value("Visit Plan", plan.name, "docstatus"), 0)

	@change_settings("Sales Dept Settings", {"visit_plan_approver": "Sales Manager"})
	def test_only_sales_managers_approve_when_the_setting_says_so(self):
		plan = self.submitted("Zhou", 12)
		with self.as_user("Li"), self.assertRaisesRegex(frappe.PermissionError, "Only a sales manager"):
			apply_workflow(plan, APPROVE)
		self.assertEqual(frappe.db.get_value("Visit Plan", plan.name, "docstatus"), 0)
		with self.as_user("Wang"):
			self.assertEqual(apply_workflow(plan, APPROVE).approved_by, self.people["Wang"].user)

	def test_return_needs_a_comment_and_goes_back_to_the_salesperson(self):
		plan = self.submitted("Zhou", 13)
		with self.as_user("Li"):
			with self.assertRaisesRegex(frappe.ValidationError, "needs the approver's comment"):
				apply_workflow(plan, RETURN)  # the list's bulk action, or a client without a comment
			with self.assertRaisesRegex(frappe.ValidationError, "needs the approver's comment"):
				take_workflow_action(plan.name, RETURN, "  ")
			self.assertEqual(frappe.db.get_value("Visit Plan", plan.name, "workflow_state"), PENDING)
			take_workflow_action(plan.name, RETURN, "Visit the new site in Pudong too.")
		plan.reload()
		self.assertEqual(
			(plan.workflow_state, plan.docstatus, plan.approver_comment),
			(RETURNED, 0, "Visit the new site in Pudong too."),
		)
		self.assertTrue(notified(self.people["Zhou"].user, "Visit Plan", plan.name))
		with self.as_user("Zhou"):
			plan.append("visits", {"customer": self.zhou_b, "planned_date": week(13)})
			plan.approver_comment = "Done, boss"  # the salesperson cannot write the approver's comment
			plan.save()
			self.assertEqual(plan.approver_comment, "Visit the new site in Pudong too.")
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
		self.assertEqual(plan.workflow_state, PENDING)

		with self.as_user("Li"):  # a second send-back asks for its own comment
			with self.assertRaisesRegex(frappe.ValidationError, "needs the approver's comment"):
				take_workflow_action(plan.name, RETURN)
			take_workflow_action(plan.name, RETURN, "Also the Minhang warehouse.")
		self.assertEqual(
			frappe.db.get_value("Visit Plan", plan.name, "approver_comment"), "Also the Minhang warehouse."
		)
		with self.as_user("Zhou"):
			apply_workflow(frappe.get_doc("Visit Plan", plan.name), SUBMIT_FOR_APPROVAL)
		with self.as_user("Li"):
			take_workflow_action(plan.name, APPROVE)
		plan.reload()
		self.assertEqual((plan.workflow_state, plan.docstatus, plan.approver_comment), (APPROVED, 1, None))
		history = frappe.get_all(
			"Comment",
			{"reference_doctype": "Visit Plan", "reference_name": plan.name, "comment_type": "Comment"},
			pluck="content",
			order_by="creation",
		)
		self.assertEqual(
			history,
			["Sent Back: Visit the new site in Pudong too.", "Sent Back: Also the Minhang warehouse."],
		)

	def test_a_notification_speaks_its_recipients_language(self):
		leader = self.people["Li"].user
		frappe.db.set_value("User", leader, "language", "zh")
		frappe.clear_cache(user=leader)
		try:
			plan = self.submitted("Zhou", 21)  # Zhou's language is English
		finally:
			frappe.db.set_value("User", leader, "language", None)
			frappe.clear_cache(user=leader)
		subject = frappe.db.get_value(
			"Notification Log", {"for_user": leader, "document_name": plan.name}, "subject"
		)
		self.assertIn("等待您审批", subject)

	def test_a_leader_who_hands_in_a_plan_does_not_approve_it(self):
		from sales_dept.services.decisions import offered_transitions

		start = week(22)
		with self.as_user("Li"):  # a team leader files a plan for someone they lead
			plan = self.new_plan("Zhou", start, [(self.zhou_a, start)]).insert()
			self.assertEqual([t.action for t in offered_transitions(plan)], [SUBMIT_FOR_APPROVAL])
			plan = apply_workflow(plan, SUBMIT_FOR_APPROVAL)
			self.assertEqual(plan.handed_in_by, self.people["Li"].user)
			self.assertEqual([t.action for t in offered_transitions(plan)], [])
			with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
				take_workflow_action(plan.name, APPROVE)  # Frappe's own check comes first: Li made it
		self.assertEqual(frappe.db.get_value("Visit Plan", plan.name, "workflow_state"), PENDING)
		with self.as_user("Wang"):
			self.assertEqual(sorted(t.action for t in offered_transitions(plan)), [APPROVE, RETURN])
			take_workflow_action(plan.name, APPROVE)
		self.assertEqual(frappe.db.get_value("Visit Plan", plan.name, "workflow_state"), APPROVED)

	def test_a_decision_on_a_page_left_open_is_refused_as_decided_meanwhile(self):
		plan = self.submitted("Zhou", 24)
		with self.as_user("Wang"):  # the manager decides first
			take_workflow_action(plan.name, APPROVE, state=PENDING)
		with self.as_user("Li"):  # the leader's page still shows the plan pending
			with self.assertRaisesRegex(frappe.ValidationError, r"was decided meanwhile \(Approved\)"):
				take_workflow_action(plan.name, RETURN, "Add the Pudong site", state=PENDING)
			with self.assertRaisesRegex(frappe.PermissionError, "is not an action you can take"):
				take_workflow_action(plan.name, RETURN, "Add the Pudong site")  # no page state: as before
		state, comment = frappe.db.get_value("Visit Plan", plan.name, ["workflow_state", "approver_comment"])
		self.assertEqual((state, comment), (APPROVED, None))

	def test_the_leader_who_sent_a_plan_back_is_not_offered_to_hand_it_in(self):
		from sales_dept.services.decisions import offered_transitions

		plan = self.submitted("Zhou", 23)  # made and handed in by Zhou
		with self.as_user("Li"):
			take_workflow_action(plan.name, RETURN, "Add the Pudong site")
			plan = frappe.get_doc("Visit Plan", plan.name)
			plan.run_method("onload")
			self.assertEqual(
				([t.action for t in offered_transitions(plan)], plan.get_onload().may_hand_in), ([], False)
			)
			with self.assertRaisesRegex(frappe.PermissionError, "or whoever filed the plan for them"):
				apply_workflow(plan, SUBMIT_FOR_APPROVAL)  # nor over the API
			form = frappe.get_doc("Visit Plan", plan.name).as_json()  # as the form sends it
			frappe.local.request = frappe._dict(method="POST")
			self.addCleanup(delattr, frappe.local, "request")
			with self.assertRaisesRegex(frappe.PermissionError, "or whoever filed the plan for them"):
				run_doc_method("add_due_customers", docs=form)
		self.assertEqual(frappe.db.get_value("Visit Plan", plan.name, "workflow_state"), RETURNED)
		with self.as_user("Zhou"):
			plan = frappe.get_doc("Visit Plan", plan.name)
			plan.run_method("onload")
			self.assertEqual(
				([t.action for t in offered_transitions(plan)], plan.get_onload().may_hand_in),
				([SUBMIT_FOR_APPROVAL], True),
			)
			self.assertEqual(apply_workflow(plan, SUBMIT_FOR_APPROVAL).workflow_state, PENDING)

	def test_bulk_send_back_without_a_comment_changes_nothing(self):
		plan = self.submitted("Zhou", 17)
		with self.as_user("Wang"), patch.object(frappe.db, "commit"):
			savepoint = "sd_bulk_send_back"
			frappe.db.savepoint(savepoint)
			rollback = frappe.db.rollback
			with patch.object(frappe.db, "rollback", lambda **kwargs: rollback(save_point=savepoint)):
				bulk_workflow_approval(json.dumps([plan.name]), "Visit Plan", RETURN)
		self.assertEqual(frappe.db.get_value("Visit Plan", plan.name, "workflow_state"), PENDING)

	def test_an_empty_plan_is_not_handed_in_but_one_that_waives_every_due_customer_is(self):
		start = week(18)
		empty = make_visit_plan("Zhou", start, rows=[])
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.ValidationError, "The plan has no visits"):
			apply_workflow(empty, SUBMIT_FOR_APPROVAL)
		self.assertEqual(frappe.db.get_value("Visit Plan", empty.name, "workflow_state"), DRAFT)

		waived = make_visit_plan("Qian", start, rows=[])
		waived.append(
			"visits",
			{
				"customer": self.qian_a,
				"planned_date": start,
				"waived": 1,
				"waive_reason": "Closed for the holiday",
			},
		)
		with self.as_user("Qian"):
			waived.save()
			waived = apply_workflow(waived, SUBMIT_FOR_APPROVAL)
			self.assertEqual(waived.workflow_state, PENDING)
			waived.run_method("onload")
			self.assertTrue(waived.get_onload().all_waived)

	def test_the_form_knows_which_decisions_need_a_comment(self):
		plan = self.submitted("Zhou", 19)
		with self.as_user("Li"):
			plan = frappe.get_doc("Visit Plan", plan.name)
			plan.run_method("onload")
		self.assertEqual(
			(plan.get_onload().awaiting_decision, plan.get_onload().actions_needing_comment), (True, [RETURN])
		)

	def test_salesperson_cannot_change_a_pending_plan(self):
		plan = self.submitted("Zhou", 14)
		plan.reload()
		plan.visits[0].goal = "Sneaky change"
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.PermissionError, "waits for approval"):
			plan.save()
		self.assertIsNone(frappe.db.get_value("Visit Plan Row", plan.visits[0].name, "goal"))

	def test_manager_approves_many_plans_at_once_from_the_list(self):
		plans = [self.submitted("Zhou", 15), self.submitted("Qian", 15)]
		names = [plan.name for plan in plans]
		# Frappe commits after each document; keep the test's transaction instead.
		with (
			self.as_user("Wang"),
			patch.object(frappe.db, "commit") as commit,
			patch.object(frappe.db, "rollback") as rollback,
		):
			bulk_workflow_approval(json.dumps(names), "Visit Plan", APPROVE)
		rollback.assert_not_called()
		self.assertEqual(commit.call_count, 2)
		for name in names:
			self.assertEqual(
				frappe.db.get_value("Visit Plan", name, ["docstatus", "workflow_state"]), (1, APPROVED)
			)

	def test_approved_plan_cannot_be_edited(self):
		start = week(16)
		plan = make_visit_plan("Zhou", start, rows=[(self.zhou_a, start)], approve=True)
		plan.reload()
		plan.visits[0].planned_date = add_days(start, 1)
		with self.as_user("Li"), self.assertRaises(frappe.UpdateAfterSubmitError):
			plan.save()
		self.assertEqual(
			getdate(frappe.db.get_value("Visit Plan Row", plan.visits[0].name, "planned_date")), start
		)

	def test_previous_period_figures_stay_live_until_approval(self):
		previous, current = week(-6), week(-5)
		plan = make_visit_plan("Qian", previous, rows=[(self.qian_a, previous)], approve=True)
		following = make_visit_plan("Qian", current, rows=[(self.qian_a, current)], submit_for_approval=True)
		self.assertEqual((following.previous_planned, following.previous_done), (1, 0))
		make_visit_record("Qian", row=plan.visits[0])  # recorded after the plan was handed in
		pending = frappe.get_doc("Visit Plan", following.name)
		pending.run_method("onload")
		self.assertEqual((pending.previous_done, pending.previous_execution_pct), (1, 100.0))
		with self.as_user("Zhao"):
			take_workflow_action(following.name, APPROVE)
		self.assertEqual(frappe.db.get_value("Visit Plan", following.name, "previous_done"), 1)

	def test_previous_period_summary(self):
		previous, current = week(-3), week(-2)
		plan = make_visit_plan(
			"Qian",
			previous,
			rows=[(self.qian_a, previous), (self.qian_a, add_days(previous, 1))],
			approve=True,
		)
		make_visit_record("Qian", row=plan.visits[0])
		make_visit_record("Qian", self.qian_a, visit_date=add_days(previous, 3))  # unplanned
		make_visit_record("Qian", self.qian_a, visit_date=add_days(previous, 7))  # in the next period
		following = make_visit_plan("Qian", current, rows=[(self.qian_a, current)])
		self.assertEqual(following.previous_plan, plan.name)
		self.assertEqual(
			(
				following.previous_planned,
				following.previous_done,
				following.previous_unplanned,
				following.previous_execution_pct,
			),
			(2, 1, 1, 50.0),
		)


class TestVisitPlanPermissions(VisitPlanTestCase):
	def test_each_sees_their_own_their_team_or_everyone(self):
		start = week(20)
		names = {
			key: make_visit_plan(key, start, rows=[(customer, start)]).name
			for key, customer in (("Zhou", self.zhou_a), ("Qian", self.qian_a), ("Li", self.li_a))
		}

		def visible(key):
			with self.as_user(key):
				return set(frappe.get_list("Visit Plan", {"period_start": start}, pluck="name"))

		self.assertEqual(visible("Zhou"), {names["Zhou"]})
		self.assertEqual(visible("Li"), {names["Zhou"], names["Li"]})
		self.assertEqual(visible("Zhao"), {names["Qian"]})
		self.assertEqual(visible("Wang"), set(names.values()))
		with self.as_user("Zhou"):
			self.assertFalse(frappe.has_permission("Visit Plan", "read", names["Qian"]))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Visit Plan", names["Qian"]).check_permission("read")


class TestVisitReminders(VisitPlanTestCase):
	def test_reminder_the_day_before_the_meeting_to_those_without_a_handed_in_plan(self):
		next_week = week(1)
		make_visit_plan("Qian", next_week, rows=[(self.qian_a, next_week)], submit_for_approval=True)
		draft = make_visit_plan("Zhou", next_week, rows=[(self.zhou_a, next_week)])
		friday = add_days(next_week, -3)
		self.assertEqual(remind_plans_due(add_days(friday, -1)), [])  # Thursday: not yet
		reminded = remind_plans_due(friday)
		self.assertIn(self.people["Zhou"].user, reminded)
		self.assertIn(self.people["Li"].user, reminded)
		self.assertNotIn(self.people["Qian"].user, reminded)
		self.assertTrue(notified(self.people["Zhou"].user, "Visit Plan", draft.name))

	@change_settings("Sales Dept Settings", {"enable_visit_plans": 0})
	def test_switched_off_nobody_is_reminded(self):
		self.assertEqual(remind_plans_due(add_days(week(1), -3)), [])
		self.assertEqual(notify_overdue_vip_customers(TODAY), {})

	def test_team_leader_hears_of_an_overdue_customer_once(self):
		due_on = add_days(TODAY, -40)
		customer = make_tiered_customer("_Test SD VP Zhou VIP Overdue", "Zhou", "VIP", due_on)
		li = self.people["Li"].user
		self.assertIn(customer, notify_overdue_vip_customers(add_days(due_on, 1)).get(li, []))
		self.assertTrue(notified(li, "Customer", customer))
		self.assertNotIn(customer, notify_overdue_vip_customers(add_days(due_on, 2)).get(li, []))
		self.assertNotIn(customer, notify_overdue_vip_customers(due_on).get(li, []))
