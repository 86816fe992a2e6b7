# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import json
from unittest.mock import patch

import frappe
from erpnext.controllers.accounts_controller import update_child_qty_rate
from erpnext.selling.doctype.quotation.quotation import make_sales_order
from frappe.model.workflow import _bulk_workflow_action, apply_workflow
from frappe.permissions import add_permission, update_permission_property
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.translate import print_language
from frappe.utils import add_days, nowdate

from sales_dept.sales_dept.doctype.price_exception_request.price_exception_request import (
	make_from_document,
	take_workflow_action,
)
from sales_dept.services.pricing import fingerprint_of
from sales_dept.setup.records import get_or_make_user
from sales_dept.setup.workflows import PRICE_EXCEPTION_WORKFLOW, make_price_exception_workflow
from sales_dept.tests.factories import (
	email_document,
	make_customer,
	make_motor_policy,
	make_motor_quotation,
	make_sales_org,
)


class TestPricePolicyOnDocuments(FrappeTestCase):
	"""The desk path: documents saved, submitted, printed and mailed as a salesperson, leader and manager."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()

	def as_user(self, key):
		return self.set_user(self.people[key].user)

	def quotation(self, key: str, discount: float, qty: float = 1):
		with self.as_user(key):
			return make_motor_quotation(discount, qty).insert()

	def test_within_own_allowance_nothing_happens(self):
		quotation = self.quotation("Zhou", 2)
		self.assertEqual(quotation.items[0].rate, 98)
		self.assertEqual((quotation.sd_price_exception_needed, quotation.sd_price_check), (0, None))
		with self.as_user("Zhou"):
			quotation.submit()
		self.assertEqual(quotation.docstatus, 1)

	def test_beyond_allowance_blocks_submit_print_and_email(self):
		quotation = self.quotation("Zhou", 5)
		self.assertEqual(quotation.sd_price_exception_needed, 1)
		self.assertEqual(quotation.sd_price_approver_role, "Sales Team Leader")
		with self.as_user("Zhou"):
			with self.assertRaisesRegex(
				frappe.ValidationError, "Row 1: .*_Test SD Motor.* needs Sales Team Leader"
			):
				quotation.submit()
			with self.assertRaisesRegex(frappe.ValidationError, "no approved price exception"):
				frappe.get_print("Quotation", quotation.name)
			self.assertTrue(frappe.has_permission("Quotation", "read", quotation))
			# e-mailing says why, as submit and print do (Frappe's own refusal: "Not allowed via controller
			# permission check")
			with self.assertRaisesRegex(
				frappe.PermissionError,
				"no approved price exception.*Row 1: .*_Test SD Motor.* needs Sales Team Leader",
			):
				email_document("Quotation", quotation.name)
			self.assertEqual(frappe.message_log[-1].get("title"), "Price Exception Needed")
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": quotation.name}))
		self.assertEqual(frappe.db.get_value("Quotation", quotation.name, "docstatus"), 0)

	def test_the_print_refusal_speaks_the_users_language_not_the_print_language(self):
		quotation = self.quotation("Zhou", 5)
		frappe.db.set_value("User", self.people["Zhou"].user, "language", "zh")
		frappe.clear_cache(user=self.people["Zhou"].user)
		try:
			with self.as_user("Zhou"), print_language("en"):
				with self.assertRaisesRegex(frappe.ValidationError, "以下价格违反价格政策"):
					frappe.get_print("Quotation", quotation.name)
		finally:
			frappe.db.set_value("User", self.people["Zhou"].user, "language", None)
			frappe.clear_cache(user=self.people["Zhou"].user)

	def test_leader_and_manager_sell_within_their_own_allowances(self):
		self.assertEqual(self.quotation("Li", 5).sd_price_exception_needed, 0)
		self.assertEqual(self.quotation("Li", 10).sd_price_approver_role, "Sales Manager")
		self.assertEqual(self.quotation("Wang", 12).sd_price_exception_needed, 0)

	def test_below_the_floor_needs_leadership_even_for_the_manager(self):
		quotation = self.quotation("Wang", 15)
		self.assertEqual(
			(quotation.sd_price_exception_needed, quotation.sd_price_approver_role), (1, "Sales Director")
		)

	def test_approved_exception_lets_the_quotation_through_until_it_changes(self):
		quotation = self.quotation("Zhou", 5)
		with self.as_user("Zhou"):
			request = frappe.get_doc(
				"Price Exception Request", make_from_document("Quotation", quotation.name, "Competitor offer")
			)
		self.assertEqual((request.status, request.approver_role), ("Pending", "Sales Team Leader"))
		self.assertEqual(
			[(r.item_code, r.qty, r.rate, r.discount_pct) for r in request.lines],
			[("_Test SD Motor", 1, 95, 5)],
		)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": self.people["Li"].user, "document_name": request.name}
			)
		)

		with self.as_user("Li"):
			request.approve("ok for this customer")
		self.assertEqual((request.status, request.decided_by), ("Approved", self.people["Li"].user))
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": self.people["Zhou"].user, "document_name": request.name}
			)
		)

		quotation.reload()
		self.assertEqual(
			(quotation.sd_price_exception, quotation.sd_price_exception_needed), (request.name, 0)
		)
		quotation.items[0].rate = 94  # what the form does when the discount changes
		with self.as_user("Zhou"):
			quotation.save()
			self.assertEqual(quotation.sd_price_exception_needed, 1)  # a changed rate needs a new approval
			self.assertRaises(frappe.ValidationError, quotation.submit)
			quotation.reload()
			quotation.items[0].rate = 95
			quotation.save()
			quotation.submit()
		self.assertEqual((quotation.docstatus, quotation.sd_price_exception), (1, request.name))

	def test_sales_order_inherits_the_approval_while_rates_stay(self):
		quotation = self.quotation("Zhou", 5, qty=4)
		with self.as_user("Zhou"):
			request = frappe.get_doc(
				"Price Exception Request", make_from_document("Quotation", quotation.name, "Volume deal")
			)
		with self.as_user("Wang"):
			request.approve()
		quotation.reload()
		with self.as_user("Zhou"):
			quotation.submit()
			order = make_sales_order(quotation.name)
			order.delivery_date = add_days(nowdate(), 7)
			order.items[0].qty = 3
			order.insert()
			self.assertEqual((order.sd_price_exception_needed, order.sd_price_exception), (0, request.name))
			order.submit()
			self.assertEqual(order.docstatus, 1)

			more = make_sales_order(quotation.name)
			more.delivery_date = add_days(nowdate(), 7)
			more.items[0].rate = 93
			more.insert()
			self.assertEqual(more.sd_price_exception_needed, 1)

	def test_refused_decisions_write_nothing(self):
		quotation = self.quotation("Zhou", 5)
		with self.as_user("Zhou"):
			name = make_from_document("Quotation", quotation.name, "Competitor offer")
			request = frappe.get_doc("Price Exception Request", name)
			with self.assertRaisesRegex(frappe.PermissionError, "your own"):
				request.approve()
		with self.as_user("Qian"):
			with self.assertRaisesRegex(frappe.PermissionError, "Sales Team Leader or a more senior"):
				request.approve()
		quotation.reload()
		quotation.items[0].rate = 96
		with self.as_user("Zhou"):
			quotation.save()
		with self.as_user("Li"):
			with self.assertRaisesRegex(frappe.ValidationError, "has changed since the request"):
				request.approve()
			with self.assertRaisesRegex(frappe.ValidationError, "Say why"):
				request.reject("")
		self.assertEqual(
			frappe.db.get_value("Price Exception Request", name, ["status", "decided_by"]), ("Pending", None)
		)
		with self.as_user("Li"):
			request.reject("too low")
		self.assertEqual(frappe.db.get_value("Price Exception Request", name, "status"), "Rejected")

	def test_only_the_requester_or_the_manager_withdraws_a_request(self):
		quotation = self.quotation("Zhou", 5)
		with self.as_user("Zhou"):
			name = make_from_document("Quotation", quotation.name, "Competitor offer")
		for key in ("Qian", "Li"):  # another salesperson, the team leader
			with self.subTest(user=key), self.as_user(key):
				request = frappe.get_doc("Price Exception Request", name)
				with self.assertRaises(
					frappe.PermissionError
				):  # cancel is the requester's (if owner) and the manager's
					request.cancel()
		self.assertEqual(frappe.db.get_value("Price Exception Request", name, "docstatus"), 1)
		with self.as_user("Zhou"):
			frappe.get_doc("Price Exception Request", name).cancel()
		self.assertEqual(frappe.db.get_value("Price Exception Request", name, "status"), "Cancelled")

		with self.as_user("Zhou"):
			name = make_from_document("Quotation", quotation.name, "Competitor offer, again")
		with self.as_user("Li"):
			frappe.get_doc("Price Exception Request", name).approve()
		with self.as_user("Wang"):
			frappe.get_doc("Price Exception Request", name).cancel()
		self.assertEqual(
			frappe.db.get_value(
				"Quotation", quotation.name, ["sd_price_exception", "sd_price_exception_needed"]
			),
			(None, 1),
		)

	def test_an_approval_a_submitted_document_stands_on_is_not_cancelled(self):
		quotation = self.quotation("Zhou", 5)
		with self.as_user("Zhou"):
			name = make_from_document("Quotation", quotation.name, "Competitor offer")
		with self.as_user("Li"):
			frappe.get_doc("Price Exception Request", name).approve()
		quotation.reload()
		with self.as_user("Zhou"):
			quotation.submit()
		for key in ("Zhou", "Wang"):
			with self.subTest(user=key), self.as_user(key):
				with self.assertRaisesRegex(frappe.ValidationError, f"{quotation.name}.*cancel it first"):
					frappe.get_doc("Price Exception Request", name).cancel()
		self.assertEqual(frappe.db.get_value("Price Exception Request", name, "status"), "Approved")

	def test_request_needs_a_reason_and_a_line_beyond_allowance(self):
		before = frappe.db.count("Price Exception Request")
		with self.as_user("Zhou"):
			with self.assertRaisesRegex(frappe.ValidationError, "Give a reason"):
				make_from_document("Quotation", self.quotation("Zhou", 5).name, "  ")
			with self.assertRaisesRegex(frappe.ValidationError, "within your allowance"):
				make_from_document("Quotation", self.quotation("Zhou", 1).name, "why not")
		self.assertEqual(frappe.db.count("Price Exception Request"), before)

	@change_settings("Sales Dept Settings", {"enable_pricing_policy": 0})
	def test_switched_off_no_check(self):
		with patch("sales_dept.overrides.selling.apply_price_check") as price_check:
			quotation = self.quotation("Zhou", 20)
		price_check.assert_not_called()
		self.assertEqual((quotation.sd_price_exception_needed, quotation.sd_price_check), (0, None))

	def test_a_changed_policy_is_applied_at_once(self):
		self.assertEqual(self.quotation("Zhou", 5).sd_price_exception_needed, 1)
		policy = frappe.get_doc("Sales Price Policy", make_motor_policy())
		policy.allowances[0].max_discount_pct = 6  # the salesperson's allowance
		policy.save()
		try:
			self.assertEqual(self.quotation("Zhou", 5).sd_price_exception_needed, 0)
		finally:
			policy.reload()
			policy.allowances[0].max_discount_pct = 3
			policy.save()


class TestPricePolicyOnUpdateItems(FrappeTestCase):
	"""ERPNext's "Update Items" on a submitted Sales Order changes rates without validate: the price policy
	still applies to the lines it changes, and nothing else done after submit is checked again."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()

	def submitted_order(self, discount: float = 2, qty: float = 1):
		with self.set_user(self.people["Zhou"].user):
			quotation = make_motor_quotation(discount, qty).insert()
			quotation.submit()
			order = make_sales_order(quotation.name)
			order.delivery_date = add_days(nowdate(), 7)
			order.insert()
			order.submit()
		return order

	def update_items(self, doc, rate: float, qty: float):
		row = doc.items[0]
		item = {
			"docname": row.name,
			"item_code": row.item_code,
			"qty": qty,
			"rate": rate,
			"uom": row.uom,
			"conversion_factor": row.conversion_factor,
		}
		if doc.doctype == "Sales Order":
			item["delivery_date"] = row.delivery_date
		with self.set_user(self.people["Zhou"].user):
			update_child_qty_rate(doc.doctype, json.dumps([item], default=str), doc.name)

	def update_quantity_after_submit(self, name: str, qty: float):
		"""What ERPNext's Update Items does to a submitted quotation's first line: a new quantity, the totals
		worked out again, saved after submit with its flag (ERPNext 16's button; 15 has none on quotations)."""
		with self.set_user(self.people["Zhou"].user):
			quotation = frappe.get_doc("Quotation", name)
			quotation.items[0].qty = qty
			quotation.calculate_taxes_and_totals()
			quotation.flags.ignore_validate_update_after_submit = True
			quotation.save()

	def test_a_submitted_quotation_too(self):
		# ERPNext 16's Update Items changes a quotation's quantities (never its rates); 15 has no Update Items on
		# quotations (its method fails on one): the quotation is changed as that method changes it, on both
		with self.set_user(self.people["Zhou"].user):
			quotation = make_motor_quotation(2).insert()
			quotation.submit()
		policy = frappe.get_doc("Sales Price Policy", make_motor_policy())
		policy.allowances[0].max_discount_pct = 1  # stricter than when the quotation was submitted
		policy.save()
		try:
			frappe.db.savepoint("update_items")
			with self.assertRaisesRegex(
				frappe.ValidationError, "Row 1: .*needs Sales Team Leader.*cancel and amend the quotation"
			):
				self.update_quantity_after_submit(quotation.name, 2)
			frappe.db.rollback(save_point="update_items")
			self.assertEqual(frappe.db.get_value("Quotation Item", quotation.items[0].name, "qty"), 1)
		finally:
			policy.reload()
			policy.allowances[0].max_discount_pct = 3
			policy.save()
		self.update_quantity_after_submit(quotation.name, 2)
		quotation.reload()
		self.assertEqual(
			(quotation.items[0].rate, quotation.items[0].qty, quotation.sd_price_exception_needed), (98, 2, 0)
		)

	def test_a_price_within_the_allowance_is_updated(self):
		order = self.submitted_order()
		self.update_items(order, rate=97, qty=2)
		order.reload()
		self.assertEqual(
			(order.items[0].rate, order.items[0].qty, order.sd_price_exception_needed), (97, 2, 0)
		)
		self.assertEqual(order.sd_checked_lines, fingerprint_of(order))

	def test_a_price_beyond_the_allowance_is_refused_and_nothing_written(self):
		order = self.submitted_order()
		frappe.db.savepoint("update_items")
		with self.assertRaisesRegex(
			frappe.ValidationError, "Row 1: .*needs Sales Team Leader.*cancel and amend"
		):
			self.update_items(order, rate=95, qty=1)
		frappe.db.rollback(save_point="update_items")  # what the failed request does with its writes
		self.assertEqual(frappe.db.get_value("Sales Order Item", order.items[0].name, "rate"), 98)

	def test_other_changes_after_submit_are_not_checked_again(self):
		order = self.submitted_order(discount=3)
		policy = frappe.get_doc("Sales Price Policy", make_motor_policy())
		policy.allowances[0].max_discount_pct = 1  # stricter than when the order was submitted
		policy.save()
		try:
			with self.set_user(self.people["Zhou"].user):
				order.reload()
				order.po_no = "PO-4711"
				order.save()
			self.assertEqual(frappe.db.get_value("Sales Order", order.name, "po_no"), "PO-4711")
			with self.assertRaisesRegex(frappe.ValidationError, "needs Sales Team Leader"):
				self.update_items(order, rate=97, qty=2)  # but a changed line meets today's policy
		finally:
			policy.reload()
			policy.allowances[0].max_discount_pct = 3
			policy.save()


