# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Reward records (rulebook R12): proposed by a team leader or the manager, approved by the manager, by
leadership too above the settings' amount; never one's own; seen by the person once approved, never by peers."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.setup.records import acting_as
from sales_dept.tests.conduct_factories import DIRECTOR, decide, file_reward, make_conduct_people, user_of


class TestRewardRecord(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_conduct_people()

	def test_a_leader_proposes_and_the_manager_approves(self):
		reward = file_reward("Zhou", by="Li", amount=2000)
		self.assertEqual((reward.status, reward.needs_leadership, reward.team), ("Draft", 0, "_Test SD East"))
		with self.assertRaises(frappe.PermissionError):
			decide(reward, "Approve", "Li")
		reward = decide(reward, "Approve", "Wang")
		self.assertEqual(
			(reward.status, reward.docstatus, reward.approved_by), ("Approved", 1, user_of("Wang"))
		)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": user_of("Zhou"), "document_name": reward.name})
		)

	def test_large_rewards_need_leadership_and_rejections_a_reason(self):
		reward = file_reward("Qian", amount=8000)
		self.assertEqual(reward.needs_leadership, 1)
		reward = decide(reward, "Approve", "Wang")
		self.assertEqual(reward.status, "Pending Leadership")
		with self.assertRaises(frappe.ValidationError):
			decide(reward, "Reject", DIRECTOR)
		reward = decide(reward, "Reject", DIRECTOR, "Above this year's budget.")
		self.assertEqual((reward.status, reward.decision_comment), ("Rejected", "Above this year's budget."))

	def test_bad_input_and_own_rewards(self):
		before = frappe.db.count("Reward Record")
		with self.assertRaises(frappe.ValidationError):
			file_reward("Zhou", amount=0)
		self.assertEqual(frappe.db.count("Reward Record"), before)
		honour = file_reward("Zhou", reward_type="Honour", amount=500)
		self.assertEqual(honour.amount, 0)
		own = file_reward("Wang", by=DIRECTOR, amount=100)
		with self.assertRaises(frappe.PermissionError):
			decide(own, "Approve", "Wang")

	def test_who_sees_rewards(self):
		draft = file_reward("Zhou", amount=300)
		approved = decide(file_reward("Zhou", amount=400), "Approve", "Wang")

		def visible(key):
			with acting_as(user_of(key)):
				return set(frappe.get_list("Reward Record", pluck="name")) & {draft.name, approved.name}

		self.assertEqual(visible("Zhou"), {approved.name})
		self.assertEqual(visible("Qian"), set())
		self.assertEqual(visible("Li"), {draft.name, approved.name})
		self.assertEqual(visible("Wang"), {draft.name, approved.name})
