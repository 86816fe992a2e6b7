"""Which server the app's reports and number cards read from on a site with a read replica, by the servers'
own counters (scripts/replica-setup --prove), and what a user sees while the replica lags or is down
(scripts/replica-setup --lag).

The counters are MariaDB's per-user statistics (`userstat`, INFORMATION_SCHEMA.USER_STATISTICS) of the site's
own database user on each server: the site is the only client using that user, so what the other sites of the
machine do does not count. Each report runs as the desk runs it, through frappe.desk.query_report.run (which is
under frappe.read_only(), as every report of ours is too); each number card's method as the workspace calls it.
"""

import json
from contextlib import contextmanager
from unittest.mock import patch

import frappe
import pymysql
from frappe.utils import add_days, getdate, nowdate

from sales_dept.services.replica_lag import lag_message, read_replica_state
from sales_dept.setup.records import default_company

REPLICA_SOCKET = "/run/mysqld/mysqld-replica.sock"
COUNTERS = (
	"SELECT_COMMANDS",
	"UPDATE_COMMANDS",
	"OTHER_COMMANDS",
	"ROWS_READ",
	"ROWS_INSERTED",
	"ROWS_UPDATED",
	"ROWS_DELETED",
)
NUMBER_CARDS = (
	"sales_dept.services.bid_reports.bids_waiting_for_my_review",
	"sales_dept.services.conduct.penalties_awaiting_my_decision",
	"sales_dept.services.scorecards.scorecards_waiting_for_me",
)


def report_filters(company: str) -> dict[str, dict]:
	"""Each script report of the app with the filters it opens with."""
	today = getdate()
	from sales_dept.setup.scorecards import TEMPLATE_NAME

	monday = add_days(today, -today.weekday())
	return {
		"Price Exceptions": {"company": company},
		"Visit Plan Execution": {"company": company, "from_date": add_days(today, -31), "to_date": today},
		"Customer Visit Coverage": {"company": company, "as_on": today},
		"Weekly Meeting Pack": {"company": company, "week_start": monday},
		"Bid Pipeline": {"company": company},
		"Bid Win Loss Analysis": {"company": company, "from_date": add_days(today, -365), "to_date": today},
		"Sales Rulebook": {},
		"Conduct Summary": {"company": company, "from_date": add_days(today, -31), "to_date": today},
		"Sales Target Achievement": {"company": company, "period_type": "Month", "date": today},
		"Scorecard Ranking": {"company": company, "template": TEMPLATE_NAME, "date": today.replace(day=1)},
	}


def server(replica: bool):
	conf = frappe.conf
	if replica:
		return pymysql.connect(unix_socket=REPLICA_SOCKET, user="root", autocommit=True)
	return pymysql.connect(
		host=conf.db_host or "127.0.0.1",
		port=int(conf.db_port or 3306),
		user="root",
		password=conf.root_password,
		autocommit=True,
	)


def user_counters(connection, user: str) -> dict[str, int]:
	with connection.cursor() as cursor:
		cursor.execute(
			f"select {', '.join(COUNTERS)} from information_schema.USER_STATISTICS where USER = %s", (user,)
		)
		row = cursor.fetchone() or (0,) * len(COUNTERS)
	return dict(zip(COUNTERS, (int(value) for value in row), strict=True))


def scalar(connection, sql: str):
	with connection.cursor() as cursor:
		cursor.execute(sql)
		row = cursor.fetchone()
	return row[0] if row else None


@contextmanager
def counted(servers: dict, user: str, into: dict, name: str):
	before = {side: user_counters(connection, user) for side, connection in servers.items()}
	yield
	for side, connection in servers.items():
		after = user_counters(connection, user)
		into.setdefault(name, {})[side] = {key: after[key] - before[side][key] for key in COUNTERS}


def fresh_request():
	"""frappe.read_only() switches to the replica once a request and leaves the closed connection on
	frappe.local: each call here stands for a request of its own."""
	for attribute in ("replica_db", "primary_db"):
		if hasattr(frappe.local, attribute):
			delattr(frappe.local, attribute)


def viewer() -> str:
	"""The load department's manager when there is one, else Administrator."""
	return frappe.db.get_value("User", {"name": "manager@load.example.com"}) or "Administrator"


