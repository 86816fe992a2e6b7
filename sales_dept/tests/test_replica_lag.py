"""A report or number card read from a read replica that lags or stopped copying says so (services.replica_lag);
one read from an up-to-date replica, or on a site without one, says nothing."""

from types import SimpleNamespace
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from sales_dept.services import replica_lag

REPORT = "/api/method/frappe.desk.query_report.run"
CARD = "/api/method/sales_dept.services.bid_reports.bids_waiting_for_my_review"


class TestReplicaLag(FrappeTestCase):
	def messages_for(self, path: str, state: dict | None, conf: dict | None = None) -> list[dict]:
		frappe.local.message_log = []
		with (
			patch.dict(frappe.local.conf, {"read_from_replica": 1, **(conf or {})}),
			patch.object(frappe, "request", SimpleNamespace(path=path), create=True),
			patch.object(replica_lag, "read_replica_state", return_value=state),
		):
			frappe.cache.delete_value(replica_lag.CACHE_KEY)
			replica_lag.warn_when_replica_lags()
		frappe.cache.delete_value(replica_lag.CACHE_KEY)
		return [frappe.parse_json(m) if isinstance(m, str) else m for m in frappe.local.message_log]

	def test_a_replica_behind_by_more_than_allowed_says_by_how_much(self):
		messages = self.messages_for(REPORT, {"io": "Yes", "sql": "Yes", "seconds": 95})
		self.assertEqual(len(messages), 1)
		self.assertIn("95 seconds behind", messages[0]["message"])
		self.assertEqual(messages[0]["indicator"], "orange")
		self.assertFalse(messages[0].get("alert"))  # a report: a message the user closes

	def test_a_replica_that_stopped_copying_says_so_on_a_number_card_too(self):
		messages = self.messages_for(CARD, {"io": "Yes", "sql": "No", "seconds": None})
		self.assertEqual(len(messages), 1)
		self.assertIn("stopped copying", messages[0]["message"])
		self.assertTrue(messages[0].get("alert"))

	def test_nothing_is_said_within_the_allowed_lag_or_elsewhere(self):
		self.assertEqual(self.messages_for(REPORT, {"io": "Yes", "sql": "Yes", "seconds": 3}), [])
		self.assertEqual(
			self.messages_for(
				REPORT, {"io": "Yes", "sql": "Yes", "seconds": 40}, {"sales_dept_replica_max_lag": 60}
			),
			[],
		)
		self.assertEqual(self.messages_for(REPORT, None), [])  # state unknown: no privilege, not a replica
		self.assertEqual(
			self.messages_for("/api/method/frappe.desk.form.load.getdoc", {"io": "No", "sql": "No"}), []
		)
		with patch.dict(frappe.local.conf, {"read_from_replica": 0}):
			frappe.local.message_log = []
			replica_lag.warn_when_replica_lags()
			self.assertEqual(frappe.local.message_log, [])
