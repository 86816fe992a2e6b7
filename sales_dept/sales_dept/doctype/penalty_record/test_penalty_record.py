# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Penalty records (rulebook R13) through the desk path: the ladder's proposal, the manager's approval and
leadership's where needed, acknowledgement and appeal by the person concerned only, cancellation with a reason,
the bad inputs that write nothing, and who sees what (R11): self, peer, team leader, manager, HR."""

import frappe
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_user_lang, print_language
from frappe.utils import add_days, nowdate

from sales_dept.sales_dept.doctype.penalty_record.penalty_record import take_workflow_action
from sales_dept.sales_dept.report.conduct_summary.conduct_summary import execute as conduct_summary
from sales_dept.services.conduct import heading_of, penalties_awaiting_decision_of
from sales_dept.services.decisions import offered_transitions
from sales_dept.setup.records import acting_as, default_company
from sales_dept.tests.conduct_factories import (
	DIRECTOR,
	HR,
	approved_penalty,
	decide,
	file_penalty,
	make_conduct_people,
	make_test_rule,
	user_of,
)
from sales_dept.tests.factories import PEOPLE

RULE = "_TSD-PEN"


def count() -> int:
	return frappe.db.count("Penalty Record", {"conduct_rule": ("like", "_TSD-%")})


class PenaltyTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_conduct_people()
		make_test_rule(RULE, window_days=90, max_fine=1000)

	def assertRefused(self, exc, make):
		"""`make()` raises `exc` and leaves no penalty behind."""
		before = count()
		with self.assertRaises(exc):
			make()
		self.assertEqual(count(), before)


class TestPenaltyFlow(PenaltyTestCase):
	def test_the_ladder_proposes_by_offences_in_the_window(self):
		first = file_penalty("Zhao", RULE, incident_date=add_days(nowdate(), -200))
		self.assertEqual(
			(first.offence_number, first.proposed_action, first.action),
			(1, "Verbal Warning", "Verbal Warning"),
		)
		decide(first, "Approve", "Wang")
		old_one_aside = file_penalty("Zhao", RULE, incident_date=add_days(nowdate(), -20))
		self.assertEqual(old_one_aside.offence_number, 1)  # 180 days apart: outside the 90-day window
		decide(old_one_aside, "Approve", "Wang")
		second = file_penalty("Zhao", RULE, incident_date=add_days(nowdate(), -10))
		self.assertEqual((second.offence_number, second.proposed_action), (2, "Written Warning"))
		decide(second, "Approve", "Wang")
		third = file_penalty("Zhao", RULE)
		self.assertEqual((third.offence_number, third.proposed_action, third.proposed_fine), (3, "Fine", 200))
		self.assertEqual((third.action, third.fine_amount, third.needs_leadership), ("Fine", 200, 0))
		self.assertEqual(third.rule_version, frappe.db.get_value("Conduct Rule", RULE, "version_in_force"))

	def test_the_form_shows_the_proposal_the_approval_checks(self):
		"""A draft filed as a first offence (a verbal warning) while another of the same rule waits: once
		that one is approved, the draft is the second offence. The form shows what approving it records."""
		rule = make_test_rule("_TSD-MOVE", window_days=90, max_fine=1000)
		waiting = file_penalty("Zhao", rule, incident_date=add_days(nowdate(), -3))
		earlier = file_penalty("Zhao", rule, incident_date=add_days(nowdate(), -5))
		self.assertEqual((waiting.offence_number, waiting.action), (1, "Verbal Warning"))
		decide(earlier, "Approve", "Wang")

		with acting_as(user_of("Wang")):
			shown = frappe.get_doc("Penalty Record", waiting.name)
			shown.run_method("onload")
		self.assertTrue(shown.get_onload().get("proposal_moved"))
		self.assertEqual(
			(shown.offence_number, shown.proposed_action, shown.action),
			(2, "Written Warning", "Written Warning"),
		)
		with acting_as(user_of("Wang")):
			take_workflow_action(waiting.name, "Approve")
		approved = frappe.get_doc("Penalty Record", waiting.name)
		self.assertEqual(
			(approved.status, approved.offence_number, approved.proposed_action, approved.action),
			("Approved", 2, "Written Warning", "Written Warning"),
		)

		# an action chosen apart from the proposal, with a reason, stays as chosen
		chosen = file_penalty(
			"Zhao", rule, action="Fine", fine_amount=150, deviation_reason="Third time this quarter."
		)
		self.assertEqual(chosen.offence_number, 3)
		decide(approved_penalty("Zhao", rule, incident_date=add_days(nowdate(), -1)), "Acknowledge", "Zhao")
		with acting_as(user_of("Wang")):
			take_workflow_action(chosen.name, "Approve")
		self.assertEqual(
			frappe.db.get_value(
				"Penalty Record", chosen.name, ["status", "offence_number", "action", "fine_amount"]
			),
			("Approved", 4, "Fine", 150),
		)

	def test_manager_approves_and_the_person_acknowledges(self):
		penalty = file_penalty("Zhou", RULE)
		self.assertEqual((penalty.status, penalty.docstatus, penalty.team), ("Draft", 0, "_Test SD East"))
		penalty = decide(penalty, "Approve", "Wang", "Second late report this month.")
		self.assertEqual((penalty.status, penalty.docstatus), ("Approved", 1))
		self.assertEqual(penalty.approved_by, user_of("Wang"))
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": user_of("Zhou"), "document_name": penalty.name})
		)
		self.assertFalse(
			frappe.db.exists("Notification Log", {"for_user": user_of("Qian"), "document_name": penalty.name})
		)
		with self.assertRaises(frappe.PermissionError):  # a peer reaches neither the record nor its actions
			decide(penalty, "Acknowledge", "Qian")
		with self.assertRaises(frappe.PermissionError):  # the manager does not acknowledge for the person
			decide(penalty, "Acknowledge", "Wang")
		penalty = decide(penalty, "Acknowledge", "Zhou")
		self.assertEqual(penalty.status, "Acknowledged")
		self.assertTrue(penalty.acknowledged_on)

	def test_suspension_and_large_fines_need_leadership(self):
		penalty = file_penalty(
			"Zhou", RULE, action="Suspension", suspension_days=2, deviation_reason="Rude to a customer."
		)
		self.assertEqual(penalty.needs_leadership, 1)
		penalty = decide(penalty, "Approve", "Wang")
		self.assertEqual(
			(penalty.status, penalty.docstatus, penalty.approved_by),
			("Pending Leadership", 0, user_of("Wang")),
		)
		with self.assertRaises(frappe.PermissionError):  # no approval step for the manager from here
			decide(penalty, "Approve", "Wang")
		penalty = decide(penalty, "Approve", DIRECTOR)
		self.assertEqual(
			(penalty.status, penalty.docstatus, penalty.leadership_approved_by), ("Approved", 1, DIRECTOR)
		)

		fine = file_penalty("Zhou", RULE, action="Fine", fine_amount=1000, deviation_reason="Repeated.")
		self.assertEqual(fine.needs_leadership, 0)  # at the threshold the manager decides alone
		big = file_penalty("Zhou", RULE, action="Fine", fine_amount=1000, deviation_reason="Repeated.")
		with frappe.tests.utils.change_settings("Sales Dept Settings", {"fine_needing_leadership": 500}):
			big.save()
			self.assertEqual(big.needs_leadership, 1)

	def test_an_appeal_goes_to_leadership(self):
		penalty = approved_penalty("Zhou", RULE)
		with self.assertRaises(frappe.ValidationError):
			decide(penalty, "Appeal", "Zhou")  # an appeal says why
		penalty = decide(penalty, "Appeal", "Zhou", "The customer moved the meeting.")
		self.assertEqual(
			(penalty.status, penalty.appeal_reason), ("Appealed", "The customer moved the meeting.")
		)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": DIRECTOR, "document_name": penalty.name})
		)
		with self.assertRaises(frappe.PermissionError):
			decide(penalty, "Uphold", "Wang")  # appeals are leadership's
		with self.assertRaises(frappe.ValidationError):
			decide(penalty, "Revoke", DIRECTOR)  # a revocation says why
		penalty = decide(penalty, "Revoke", DIRECTOR, "The meeting was moved by the customer.")
		self.assertEqual((penalty.status, penalty.appeal_decided_by), ("Revoked", DIRECTOR))

	def test_nobody_decides_their_own_record(self):
		about_wang = file_penalty("Wang", RULE, by=DIRECTOR)
		with self.assertRaises(frappe.PermissionError) as refused:
			decide(about_wang, "Approve", "Wang")
		self.assertIn("about yourself", str(refused.exception))
		self.assertEqual(frappe.db.get_value("Penalty Record", about_wang.name, "status"), "Draft")
		self.assertRefused(frappe.PermissionError, lambda: file_penalty("Zhou", RULE, by="Zhou"))
		self.assertRefused(
			frappe.PermissionError, lambda: file_penalty("Qian", RULE, by="Li")
		)  # not his team
		by_leader = file_penalty("Zhou", RULE, by="Li")  # his team: he proposes, the manager decides
		with self.assertRaises(frappe.PermissionError):
			decide(by_leader, "Approve", "Li")

	def test_cancel_and_dismiss_need_a_reason(self):
		penalty = approved_penalty("Zhou", RULE)
		with self.assertRaises(frappe.ValidationError):
			decide(penalty, "Cancel", "Wang")
		with self.assertRaises(frappe.ValidationError), acting_as(user_of("Wang")):
			frappe.get_doc("Penalty Record", penalty.name).cancel()  # Frappe's own Cancel asks for no reason
		self.assertEqual(frappe.db.get_value("Penalty Record", penalty.name, "docstatus"), 1)
		penalty = decide(penalty, "Cancel", "Wang", "Filed against the wrong person.")
		self.assertEqual(
			(penalty.status, penalty.docstatus, penalty.cancel_reason),
			("Cancelled", 2, "Filed against the wrong person."),
		)
		draft = file_penalty("Zhou", RULE)
		with self.assertRaises(frappe.ValidationError):
			decide(draft, "Dismiss", "Wang")
		self.assertEqual(
			decide(draft, "Dismiss", "Wang", "The plan was handed in by e-mail.").status, "Dismissed"
		)

	def test_penalties_cite_the_rulebooks_article_and_title_not_our_id(self):
		rule = make_test_rule("_TSD-CITE", title="Reports on time", title_zh="按时提交报告")
		penalty = approved_penalty("Zhou", rule)
		subject = frappe.db.get_value(
			"Notification Log", {"for_user": user_of("Zhou"), "document_name": penalty.name}, "subject"
		)
		for language, cited in (("en", "第十二条 Reports on time"), ("zh", "第十二条 按时提交报告")):
			with print_language(language):
				self.assertEqual(heading_of(rule), cited)
		with print_language(get_user_lang(user_of("Zhou"))):
			self.assertIn(heading_of(rule), subject)  # in the reader's language
		self.assertNotIn(rule, subject)
		self.assertEqual(penalty.rule_title, "第十二条 按时提交报告")  # as the rulebook writes it
		meta = frappe.get_meta("Conduct Rule")  # the rule's link shows its Chinese title
		self.assertEqual((meta.title_field, meta.show_title_field_in_link), ("title_zh", 1))

	def test_penalties_awaiting_decision_are_those_the_viewer_may_decide(self):
		"""What the number card "Penalties Awaiting Decision" counts for each viewer."""
		draft = file_penalty("Zhou", RULE).name
		about_wang = file_penalty("Wang", RULE, by=DIRECTOR).name
		suspension = file_penalty(
			"Zhou", RULE, action="Suspension", suspension_days=2, deviation_reason="Rude to a customer."
		)
		pending = decide(suspension, "Approve", "Wang").name
		appealed = decide(approved_penalty("Qian", RULE), "Appeal", "Qian", "I was at the trade fair.").name
		these = {draft, about_wang, pending, appealed}

		def waiting(key: str) -> set[str]:
			with acting_as(user_of(key)):
				return set(penalties_awaiting_decision_of()) & these

		self.assertEqual(waiting("Wang"), {draft})  # not his own, nor what waits for leadership
		self.assertEqual(waiting(DIRECTOR), these)
		for key in ("Li", "Zhou", HR):  # Li reads his team's draft and decides none; HR reads all
			with self.subTest(key):
				self.assertEqual(waiting(key), set())

	def test_the_desk_offers_only_the_steps_the_user_may_take(self):
		def offered(doc, key):
			with acting_as(user_of(key)):
				return {t["action"] for t in offered_transitions(frappe.get_doc("Penalty Record", doc.name))}

		about_wang = file_penalty("Wang", RULE, by=DIRECTOR)
		self.assertEqual(offered(about_wang, "Wang"), set())  # his own: nothing to decide
		self.assertEqual(offered(about_wang, DIRECTOR), {"Approve", "Dismiss"})
		penalty = approved_penalty("Zhou", RULE)
		self.assertEqual(offered(penalty, "Zhou"), {"Acknowledge", "Appeal"})
		self.assertEqual(offered(penalty, "Wang"), {"Cancel"})


class TestPenaltyBadInput(PenaltyTestCase):
	def test_each_bad_input_is_refused_with_a_message_and_nothing_written(self):
		cases = {
			"in the future": dict(incident_date=add_days(nowdate(), 1)),
			"above zero": dict(action="Fine", fine_amount=0, deviation_reason="x"),
			"largest fine": dict(action="Fine", fine_amount=1500, deviation_reason="x"),
			"number of days": dict(action="Suspension", suspension_days=0, deviation_reason="x"),
			"differs from what the rulebook proposes": dict(action="Written Warning"),
		}
		rule = make_test_rule("_TSD-BAD", window_days=90, max_fine=1000)  # Zhou's first offence of it
		for message, fields in cases.items():
			with self.subTest(message):
				before = count()
				with self.assertRaises(frappe.ValidationError) as refused:
					file_penalty("Zhou", rule, **fields)
				self.assertIn(message, str(refused.exception))
				self.assertEqual(count(), before)

	def test_a_rule_not_in_force_and_a_duplicate_incident(self):
		rule = frappe.get_doc(
			{
				"doctype": "Conduct Rule",
				"rule_code": "_TSD-NEW",
				"title": "New",
				"title_zh": "新规则",
				"category": "Conduct",
				"text_zh": "新",
				"breakable": 1,
				"window_days": 30,
				"ladder": [{"offence": 1, "action": "Verbal Warning"}],
			}
		).insert()
		self.assertEqual(rule.version_status, "Not in Force")
		self.assertRefused(frappe.ValidationError, lambda: file_penalty("Zhou", "_TSD-NEW"))
		first = file_penalty("Zhou", RULE, incident_key="_tsd:duplicate")
		self.assertEqual(first.incident_key, "_tsd:duplicate")
		self.assertRefused(
			frappe.ValidationError, lambda: file_penalty("Zhou", RULE, incident_key="_tsd:duplicate")
		)

	def test_decisions_are_not_written_by_hand(self):
		penalty = file_penalty("Zhou", RULE)
		penalty.approved_by = user_of("Wang")
		penalty.save()
		self.assertIsNone(frappe.db.get_value("Penalty Record", penalty.name, "approved_by"))
		penalty = approved_penalty("Zhou", RULE)
		with acting_as(user_of("Zhou")):
			doc = frappe.get_doc("Penalty Record", penalty.name)
			doc.appeal_reason = "sneaked in"
			doc.save()  # written by the Appeal step alone
			doc.status = "Acknowledged"
			self.assertRaises(frappe.ValidationError, doc.save)  # a status changes through the workflow
		self.assertEqual(
			frappe.db.get_value("Penalty Record", penalty.name, ["status", "appeal_reason"]),
			("Approved", None),
		)


class TestPenaltyPrivacy(PenaltyTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.zhou_draft = file_penalty("Zhou", RULE)
		cls.zhou_decided = approved_penalty("Zhou", RULE)
		cls.qian_decided = approved_penalty("Qian", RULE)

	def visible(self, user: str) -> set[str]:
		with acting_as(user):
			return set(frappe.get_list("Penalty Record", filters={"conduct_rule": RULE}, pluck="name"))

	def test_lists_show_self_decided_leader_team_manager_and_hr_all(self):
		mine = {self.zhou_draft.name, self.zhou_decided.name, self.qian_decided.name}
		self.assertEqual(self.visible(user_of("Zhou")) & mine, {self.zhou_decided.name})
		self.assertEqual(self.visible(user_of("Qian")) & mine, {self.qian_decided.name})
		self.assertEqual(self.visible(user_of("Li")) & mine, {self.zhou_draft.name, self.zhou_decided.name})
		self.assertEqual(self.visible(user_of("Wang")) & mine, mine)
		self.assertEqual(self.visible(HR) & mine, mine)
		self.assertEqual(self.visible(DIRECTOR) & mine, mine)

	def test_forms_refuse_peers_and_drafts_to_the_person(self):
		def readable(user, name):
			return frappe.has_permission(
				"Penalty Record", "read", frappe.get_doc("Penalty Record", name), user=user
			)

		self.assertTrue(readable(user_of("Zhou"), self.zhou_decided.name))
		self.assertFalse(readable(user_of("Zhou"), self.zhou_draft.name))
		self.assertFalse(readable(user_of("Qian"), self.zhou_decided.name))
		self.assertFalse(readable(user_of("Zhao"), self.zhou_decided.name))  # another team's leader
		self.assertTrue(readable(user_of("Li"), self.zhou_draft.name))
		self.assertTrue(readable(HR, self.zhou_draft.name))
		self.assertFalse(
			frappe.has_permission(
				"Penalty Record", "write", frappe.get_doc("Penalty Record", self.zhou_decided.name), user=HR
			)
		)

	def test_link_search_and_the_report_follow_the_same_rule(self):
		with acting_as(user_of("Qian")):
			found = {row["value"] for row in search_link("Penalty Record", "", page_length=100) or []}
			summary = conduct_summary({"company": default_company(), "conduct_rule": RULE})[1]
		self.assertNotIn(self.zhou_decided.name, found)
		self.assertIn(self.qian_decided.name, found)
		self.assertEqual({row["group"] for row in summary}, {PEOPLE["Qian"].sales_person})
		with acting_as(user_of("Wang")):
			summary = conduct_summary({"company": default_company(), "conduct_rule": RULE})[1]
		self.assertTrue(
			{PEOPLE["Qian"].sales_person, PEOPLE["Zhou"].sales_person} <= {row["group"] for row in summary}
		)

	def test_penalties_stay_out_of_global_search(self):
		from frappe.utils.global_search import search

		self.assertFalse(frappe.get_meta("Penalty Record").get("fields", {"in_global_search": 1}))
		with acting_as(user_of("Qian")):
			results = search(self.zhou_decided.name)
		self.assertFalse([r for r in results if r.get("doctype") == "Penalty Record"])
