# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Visit records as the salesperson (Zhou), their team leader (Li) and the sales manager (Wang): from a
row of an approved plan or unplanned, truthful times, location, who sees which, the calendar."""

from datetime import timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import add_days, getdate, now_datetime

from sales_dept.sales_dept.doctype.visit_plan.visit_plan import make_visit_record as record_from_row
from sales_dept.sales_dept.doctype.visit_record.visit_record import get_events
from sales_dept.sales_dept.report.visit_plan_execution import visit_plan_execution
from sales_dept.sales_dept.report.weekly_meeting_pack import weekly_meeting_pack
from sales_dept.setup.records import default_company
from sales_dept.tests.factories import EAST, make_customer, make_sales_org
from sales_dept.tests.visit_factories import make_visit_plan, make_visit_record

TODAY = getdate()
THIS_MONDAY = TODAY - timedelta(days=TODAY.weekday())
LOCATION = "sales_dept.sales_dept.doctype.visit_record.visit_record.customer_location"

# `bench run-tests --app` makes test records for every doctype a Visit Record links to, and ERPNext's
# selling and support doctypes lead from there to apps this bench may not have (Payment Gateway).
test_ignore = ["Quotation", "Opportunity", "Issue"]


class TestVisitRecord(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.people = make_sales_org()
		cls.zhou_a = make_customer("_Test SD VR Zhou A", "Zhou")
		cls.zhou_b = make_customer("_Test SD VR Zhou B", "Zhou")
		cls.qian_a = make_customer("_Test SD VR Qian A", "Qian")

	def as_user(self, key):
		return self.set_user(self.people[key].user)

	def new_record(self, key, customer, **fields):
		return frappe.get_doc(
			{
				"doctype": "Visit Record",
				"sales_person": self.people[key].sales_person,
				"company": default_company(),
				"customer": customer,
				"visit_date": TODAY,
				"purpose": "Revisit",
				"outcome": "Discussed the next order.",
				**fields,
			}
		)

	def records_of(self, customer) -> int:
		return frappe.db.count("Visit Record", {"customer": customer})

	def test_recorded_from_a_plan_row_the_row_is_done_until_cancelled(self):
		plan = make_visit_plan(
			"Zhou", THIS_MONDAY, rows=[(self.zhou_a, TODAY), (self.zhou_b, THIS_MONDAY)], approve=True
		)
		row = plan.visits[0]
		with self.as_user("Zhou"):
			record = record_from_row(plan.name, row.name)
			self.assertEqual(
				(
					record.customer,
					record.purpose,
					record.visit_plan,
					record.visit_plan_row,
					getdate(record.visit_date),
				),
				(self.zhou_a, "Revisit", plan.name, row.name, TODAY),
			)
			record.outcome = "Agreed on the spring order."
			record.insert()
			record.submit()
		self.assertEqual(
			frappe.db.get_value("Visit Plan Row", row.name, ["done", "visit_record"]), (1, record.name)
		)
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.ValidationError, "already recorded"):
			record_from_row(plan.name, row.name)
		with self.as_user("Zhou"):
			record.cancel()
		self.assertEqual(frappe.db.get_value("Visit Plan Row", row.name, ["done", "visit_record"]), (0, None))

	def test_a_visit_checked_in_on_another_day_than_planned_is_dated_and_counted_so(self):
		"""Planned for a Wednesday, checked in on the Saturday: the record says Saturday, and the meeting pack
		and the execution report count it as done on another day, neither as planned nor missed."""
		monday = THIS_MONDAY - timedelta(days=35)
		wednesday, saturday = monday + timedelta(days=2), monday + timedelta(days=5)
		plan = make_visit_plan("Zhou", monday, rows=[(self.zhou_a, wednesday)], approve=True)
		check_in = frappe.utils.get_datetime(f"{saturday} 10:00:00")
		with self.as_user("Zhou"):
			record = record_from_row(plan.name, plan.visits[0].name)
			self.assertEqual(getdate(record.visit_date), TODAY)  # made today, not on the planned day
			record.check_in = check_in
			record.insert()
			self.assertEqual(getdate(record.visit_date), saturday)
			record.outcome = "Signed the spring order."
			record.check_out = check_in + timedelta(hours=1)
			record.save()
			record.submit()
			record.run_method("onload")
			self.assertEqual(
				(getdate(record.get_onload().planned_date), record.get_onload().on_planned_day),
				(wednesday, False),
			)

		filters = {"company": default_company(), "team": EAST}
		rows = weekly_meeting_pack.execute({**filters, "week_start": monday})[1]
		zhou = next(
			row
			for row in rows
			if row.get("sales_person") == self.people["Zhou"].sales_person
			and row.get("reference") == plan.name
		)
		figures = ("planned", "done_as_planned", "done_other_day", "missed", "execution_pct")
		self.assertEqual([zhou[k] for k in figures], [1, 0, 1, 0, 100.0])
		rows = visit_plan_execution.execute({**filters, "from_date": monday, "to_date": saturday})[1]
		executed = next(row for row in rows if row["plan"] == plan.name)
		self.assertEqual([executed[k] for k in figures], [1, 0, 1, 0, 100.0])

	def test_only_rows_of_approved_plans_are_recorded(self):
		start = THIS_MONDAY - timedelta(days=7)
		plan = make_visit_plan("Zhou", start, rows=[(self.zhou_a, start)])
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.ValidationError, "approved plan"):
			record_from_row(plan.name, plan.visits[0].name)

	def test_record_must_keep_the_planned_customer(self):
		start = THIS_MONDAY - timedelta(days=14)
		plan = make_visit_plan("Zhou", start, rows=[(self.zhou_a, start)], approve=True)
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.ValidationError, "must keep them"):
			self.new_record(
				"Zhou",
				self.zhou_b,
				visit_plan=plan.name,
				visit_plan_row=plan.visits[0].name,
				visit_date=start,
			).insert()
		self.assertEqual(frappe.db.get_value("Visit Plan Row", plan.visits[0].name, "done"), 0)

	def test_unplanned_visit(self):
		with self.as_user("Zhou"):
			record = self.new_record("Zhou", self.zhou_b, purpose="Complaint").insert()
			record.submit()
		self.assertEqual((record.docstatus, record.visit_plan, record.visit_plan_row), (1, None, None))

	def test_no_visit_in_the_future(self):
		customer = make_customer("_Test SD VR Future", "Zhou")
		with (
			self.as_user("Zhou"),
			self.assertRaisesRegex(frappe.ValidationError, "in the future"),
		):
			self.new_record("Zhou", customer, visit_date=add_days(TODAY, 1)).insert()
		self.assertEqual(self.records_of(customer), 0)

	def test_check_out_after_check_in(self):
		customer = make_customer("_Test SD VR Times", "Zhou")
		check_in = now_datetime() - timedelta(hours=2)
		with (
			self.as_user("Zhou"),
			self.assertRaisesRegex(frappe.ValidationError, "must come after the check-in"),
		):
			self.new_record(
				"Zhou", customer, check_in=check_in, check_out=check_in - timedelta(minutes=30)
			).insert()
		self.assertEqual(self.records_of(customer), 0)

	def test_salesperson_records_only_their_own_visits(self):
		customer = make_customer("_Test SD VR Qian Own", "Qian")
		with self.as_user("Zhou"), self.assertRaisesRegex(frappe.PermissionError, "your own Sales Person"):
			self.new_record("Qian", customer).insert()
		self.assertEqual(self.records_of(customer), 0)
		with self.as_user("Qian"):
			self.new_record("Qian", customer).insert()

	def test_submitted_record_cannot_change(self):
		record = make_visit_record("Zhou", self.zhou_a, visit_date=add_days(TODAY, -3))
		record.reload()
		record.outcome = "Rewritten later"
		with self.as_user("Zhou"), self.assertRaises(frappe.UpdateAfterSubmitError):
			record.save()

	@change_settings("Sales Dept Settings", {"checkin_radius_m": 500})
	def test_check_in_far_from_the_customer_is_flagged(self):
		with patch(LOCATION, return_value=(31.2304, 121.4737)), self.as_user("Zhou"):
			near = self.new_record("Zhou", self.zhou_a, latitude=31.2310, longitude=121.4740).insert()
			far = self.new_record("Zhou", self.zhou_b, latitude=31.2400, longitude=121.4900).insert()
		self.assertLess(near.distance_m, 500)
		self.assertEqual(near.location_flagged, 0)
		self.assertGreater(far.distance_m, 1500)
		self.assertEqual(far.location_flagged, 1)

	def test_no_distance_without_a_customer_location(self):
		# ERPNext's Address has no coordinates: without them no distance is known (0, hidden on the form).
		with self.as_user("Zhou"):
			record = self.new_record("Zhou", self.zhou_a, latitude=31.2310, longitude=121.4740).insert()
		self.assertEqual((record.distance_m, record.location_flagged), (0, 0))

	def test_each_sees_their_own_their_team_or_everyone(self):
		day = add_days(TODAY, -20)
		names = {
			"Zhou": make_visit_record("Zhou", self.zhou_a, visit_date=day).name,
			"Qian": make_visit_record("Qian", self.qian_a, visit_date=day).name,
		}

		def visible(key):
			with self.as_user(key):
				return set(frappe.get_list("Visit Record", {"visit_date": day}, pluck="name"))

		self.assertEqual(visible("Zhou"), {names["Zhou"]})
		self.assertEqual(visible("Li"), {names["Zhou"]})
		self.assertEqual(visible("Wang"), set(names.values()))
		with self.as_user("Zhou"):
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Visit Record", names["Qian"]).check_permission("read")
		with self.as_user("Li"):
			self.assertTrue(frappe.has_permission("Visit Record", "read", names["Zhou"]))

	def test_calendar_shows_what_the_user_reaches(self):
		day = add_days(TODAY, -25)
		check_in = frappe.utils.get_datetime(f"{day} 10:00:00")
		timed = make_visit_record(
			"Zhou", self.zhou_b, visit_date=day, check_in=check_in, check_out=check_in + timedelta(hours=1)
		)
		all_day = make_visit_record("Qian", self.qian_a, visit_date=day)
		with self.as_user("Zhou"):
			events = {e["name"]: e for e in get_events(str(day), str(add_days(day, 1)))}
		self.assertEqual(set(events), {timed.name})
		self.assertEqual((events[timed.name]["start"], events[timed.name]["all_day"]), (check_in, 0))
		with self.as_user("Wang"):
			events = {e["name"]: e for e in get_events(str(day), str(add_days(day, 1)))}
		self.assertEqual(events[all_day.name]["all_day"], 1)
