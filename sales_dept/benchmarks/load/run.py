"""Runs the load test's phases against a served site and prints its figures (scripts/load-test runs it in the
load test's own virtualenv, with this checkout on PYTHONPATH; no frappe here).

	python -m sales_dept.benchmarks.load.run --department DEPT.json --url http://127.0.0.1:PORT --site SITE \
		--users 58 --ramp-up 30 --duration 60 --out DIR [--rounds 1] [--one-user 240] [--no-rules-off]

Phases: "one user" (one user of each role, whatever the load's --pause at the default pace of 2-8 s, the
salesperson every 0.5-1.5 s and only writing (--one-user-mix): the reference of each write's time, which needs
each write timed at least 5 times, and far more to tell a ratio near its target from the noise), then `rounds`
times "rules on" and "rules off" in turns (Sales Dept Settings' capability switches, saved by the Administrator
over REST between phases, as an administrator would), each after a ramp-up whose requests are not counted. While
a phase runs, the CPU of the servers' processes, the load average and MariaDB's and Redis's counters are sampled
(with --lock-waits, MariaDB's row lock waits too), and the site's scheduled jobs that started in it are read: a
run that would cross the site's midnight is warned of at the start, a phase with the midnight's jobs in it
afterwards. Each measured phase is placed between the scheduler's quarter-hour bursts (schedule.py), so that
the phases meet the same quiet scheduler: the run waits for them (--any-time: measured at once). Writes the
records, the acknowledged writes and the figures to DIR (records.json, writes.json, result.json) and prints
the tables, each ratio with its 95 % bootstrap interval (stats.ratio_interval).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import gevent
from locust.env import Environment  # before requests: Locust patches ssl and sockets for gevent

# isort: split
import psutil
import requests

from sales_dept.benchmarks.load import locustfile
from sales_dept.benchmarks.load.schedule import bursts, quiet_start, schedules_of
from sales_dept.benchmarks.load.stats import (
	ERROR,
	MAX_RULES_RATIO,
	MAX_WRITE_SLOWDOWN,
	WRITE_KINDS,
	cpu_ms_per_request,
	lock_wait_key,
	midnight_within,
	missed_targets,
	ratio_intervals,
	ratios,
	requests_to_decide,
	run_seconds,
	scheduler_warning,
	slow_near_jobs,
	summarise,
	table,
	totals,
	users_for,
	verdict,
	windows_by_kind,
)

MARIADB_COUNTERS = (
	"Com_select",
	"Com_insert",
	"Com_update",
	"Com_delete",
	"Questions",
	"Innodb_row_lock_waits",
	"Innodb_row_lock_time",
	"Innodb_deadlocks",
	"Innodb_buffer_pool_read_requests",
	"Innodb_buffer_pool_reads",
	"Innodb_data_fsyncs",
	"Slow_queries",
	"Created_tmp_disk_tables",
)
REDIS_COUNTERS = ("total_commands_processed", "used_cpu_sys", "used_cpu_user")
LOGIN_TIMEOUT = 120  # seconds after the ramp-up to wait for every user's login and desk
LOGIN_ALLOWANCE = 10  # seconds the logins usually take after the ramp-up, when a phase is placed
SCHEDULE_HOURS = 12  # how far ahead the scheduler's bursts are read
SETTLE_SECONDS = 5  # then before the measured window opens
ONE_USER_RAMP_UP = 5  # seconds: the one-user phase's five users start at once
# The salesperson's mix in the one-user phase, which times each write alone (reads are not judged there)
ONE_USER_MIX = "quotation=2,order=1,visit=2,plan=1,browse=0"

SWITCHES = (
	"enable_pricing_policy",
	"enable_visit_plans",
	"enable_bid_review",
	"enable_scorecards",
	"enable_conduct",
)


def parse_args():
	parser = argparse.ArgumentParser()
	parser.add_argument("--department", required=True)
	parser.add_argument("--url", required=True)
	parser.add_argument("--site", required=True)
	parser.add_argument("--out", required=True)
	parser.add_argument("--users", type=int, default=58)
	parser.add_argument("--ramp-up", type=float, default=30)
	parser.add_argument("--duration", type=float, default=60)
	parser.add_argument("--rounds", type=int, default=1)
	parser.add_argument("--one-user", type=float, default=240, help="seconds of the one-user phase (0: none)")
	parser.add_argument("--no-rules-off", action="store_true")
	parser.add_argument(
		"--any-time",
		action="store_true",
		help="measure each phase at once instead of between the scheduler's quarter-hour bursts",
	)
	parser.add_argument("--pause", default="2,8", help="seconds between a user's actions: MIN,MAX")
	parser.add_argument(
		"--one-user-pause",
		default="0.5,1.5",
		help="the salesperson's in the one-user phase (the other roles': 2,8), whatever --pause: the reference"
		" needs each write timed at least 5 times, and far more to tell a ratio near its target from the noise",
	)
	parser.add_argument(
		"--mix", default="", help="salesperson's weights, e.g. quotation=1,order=1,visit=2,plan=1,browse=1"
	)
	parser.add_argument(
		"--one-user-mix",
		default=ONE_USER_MIX,
		help="the salesperson's weights in the one-user phase: writes only, the rarer ones (a visit's check-in"
		" and check-out take turns; a price exception follows one quotation in four) more often",
	)
	parser.add_argument("--admin-password", default=os.environ.get("SALES_DEPT_ADMIN_PASSWORD", "admin"))
	parser.add_argument("--mariadb", default="", help="command that runs SQL given with -e (counters)")
	parser.add_argument("--mariadb-replica", default="", help="the same for a replica (its counters too)")
	parser.add_argument(
		"--lock-waits",
		action="store_true",
		help="poll MariaDB's lock waits every 0.1 s in each measured phase (with --mariadb; scripts/load-test's"
		" --profile)",
	)
	parser.add_argument("--redis-ports", default="", help="comma-separated")
	parser.add_argument(
		"--server-pids", default="", help="name=pid,... of the processes whose CPU is sampled"
	)
	return parser.parse_args()


# The servers' counters
# ---------------------


def mariadb_status(command: str) -> dict[str, float]:
	if not command:
		return {}
	sql = "SHOW GLOBAL STATUS WHERE Variable_name IN (" + ",".join(f"'{c}'" for c in MARIADB_COUNTERS) + ")"
	try:
		out = subprocess.run(
			[*command.split(), "-N", "-B", "-e", sql], capture_output=True, text=True, timeout=30
		).stdout
	except (OSError, subprocess.SubprocessError):
		return {}
	return {
		name: float(value) for name, value in (line.split("\t") for line in out.splitlines() if "\t" in line)
	}


def redis_status(ports: str) -> dict[str, float]:
	found = {}
	for port in filter(None, ports.split(",")):
		try:
			out = subprocess.run(
				["redis-cli", "-p", port, "INFO"], capture_output=True, text=True, timeout=10
			).stdout
		except (OSError, subprocess.SubprocessError):
			continue
		for line in out.splitlines():
			name, _, value = line.strip().partition(":")
			if name in REDIS_COUNTERS:
				found[f"{port} {name}"] = float(value)
	return found


def delta(before: dict, after: dict) -> dict:
	return {key: round(after[key] - before.get(key, 0), 2) for key in after}


class CpuSampler:
	"""Every `every` seconds: the CPU % of each named process tree (one core = 100) and the load average."""

	def __init__(self, pids: dict[str, int], every: float = 2.0):
		self.pids, self.every = pids, every
		self.samples: dict[str, list[float]] = defaultdict(list)
		self.greenlet = None

	def trees(self) -> dict[str, list[psutil.Process]]:
		found = {}
		for name, pid in self.pids.items():
			try:
				root = psutil.Process(pid)
				found[name] = [root, *root.children(recursive=True)]
			except psutil.Error:
				found[name] = []
		found["locust (this process)"] = [psutil.Process()]
		return found

	def run(self):
		previous = {}
		while True:
			now = {}
			for name, processes in self.trees().items():
				total = 0.0
				for process in processes:
					try:
						times = process.cpu_times()
						total += times.user + times.system
					except psutil.Error:
						continue
				now[name] = (time.monotonic(), total)
			for name, (at, total) in now.items():
				if name in previous:
					then, before = previous[name]
					self.samples[name].append(max(0.0, (total - before) / max(at - then, 1e-6) * 100))
			self.samples["load average (1 min)"].append(os.getloadavg()[0])
			busy = psutil.cpu_percent(interval=None)
			self.samples["machine CPU % (all cores)"].append(busy)
			previous = now
			gevent.sleep(self.every)

	def start(self):
		self.samples.clear()
		psutil.cpu_percent(interval=None)
		self.greenlet = gevent.spawn(self.run)

	def stop(self) -> dict[str, float]:
		if self.greenlet:
			self.greenlet.kill()
		return {name: round(sum(values) / len(values), 1) for name, values in self.samples.items() if values}


LOCK_WAITS = (
	"SELECT l.lock_table, l.lock_index, l.lock_data, r.trx_query"
	" FROM information_schema.innodb_lock_waits w"
	" JOIN information_schema.innodb_trx r ON r.trx_id = w.requesting_trx_id"
	" JOIN information_schema.innodb_locks l ON l.lock_id = w.requested_lock_id"
)
END_OF_POLL = "-- end of poll --"


class LockWaitSampler:
	"""Every `every` seconds while a phase is measured (--lock-waits): the row locks transactions are waiting
	for (MariaDB's information_schema.innodb_lock_waits), through one `mariadb` client kept open. A wait seen
	in n polls lasted about n x `every` seconds; the waits add up by what was waited for (stats.lock_wait_key)."""

	def __init__(self, command: str, every: float = 0.1):
		self.command, self.every = command, every
		self.waits: Counter = Counter()
		self.polls, self.client, self.greenlet, self.failed = 0, None, None, ""

	def run(self):
		while True:
			self.client.stdin.write(f"{LOCK_WAITS}; SELECT '{END_OF_POLL}';\n")
			self.client.stdin.flush()
			for line in self.client.stdout:
				if line.rstrip("\n") == END_OF_POLL:
					break
				fields = line.rstrip("\n").split("\t")
				if len(fields) == 4:
					table, index, data, statement = fields
					# the client's batch output writes a statement's line breaks and tabs as \n and \t
					statement = statement.replace("\\n", " ").replace("\\t", " ")
					self.waits[lock_wait_key(table, index, data, statement)] += 1
			else:
				self.failed = "the mariadb client stopped"
				return
			self.polls += 1
			gevent.sleep(self.every)

	def start(self):
		self.waits.clear()
		self.polls, self.failed = 0, ""
		probe = subprocess.run(
			[*self.command.split(), "-N", "-B", "-e", LOCK_WAITS], capture_output=True, text=True, timeout=30
		)
		if probe.returncode:
			self.failed = probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else "no answer"
			return
		self.client = subprocess.Popen(
			[*self.command.split(), "-N", "-B", "--unbuffered"],
			stdin=subprocess.PIPE,
			stdout=subprocess.PIPE,
			stderr=subprocess.DEVNULL,
			text=True,
		)
		self.greenlet = gevent.spawn(self.run)

	def stop(self) -> dict:
		if self.greenlet:
			self.greenlet.kill()
		if self.client:
			self.client.kill()
			self.client.wait()
		self.greenlet = self.client = None
		return {
			"every_seconds": self.every,
			"polls": self.polls,
			"waits": dict(self.waits.most_common()),
			"failed": self.failed,
		}


# Phases
# ------


def administrator(url: str, site: str, password: str) -> requests.Session:
	"""A session of the Administrator's on the served site (REST, as an administrator's browser)."""
	session = requests.Session()
	session.headers["Host"] = site
	answer = session.post(
		f"{url}/api/method/login", data={"usr": "Administrator", "pwd": password}, timeout=60
	)
	answer.raise_for_status()
	return session


def switch_rules(url: str, site: str, password: str, on: bool):
	"""Sales Dept Settings' capability switches saved by the Administrator, as on the desk."""
	session = administrator(url, site, password)
	answer = session.put(
		f"{url}/api/resource/Sales Dept Settings/Sales Dept Settings",
		json={switch: int(on) for switch in SWITCHES},
		timeout=60,
	)
	answer.raise_for_status()
	stored = answer.json()["data"]
	if any(int(stored[switch]) != int(on) for switch in SWITCHES):
		raise RuntimeError(f"Sales Dept Settings did not take the switches: {stored}")


