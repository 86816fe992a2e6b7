"""Two hourly complaint checks at the same moment (two workers, or a run given twice): the team leader hears of a
backlog of breached complaints once. Each check runs in its own thread and database connection, released
together; the first one's is slowed down after it marked the Issues (its row locks held) so that the other
certainly arrives meanwhile.

The checks commit, so this class commits its fixtures (the sales organisation and customer the concurrent decision
tests leave on the test site too: no targets, nothing a report of another test or journey shows) and removes the
Issues it made at the end."""

import threading
import time
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.compat import enter_test_mode
from sales_dept.services import complaints
from sales_dept.tests.factories import PEOPLE, make_customer
from sales_dept.tests.test_complaints import make_overdue

LI = PEOPLE["Li"].user
SUBJECT = "_Test SD at once"


class TestTwoChecksAtOnce(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("_Test SD Customer Zhou", "Zhou")  # Zhou's team leader is Li
		frappe.db.commit()  # nosemgrep: the checks read through their own connections

	@classmethod
	def tearDownClass(cls):
		issues = frappe.get_all("Issue", {"subject": ("like", f"{SUBJECT}%")}, pluck="name")
		for table, field in (("Notification Log", "document_name"), ("DocShare", "share_name")):
			frappe.db.delete(table, {field: ("in", issues or [""])})
		frappe.db.delete("Issue", {"name": ("in", issues or [""])})
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def test_a_backlog_is_told_once_when_two_checks_run_together(self):
		backlog = []
		for number in range(5):
			issue = frappe.get_doc(
				{
					"doctype": "Issue",
					"subject": f"{SUBJECT} {number}",
					"customer": self.customer,
					"raised_by": "buyer@example.com",
				}
			).insert(ignore_permissions=True)
			backlog.append(make_overdue(issue).name)
		frappe.db.commit()  # nosemgrep

		site, sites_path = frappe.local.site, frappe.local.sites_path
		barrier = threading.Barrier(2)
		told, errors = [], []
		real_mark_told = complaints.mark_told

		def slowed_mark_told(names):
			marked = real_mark_told(names)
			time.sleep(0.5)  # its row locks held: the other check arrives meanwhile
			return marked

		def check():
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			enter_test_mode()  # the notices made at once, as in the test's own thread
			try:
				barrier.wait()
				told.append(complaints.escalate_breaches())
				frappe.db.commit()  # nosemgrep: as the hourly job does
			except Exception as error:  # kept to assert on below, not swallowed
				errors.append(repr(error))
				frappe.db.rollback()
			finally:
				frappe.destroy()

		with patch.object(complaints, "mark_told", slowed_mark_told):
			threads = [threading.Thread(target=check) for _ in range(2)]
			for thread in threads:
				thread.start()
			for thread in threads:
				thread.join()
		frappe.db.rollback()  # our snapshot must include their commits

		# one check told of the whole backlog; the other, of none of it (or it stopped, having written nothing)
		mine = [sorted(set(names) & set(backlog)) for names in told]
		self.assertIn(sorted(backlog), mine, (told, errors))
		self.assertEqual(sum(1 for names in mine if names), 1, (told, errors))
		self.assertEqual(len(told) + len(errors), 2)
		marks = {frappe.db.get_value("Issue", name, complaints.NOTIFIED_FIELD) for name in backlog}
		self.assertEqual(len(marks), 1)  # marked by one of them, at once
		link = complaints.backlog_link(marks.pop())
		self.assertEqual(frappe.db.count("Notification Log", {"for_user": LI, "link": link}), 1)
		self.assertEqual(
			frappe.db.count(
				"Notification Log",
				{"for_user": LI, "document_name": ("in", backlog), "subject": ("like", "%service level%")},
			),
			1,  # that one notice (it names the first Issue), none per Issue
		)