def prove(replica_port: int = 3308) -> dict:
	from frappe.desk.query_report import run

	if not frappe.conf.read_from_replica:
		frappe.throw(
			"The site does not read from a replica (read_from_replica): run scripts/replica-setup first."
		)
	user = frappe.conf.db_user or frappe.conf.db_name
	servers = {"primary": server(False), "replica": server(True)}
	for connection in servers.values():
		scalar(connection, "select 1")
		connection.cursor().execute("SET GLOBAL userstat = 1")
	company = default_company()
	frappe.set_user(viewer())
	frappe.db.commit()
	results: dict = {}
	for report, filters in report_filters(company).items():
		fresh_request()
		with counted(servers, user, results, f"report: {report}"):
			answer = run(report, filters=json.dumps(filters, default=str))
		results[f"report: {report}"]["rows"] = len(answer.get("result") or [])
	for method in NUMBER_CARDS:
		fresh_request()
		with counted(servers, user, results, f"number card: {method.rsplit('.', 1)[1]}"):
			frappe.call(method, filters=json.dumps({"company": company}))
	fresh_request()
	frappe.set_user("Administrator")
	replica = servers["replica"]
	state = {
		"replica_read_only": scalar(replica, "select @@read_only"),
		"replica_port": scalar(replica, "select @@port"),
		"replica_gtid_slave_pos": scalar(replica, "select @@gtid_slave_pos"),
		"primary_gtid_binlog_pos": scalar(servers["primary"], "select @@gtid_binlog_pos"),
	}
	problems = []
	for name, sides in results.items():
		if sides["replica"]["SELECT_COMMANDS"] < 1:
			problems.append(f"{name}: no SELECT on the replica")
		writes = sum(
			sides["replica"][key]
			for key in ("UPDATE_COMMANDS", "ROWS_INSERTED", "ROWS_UPDATED", "ROWS_DELETED")
		)
		if writes:
			problems.append(f"{name}: {writes} writes on the replica")
	print_table(results, state)
	return {"state": state, "results": results, "problems": problems, "passed": not problems}


def print_table(results: dict, state: dict):
	print(
		f"{'what':<52}{'primary SELECT':>15}{'replica SELECT':>15}{'replica rows read':>18}{'replica writes':>15}{'rows':>6}"
	)
	for name, sides in results.items():
		writes = sum(
			sides["replica"][key]
			for key in ("UPDATE_COMMANDS", "ROWS_INSERTED", "ROWS_UPDATED", "ROWS_DELETED")
		)
		print(
			f"{name:<52}{sides['primary']['SELECT_COMMANDS']:>15}{sides['replica']['SELECT_COMMANDS']:>15}"
			f"{sides['replica']['ROWS_READ']:>18}{writes:>15}{sides.get('rows', ''):>6}"
		)
	print(json.dumps(state))


def show_lag(replica_port: int = 3308) -> dict:
	"""What the Customer Visit Coverage report shows (i) with the replica's SQL thread stopped and a customer
	added on the primary, (ii) once it runs again, and (iii) when the replica cannot be reached at all."""
	from frappe.desk.query_report import run

	replica = server(True)
	company = default_company()
	filters = json.dumps({"company": company, "as_on": nowdate()})
	frappe.set_user("Administrator")

	def rows_seen() -> int:
		fresh_request()
		return len(run("Customer Visit Coverage", filters=filters).get("result") or [])

	def rows_on_primary() -> int:
		with patch.dict(frappe.local.conf, {"read_from_replica": 0}):
			fresh_request()
			return len(run("Customer Visit Coverage", filters=filters).get("result") or [])

	steps = {"before": {"replica": rows_seen(), "primary": rows_on_primary()}}
	with replica.cursor() as cursor:
		cursor.execute("STOP SLAVE SQL_THREAD")
	try:
		sales_person = frappe.db.get_value("Sales Person", {"is_group": 0, "enabled": 1})
		customer = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": f"压测延迟客户 {frappe.generate_hash(length=6)}",
				"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}),
				"territory": frappe.db.get_value("Territory", {"is_group": 0}),
				"sales_team": [{"sales_person": sales_person, "allocated_percentage": 100}],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		with replica.cursor() as cursor:
			cursor.execute("SHOW SLAVE STATUS")
			status = dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))
		steps["replica stopped applying, a customer added"] = {
			"replica": rows_seen(),
			"primary": rows_on_primary(),
			"Seconds_Behind_Master": status["Seconds_Behind_Master"],
			"Slave_SQL_Running": status["Slave_SQL_Running"],
			"the report says": lag_message(read_replica_state()),
		}
	finally:
		with replica.cursor() as cursor:
			cursor.execute("START SLAVE SQL_THREAD")
	frappe.db.sql("select sleep(2)")
	steps["replica applying again"] = {"replica": rows_seen(), "primary": rows_on_primary()}
	with patch.dict(
		frappe.local.conf, {"replica_db_port": 1}
	):  # nothing listens there: a replica that is down
		fresh_request()
		try:
			run("Customer Visit Coverage", filters=filters)
			steps["replica down"] = "answered (?)"
		except Exception as error:
			steps["replica down"] = f"{type(error).__name__}: {str(error)[:160]}"
			frappe.db.rollback()
	fresh_request()
	frappe.delete_doc("Customer", customer.name, ignore_permissions=True, force=True)
	frappe.db.commit()
	print(json.dumps(steps, ensure_ascii=False, indent=1, default=str))
	return steps