class ScheduledJobs:
	"""The site's scheduled jobs, as its Administrator reads them over REST: a job that runs makes a Scheduled
	Job Log when it starts (every frequency but "All"). Read before and after each measured window, they say
	which jobs ran in it. A failed read says so and leaves the figures alone."""

	def __init__(self, url: str, site: str, password: str):
		self.url = url
		self.session = administrator(url, site, password)

	def get(self, path: str, **params):
		answer = self.session.get(f"{self.url}{path}", params=params, timeout=60)
		answer.raise_for_status()
		return answer.json()

	def newest_log(self) -> str:
		"""The creation time of the newest Scheduled Job Log (the site's time), or a time before any."""
		rows = self.get(
			"/api/resource/Scheduled Job Log",
			fields=json.dumps(["creation"]),
			order_by="creation desc",
			limit_page_length=1,
		)["data"]
		return rows[0]["creation"] if rows else "2000-01-01 00:00:00"

	def ran_since(self, since: str) -> tuple[dict[str, int], list[float]]:
		"""{frequency: jobs} of the jobs logged after `since`, and when each started (Unix time)."""
		logged = self.get(
			"/api/resource/Scheduled Job Log",
			fields=json.dumps(["scheduled_job_type", "creation"]),
			filters=json.dumps([["creation", ">", since]]),
			limit_page_length=0,
		)["data"]
		zone = ZoneInfo(self.site_zone())
		starts = [datetime.fromisoformat(row["creation"]).replace(tzinfo=zone).timestamp() for row in logged]
		return self.by_frequency(Counter(row["scheduled_job_type"] for row in logged)), starts

	def by_frequency(self, types: Counter) -> dict[str, int]:
		"""{frequency: jobs} of {Scheduled Job Type: jobs}."""
		if not types:
			return {}
		frequency = {
			row["name"]: row["frequency"]
			for row in self.get(
				"/api/resource/Scheduled Job Type",
				fields=json.dumps(["name", "frequency"]),
				filters=json.dumps([["name", "in", sorted(types)]]),
				limit_page_length=0,
			)["data"]
		}
		by_frequency: Counter = Counter()
		for job_type, n in types.items():
			by_frequency[frequency.get(job_type, "?")] += n
		return dict(by_frequency)

	def site_zone(self) -> str:
		zone = self.get(
			"/api/method/frappe.client.get_single_value", doctype="System Settings", field="time_zone"
		)["message"]
		return zone or "UTC"

	def site_now(self) -> datetime:
		return datetime.now(ZoneInfo(self.site_zone()))

	def job_types(self) -> list[dict]:
		"""The site's Scheduled Job Types that run (not stopped): name, frequency, cron_format."""
		return self.get(
			"/api/resource/Scheduled Job Type",
			fields=json.dumps(["name", "frequency", "cron_format"]),
			filters=json.dumps([["stopped", "=", 0]]),
			limit_page_length=0,
		)["data"]


