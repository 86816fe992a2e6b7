"""Benchmark: what the group robots (issue 19) cost a decision, and how their outbox is delivered.

	scripts/benchmark robots [SITE]
	SALES_DEPT_ROBOT_SCALE=1 scripts/benchmark robots [SITE]   the platforms' real minute (about 5 minutes)

1. A decision's request: the queries of a visit plan's approval by the team leader, as a fresh request with
   warm caches, with the robots on (a robot for the team: the approval writes one message) and off. Target
   (from the issue): at most one insert more, and no HTTP request at all inside the request (every request
   the process makes is counted: the message goes after the commit, through the background job).
2. Delivery: 1,000 messages queued across 10 robots (5 WeCom, 5 DingTalk: 20 a minute each) to the robot
   imitation, served in this process; one worker (this process) delivers them, messages beyond the rate
   waiting their turn (no merging). Every robot's rate must hold (at most 20 requests in any of the
   platform's minutes, and never an answer "too many") while all ten are kept busy: the time is about what
   one robot's 100 messages take at 20 a minute (four full minutes after the first twenty), not ten times
   that. The platforms' minute is scaled down (SALES_DEPT_ROBOT_SCALE, default 10: a "minute" of 6 s, for
   the app's rules and the imitation alike) so that the run takes seconds; scale 1 is the real one.
3. The same 1,000 messages with a backlog merged (the app's default): how many requests, and how long.

Printed as ratios, not timed assertions (the last line is the result as JSON; "passed" says whether the
rate held, the inserts and the HTTP requests were within target and the messages were all delivered).
"""

import os
import time
from collections import Counter
from contextlib import contextmanager
from math import ceil
from unittest.mock import patch

import frappe
import requests
from frappe.model.workflow import apply_workflow

from sales_dept.benchmarks.price_policy import counting_queries, fresh_request, query_shape
from sales_dept.demo.site import ensure_company
from sales_dept.rules import robots as rules
from sales_dept.rules.robots import Line, RobotText
from sales_dept.services import robot_delivery, robots
from sales_dept.setup.records import acting_as
from sales_dept.tests.factories import EAST, PEOPLE, make_customer, make_sales_org
from sales_dept.tests.robot_imitation import Imitation
from sales_dept.tests.visit_factories import make_visit_plan

PREFIX = "_SD Bench Robot"
SETTINGS = "Sales Dept Settings"
ROBOTS, MESSAGES = 10, 1000
PLATFORMS = (rules.WECOM, rules.DINGTALK)
PATHS = {rules.WECOM: "/cgi-bin/webhook/send?key={token}", rules.DINGTALK: "/robot/send?access_token={token}"}
MAX_EXTRA_INSERTS, MAX_HTTP_IN_REQUEST = 1, 0
FIRST_PLAN_WEEK = "2032-01-05"  # a Monday; each measured approval takes the next week


# Settings and records
# --------------------


@contextmanager
def robot_settings(**values):
	"""Sales Dept Settings' robot switches as given for the block, as they were after it (committed)."""
	before = {key: frappe.db.get_single_value(SETTINGS, key) for key in values}
	try:
		set_settings(values)
		yield
	finally:
		frappe.db.rollback()
		set_settings(before)


def set_settings(values: dict):
	for key, value in values.items():
		frappe.db.set_single_value(SETTINGS, key, value, update_modified=False)
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	frappe.db.commit()


def remove_bench_robots():
	"""The benchmark's robots and their messages, from an earlier run too."""
	frappe.db.rollback()
	for name in frappe.get_all(robots.ROBOT, {"name": ["like", f"{PREFIX}%"]}, pluck="name"):
		frappe.delete_doc(robots.ROBOT, name, ignore_permissions=True, force=True)
	frappe.db.delete(robots.MESSAGE, {"robot": ["like", f"{PREFIX}%"]})
	frappe.db.commit()


