"""Each role of the department at its desk, as the desk calls the server (scripts/load-test; no frappe here).

Every simulated user logs in with the department's password (department.py), opens the desk (whose page
carries the CSRF token every later POST sends), then, between pauses, does what their role does, through the
same methods the desk's forms, lists and reports call:

- a salesperson opens the workspace and their lists, checks in at a customer and later checks out and submits the
  visit record, saves next week's visit plan and hands it in (the workflow action), saves quotations (one in
  four below their allowance: a price exception is then requested) and sales orders (saved, then submitted;
  one in twenty far below the floor, whose submission the price policy refuses);
- a team leader opens the plans and price exceptions waiting for them and decides them (approve, or send back /
  reject with a comment), now and then at the very moment the manager decides the same one (a "duel");
- the manager runs the weekly meeting pack, coverage, target achievement and scorecard ranking, reads the
  workspace's number cards, decides what waits for them and joins the duels;
- the technical and the purchasing reviewer review the bids in review (purchasing with each line's cost).

Each request is recorded (RECORDS: phase, kind, seconds, outcome, when it ended) and each write the server
acknowledged too (WRITES: what must then be found in the database exactly once, verify.py). run.py sets
DEPARTMENT, PHASE and the pauses before starting the users.
"""

import json
import random
import re
import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import gevent
from gevent.event import Event
from gevent.queue import Empty, Queue
from locust import HttpUser, task

from sales_dept.benchmarks.load.stats import outcome_of

DEPARTMENT: dict = {}  # department.make()'s answer, plus "site"
PHASE = {"name": "warm-up"}
RECORDS: list[tuple] = []  # (phase, kind, seconds, outcome, when it ended: Unix time)
WRITES: list[dict] = []  # acknowledged writes: {phase, kind, doctype, name, user, ...}
DUELS: Queue = Queue()
DEFAULT_PAUSE = (2.0, 8.0)
PAUSE = DEFAULT_PAUSE  # seconds between a user's actions (run.py: --pause)
# the salesperson's own, in the one-user phase (run.py: --one-user-pause)
SALESPERSON_PAUSE: tuple | None = None
MIX = {"quotation": 1.0, "order": 1.0, "visit": 1.0, "plan": 1.0, "browse": 1.0}  # run.py: --mix
DUEL_SHARE = 0.3  # of a leader's decisions, how many the manager takes at the same moment
_next_index = {"salespeople": 0, "leaders": 0}
NEXT_WEEK: dict = {}  # salesperson -> the Monday of the next week they have no plan for
READY = {"users": 0}  # users logged in with the desk open (run.py measures once all of them are)

PLAN_ACTION, APPROVE, SEND_BACK, REJECT = "Submit for Approval", "Approve", "Send Back", "Reject"
CSRF = re.compile(r'frappe\.csrf_token\s*=\s*"([^"]+)"')
METHOD = "/api/method/"
VISIT_PLAN = "sales_dept.sales_dept.doctype.visit_plan.visit_plan"
PRICE_EXCEPTION = "sales_dept.sales_dept.doctype.price_exception_request.price_exception_request"
BID = "sales_dept.sales_dept.doctype.bid_review.bid_review"


def pause(_user=None) -> float:
	return random.uniform(*PAUSE)


def salesperson_pause(_user=None) -> float:
	return random.uniform(*(SALESPERSON_PAUSE or PAUSE))


def now_text(delta_seconds: float = 0) -> str:
	zone = ZoneInfo(DEPARTMENT.get("time_zone") or "Asia/Shanghai")
	moment = datetime.now(zone).replace(tzinfo=None) + timedelta(seconds=delta_seconds)
	return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def marker() -> str:
	return f"LT-{uuid.uuid4().hex[:12]}"


def next_of(kind: str) -> dict:
	rows = DEPARTMENT[kind]
	row = rows[_next_index[kind] % len(rows)]
	_next_index[kind] += 1
	return row