class QuietWindows:
	"""Where the measured phases go: between the site's scheduler bursts (schedule.py), read once from its
	Scheduled Job Types for the next SCHEDULE_HOURS, the run's start being one. Waits are idle before a phase's
	users start (`lead` seconds of ramp-up ahead) and, if the logins took longer, with the users running before
	the window opens."""

	def __init__(self, jobs: ScheduledJobs):
		crons, unread = schedules_of(jobs.job_types())
		self.zone = ZoneInfo(jobs.site_zone())
		now = datetime.now(self.zone)
		# and now: a scheduler just started (or a site's resumed) runs at its first tick every job it missed
		# (on the bench: 25 at once, the hourly ones among them)
		start = now.replace(second=0, microsecond=0)
		self.bursts = [
			start,
			*(b for b in bursts(crons, now, now + timedelta(hours=SCHEDULE_HOURS)) if b > start),
		]
		if unread:
			print(
				f"[load-test] schedules not read, their jobs not avoided: {', '.join(unread)}",
				file=sys.stderr,
				flush=True,
			)

	def wait(self, name: str, seconds: float, lead: float = 0, idle: bool = True) -> bool:
		"""Waits until `lead` seconds before the first moment from `lead` on when `seconds` pass without a burst;
		False (no wait) when none is known."""
		now = datetime.now(self.zone)
		start = quiet_start(self.bursts, now + timedelta(seconds=lead), seconds)
		if start is None:
			print(
				f"[load-test] {name}: no {seconds:.0f} s between the scheduler's bursts in the next"
				f" {SCHEDULE_HOURS} hours: measured across them",
				flush=True,
			)
			return False
		wait = (start - now).total_seconds() - lead
		if wait > 1:
			print(
				f"[load-test] {name}: waiting {wait:.0f} s{'' if idle else ' (users running, not measured)'}"
				f" for {seconds:.0f} s between the scheduler's bursts ({start:%H:%M:%S} site time)",
				flush=True,
			)
			gevent.sleep(wait)
		return True


