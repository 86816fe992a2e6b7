# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import json
from unittest.mock import patch

import frappe
from erpnext.controllers.accounts_controller import update_child_qty_rate
from erpnext.selling.doctype.quotation.quotation import make_sales_order
from frappe.core.doctype.communication.email import make as make_communication
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, nowdate

from sales_dept.sales_dept.doctype.price_exception_request.price_exception_request import make_from_document
from sales_dept.services.pricing import fingerprint_of
from sales_dept.tests.factories import make_motor_policy, make_motor_quotation, make_sales_org


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
			self.assertFalse(frappe.has_permission("Quotation", "email", quotation))
			self.assertTrue(frappe.has_permission("Quotation", "read", quotation))
			with self.assertRaises(frappe.PermissionError):
				make_communication(
					doctype="Quotation",
					name=quotation.name,
					subject="Quotation",
					content="Please find our offer",
					recipients="buyer@example.com",
				)
		self.assertEqual(frappe.db.get_value("Quotation", quotation.name, "docstatus"), 0)

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
			with self.assertRaisesRegex(frappe.ValidationError, "your own"):
				request.approve()
		with self.as_user("Qian"):
			with self.assertRaisesRegex(frappe.ValidationError, "Sales Team Leader or a more senior"):
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
				with self.assertRaisesRegex(
					frappe.ValidationError, "Only the requester or the sales manager"
				):
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

	def update_items(self, order, rate: float, qty: float):
		row = order.items[0]
		items = [
			{
				"docname": row.name,
				"item_code": row.item_code,
				"qty": qty,
				"rate": rate,
				"uom": row.uom,
				"conversion_factor": row.conversion_factor,
				"delivery_date": row.delivery_date,
			}
		]
		with self.set_user(self.people["Zhou"].user):
			update_child_qty_rate("Sales Order", json.dumps(items, default=str), order.name)

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