def bulk_workflow_action(doctype: str, names: list[str], action: str):
	"""The list view's bulk workflow action, as Frappe runs it for fewer than 20 documents, with its
	per-document commit and rollback kept inside the test's transaction (a savepoint)."""
	savepoint, rollback = "sd_bulk_workflow_action", frappe.db.rollback
	frappe.db.savepoint(savepoint)
	with (
		patch.object(frappe.db, "commit"),
		patch.object(frappe.db, "rollback", lambda **kwargs: rollback(save_point=savepoint)),
	):
		_bulk_workflow_action(names, doctype, action)


class TestWhoDecidesPriceExceptions(FrappeTestCase):
	"""Rulebook R9 and the line of oversight: the salesperson's own team leader or someone above them with a
	sufficient role, the sales manager or leadership; never a leader of another team (unless the settings
	open decisions to the role alone), never the requester, whatever the workflow says."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()

	def as_user(self, key):
		return self.set_user(self.people[key].user)

	def request_for(self, key: str = "Zhou", discount: float = 5) -> str:
		customer = make_customer(f"_Test SD Customer {key}", key)
		with self.as_user(key):
			quotation = make_motor_quotation(discount, customer=customer).insert()
			return make_from_document("Quotation", quotation.name, "Competitor offer")

	def stored(self, name: str) -> tuple:
		return frappe.db.get_value(
			"Price Exception Request", name, ["status", "workflow_state", "decided_by", "decision_comment"]
		)

	def test_a_leader_of_another_team_may_not_decide(self):
		name = self.request_for("Zhou")
		with self.as_user("Zhao"):  # leads the South team; Zhou is in the East team
			request = frappe.get_doc("Price Exception Request", name)
			with self.assertRaisesRegex(frappe.PermissionError, "Only the team leader of _Test SD Zhou"):
				request.approve("fine by me")
			with self.assertRaisesRegex(frappe.PermissionError, "Only the team leader of _Test SD Zhou"):
				request.reject("not by me")
		self.assertEqual(self.stored(name), ("Pending", "Pending", None, None))
		with self.as_user("Li"):
			frappe.get_doc("Price Exception Request", name).approve("ok for this customer")
		self.assertEqual(
			self.stored(name), ("Approved", "Approved", self.people["Li"].user, "ok for this customer")
		)
		request = frappe.get_doc("Price Exception Request", name)
		self.assertEqual((request.endorsed_by, request.decided_by_name), (self.people["Li"].user, "SD Li"))

	def test_the_desk_offers_decisions_only_to_those_who_may_take_them(self):
		from sales_dept.services.decisions import offered_common_actions, offered_transitions

		name = self.request_for("Zhou")
		for key, expected in (("Zhao", []), ("Li", ["Approve", "Reject"]), ("Wang", ["Approve", "Reject"])):
			with self.as_user(key):
				offered = sorted(
					{t.action for t in offered_transitions(frappe.get_doc("Price Exception Request", name))}
				)
				self.assertEqual(offered, expected, key)
				bulk = offered_common_actions(frappe.as_json([{"name": name}]), "Price Exception Request")
				self.assertEqual(sorted(bulk), expected, key)

	def test_the_manager_decides_for_any_team(self):
		name = self.request_for("Qian")
		with self.as_user("Wang"):
			frappe.get_doc("Price Exception Request", name).reject("Too low for this market")
		self.assertEqual(self.stored(name)[:3], ("Rejected", "Rejected", self.people["Wang"].user))

	def test_the_setting_can_open_decisions_to_the_role_alone(self):
		with change_settings("Sales Dept Settings", {"price_exceptions_decided_by": "Approver Role Alone"}):
			name = self.request_for("Zhou")
			self.assertIsNone(frappe.db.get_value("Price Exception Request", name, "waits_for"))
			with self.as_user("Zhao"):
				frappe.get_doc("Price Exception Request", name).approve()
		self.assertEqual(self.stored(name)[:3], ("Approved", "Approved", self.people["Zhao"].user))

	def test_the_form_says_who_it_waits_for(self):
		name = self.request_for("Zhou")
		request = frappe.get_doc("Price Exception Request", name)
		self.assertEqual(request.waits_for, self.people["Li"].user)
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": self.people["Li"].user, "document_name": name})
		)
		self.assertFalse(
			frappe.db.exists(
				"Notification Log", {"for_user": self.people["Zhao"].user, "document_name": name}
			)
		)
		with self.as_user("Zhou"):
			request.run_method("onload")
		self.assertIn("SD Li or someone above them", request.get_onload().waits_for)
		self.assertFalse(request.get_onload().can_withdraw is False)  # the requester may withdraw it

		leadership = self.request_for("Zhou", discount=15)  # below the floor: leadership, nobody in the line
		request = frappe.get_doc("Price Exception Request", leadership)
		self.assertIsNone(request.waits_for)
		request.run_method("onload")
		self.assertIn("Sales Director", request.get_onload().waits_for)

	def test_a_team_leader_is_not_offered_a_withdrawal_that_would_fail(self):
		name = self.request_for("Zhou")
		request = frappe.get_doc("Price Exception Request", name)
		with self.as_user("Li"):  # a salesperson too, but not the requester: no cancel permission, no button
			request.run_method("onload")
			self.assertFalse(request.get_onload().can_withdraw)
			self.assertFalse(frappe.has_permission("Price Exception Request", "cancel", request))
		for key in ("Zhou", "Wang"):
			with self.as_user(key):
				self.assertTrue(frappe.has_permission("Price Exception Request", "cancel", request), key)

	def test_bulk_approval_from_the_list(self):
		east, south = self.request_for("Zhou"), self.request_for("Qian")
		with self.as_user("Zhao"):  # South's leader: Zhou's request is not his to approve
			bulk_workflow_action("Price Exception Request", [east, south], "Approve")
		self.assertEqual((self.stored(east)[0], self.stored(south)[0]), ("Pending", "Approved"))
		with self.as_user("Wang"):
			bulk_workflow_action("Price Exception Request", [east], "Approve")
		self.assertEqual(self.stored(east)[:3], ("Approved", "Approved", self.people["Wang"].user))

	def test_a_bulk_rejection_without_a_comment_is_refused(self):
		name = self.request_for("Zhou")
		with self.as_user("Li"):
			bulk_workflow_action("Price Exception Request", [name], "Reject")
		self.assertEqual(self.stored(name)[0], "Pending")

	def test_a_status_is_not_edited_by_hand(self):
		name = self.request_for("Zhou")
		with self.as_user("Li"):
			request = frappe.get_doc("Price Exception Request", name)
			request.status = "Approved"
			with self.assertRaisesRegex(frappe.ValidationError, "decided with its workflow actions"):
				request.save()
		self.assertEqual(self.stored(name)[0], "Pending")


class TestPriceExceptionWorkflowEdits(FrappeTestCase):
	"""Admins edit the seeded workflow in the UI; their edits survive migrate and cannot let the requester
	approve, nor skip the line of oversight."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()
		make_price_exception_workflow()

	def setUp(self):
		self.original = frappe.get_doc("Workflow", PRICE_EXCEPTION_WORKFLOW).as_dict(no_default_fields=True)

	def tearDown(self):
		workflow = frappe.get_doc("Workflow", PRICE_EXCEPTION_WORKFLOW)
		workflow.set("states", [dict(row) for row in self.original["states"]])
		workflow.set("transitions", [dict(row) for row in self.original["transitions"]])
		workflow.save(ignore_permissions=True)

	def request_for_zhou(self) -> str:
		with self.set_user(self.people["Zhou"].user):
			quotation = make_motor_quotation(5).insert()
			return make_from_document("Quotation", quotation.name, "Competitor offer")

	def test_an_edit_that_lets_salespeople_approve_still_refuses_the_requester(self):
		workflow = frappe.get_doc("Workflow", PRICE_EXCEPTION_WORKFLOW)
		for transition in workflow.transitions:
			transition.allow_self_approval = 1
		workflow.append(
			"transitions",
			{
				"state": "Pending",
				"action": "Approve",
				"next_state": "Approved",
				"allowed": "Sales User",
				"allow_self_approval": 1,
			},
		)
		workflow.save(ignore_permissions=True)
		make_price_exception_workflow()  # what bench migrate runs
		kept = frappe.get_doc("Workflow", PRICE_EXCEPTION_WORKFLOW)
		self.assertIn("Sales User", [t.allowed for t in kept.transitions if t.action == "Approve"])

		name = self.request_for_zhou()
		with self.set_user(self.people["Zhou"].user):
			with self.assertRaisesRegex(frappe.PermissionError, "your own"):
				take_workflow_action(name, "Approve")
			with self.assertRaisesRegex(frappe.PermissionError, "your own"):
				apply_workflow(frappe.get_doc("Price Exception Request", name), "Approve")
		with self.set_user(self.people["Qian"].user):  # a salesperson, not in Zhou's line
			with self.assertRaisesRegex(frappe.PermissionError, "Sales Team Leader or a more senior"):
				take_workflow_action(name, "Approve")
		self.assertEqual(frappe.db.get_value("Price Exception Request", name, "status"), "Pending")

	def test_an_added_finance_step_decides_after_the_line_has_endorsed(self):
		finance = get_or_make_user("sd.finance@example.com", "SD Finance", ["Accounts Manager"])
		add_permission("Price Exception Request", "Accounts Manager")  # as an admin does in Role Permissions
		for permission in ("write", "submit"):
			update_permission_property("Price Exception Request", "Accounts Manager", 0, permission, 1)
		if not frappe.db.exists("Workflow State", "Finance Review"):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "Finance Review"}).insert()
		workflow = frappe.get_doc("Workflow", PRICE_EXCEPTION_WORKFLOW)
		workflow.append(
			"states",
			{
				"state": "Finance Review",
				"doc_status": "1",
				"allow_edit": "Accounts Manager",
				"update_field": "status",
				"update_value": "Pending",
			},
		)
		for transition in workflow.transitions:
			if transition.state == "Pending" and transition.next_state == "Approved":
				transition.next_state = "Finance Review"
		for action, following in (("Approve", "Approved"), ("Reject", "Rejected")):
			workflow.append(
				"transitions",
				{
					"state": "Finance Review",
					"action": action,
					"next_state": following,
					"allowed": "Accounts Manager",
				},
			)
		workflow.save(ignore_permissions=True)

		name = self.request_for_zhou()
		with self.set_user(self.people["Li"].user):
			take_workflow_action(name, "Approve", "ok from sales")
		request = frappe.get_doc("Price Exception Request", name)
		self.assertEqual(
			(request.workflow_state, request.status, request.endorsed_by, request.decided_by),
			("Finance Review", "Pending", self.people["Li"].user, None),
		)
		with self.set_user(finance):
			take_workflow_action(name, "Approve", "margin ok")
		request.reload()
		self.assertEqual((request.status, request.decided_by), ("Approved", finance))
		quotation = frappe.get_doc("Quotation", request.reference_name)
		self.assertEqual((quotation.sd_price_exception, quotation.sd_price_exception_needed), (name, 0))