def run_phase(
	args,
	name: str,
	counts: dict[str, int],
	seconds: float,
	ramp_up: float,
	sampler: CpuSampler,
	jobs: ScheduledJobs | None = None,
	quiet: QuietWindows | None = None,
) -> dict:
	locustfile.DUELS.queue.clear() if hasattr(locustfile.DUELS, "queue") else None
	locustfile.Salesperson.fixed_count = counts["salespeople"]
	locustfile.TeamLeader.fixed_count = counts["leaders"]
	classes = [
		locustfile.Salesperson,
		locustfile.TeamLeader,
		locustfile.Manager,
		locustfile.TechnicalReviewer,
		locustfile.PurchasingReviewer,
	]
	users = sum(counts.values())
	environment = Environment(user_classes=classes, host=args.url, stop_timeout=20)
	runner = environment.create_local_runner()
	if quiet:  # idle until the phase's ramp-up and window fit between two bursts
		quiet.wait(name, seconds, ramp_up + SETTLE_SECONDS + LOGIN_ALLOWANCE)
	locustfile.PHASE["name"] = f"{name} (ramp-up)"
	print(
		f"[load-test] {name}: {users} users {counts}, ramp-up {ramp_up:.0f} s, then {seconds:.0f} s",
		flush=True,
	)
	locustfile.READY["users"] = 0
	runner.start(users, spawn_rate=max(1.0, users / max(ramp_up, 1)))
	gevent.sleep(ramp_up)
	# the logins (each a password hash and a desk page, seconds of CPU together) are not what is measured:
	# wait until every user has the desk open, then a little for the last ones' first requests
	waited = 0.0
	while locustfile.READY["users"] < users and waited < LOGIN_TIMEOUT:
		gevent.sleep(1)
		waited += 1
	if waited:
		print(f"[load-test] {name}: every user logged in {waited:.0f} s after the ramp-up", flush=True)
	gevent.sleep(SETTLE_SECONDS)
	placed = quiet.wait(name, seconds, idle=False) if quiet else False
	locustfile.PHASE["name"] = name
	db_before, replica_before = mariadb_status(args.mariadb), mariadb_status(args.mariadb_replica)
	redis_before = redis_status(args.redis_ports)
	jobs_since = read_or_none(jobs.newest_log) if jobs else None
	locks = LockWaitSampler(args.mariadb) if args.lock_waits and args.mariadb else None
	if locks:
		locks.start()
	sampler.start()
	started = time.monotonic()
	if name == "rules on" and not os.path.exists(marker := os.path.join(args.out, "rules-on.started")):
		open(marker, "w").close()  # scripts/load-test's --profile starts sampling the web server then
	gevent.sleep(seconds)
	measured = time.monotonic() - started
	cpu = sampler.stop()
	lock_waits = locks.stop() if locks else None
	locustfile.PHASE["name"] = f"{name} (stopping)"
	db_after, replica_after = mariadb_status(args.mariadb), mariadb_status(args.mariadb_replica)
	redis_after = redis_status(args.redis_ports)
	ran = read_or_none(jobs.ran_since, jobs_since) if jobs_since else None
	scheduled, job_starts = ran if ran is not None else (None, None)
	runner.stop()
	runner.greenlet.join(timeout=30)
	return {
		"name": name,
		"users": counts,
		"seconds": round(measured, 1),
		"between_bursts": placed,
		"cpu": cpu,
		"mariadb": delta(db_before, db_after),
		"replica": delta(replica_before, replica_after),
		"redis": delta(redis_before, redis_after),
		"scheduled_jobs": scheduled,
		"job_starts": job_starts,
		"lock_waits": lock_waits,
	}


