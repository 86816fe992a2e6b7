"""Tier 1: reading py-spy's collapsed stacks for the load test's profile."""

import unittest

from sales_dept.benchmarks.load.profile import read_stacks, top_functions, where

LINES = [
	'process 10:"gunicorn";handle (gunicorn/workers/sync.py:10);get_value (/x/apps/frappe/frappe/database/database.py:5) 6',
	'process 11:"gunicorn";handle (gunicorn/workers/sync.py:10);execute (/x/env/lib/python3.11/site-packages/pymysql/cursors.py:3) 3',
	'process 11:"gunicorn";accept (/x/lib/python3.11/socket.py:1) 1',
	"not a stack line",
]


class TestProfile(unittest.TestCase):
	def test_self_and_inclusive(self):
		stacks = read_stacks(LINES)
		total, own, inclusive = top_functions(stacks)
		self.assertEqual(total, 10)
		self.assertEqual(
			own,
			[
				("get_value (frappe/frappe/database/database.py)", 6),
				("execute (pymysql/cursors.py)", 3),
				("accept (3.11/socket.py)", 1),
			],
		)
		self.assertEqual(inclusive[0], ("handle (gunicorn/workers/sync.py)", 9))

	def test_where_keeps_the_function_and_its_file(self):
		self.assertEqual(
			where("run (/b/apps/sales_dept/sales_dept/x.py:3)"), "run (sales_dept/sales_dept/x.py)"
		)