class TestCancelAndAmendOnAnApproval(FrappeTestCase):
	"""Cancel and amend, as ERPNext users correct documents: a quotation submitted on an approved price
	exception is cancelled (the request stays as decided); its amendment keeps the approval for unchanged
	lines and needs a new one for a changed line; from the request's side, the desk cancels the quotation
	first and then withdraws the request."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()

	def submitted_on_approval(self) -> tuple:
		with self.set_user(self.people["Zhou"].user):
			quotation = make_motor_quotation(5).insert()
			name = make_from_document("Quotation", quotation.name, "Competitor offer")
		with self.set_user(self.people["Li"].user):
			frappe.get_doc("Price Exception Request", name).approve()
		with self.set_user(self.people["Zhou"].user):
			quotation.reload()
			quotation.submit()
		return quotation, name

	def test_the_quotation_is_cancelled_and_amended(self):
		quotation, name = self.submitted_on_approval()
		with self.set_user(self.people["Zhou"].user):
			quotation.cancel()
			self.assertEqual(frappe.db.get_value("Quotation", quotation.name, "docstatus"), 2)
			self.assertEqual(frappe.db.get_value("Price Exception Request", name, "status"), "Approved")

			amendment = frappe.copy_doc(quotation)  # what the desk's Amend does
			amendment.docstatus, amendment.amended_from = 0, quotation.name
			amendment.insert()
			self.assertEqual((amendment.sd_price_exception, amendment.sd_price_exception_needed), (name, 0))
			amendment.items[0].rate = 94  # a changed line needs a new approval
			amendment.save()
			self.assertEqual((amendment.sd_price_exception, amendment.sd_price_exception_needed), (None, 1))
			self.assertRaisesRegex(frappe.ValidationError, "no approved price exception", amendment.submit)
			amendment.reload()
			amendment.items[0].rate = 95
			amendment.save()
			amendment.submit()
		self.assertEqual((amendment.docstatus, amendment.sd_price_exception), (1, name))

	def test_from_the_request_side_the_quotation_is_cancelled_first(self):
		from frappe.desk.form.linked_with import cancel_all_linked_docs, get_submitted_linked_docs

		quotation, name = self.submitted_on_approval()
		with self.set_user(self.people["Zhou"].user):
			linked = get_submitted_linked_docs("Price Exception Request", name)["docs"]
			self.assertEqual([(d["doctype"], d["name"]) for d in linked], [("Quotation", quotation.name)])
			cancel_all_linked_docs(json.dumps(linked))  # the desk's "cancel all linked documents"
			frappe.get_doc("Price Exception Request", name).cancel()
		self.assertEqual(frappe.db.get_value("Quotation", quotation.name, "docstatus"), 2)
		self.assertEqual(frappe.db.get_value("Price Exception Request", name, "status"), "Cancelled")