def read_or_none(read, *args):
	"""What `read` returns, or None when the site did not answer it (said on stderr)."""
	try:
		return read(*args)
	except (requests.RequestException, KeyError, ValueError) as error:
		print(f"[load-test] could not read the site's scheduled jobs: {error}", file=sys.stderr, flush=True)
		return None


def named_values(text: str, value=float) -> dict:
	"""An option's "name=text,..." as {name: value(text)}: --mix's weights, --server-pids' pids."""
	pairs = (part.partition("=") for part in filter(None, text.split(",")))
	return {name.strip(): value(given) for name, _, given in pairs}


def seconds_between(text: str) -> tuple[float, float]:
	"""A pause option's "MIN,MAX" as seconds."""
	low, high = (float(value) for value in text.split(","))
	return low, high


def main():
	args = parse_args()
	with open(args.department) as file:
		department = json.load(file)
	locustfile.DEPARTMENT.update(department, site=args.site)
	pace = seconds_between(args.pause)
	mix = {**locustfile.MIX, **named_values(args.mix)}
	pids = named_values(args.server_pids, int)
	sampler = CpuSampler(pids)
	counts = users_for(args.users, len(department["salespeople"]), len(department["leaders"]))
	phases = []
	jobs = read_or_none(ScheduledJobs, args.url, args.site, args.admin_password)
	warn_of_midnight(args, jobs)
	quiet = read_or_none(QuietWindows, jobs) if jobs and not args.any_time else None
	if args.one_user:
		switch_rules(args.url, args.site, args.admin_password, True)
		one = {"salespeople": 1, "leaders": 1, "managers": 1, "reviewers": 2}
		# the reference: each role at the default pace whatever the load's, the salesperson (whose writes are
		# the ones timed) quicker, so that each of their writes is timed several times
		locustfile.PAUSE = locustfile.DEFAULT_PAUSE
		locustfile.SALESPERSON_PAUSE = seconds_between(args.one_user_pause)
		locustfile.MIX = {**dict.fromkeys(mix, 0.0), **named_values(args.one_user_mix)}
		phases.append(run_phase(args, "one user", one, args.one_user, ONE_USER_RAMP_UP, sampler, jobs, quiet))
	locustfile.PAUSE, locustfile.SALESPERSON_PAUSE, locustfile.MIX = pace, None, mix
	# Not measured: the department's first logins and first requests fill Frappe's caches of each user (roles,
	# permissions, defaults); the first loaded phase would carry them alone, always with the rules on. Placed
	# right before the first measured phase's window.
	switch_rules(args.url, args.site, args.admin_password, True)
	if quiet:
		warm_up = 2 * args.ramp_up + SETTLE_SECONDS  # then the first loaded phase's ramp-up
		quiet.wait(
			"warm-up, then rules on", args.duration, warm_up + args.ramp_up + SETTLE_SECONDS + LOGIN_ALLOWANCE
		)
	run_phase(args, "warm-up", counts, args.ramp_up, args.ramp_up, sampler)
	for _round in range(args.rounds):
		for rules_on in (True, False) if not args.no_rules_off else (True,):
			name = "rules on" if rules_on else "rules off"
			switch_rules(args.url, args.site, args.admin_password, rules_on)
			phases.append(run_phase(args, name, counts, args.duration, args.ramp_up, sampler, jobs, quiet))
	switch_rules(args.url, args.site, args.admin_password, True)
	os.makedirs(args.out, exist_ok=True)
	with open(os.path.join(args.out, "records.json"), "w") as file:
		json.dump(locustfile.RECORDS, file)
	with open(os.path.join(args.out, "writes.json"), "w") as file:
		json.dump(locustfile.WRITES, file, ensure_ascii=False)
	result = figures(phases, locustfile.RECORDS)
	with open(os.path.join(args.out, "result.json"), "w") as file:
		json.dump(result, file, ensure_ascii=False, indent=1)
	print_result(result)


