"""A read replica that lags says so (README "Production", read replica).

On a site with `read_from_replica`, Frappe runs every report (and our number cards) on the replica and shows
whatever the replica holds: when the replica falls behind, or stops copying, the figures are old and nothing
says so. This `before_request` hook tells the user, on the report or workspace they open, when the replica is
more than `sales_dept_replica_max_lag` seconds (site config, default 30) behind, or not copying at all. The
replica's state is read with SHOW SLAVE STATUS under the site's own database user (scripts/replica-setup grants
it SLAVE MONITOR on the replica; without it nothing is said) and kept for CHECK_EVERY seconds in the cache."""

import frappe
from frappe import _

CACHE_KEY = "sales_dept:replica_state"
CHECK_EVERY = 10  # seconds
DEFAULT_MAX_LAG = 30  # seconds
REPORT_METHOD = "frappe.desk.query_report.run"
NUMBER_CARD_METHODS = frozenset(
	{
		"sales_dept.services.bid_reports.bids_waiting_for_my_review",
		"sales_dept.services.conduct.penalties_awaiting_my_decision",
		"sales_dept.services.scorecards.scorecards_waiting_for_me",
	}
)


def warn_when_replica_lags():
	"""before_request: a report or number card about to be read from a replica that lags says so."""
	if not frappe.conf.get("read_from_replica") or not frappe.request:
		return
	method = frappe.request.path.removeprefix("/api/method/")
	if method != REPORT_METHOD and method not in NUMBER_CARD_METHODS:
		return
	message = lag_message(replica_state())
	if message:
		frappe.msgprint(
			message, title=_("Figures May Be Out of Date"), indicator="orange", alert=method != REPORT_METHOD
		)


def lag_message(state: dict | None) -> str | None:
	"""What to tell the user of the replica's state ({io, sql, seconds}; None: unknown or not a replica)."""
	if not state:
		return None
	if state.get("io") != "Yes" or state.get("sql") != "Yes":
		return _(
			"These figures are read from the read replica, which has stopped copying changes from the database: they may be out of date."
		)
	max_lag = frappe.conf.get("sales_dept_replica_max_lag") or DEFAULT_MAX_LAG
	seconds = state.get("seconds")
	if seconds is not None and seconds > max_lag:
		return _(
			"These figures are read from the read replica, which is {0} seconds behind the database: the latest changes are not in them yet."
		).format(seconds)
	return None


def replica_state() -> dict | None:
	cached = frappe.cache.get_value(CACHE_KEY)
	if cached is not None:
		return cached or None
	state = read_replica_state()
	frappe.cache.set_value(CACHE_KEY, state or {}, expires_in_sec=CHECK_EVERY)
	return state


def read_replica_state() -> dict | None:
	"""The replica's SHOW SLAVE STATUS, read as the site's own user; None when it cannot be read."""
	from frappe.database import get_db

	conf = frappe.conf
	user, password = conf.get("db_user") or conf.db_name, conf.db_password
	if conf.get("different_credentials_for_replica"):
		user = conf.get("replica_db_user") or conf.get("replica_db_name")
		password = conf.get("replica_db_password")
	replica = get_db(
		socket=None,
		host=conf.replica_host,
		port=conf.replica_db_port,
		user=user,
		password=password,
		cur_db_name=conf.db_name,
	)
	try:
		rows = replica.sql("SHOW SLAVE STATUS", as_dict=True)
	except Exception:
		# no privilege to see it, or the replica is down (then the report itself fails and says so)
		return None
	finally:
		replica.close()
	if not rows:
		return None
	row = rows[0]
	return {
		"io": row.get("Slave_IO_Running"),
		"sql": row.get("Slave_SQL_Running"),
		"seconds": row.get("Seconds_Behind_Master"),
	}