class DeskUser(HttpUser):
	"""Logged in as one of the department's users, with the desk's CSRF token."""

	abstract = True
	wait_time = pause
	login: dict = {}

	def on_start(self):
		self.client.headers["Host"] = DEPARTMENT["site"]
		self.call("login", "login", {"usr": self.login["user"], "pwd": DEPARTMENT["password"]}, csrf=False)
		with self.client.get("/app", name="desk", catch_response=True) as response:
			found = CSRF.search(response.text or "")
			self.record("desk", response, ok=bool(found))
		self.csrf = found.group(1) if found else ""
		READY["users"] += 1

	# Requests
	# --------

	def record(self, kind: str, response, ok: bool | None = None) -> str:
		outcome = outcome_of(response.status_code, response_json(response), DEPARTMENT.get("refusals", {}))
		if ok is False and outcome == "ok":
			outcome = "error:no csrf token"
		took = response.request_meta["response_time"] / 1000
		RECORDS.append((PHASE["name"], kind, took, outcome, round(time.time(), 2)))
		if outcome.startswith("error"):
			response.failure(outcome)
		else:
			response.success()
		return outcome

	def call(self, kind: str, method: str, data: dict | None = None, get: bool = False, csrf: bool = True):
		"""The method's answer (its JSON) when it succeeded, else None (recorded as refusal or error)."""
		headers = {"Accept": "application/json"}
		if csrf and not get:
			headers["X-Frappe-CSRF-Token"] = self.csrf
		payload = {k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in (data or {}).items()}
		if get:
			request = self.client.get(
				METHOD + method, params=payload, headers=headers, name=kind, catch_response=True
			)
		else:
			request = self.client.post(
				METHOD + method, data=payload, headers=headers, name=kind, catch_response=True
			)
		with request as response:
			outcome = self.record(kind, response)
		return response_json(response) if outcome == "ok" else None

	def save(self, kind: str, doc: dict, action: str = "Save") -> dict | None:
		answer = self.call(kind, "frappe.desk.form.save.savedocs", {"doc": doc, "action": action})
		return (answer.get("docs") or [None])[0] if answer else None

	def getdoc(self, doctype: str, name: str) -> dict | None:
		answer = self.call(
			"open form", "frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name}, get=True
		)
		return (answer.get("docs") or [None])[0] if answer else None

	def list_of(
		self, doctype: str, fields: list[str], filters: list | None = None, page: int = 20
	) -> list[dict]:
		answer = self.call(
			"list",
			"frappe.desk.reportview.get",
			{
				"doctype": doctype,
				"fields": [f"`tab{doctype}`.`{field}`" for field in fields],
				"filters": filters or [],
				"order_by": f"`tab{doctype}`.`modified` desc",
				"start": 0,
				"page_length": page,
				"view": "List",
				"with_comment_count": 1,
			},
		)
		message = (answer or {}).get("message") or {}
		keys, values = message.get("keys") or [], message.get("values") or []
		return [dict(zip(keys, row, strict=False)) for row in values]

	def acknowledged(self, kind: str, doctype: str, name: str, **more):
		WRITES.append(
			{
				"phase": PHASE["name"],
				"kind": kind,
				"doctype": doctype,
				"name": name,
				"user": self.login["user"],
				"at": now_text(),
				**more,
			}
		)

	def open_workspace(self):
		self.call(
			"workspace",
			"frappe.desk.desktop.get_desktop_page",
			{"page": {"name": DEPARTMENT["workspace"], "title": DEPARTMENT["workspace"], "public": 1}},
		)
		for card in DEPARTMENT["number_cards"]:
			self.call("number card", card["method"], {"filters": {"company": DEPARTMENT["company"]}})

	def decide(self, kind: str, module: str, row: dict, action: str, comment: str, duel=None) -> bool:
		"""Take `action` on the document of list `row`, with the state the list showed (as the form sends it)."""
		if duel is not None:
			duel.wait(timeout=5)  # never longer: the other side may have been stopped
		name = row["name"]
		answer = self.call(
			kind,
			f"{module}.take_workflow_action",
			{"name": name, "action": action, "comment": comment, "state": row["workflow_state"]},
		)
		if answer is not None:
			self.acknowledged(kind, module_doctype(module), name, action=action, comment=comment)
		return answer is not None