def warn_of_midnight(args, jobs: ScheduledJobs | None):
	"""Says so before it starts when the run would cross the site's midnight (the daily jobs' burst)."""
	site_now = read_or_none(jobs.site_now) if jobs else None
	if site_now is None:
		return
	loaded = args.rounds * (1 if args.no_rules_off else 2)
	seconds = run_seconds(
		args.one_user, args.ramp_up, args.duration, loaded, SETTLE_SECONDS, ONE_USER_RAMP_UP
	)
	midnight = midnight_within(site_now, seconds)
	if midnight:
		here = midnight.astimezone().strftime("%H:%M %Z")
		print(
			f"[load-test] warning: the run takes about {seconds / 60:.0f} min and crosses the site's midnight"
			f" ({midnight.tzinfo}; {here} here), when its daily scheduled jobs start together: the phase they"
			" fall in will say so",
			flush=True,
		)


def merged(phases: list[dict], name: str) -> dict:
	"""The phases of one name taken together (rounds): their seconds added, their samples averaged."""
	same = [phase for phase in phases if phase["name"] == name]
	if not same:
		return {}
	first = dict(same[0])
	first["seconds"] = round(sum(phase["seconds"] for phase in same), 1)
	first["between_bursts"] = all(phase.get("between_bursts") for phase in same)
	for part in ("mariadb", "replica", "redis"):
		first[part] = {key: round(sum(phase[part].get(key, 0) for phase in same), 2) for key in same[0][part]}
	first["cpu"] = {
		key: round(sum(phase["cpu"].get(key, 0) for phase in same) / len(same), 1) for key in same[0]["cpu"]
	}
	waits = [phase["lock_waits"] for phase in same if phase.get("lock_waits")]
	if waits:
		first["lock_waits"] = {
			"every_seconds": waits[0]["every_seconds"],
			"polls": sum(w["polls"] for w in waits),
			"waits": added([w["waits"] for w in waits]),
			"failed": "; ".join(filter(None, (w["failed"] for w in waits))),
		}
	scheduled = [phase.get("scheduled_jobs") for phase in same]
	first["scheduled_jobs"] = added(scheduled) if None not in scheduled else None
	starts = [phase.get("job_starts") for phase in same]
	first["job_starts"] = sum(starts, []) if None not in starts else None
	return first


def added(counts: list[dict]) -> dict:
	"""Counts of several phases ({what: n}) added up, the most first."""
	return dict(sum((Counter(each) for each in counts), Counter()).most_common())


