"""Complaint escalation on ERPNext's Issue (rulebook R7, 第十一条): a new Issue of a customer notifies its
salesperson and their team leader (who may then read it); an SLA breach notifies the team leader once, whether
ERPNext marks the Issue failed or its deadline passes unanswered (the hourly check)."""

from urllib.parse import quote_plus

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from sales_dept.compat import desk_path
from sales_dept.services.complaints import NOTIFIED_FIELD, escalate_breaches
from sales_dept.tests.factories import EAST, PEOPLE
from sales_dept.tests.scorecard_factories import SUN, customer, make_customers, make_people

LI = PEOPLE["Li"].user


def notifications(user: str, issue: str) -> list[str]:
	return frappe.get_all(
		"Notification Log",
		{"for_user": user, "document_type": "Issue", "document_name": issue},
		pluck="subject",
		order_by="creation",
	)


def make_overdue(issue):
	"""`issue` with its first response due an hour ago (written as ERPNext's SLA would leave it)."""
	frappe.db.set_value(
		"Issue",
		issue.name,
		{
			"service_level_agreement": "_Test SDSC SLA",
			"agreement_status": "First Response Due",
			"response_by": add_to_date(now_datetime(), hours=-1),
		},
	)
	return issue


class TestComplaintEscalation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_people()
		make_customers()
		# These tests mark the Issues' SLA fields as ERPNext would; a default agreement left on the site (the
		# browser journeys' fixtures make one) would have ERPNext recompute them on save. Rolled back after.
		frappe.db.set_single_value("Support Settings", "track_service_level_agreement", 0)

	def new_issue(self, subject: str, short: str = "Sun A"):
		issue = frappe.get_doc(
			{
				"doctype": "Issue",
				"subject": subject,
				"customer": customer(short),
				"raised_by": "buyer@example.com",
			}
		)
		issue.insert(ignore_permissions=True)
		return issue

	def test_a_new_complaint_reaches_the_salesperson_and_the_team_leader(self):
		issue = self.new_issue("Motor overheats")
		for user in (SUN.user, LI):
			with self.subTest(user=user):
				self.assertEqual(
					notifications(user, issue.name),
					[f"New complaint from {customer('Sun A')}: Motor overheats"],
				)
				self.assertTrue(frappe.has_permission("Issue", "read", issue.name, user=user))
		self.assertEqual(notifications(PEOPLE["Zhou"].user, issue.name), [])
		self.assertFalse(frappe.has_permission("Issue", "read", issue.name, user=PEOPLE["Zhou"].user))

	def test_shared_customer_belongs_to_the_largest_allocation(self):
		issue = self.new_issue("Late delivery", "Shared")  # Sun 60 %, Wu 40 %
		self.assertEqual(len(notifications(SUN.user, issue.name)), 1)
		self.assertEqual(notifications("sd.wu@example.com", issue.name), [])

	def test_failed_sla_reaches_the_team_leader_once(self):
		issue = self.new_issue("Wrong voltage")
		issue.reload()
		issue.agreement_status = "Failed"
		issue.save(ignore_permissions=True)
		breach = f"Complaint {issue.name} of {customer('Sun A')} ({SUN.sales_person}) missed its service level agreement"
		self.assertEqual(notifications(LI, issue.name)[-1], breach)
		self.assertTrue(frappe.db.get_value("Issue", issue.name, NOTIFIED_FIELD))
		issue.reload()
		issue.description = "Customer called again."
		issue.save(ignore_permissions=True)
		self.assertEqual(notifications(LI, issue.name).count(breach), 1)
		self.assertEqual(escalate_breaches(), [])  # already told
		self.assertNotIn(breach, notifications(SUN.user, issue.name))  # the leader hears of breaches

	def overdue_issue(self, subject: str):
		"""An Issue whose first response was due an hour ago."""
		return make_overdue(self.new_issue(subject))

	def test_hourly_check_finds_a_deadline_passed_unanswered(self):
		issue = self.overdue_issue("No answer yet")
		waiting = self.new_issue("Still in time")
		frappe.db.set_value(
			"Issue",
			waiting.name,
			{
				"service_level_agreement": "_Test SDSC SLA",
				"agreement_status": "First Response Due",
				"response_by": add_to_date(now_datetime(), hours=3),
			},
		)
		self.assertEqual(escalate_breaches(), [issue.name])
		self.assertEqual(len(notifications(LI, issue.name)), 2)  # the new complaint, then the breach
		self.assertEqual(escalate_breaches(), [])  # once
		self.assertIsNone(frappe.db.get_value("Issue", waiting.name, NOTIFIED_FIELD))

	def test_a_backlog_reaches_the_team_leader_in_one_notice_that_opens_its_list(self):
		backlog = sorted(self.overdue_issue(f"Backlog {n}").name for n in range(5))
		self.assertEqual(escalate_breaches(), backlog)
		marks = {frappe.db.get_value("Issue", name, NOTIFIED_FIELD) for name in backlog}
		self.assertEqual(len(marks), 1)  # marked by one statement, with one mark
		mark = marks.pop()
		notices = frappe.get_all(
			"Notification Log", {"for_user": LI, "link": ("is", "set")}, ["subject", "link"]
		)
		self.assertEqual(
			notices,
			[
				{
					"subject": f"5 complaints of {EAST} missed their service level agreement: "
					f"{backlog[0]}, {backlog[1]}, {backlog[2]} …",
					"link": f"{desk_path('issue')}?sd_sla_breach_notified_on={quote_plus(str(mark))}",
				}
			],
		)
		for name in backlog:  # no notice of its own per Issue: only each one's "new complaint"
			self.assertEqual([subject for subject in notifications(LI, name) if "missed its" in subject], [])
		self.assertEqual(len(notifications(LI, backlog[1])), 1)
		# the list the notice opens, as the team leader sees it: exactly the backlog (each shared with them)
		self.assertEqual(
			frappe.get_list("Issue", {NOTIFIED_FIELD: str(mark)}, pluck="name", order_by="name", user=LI),
			backlog,
		)
		self.assertEqual(escalate_breaches(), [])  # once