def make_bench_robot(name: str, platform: str, base: str, team: str | None, imitation: Imitation) -> str:
	token = frappe.scrub(name).replace("_", "-") + "-token"
	imitation.add_group(platform, token, name)
	return (
		frappe.get_doc(
			{
				"doctype": robots.ROBOT,
				"robot_name": name,
				"platform": platform,
				"webhook_address": base + PATHS[platform].format(token=token),
				"whole_department": 0 if team else 1,
				"team": team,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


@contextmanager
def counted_http():
	"""Every HTTP request this process makes in the block (requests' and the delivery's own post)."""
	calls = []
	real_request = requests.Session.request

	def request(session, method, url, *args, **kwargs):
		calls.append((method, url))
		return real_request(session, method, url, *args, **kwargs)

	with patch.object(requests.Session, "request", request):
		yield calls


# 1. A decision's request
# -----------------------


def approval_queries(week: str, customer: str) -> tuple[list[str], list]:
	"""The queries and HTTP requests of one approval by the team leader (the plan handed in before)."""
	plan = make_visit_plan("Zhou", week, rows=[(customer, week)], submit_for_approval=True)
	frappe.db.commit()
	fresh_request()
	with acting_as(PEOPLE["Li"].user), counting_queries() as queries, counted_http() as http:
		apply_workflow(frappe.get_doc("Visit Plan", plan.name), "Approve")
	frappe.db.rollback()  # the approval measured is not kept: the plan stays handed in
	return queries, http


def measure_decision(base: str, imitation: Imitation) -> dict:
	customer = make_customer("_SD Bench Robots Customer", "Zhou")
	make_bench_robot(f"{PREFIX} East", rules.DINGTALK, base, EAST, imitation)
	frappe.db.commit()
	weeks = [frappe.utils.add_days(FIRST_PLAN_WEEK, 7 * n) for n in range(4)]
	found = {}
	for on, (warm, measured) in ((True, weeks[:2]), (False, weeks[2:])):
		with robot_settings(enable_group_robots=int(on)):
			approval_queries(str(warm), customer)  # caches warmed by a first approval
			found[on] = approval_queries(str(measured), customer)
	(queries_on, http_on), (queries_off, http_off) = found[True], found[False]
	inserts = Counter(q.split("(")[0].strip() for q in queries_on if q.lstrip().lower().startswith("insert"))
	inserts_off = Counter(
		q.split("(")[0].strip() for q in queries_off if q.lstrip().lower().startswith("insert")
	)
	extra_inserts = sum((inserts - inserts_off).values())
	extra_shapes = Counter(map(query_shape, queries_on)) - Counter(map(query_shape, queries_off))
	return {
		"queries_off": len(queries_off),
		"queries_on": len(queries_on),
		"extra_queries": len(queries_on) - len(queries_off),
		"extra_inserts": extra_inserts,
		"extra_query_kinds": dict(Counter(shape.split()[0].lower() for shape in extra_shapes.elements())),
		"extra_queries_seen": sorted(shape[:90] for shape in extra_shapes.elements()),
		"http_requests_on": len(http_on),
		"http_requests_off": len(http_off),
		"passed": extra_inserts <= MAX_EXTRA_INSERTS and len(http_on) <= MAX_HTTP_IN_REQUEST,
	}


# 2 and 3. Delivery
# -----------------


def scaled_rates(scale: float) -> dict:
	return {
		platform: tuple(rules.RateLimit(limit.count, limit.seconds / scale) for limit in limits)
		for platform, limits in rules.RATE_LIMITS.items()
	}


def queue_messages(names: list[str]):
	"""MESSAGES messages, round robin over the robots, committed (the delivery job is not queued: this
	process delivers them)."""
	for number in range(MESSAGES):
		robot = names[number % len(names)]
		platform = rules.DINGTALK if "DingTalk" in robot else rules.WECOM
		text = RobotText(
			f"消息 {number:04d}", (Line("第 49 周，12 家客户", "https://erp.example.com/app/visit-plan/1"),)
		)
		[payload] = rules.payloads(platform, text)
		robots.queue_message(
			robot, rules.WAITING_FOR_YOU, payload.body, title=text.title, content=payload.text
		)
	frappe.db.commit()


def deliver_all(names: list[str], merge_backlog: bool, budget: float) -> float:
	"""Seconds until every message of `names` is sent (or merged), one worker."""
	started = time.monotonic()
	while time.monotonic() - started < budget:
		robot_delivery.deliver_due_messages(budget_seconds=budget, merge_backlog=merge_backlog)
		frappe.db.commit()
		waiting = frappe.db.count(
			robots.MESSAGE, {"robot": ["in", names], "status": ["in", ["Queued", "Failed"]]}
		)
		if not waiting:
			break
		time.sleep(0.05)
	return time.monotonic() - started


def busiest_window(times: list[float], window: float) -> int:
	"""The most requests in any `window` seconds."""
	times, most, start = sorted(times), 0, 0
	for end, moment in enumerate(times):
		while moment - times[start] >= window:
			start += 1
		most = max(most, end - start + 1)
	return most


def measure_delivery(base: str, imitation: Imitation, scale: float, merge_backlog: bool) -> dict:
	remove_bench_robots()
	imitation.reset()
	names = [
		make_bench_robot(f"{PREFIX} {n:02d} {PLATFORMS[n % 2]}", PLATFORMS[n % 2], base, None, imitation)
		for n in range(ROBOTS)
	]
	frappe.db.commit()
	queue_messages(names)
	minute = 60 / scale
	per_robot = MESSAGES // ROBOTS
	limit = rules.RATE_LIMITS[rules.WECOM][0].count
	ideal = (ceil(per_robot / limit) - 1) * (minute + rules.RATE_MARGIN.total_seconds() / scale)
	with (
		patch.dict(rules.RATE_LIMITS, scaled_rates(scale)),
		patch.object(rules, "RATE_MARGIN", rules.RATE_MARGIN / scale),
		patch.object(rules, "BACKLOG_WAIT", rules.BACKLOG_WAIT / scale),
		patch.object(robot_delivery, "SHORT_WAIT_SECONDS", 2 * minute),
	):
		seconds = deliver_all(names, merge_backlog, budget=max(20 * ideal, 120))
	groups = [imitation.group(frappe.scrub(name).replace("_", "-") + "-token") for name in names]
	received = [len(group.messages) for group in groups]
	refused = sum(len(group.refused) for group in groups)
	busiest = max(busiest_window([m["at"] for m in group.messages], minute) for group in groups)
	statuses = Counter(frappe.get_all(robots.MESSAGE, {"robot": ["in", names]}, pluck="status"))
	text = "\n".join(m["text"] for group in groups for m in group.messages)
	delivered = sum(f"消息 {number:04d}" in text for number in range(MESSAGES))
	last = [max(m["at"] for m in group.messages) for group in groups if group.messages]
	first = min(m["at"] for group in groups for m in group.messages)
	return {
		"merge_backlog": merge_backlog,
		"scale": scale,
		"minute_s": round(minute, 2),
		"seconds": round(seconds, 2),
		"one_robot_ideal_s": round(ideal, 2),
		"time_over_one_robots_ideal": round(seconds / ideal, 2) if ideal else None,
		"time_over_ten_robots_in_turn": round(seconds / (ROBOTS * ideal), 3) if ideal else None,
		"requests": sum(received),
		"requests_per_robot": sorted(set(received)),
		"busiest_window_per_robot": busiest,
		"rate_limit": limit,
		"answered_too_many": refused,
		"messages_delivered": delivered,
		"statuses": dict(statuses),
		"last_request_spread_s": round(max(last) - min(last), 2) if last else None,
		"first_to_last_s": round(max(last) - first, 2) if last else None,
	}


# The run
# -------


def run() -> dict:
	if "sales_dept" not in frappe.get_installed_apps():
		raise RuntimeError(f"sales_dept is not installed on {frappe.local.site}")
	ensure_company()
	make_sales_org()
	frappe.db.commit()
	scale = float(os.environ.get("SALES_DEPT_ROBOT_SCALE") or 10)
	imitation = Imitation(minute=60 / scale)
	base = imitation.serve()
	load_before = os.getloadavg()[0]
	remove_bench_robots()
	try:
		with (
			robot_settings(allow_other_robot_hosts=1, enable_group_robots=1),
			# no job queued: this process delivers
			patch.object(robot_delivery, "_enqueue_delivery", side_effect=robot_delivery._forget_pending),
		):
			decision = measure_decision(base, imitation)
			remove_bench_robots()
			waiting = measure_delivery(base, imitation, scale, merge_backlog=False)
			merged = measure_delivery(base, imitation, scale, merge_backlog=True)
	finally:
		remove_bench_robots()
		imitation.stop()
	load = (load_before, os.getloadavg()[0])
	passed = (
		decision["passed"]
		and waiting["busiest_window_per_robot"] <= waiting["rate_limit"]
		and waiting["answered_too_many"] == merged["answered_too_many"] == 0
		and waiting["messages_delivered"] == merged["messages_delivered"] == MESSAGES
	)
	print_results(decision, waiting, merged, load)
	return {
		"benchmark": "robots",
		"site": frappe.local.site,
		"decision": decision,
		"delivery_waiting_their_turn": waiting,
		"delivery_backlog_merged": merged,
		"load_average": [round(value, 2) for value in load],
		"passed": passed,
	}


def print_results(decision: dict, waiting: dict, merged: dict, load: tuple[float, float]):
	print()
	print(f"Group robots on {frappe.local.site}")
	print(
		f"1. A visit plan's approval: {decision['queries_off']} queries with the robots off, "
		f"{decision['queries_on']} on ({decision['extra_queries']:+d}: {decision['extra_query_kinds']}); "
		f"inserts {decision['extra_inserts']:+d} (target <= {MAX_EXTRA_INSERTS}); HTTP requests in the "
		f"request: {decision['http_requests_on']} (target {MAX_HTTP_IN_REQUEST})."
	)
	for label, result in (("2. Waiting their turn", waiting), ("3. Backlog merged", merged)):
		print(
			f"{label}: {MESSAGES:,} messages, {ROBOTS} robots, a platform minute of {result['minute_s']} s "
			f"(scale {result['scale']:g}): {result['seconds']} s, {result['requests']} requests "
			f"({result['requests_per_robot']} a robot); busiest minute of a robot {result['busiest_window_per_robot']} "
			f"(limit {result['rate_limit']}); 'too many' answers {result['answered_too_many']}; "
			f"delivered {result['messages_delivered']}/{MESSAGES}; statuses {result['statuses']}."
		)
		print(
			f"   time / one robot's 100 messages at the rate ({result['one_robot_ideal_s']} s): "
			f"{result['time_over_one_robots_ideal']}; time / ten robots served in turn: "
			f"{result['time_over_ten_robots_in_turn']}; the robots' last requests within "
			f"{result['last_request_spread_s']} s of each other."
		)
	print(f"Load average before / after: {load[0]:.2f} / {load[1]:.2f} on {os.cpu_count()} CPUs.", flush=True)