def figures(phases: list[dict], records: list[tuple]) -> dict:
	names = list(dict.fromkeys(phase["name"] for phase in phases))
	result = {"phases": {}, "load_average_at_end": os.getloadavg()}
	for name in names:
		phase = merged(phases, name)
		summary = summarise(records, name, phase["seconds"])
		phase_totals = totals(summary)
		phase_totals["gunicorn_cpu_ms_per_request"] = cpu_ms_per_request(
			phase["cpu"].get("gunicorn", 0), phase["seconds"], phase_totals["requests"]
		)
		phase["near_jobs"] = slow_near_jobs(records, name, phase.pop("job_starts", None))
		result["phases"][name] = {**phase, "summary": summary, "totals": phase_totals}
	on, off = result["phases"].get("rules on"), result["phases"].get("rules off")
	if on and off and off["totals"]["gunicorn_cpu_ms_per_request"]:
		result["cpu_per_request_ratio"] = round(
			on["totals"]["gunicorn_cpu_ms_per_request"] / off["totals"]["gunicorn_cpu_ms_per_request"], 3
		)
	single = result["phases"].get("one user")
	result["rules_ratio"] = ratios(on["summary"], off["summary"]) if on and off else {}
	result["slowdown"] = ratios(on["summary"], single["summary"]) if on and single else {}
	# what the run's counts can tell of each ratio: its 95 % bootstrap interval and what that says of the target
	times = {name: windows_by_kind(records, name) for name in ("rules on", "rules off", "one user")}
	result["rules_ratio_interval"] = ratio_intervals(
		times["rules on"], times["rules off"], result["rules_ratio"]
	)
	result["slowdown_interval"] = ratio_intervals(
		times["rules on"], times["one user"], [kind for kind in result["slowdown"] if kind in WRITE_KINDS]
	)
	result["verdicts"] = {
		"slowdown": {k: verdict(v, MAX_WRITE_SLOWDOWN) for k, v in result["slowdown_interval"].items()},
		"rules_ratio": {k: verdict(v, MAX_RULES_RATIO) for k, v in result["rules_ratio_interval"].items()},
	}
	# how long a run would decide the undecided rules ratios, if the rules cost each what they cost the CPU
	expected = result.get("cpu_per_request_ratio")
	result["rules_ratio_to_decide"] = {
		kind: requests_to_decide(interval, MAX_RULES_RATIO, expected)
		for kind, interval in result["rules_ratio_interval"].items()
		if expected and result["verdicts"]["rules_ratio"][kind] == "undecided"
	}
	result["missed"] = (
		missed_targets(
			on["summary"],
			single["summary"] if single else None,
			result["rules_ratio"],
			slowdown_intervals=result["slowdown_interval"],
			rules_intervals=result["rules_ratio_interval"],
		)
		if on
		else []
	)
	# an error with the rules off, with one user, or while users ramp up, warm up or stop is an error too
	for name, phase in result["phases"].items():
		if name != "rules on":
			result["missed"] += [
				f"{name}: {kind}: {sum(row['errors'].values())} errors {row['errors']}"
				for kind, row in phase["summary"].items()
				if row["errors"]
			]
	result["warnings"] = [
		scheduler_warning(name, phase["scheduled_jobs"])
		if phase["scheduled_jobs"] is not None
		else f"{name}: the site's scheduled jobs could not be read (stderr says why): a burst would go unseen"
		for name, phase in result["phases"].items()
	]
	result["warnings"] = list(filter(None, result["warnings"]))
	unmeasured = Counter(
		outcome[len(ERROR) :]
		for phase, _kind, _took, outcome, *_when in records
		if phase not in names and outcome.startswith(ERROR)
	)
	if unmeasured:
		result["missed"].append(
			f"ramp-ups, warm-up and stops: {sum(unmeasured.values())} errors {dict(unmeasured)}"
		)
	return result


def print_lock_waits(lock_waits: dict, most: int = 10):
	if lock_waits["failed"]:
		print(f"row lock waits: not read ({lock_waits['failed']})")
		return
	every, waits = lock_waits["every_seconds"], lock_waits["waits"]
	print(
		f"row lock waits seen in {lock_waits['polls']} polls, one every {every} s (each seen ~ {every} s of"
		f" waiting): {sum(waits.values())}" + (", most:" if waits else "")
	)
	for what, seen in list(waits.items())[:most]:
		print(f"  {seen:>5}  {what}")


def print_intervals(title: str, points: dict, intervals: dict, verdicts: dict, target: float):
	"""Each ratio with its 95 % bootstrap interval and what that says of the target, grouped by the verdict."""
	if not intervals:
		return
	print()
	print(f"{title}, target {target}: each ratio [its 95 % bootstrap interval]")
	for said in ("within", "undecided", "over"):
		kinds = [kind for kind in intervals if verdicts[kind] == said]
		if kinds:
			print(
				f"  {said} ({len(kinds)}): "
				+ ", ".join(
					f"{k} {points[k]:.2f} [{intervals[k][0]:.2f}-{intervals[k][1]:.2f}]" for k in kinds
				)
			)


