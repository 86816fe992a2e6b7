# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""The weekly meeting pack lists the draft penalties waiting for the manager, to the manager and leadership
only (rulebook R11, R13): a team leader or a salesperson sees no such section."""

from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from sales_dept.rules.visits import week_start
from sales_dept.sales_dept.report.weekly_meeting_pack.weekly_meeting_pack import execute
from sales_dept.setup.records import acting_as, default_company
from sales_dept.tests.conduct_factories import (
	DIRECTOR,
	file_penalty,
	make_conduct_people,
	make_test_rule,
	user_of,
)

SECTION = "Draft Penalties for the Manager"


class TestMeetingPackPenalties(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_conduct_people()
		cls.draft = file_penalty("Zhou", make_test_rule("_TSD-PACK"))

	def penalty_rows(self, user: str) -> list[dict]:
		with acting_as(user):
			rows = execute({"company": default_company(), "week_start": week_start(getdate())})[1]
		return [row for row in rows if row.get("section") == SECTION and not row.get("is_header")]

	def test_the_manager_and_leadership_see_the_drafts(self):
		for user in (user_of("Wang"), DIRECTOR):
			rows = self.penalty_rows(user)
			mine = [row for row in rows if row.get("reference") == self.draft.name]
			self.assertEqual(len(mine), 1, user)
			self.assertEqual((mine[0]["team"], mine[0]["status"]), ("_Test SD East", "Verbal Warning"))

	def test_leaders_and_salespeople_do_not(self):
		self.assertEqual(self.penalty_rows(user_of("Li")), [])
		self.assertEqual(self.penalty_rows(user_of("Zhou")), [])