def module_doctype(module: str) -> str:
	return {VISIT_PLAN: "Visit Plan", PRICE_EXCEPTION: "Price Exception Request", BID: "Bid Review"}[module]


def response_json(response) -> dict:
	try:
		return response.json() or {}
	except ValueError:
		return {}


class Salesperson(DeskUser):
	wait_time = salesperson_pause

	def on_start(self):
		self.login = next_of("salespeople")
		self.me = self.login["sales_person"]
		self.customers = DEPARTMENT["customers"][self.me]
		self.open_visits: list[dict] = []
		super().on_start()
		self.open_workspace()

	@task
	def work(self):
		kind = random.choices(list(MIX), weights=list(MIX.values()))[0]
		getattr(self, kind)()

	def browse(self):
		self.open_workspace()
		rows = self.list_of("Visit Record", ["name", "customer", "visit_date", "docstatus"])
		self.list_of("Quotation", ["name", "party_name", "grand_total", "status"])
		if rows:
			self.getdoc("Visit Record", rows[0]["name"])

	def visit(self):
		"""Check in at one of their customers, or check out of the visit they are on and submit its record."""
		if self.open_visits:
			doc = self.open_visits.pop()
			doc.update({"check_out": now_text(), "outcome": "压测：客户确认需求", "next_step": "报价"})
			doc = self.save("visit check-out", doc)
			if doc:
				doc = self.save("visit submit", doc, "Submit")
				if doc:
					self.acknowledged("visit submit", "Visit Record", doc["name"])
			return
		check_in = now_text(-5)
		doc = self.save(
			"visit check-in",
			{
				"doctype": "Visit Record",
				"__islocal": 1,
				"name": f"new-visit-record-{uuid.uuid4().hex[:10]}",
				"sales_person": self.me,
				"customer": random.choice(self.customers),
				"company": DEPARTMENT["company"],
				"visit_date": check_in[:10],
				"purpose": "Revisit",
				"check_in": check_in,
			},
		)
		if doc:
			self.acknowledged("visit check-in", "Visit Record", doc["name"], check_in=check_in)
			self.open_visits.append(doc)

	def plan(self):
		"""Next free week's plan: saved with three visits, then handed in (the workflow's action)."""
		# the salesperson's next free week, kept across users and phases sharing the login
		start = NEXT_WEEK.setdefault(
			self.me, datetime.strptime(self.login["first_free_week"], "%Y-%m-%d").date()
		)
		NEXT_WEEK[self.me] = start + timedelta(days=7)
		doc = self.save(
			"plan save",
			{
				"doctype": "Visit Plan",
				"__islocal": 1,
				"name": f"new-visit-plan-{uuid.uuid4().hex[:10]}",
				"sales_person": self.me,
				"company": DEPARTMENT["company"],
				"period_type": "Week",
				"period_start": str(start),
				"visits": [
					{
						"doctype": "Visit Plan Row",
						"__islocal": 1,
						"customer": customer,
						"planned_date": str(start + timedelta(days=day)),
						"purpose": "Revisit",
					}
					for day, customer in enumerate(self.customers[:3])
				],
			},
		)
		if not doc:
			return
		self.acknowledged(
			"plan save", "Visit Plan", doc["name"], period_start=str(start), sales_person=self.me
		)
		answer = self.call(
			"plan hand-in", "frappe.model.workflow.apply_workflow", {"doc": doc, "action": PLAN_ACTION}
		)
		if answer:
			self.acknowledged("plan hand-in", "Visit Plan", doc["name"])

	def lines(self, discount: float) -> list[dict]:
		return [
			{
				"doctype": "Quotation Item",
				"__islocal": 1,
				"item_code": item,
				"qty": random.randint(1, 5),
				"discount_percentage": discount,
			}
			for item in random.sample(DEPARTMENT["items"], random.randint(1, 3))
		]

	def quotation(self):
		"""A quotation; one in four 7 % off (above their 5 %): a price exception is then requested."""
		below = random.random() < 0.25
		mark = marker()
		doc = self.save(
			"quotation save",
			{
				"doctype": "Quotation",
				"__islocal": 1,
				"name": f"new-quotation-{uuid.uuid4().hex[:10]}",
				"enq_det": mark,  # a field both ERPNext 15 and 16 keep (16 has no title)
				"quotation_to": "Customer",
				"party_name": random.choice(self.customers),
				"company": DEPARTMENT["company"],
				"transaction_date": now_text()[:10],
				"order_type": "Sales",
				"selling_price_list": DEPARTMENT["price_list"],
				"items": self.lines(7 if below else 2),
			},
		)
		if not doc:
			return
		self.acknowledged("quotation save", "Quotation", doc["name"], marker=mark)
		if doc.get("sd_price_exception_needed"):  # the desk then offers Request Price Exception
			reason = f"压测：竞争对手报价更低 {mark}"
			answer = self.call(
				"price exception request",
				f"{PRICE_EXCEPTION}.make_from_document",
				{"doctype": "Quotation", "name": doc["name"], "reason": reason},
			)
			if answer:
				self.acknowledged(
					"price exception request",
					"Price Exception Request",
					answer["message"],
					reference=doc["name"],
					marker=mark,
				)

	def order(self):
		"""A sales order saved, then submitted; one in twenty 30 % off, below the floor: its submission is refused
		while the price policy is on."""
		far_below = random.random() < 0.05
		mark = marker()
		today = now_text()[:10]
		doc = self.save(
			"order save",
			{
				"doctype": "Sales Order",
				"__islocal": 1,
				"name": f"new-sales-order-{uuid.uuid4().hex[:10]}",
				"po_no": mark,
				"customer": random.choice(self.customers),
				"company": DEPARTMENT["company"],
				"transaction_date": today,
				"delivery_date": str(datetime.strptime(today, "%Y-%m-%d").date() + timedelta(days=14)),
				"order_type": "Sales",
				"selling_price_list": DEPARTMENT["price_list"],
				"items": self.lines(30 if far_below else 3),
			},
		)
		if not doc:
			return
		self.acknowledged("order save", "Sales Order", doc["name"], marker=mark)
		submitted = self.save("order submit", doc, "Submit")
		if submitted:
			self.acknowledged("order submit", "Sales Order", doc["name"], marker=mark)