def print_near_jobs(near: dict):
	"""How much slower the requests are that start beside the site's scheduled jobs."""
	close, rest = near["near"], near["elsewhere"]
	slow = close["slow"] + rest["slow"]

	def share(part: dict) -> str:
		return f"{100 * part['slow'] / part['requests']:.0f} %" if part["requests"] else "-"

	print(
		f"slow requests (over {near['slower']}x their kind's p50): {share(close)} of the {close['requests']}"
		f" that started within {near['within']} s of a scheduled job's start, {share(rest)} of the other"
		f" {rest['requests']}"
		+ (f"; {100 * close['slow'] / slow:.0f} % of the {slow} slow ones were beside a job" if slow else "")
	)


def print_result(result: dict):
	for name, phase in result["phases"].items():
		print()
		print(f"== {name}: {phase['users']} for {phase['seconds']} s; {phase['totals']}")
		ratio = result["rules_ratio"] if name == "rules on" and result["rules_ratio"] else None
		print(table(phase["summary"], ratio, "on/off p95"))
		print(
			"CPU % (100 = one core), averaged over the phase: "
			+ ", ".join(f"{k} {v}" for k, v in phase["cpu"].items())
		)
		if phase["mariadb"]:
			print(
				"MariaDB (primary) during the phase: "
				+ ", ".join(f"{k} {v:g}" for k, v in phase["mariadb"].items())
			)
		if phase["replica"]:
			print(
				"MariaDB (replica) during the phase: "
				+ ", ".join(f"{k} {v:g}" for k, v in phase["replica"].items())
			)
		if phase["redis"]:
			print("Redis during the phase: " + ", ".join(f"{k} {v:g}" for k, v in phase["redis"].items()))
		if phase.get("lock_waits"):
			print_lock_waits(phase["lock_waits"])
		if phase.get("near_jobs"):
			print_near_jobs(phase["near_jobs"])
		if phase["scheduled_jobs"] is not None:
			ran = sorted(phase["scheduled_jobs"].items())
			print(
				"scheduled jobs started during the phase, by frequency: "
				+ (", ".join(f"{k} {v}" for k, v in ran) if ran else "none")
				+ (
					" (placed between the scheduler's bursts)"
					if phase.get("between_bursts")
					else " (measured whenever it came)"
				)
			)
	if result["slowdown"]:
		print()
		print(
			"p95 under load / with one user: "
			+ ", ".join(f"{k} {v:.2f}" for k, v in result["slowdown"].items())
		)
	print_intervals(
		"writes' p95 under load / with one user",
		result["slowdown"],
		result["slowdown_interval"],
		result["verdicts"]["slowdown"],
		MAX_WRITE_SLOWDOWN,
	)
	print_intervals(
		"p95 with the rules / without",
		result["rules_ratio"],
		result["rules_ratio_interval"],
		result["verdicts"]["rules_ratio"],
		MAX_RULES_RATIO,
	)
	if "cpu_per_request_ratio" in result:
		print()
		print(
			"gunicorn CPU per request, rules on / off (the rules' cost, steadier than p95 when saturated): "
			f"{result['cpu_per_request_ratio']}"
		)
		print_to_decide(result)
	for warning in result["warnings"]:
		print()
		print(f"warning: {warning}")
	print()
	print("targets missed: " + ("; ".join(result["missed"]) if result["missed"] else "none"))


def print_to_decide(result: dict):
	"""For each undecided rules ratio: how many times this run's requests (and so how long each side measured)
	would decide it, were the rules to cost its p95 what they cost the CPU per request."""
	needed = {kind: times for kind, times in result["rules_ratio_to_decide"].items() if times}
	if not needed:
		return
	seconds = result["phases"]["rules on"]["seconds"]
	longer = {kind: times for kind, times in needed.items() if times > 1}
	# an interval already as narrow as that, whose p95 read further from the CPU's ratio than its width
	narrow = sorted(kind for kind in needed if kind not in longer)
	parts = []
	if longer:
		parts.append(
			"about N times this run's requests (hours of each side measured): "
			+ ", ".join(
				f"{kind} {times:g} ({times * seconds / 3600:.1f} h)"
				for kind, times in sorted(longer.items(), key=lambda item: item[1])
			)
		)
	if narrow:
		parts.append(f"as narrow as that already (their p95 read further from it): {', '.join(narrow)}")
	print(
		f"to decide the undecided ratios, if each costs what the CPU per request says "
		f"({result['cpu_per_request_ratio']}): " + "; ".join(parts)
	)


if __name__ == "__main__":
	main()
