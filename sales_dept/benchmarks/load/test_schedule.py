"""Tier 1: the scheduler's bursts and the quiet windows between them, for the load test's phases."""

import unittest
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sales_dept.benchmarks.load.schedule import Cron, bursts, field_values, quiet_start, schedules_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
# what an ERPNext 15 site runs (scripts/load-test's site, read from its Scheduled Job Types), in short
JOB_TYPES = [
	{"name": "flush", "frequency": "All", "cron_format": None},
	{"name": "pull", "frequency": "Cron", "cron_format": "0/10 * * * *"},
	{"name": "offset alerts", "frequency": "Cron", "cron_format": "0/5 * * * *"},  # Frappe 16's
	*({"name": f"quarter {n}", "frequency": "Cron", "cron_format": "0/15 * * * *"} for n in range(6)),
	{"name": "youtube", "frequency": "Cron", "cron_format": "0/30 * * * *"},
	{"name": "rename", "frequency": "Cron", "cron_format": "30 * * * *"},
	{"name": "reorder", "frequency": "Cron", "cron_format": "45 0 * * *"},
	{"name": "robots", "frequency": "Cron", "cron_format": "* * * * *"},
	{"name": "hourly", "frequency": "Hourly", "cron_format": None},
	{"name": "daily", "frequency": "Daily Long", "cron_format": None},
	{"name": "weekly", "frequency": "Weekly", "cron_format": ""},
	{"name": "month end", "frequency": "Cron", "cron_format": "0 0 L * *"},
	{"name": "nightly", "frequency": "Cron", "cron_format": "@daily"},
]


def at(hour: int, minute: int, day: int = 7) -> datetime:
	return datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)  # 2026-12-07 is a Monday


class TestCron(unittest.TestCase):
	def test_fields(self):
		self.assertEqual(sorted(field_values("0/15", 0, 59)), [0, 15, 30, 45])
		self.assertEqual(sorted(field_values("*/20", 0, 59)), [0, 20, 40])
		self.assertEqual(sorted(field_values("1-30/10,45", 0, 59)), [1, 11, 21, 45])
		self.assertEqual(sorted(field_values("30", 0, 59)), [30])
		for bad in ("60", "5-1", "*/0", "x"):
			with self.assertRaises(ValueError):
				field_values(bad, 0, 59)

	def test_due(self):
		quarter = Cron("0/15 * * * *")
		self.assertTrue(quarter.due(at(11, 45)))
		self.assertFalse(quarter.due(at(11, 46)))
		sunday = Cron("0 0 * * 7")
		self.assertTrue(sunday.due(at(0, 0, day=6)))
		self.assertFalse(sunday.due(at(0, 0, day=7)))
		# both day fields given: either matches (the 1st, or any Monday)
		either = Cron("0 9 1 * 1")
		self.assertTrue(either.due(at(9, 0, day=7)))
		self.assertTrue(either.due(datetime(2027, 1, 1, 9, 0)))  # a Friday
		self.assertFalse(either.due(at(9, 0, day=8)))
		with self.assertRaises(ValueError):
			Cron("0 * * *")


class TestBursts(unittest.TestCase):
	def setUp(self):
		self.crons, self.unread = schedules_of(JOB_TYPES)

	def test_the_background_and_two_small_jobs_are_no_burst(self):
		self.assertEqual(self.unread, ["month end"])  # said, not guessed
		found = bursts(self.crons, at(11, 0), at(12, 0))
		self.assertEqual([minute.minute for minute in found], [0, 15, 30, 45])
		# at midnight the daily and weekly ones too; at 00:45 the reorder makes no burst of its own: the
		# quarter's jobs are there anyway
		midnight = bursts(self.crons, at(0, 0), at(1, 0))
		self.assertEqual([minute.minute for minute in midnight], [0, 15, 30, 45])
		# quarter, pull, offset alerts, youtube, hourly (+ daily, @daily at midnight; the weekly's Sunday is not a
		# Monday); at 11:10 the pull and the offset alerts only
		self.assertEqual(sum(cron.due(at(11, 0)) for cron in self.crons), 6 + 1 + 1 + 1 + 1)
		self.assertEqual(sum(cron.due(at(11, 10)) for cron in self.crons), 2)
		self.assertEqual(sum(cron.due(at(0, 0)) for cron in self.crons), 6 + 1 + 1 + 1 + 1 + 1 + 1)
		self.assertEqual(sum(cron.due(at(0, 0, day=6)) for cron in self.crons), 6 + 1 + 1 + 1 + 1 + 1 + 1 + 1)
		self.assertEqual(len(bursts(self.crons, at(11, 0), at(12, 0), at_least=2)), 8)  # the pull's too

	def test_quiet_start_between_the_bursts(self):
		found = bursts(self.crons, at(11, 0), at(13, 0))
		# a measured 300 s from 11:03 fits before 11:15; from 11:11 it waits for the burst at 11:15 to pass
		self.assertEqual(quiet_start(found, at(11, 3), 300), at(11, 3))
		self.assertEqual(quiet_start(found, at(11, 11), 300), at(11, 17))
		# 775 s fit exactly between 11:17 and 5 s before 11:30; 776 s fit in none of the 13-minute gaps
		self.assertEqual(quiet_start(found, at(11, 16), 775), at(11, 17))
		self.assertIsNone(quiet_start(found, at(11, 16), 776))
		self.assertEqual(quiet_start(found, at(11, 16), 780, lead_seconds=0), at(11, 17))
		# a window that would end within the lead before a burst waits for it to pass
		self.assertEqual(quiet_start(found, at(11, 10) + timedelta(seconds=1), 295), at(11, 17))
		self.assertEqual(quiet_start(found, at(11, 10), 295), at(11, 10))
		# after the last known burst nothing is known
		self.assertIsNone(quiet_start(found, at(12, 50), 60))
		self.assertEqual(quiet_start(found, at(11, 3), 60, burst_seconds=0), at(11, 3))
		self.assertEqual(quiet_start(found, at(11, 14, day=7) + timedelta(seconds=30), 60), at(11, 17))