class Approver(DeskUser):
	abstract = True

	def pending_plans(self) -> list[dict]:
		return self.list_of(
			"Visit Plan",
			["name", "sales_person", "workflow_state"],
			[["Visit Plan", "workflow_state", "=", "Pending Approval"]],
		)

	def pending_requests(self, roles: set[str]) -> list[dict]:
		rows = self.list_of(
			"Price Exception Request",
			["name", "approver_role", "status", "workflow_state"],
			[
				["Price Exception Request", "status", "=", "Pending"],
				["Price Exception Request", "docstatus", "=", 1],
			],
		)
		return [row for row in rows if row.get("approver_role") in roles]


class TeamLeader(Approver):
	@task
	def work(self):
		if random.random() < 0.15:
			self.open_workspace()
			self.call(
				"report: Visit Plan Execution",
				"frappe.desk.query_report.run",
				{
					"report_name": "Visit Plan Execution",
					"filters": DEPARTMENT["report_filters"]["Visit Plan Execution"],
				},
			)
			return
		if random.random() < 0.5:
			self.decide_one(VISIT_PLAN, self.pending_plans(), "plan decision", (APPROVE, SEND_BACK))
		else:
			roles = set(DEPARTMENT["roles"]["up_to_leader"])
			self.decide_one(
				PRICE_EXCEPTION, self.pending_requests(roles), "exception decision", (APPROVE, REJECT)
			)

	def on_start(self):
		self.login = next_of("leaders")
		super().on_start()

	def decide_one(self, module: str, rows: list[dict], kind: str, actions: tuple[str, str]):
		if not rows:
			return
		row = random.choice(rows[:5])
		if not self.getdoc(module_doctype(module), row["name"]):
			return
		yes = random.random() < 0.8
		action, comment = (actions[0], "压测：同意") if yes else (actions[1], "压测：请补充客户拜访目标")
		if random.random() < DUEL_SHARE:
			duel = Duel(module, kind, row)
			DUELS.put(duel)
			if duel.joined.wait(timeout=5):
				self.decide(kind, module, row, action, comment, duel=duel.go)
				return
			duel.cancelled = True
		self.decide(kind, module, row, action, comment)


