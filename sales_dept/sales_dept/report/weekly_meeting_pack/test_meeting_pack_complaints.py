# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""The Weekly Meeting Pack lists each team's complaints (rulebook R7, R26): the Issues of its salespeople's
customers opened in the week under review or still open, with their SLA. On the records of
`sales_dept.tests.scorecard_factories`: four Issues of Sun's customers (East) opened on 2025-03-15."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.sales_dept.report.weekly_meeting_pack.weekly_meeting_pack import execute
from sales_dept.setup.records import acting_as, default_company
from sales_dept.tests.factories import EAST, PEOPLE, SOUTH
from sales_dept.tests.scorecard_factories import PREFIX, SUN, customer, make_scorecard_data


class TestMeetingPackComplaints(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_scorecard_data()

	def complaints(self, week_start: str, team=None) -> tuple[dict, list[dict], dict]:
		rows, _message, _chart, summary = execute(
			{"company": default_company(), "week_start": week_start, **({"team": team} if team else {})}
		)[1:]
		by_team = {}
		for row in rows:
			if row.get("section") == "Complaints" and row["indent"] == 1:
				by_team[row["team"]] = (row, [])
			elif row.get("section") == "Complaints" and row["indent"] == 2:
				by_team[row["team"]][1].append(row)
		return by_team, rows, {s["label"]: s["value"] for s in summary}

	def test_each_team_brings_its_complaints(self):
		by_team, _rows, summary = self.complaints("2025-03-10")
		header, lines = by_team[EAST]
		mine = [row for row in lines if (row.get("detail") or "").find(PREFIX) >= 0]
		self.assertEqual(len(mine), 4)
		self.assertEqual({row["sales_person"] for row in mine}, {SUN.sales_person})
		statuses = sorted(row["status"] for row in mine)
		self.assertEqual(
			statuses,
			["Open · SLA Breached", "Open · SLA Breached", "Open · SLA Kept", "Open · SLA Kept"],
		)
		self.assertEqual({row["reference_doctype"] for row in mine}, {"Issue"})
		self.assertIn(f"{customer('Shared')} · {PREFIX} shared", {row["detail"] for row in mine})
		self.assertEqual(header["detail"], str(len(lines)))
		self.assertGreaterEqual(summary["Complaints"], 4)
		self.assertGreaterEqual(summary["SLA Breached"], 2)
		self.assertNotIn(SUN.sales_person, {row["sales_person"] for row in by_team[SOUTH][1]})

	def test_open_ones_stay_until_closed(self):
		by_team, *_rest = self.complaints("2025-03-17")  # the week after: still open
		self.assertEqual(len([r for r in by_team[EAST][1] if PREFIX in (r.get("detail") or "")]), 4)
		for name in frappe.get_all("Issue", {"subject": ["like", f"{PREFIX}%"]}, pluck="name"):
			frappe.db.set_value("Issue", name, "status", "Closed")
		by_team, *_rest = self.complaints("2025-03-17")
		self.assertEqual([r for r in by_team[EAST][1] if PREFIX in (r.get("detail") or "")], [])
		by_team, *_rest = self.complaints("2025-03-03")  # before they were opened
		self.assertEqual([r for r in by_team[EAST][1] if PREFIX in (r.get("detail") or "")], [])

	def test_a_salesperson_of_another_team_sees_none_of_them(self):
		with acting_as(PEOPLE["Qian"].user):
			by_team, *_rest = self.complaints("2025-03-10")
		self.assertNotIn(EAST, by_team)
