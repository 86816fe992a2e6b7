# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe.desk.query_report import run as run_query_report
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from sales_dept.sales_dept.doctype.price_exception_request.price_exception_request import make_from_document
from sales_dept.sales_dept.report.price_exceptions.price_exceptions import execute
from sales_dept.setup.records import default_company
from sales_dept.tests.factories import MOTOR_GROUP, make_motor_policy, make_motor_quotation, make_sales_org


class TestPriceExceptionsReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		make_motor_policy()
		frappe.db.delete("Price Exception Request")
		cls.approved = cls.request(discount=5, approve_as="Li")  # 5% off, floor 12%: nothing beyond floor
		cls.pending = cls.request(discount=14)  # 14% off: 2 points beyond the floor

	@classmethod
	def request(cls, discount: float, approve_as: str | None = None) -> str:
		frappe.set_user(cls.people["Zhou"].user)
		quotation = make_motor_quotation(discount).insert()
		name = make_from_document("Quotation", quotation.name, "competitor")
		if approve_as:
			frappe.set_user(cls.people[approve_as].user)
			frappe.get_doc("Price Exception Request", name).approve("ok")
		frappe.set_user("Administrator")
		return name

	def run_report(self, **filters):
		columns, rows, _message, chart, summary = execute({"company": default_company(), **filters})
		return columns, {row.name: row for row in rows}, chart, summary

	def test_rows_carry_status_discount_and_turnaround(self):
		_columns, rows, _chart, summary = self.run_report()
		self.assertEqual(set(rows), {self.approved, self.pending})
		approved, pending = rows[self.approved], rows[self.pending]
		self.assertEqual(
			(approved.status, approved.approver_role, approved.lines), ("Approved", "Sales Team Leader", 1)
		)
		self.assertAlmostEqual(approved.avg_discount_pct, 5)
		self.assertAlmostEqual(approved.avg_beyond_floor_pct, 0)
		self.assertGreaterEqual(approved.turnaround_hours, 0)
		self.assertEqual(
			(pending.status, pending.approver_role, pending.turnaround_hours),
			("Pending", "Sales Director", None),
		)
		self.assertAlmostEqual(pending.avg_beyond_floor_pct, 2)
		self.assertEqual([s["value"] for s in summary[:2]], [2, 1])

	def test_document_type_and_status_read_in_the_users_language(self):
		lang = frappe.local.lang
		try:
			frappe.local.lang = "zh"
			columns, rows, _chart, _summary = self.run_report()
		finally:
			frappe.local.lang = lang
		shown = {column["fieldname"] for column in columns if not column.get("hidden")}
		self.assertTrue({"document_type", "status_label"} <= shown)
		self.assertFalse({"reference_doctype", "status"} & shown)
		approved = rows[self.approved]
		self.assertEqual((approved.document_type, approved.status_label), ("报价", "已批准"))
		self.assertEqual(approved.reference_doctype, "Quotation")  # what the Document link needs

	def test_filters_narrow_the_rows(self):
		self.assertEqual(set(self.run_report(status="Approved")[1]), {self.approved})
		self.assertEqual(set(self.run_report(approver_role="Sales Director")[1]), {self.pending})
		self.assertEqual(len(self.run_report(item_group=MOTOR_GROUP)[1]), 2)
		self.assertEqual(len(self.run_report(item_group="Services")[1]), 0)
		self.assertEqual(len(self.run_report(sales_person=self.people["Li"].sales_person)[1]), 0)
		self.assertEqual(len(self.run_report(from_date=nowdate(), to_date=nowdate())[1]), 2)

	def test_chart_counts_requests_per_month_and_status(self):
		chart = self.run_report()[2]
		datasets = {d["name"]: d["values"] for d in chart["data"]["datasets"]}
		self.assertEqual((datasets["Pending"], datasets["Approved"], datasets["Rejected"]), ([1], [1], [0]))

	def test_managers_and_leaders_can_run_it_from_the_desk(self):
		for key in ("Wang", "Li"):
			with self.set_user(self.people[key].user):
				result = run_query_report("Price Exceptions", {"company": default_company()})
			self.assertEqual(len(result["result"]), 2, key)

	def test_inverted_dates_are_refused(self):
		self.assertRaises(
			frappe.ValidationError,
			execute,
			{"company": default_company(), "from_date": "2026-02-01", "to_date": "2026-01-01"},
		)