class Duel:
	"""A decision a leader and the manager take at the same moment (each with their own choice)."""

	def __init__(self, module: str, kind: str, row: dict):
		self.module, self.kind, self.row = module, kind, row
		self.joined, self.go, self.cancelled = Event(), Event(), False


class Manager(Approver):
	fixed_count = 1
	wait_time = lambda self: 0  # noqa: E731 - waits for a duel instead (work)

	def on_start(self):
		self.login = DEPARTMENT["manager"]
		super().on_start()

	@task
	def work(self):
		try:
			duel = DUELS.get(timeout=pause())
		except Empty:
			duel = None
		if duel is not None and not duel.cancelled:
			duel.joined.set()
			action, comment = (REJECT if duel.module == PRICE_EXCEPTION else SEND_BACK), "压测：同时决定"
			gevent.spawn_later(0, duel.go.set)
			self.decide(duel.kind, duel.module, duel.row, action, comment, duel=duel.go)
			return
		choice = random.random()
		if choice < 0.5:
			report = random.choice(list(DEPARTMENT["report_filters"]))
			self.call(
				f"report: {report}",
				"frappe.desk.query_report.run",
				{"report_name": report, "filters": DEPARTMENT["report_filters"][report]},
			)
		elif choice < 0.7:
			self.open_workspace()
		else:
			rows = self.pending_plans()
			if rows:
				row = rows[-1]  # the oldest of the page: the leaders take the newest first
				if self.getdoc("Visit Plan", row["name"]):
					self.decide("plan decision", VISIT_PLAN, row, APPROVE, "压测：经理批准")


class Reviewer(DeskUser):
	abstract = True
	role_key = ""

	def on_start(self):
		self.login = DEPARTMENT[self.role_key]
		super().on_start()

	@task
	def work(self):
		rows = self.list_of(
			"Bid Review",
			["name", "workflow_state"],
			[["Bid Review", "workflow_state", "=", "In Review"]],
			page=50,
		)
		random.shuffle(rows)
		for row in rows[:8]:
			doc = self.getdoc("Bid Review", row["name"])
			mine = ((doc or {}).get("__onload") or {}).get("my_reviews") or []
			if doc and mine:
				self.review(doc, mine[0])
				return

	def review(self, doc: dict, review: str):
		costs = None
		if self.role_key == "purchasing":
			costs = [
				{"row": line["name"], "supplier_cost": round(line["rate"] * 0.7, 2), "lead_time_days": 20}
				for line in doc.get("lines") or []
			]
		data = {"name": doc["name"], "review": review, "decision": "Approved", "comment": "压测：同意"}
		if costs:
			data["costs"] = costs
		if self.call("bid review", f"{BID}.review", data) is not None:
			self.acknowledged("bid review", "Bid Review", doc["name"], review=review)


class TechnicalReviewer(Reviewer):
	fixed_count = 1
	role_key = "technical"


class PurchasingReviewer(Reviewer):
	fixed_count = 1
	role_key = "purchasing"
