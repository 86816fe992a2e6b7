"""Delivery of the group robots' outbox (Robot Message): nothing lost, nothing twice, nothing leaked.

- A background job sends what is due, after the transaction that queued it commits, and the robots' job
  every minute (services.robot_schedule) whatever waits: a rolled-back event queued nothing.
- One robot is served by one worker at a time: the worker holds the robot's row (SELECT … FOR UPDATE SKIP
  LOCKED, MariaDB 10.6+) while it sends that robot's next message and records the answer, then commits.
  A second worker (or a second run of the job) skips that robot and serves another, so two workers never
  send a message twice and together keep every robot busy.
- A robot's messages go in the order they were queued, each when the platform's rate allows
  (`rules.robots.next_send_at` over the robot's requests of the last minute): the ones beyond it wait their
  turn, none is dropped. "Too many" from the platform pauses the robot as the platform blocks it.
- A backlog is merged: when the rate holds a robot back and more messages wait than its rate lets out in a
  few minutes (`rules.robots.backlog_too_long`), those never tried yet are merged into one message (in as
  many parts as the platform's size needs), in their order, everyone they @mention once
  (`rules.robots.merged`); each merged row says which message carried it (status Merged). Meeting digests
  and test messages are never merged.
- Timeouts, connections refused, 5xx and "busy" answers are tried again, a minute later and doubling, until
  `rules.robots.MAX_ATTEMPTS`; then the message is Given Up (Resend puts it back). What waiting cannot mend
  (a wrong signature, a missing keyword, a removed robot) is Given Up at once.
- No redirect is followed, no request waits more than a few seconds. The robot's address (it carries its
  key) and secret are read at sending and never written to the outbox, an error log or a Version: answers
  and errors are scrubbed of them.
"""

import json
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import frappe
import requests
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Max
from frappe.translate import print_language
from frappe.utils import get_datetime, now_datetime
from frappe.utils.password import get_decrypted_password

from sales_dept.rules import robots as rules
from sales_dept.rules.robots import Line, RobotText
from sales_dept.services.robots import (
	FAILED,
	GIVEN_UP,
	MERGED,
	MESSAGE,
	QUEUED,
	ROBOT,
	SENT,
	check_can_manage,
	content_json,
	part_title,
	platform_label,
	queue_message,
	robot_address_problem,
	robot_language,
	robots_switched_on,
	text_of,
)

JOB = "sales_dept.services.robot_delivery.deliver_due_messages"
JOB_ID = "sales_dept_robot_delivery"
CONNECT_TIMEOUT, READ_TIMEOUT = 3.05, 5
ANSWER_BYTES = 4000
RUN_BUDGET_SECONDS = 120
# A run that finds nothing due waits this long at most for the next message a rate allows (Feishu's five a
# second, or a minute's window ending just after the scheduler's tick), instead of leaving it to the next run.
SHORT_WAIT_SECONDS = 10
PENDING = (QUEUED, FAILED)
# Already a digest of their own, or the administrator's one message: never merged into a backlog's.
UNMERGED_KINDS = (rules.MEETING_DIGEST, rules.TEST)
HEADERS = {"Content-Type": "application/json; charset=utf-8"}


# Queueing the job
# ----------------


def deliver_after_commit():
	"""Have the delivery job queued once this transaction commits (once, however many messages it wrote)."""
	if frappe.flags.sd_robot_delivery_pending:
		return
	frappe.flags.sd_robot_delivery_pending = True
	frappe.db.after_commit.add(_enqueue_delivery)
	frappe.db.after_rollback.add(_forget_pending)


def _enqueue_delivery():
	frappe.flags.sd_robot_delivery_pending = False
	frappe.enqueue(JOB, queue="short", job_id=JOB_ID, deduplicate=True)


def _forget_pending():
	frappe.flags.sd_robot_delivery_pending = False


# The job
# -------


def deliver_due_messages(
	clock: Callable[[], datetime] | None = None,
	budget_seconds: float = RUN_BUDGET_SECONDS,
	merge_backlog: bool = True,
):
	"""Send what is due, robot by robot, until nothing is due (or the run's time is spent; the next run goes
	on). Safe to run twice at once: see the module's docstring. `merge_backlog` False leaves every message to
	wait its turn (the benchmark of the rates)."""
	if not robots_switched_on():
		return
	clock = clock or now_datetime
	waits = clock is now_datetime
	deadline = time.monotonic() + budget_seconds
	while time.monotonic() < deadline:
		frappe.db.commit()  # nosemgrep: see what others committed; each message is its own transaction
		attempted = False
		now = clock()
		for robot, due_at in queue_heads():
			if time.monotonic() >= deadline:
				break
			if get_datetime(due_at) <= now:
				attempted = deliver_next(robot, clock, merge_backlog) or attempted
		if attempted:
			continue
		upcoming = min((get_datetime(due_at) for _robot, due_at in queue_heads()), default=None)
		pause = (upcoming - clock()).total_seconds() if upcoming else None
		if not waits or pause is None or pause > SHORT_WAIT_SECONDS or time.monotonic() + pause >= deadline:
			break
		time.sleep(max(pause, 0.05))


def queue_heads() -> list[tuple[str, datetime]]:
	"""Each enabled robot's next message — its oldest waiting one: a robot's messages go in order — as
	(robot, when it is due), in one query."""
	return frappe.db.sql(
		"""select message.robot, message.next_attempt_at
		from `tabRobot Message` message
		join (
			select robot, min(name) as head from `tabRobot Message` where status in %(pending)s group by robot
		) queue on queue.head = message.name
		join `tabGroup Robot` robot on robot.name = message.robot
		where robot.enabled = 1
		order by message.robot""",
		{"pending": PENDING},
	)


def deliver_next(
	robot: str, clock: Callable[[], datetime] = now_datetime, merge_backlog: bool = True
) -> bool:
	"""Send `robot`'s next message if it is due and the rate allows; False when nothing was attempted (the
	robot is served by another worker, or its next message must wait — a backlog then merged)."""
	frappe.db.commit()  # nosemgrep: the robot's lock is held by this message's transaction only
	held = frappe.db.sql(
		"""select platform, keyword, language from `tabGroup Robot`
		where name=%s and enabled=1 for update skip locked""",
		robot,
		as_dict=True,
	)
	if not held:
		return False
	platform, keyword = held[0].platform, held[0].keyword
	head = frappe.db.sql(
		"""select name, payload, attempts, next_attempt_at from `tabRobot Message`
		where robot=%s and status in %s order by name limit 1 for update""",
		(robot, PENDING),
		as_dict=True,
	)
	now = clock()
	if not head or get_datetime(head[0].next_attempt_at) > now:
		frappe.db.rollback()
		return False
	head = head[0]
	allowed = rules.next_send_at(
		platform, recent_requests(robot, platform, now), now, told_too_many_at(robot, platform, now)
	)
	if allowed > now:
		if merge_backlog:
			with print_language(robot_language(held[0])):
				merge_waiting(robot, platform, keyword)
		frappe.db.set_value(MESSAGE, head.name, "next_attempt_at", allowed)
		frappe.db.commit()  # nosemgrep
		return False
	secret_address = get_decrypted_password(ROBOT, robot, "webhook_address", raise_exception=False) or ""
	signing_secret = get_decrypted_password(ROBOT, robot, "signing_secret", raise_exception=False) or None
	secrets = (secret_address, signing_secret, rules.address_credential(platform, secret_address))
	try:
		problem = robot_address_problem(platform, secret_address)
		if problem:
			record_attempt(head, None, platform, now, problem=problem)
		else:
			attempt = post(platform, secret_address, json.loads(head.payload), signing_secret)
			record_attempt(head, attempt, platform, clock())
		frappe.db.commit()  # nosemgrep
	except Exception:
		frappe.db.rollback()
		log_scrubbed_error(_("Group robot delivery failed"), secrets, head.name)
		attempts = (head.attempts or 0) + 1
		retry = rules.retry_at(attempts, now)
		frappe.db.set_value(
			MESSAGE,
			head.name,
			{
				"status": FAILED if retry else GIVEN_UP,
				"attempts": attempts,
				"next_attempt_at": retry,
				"last_answer": _("Delivery failed in this server: see the Error Log."),
			},
		)
		frappe.db.commit()  # nosemgrep
	return True


def merge_waiting(robot: str, platform: str, keyword: str | None) -> int | None:
	"""Merge the robot's messages never tried yet into one (see the module's docstring) when more wait than
	its rate lets out in a few minutes; the robot's row is held by the caller. Returns the message that
	carries them, or None when the backlog is short enough to wait its turn."""
	waiting = frappe.db.sql(
		"""select name, kind, reference_doctype, reference_name, content, note from `tabRobot Message`
		where robot=%s and status=%s and attempts=0 and content is not null and kind not in %s
		order by name""",
		(robot, QUEUED, UNMERGED_KINDS),
		as_dict=True,
	)
	if not rules.backlog_too_long(platform, len(waiting)):
		return None
	first, rest = waiting[0], waiting[1:]
	title = _("{0} messages held back by the platform's rate, in one").format(len(waiting))
	texts = [text_of(row.content) for row in waiting]
	parts = rules.payloads(platform, rules.merged(title, texts), keyword)
	notes = "\n".join(dict.fromkeys(row.note for row in waiting if row.note)) or None
	frappe.db.set_value(
		MESSAGE,
		first.name,
		{
			"title": part_title(platform, parts[0].body)[:140],
			"payload": frappe.as_json(parts[0].body, indent=1),
			"content": content_json(parts[0].text),
			"note": notes,
		},
	)
	reference = frappe._dict(doctype=first.reference_doctype, name=first.reference_name)
	for part in parts[1:]:
		queue_message(
			robot,
			first.kind,
			part.body,
			reference if first.reference_doctype else None,
			title=part_title(platform, part.body),
			content=part.text,
		)
	message = DocType(MESSAGE)
	frappe.qb.update(message).set(message.status, MERGED).set(message.merged_into, first.name).set(
		message.next_attempt_at, None
	).where(message.name.isin([row.name for row in rest])).run()
	return first.name


def recent_requests(robot: str, platform: str, now: datetime) -> list[datetime]:
	"""When the robot's requests of the last rate window were made (a message's last attempt each: retries
	are at least a minute apart, so no attempt in the window is missed)."""
	message = DocType(MESSAGE)
	return [
		get_datetime(moment)
		for moment in frappe.qb.from_(message)
		.select(message.last_attempt_at)
		.where((message.robot == robot) & (message.last_attempt_at > now - rules.rate_window(platform)))
		.run(pluck=True)
	]


def told_too_many_at(robot: str, platform: str, now: datetime) -> datetime | None:
	message = DocType(MESSAGE)
	found = (
		frappe.qb.from_(message)
		.select(Max(message.told_too_many_at))
		.where(
			(message.robot == robot) & (message.told_too_many_at > now - rules.PAUSE_AFTER_TOO_MANY[platform])
		)
		.run()
	)
	return get_datetime(found[0][0]) if found and found[0][0] else None


# One request
# -----------


@dataclass(frozen=True)
class Attempt:
	"""What came of one request: the verdict, and the answer as it may be kept (scrubbed, cut short)."""

	verdict: rules.Verdict
	http_status: int | None
	answer: str


def post(platform: str, secret_address: str, body: dict, signing_secret: str | None) -> Attempt:
	"""POST one message: signed when the robot has a secret, a few seconds at most, no redirect followed.
	Never raises: a failure is an Attempt, and nothing it returns holds the address or the secret."""
	failure = None
	status, answer = None, b""
	try:
		signed_secret_address, data = rules.signed_request(
			platform, secret_address, body, signing_secret, time.time()
		)
		with requests.post(
			signed_secret_address,
			data=data,
			headers=HEADERS,
			timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
			allow_redirects=False,
			stream=True,
		) as response:
			status = response.status_code
			answer = response.raw.read(ANSWER_BYTES, decode_content=True) or b""
	except Exception as error:
		status = None
		failure = rules.REASON_TIMEOUT if _is_timeout(error) else rules.REASON_NO_CONNECTION
	text = scrubbed(answer.decode("utf-8", "replace"), (secret_address, signing_secret))
	return Attempt(rules.read_answer(platform, status, text, failure), status, text)


def _is_timeout(error: Exception) -> bool:
	import urllib3

	return isinstance(error, requests.Timeout | urllib3.exceptions.TimeoutError | TimeoutError)


def record_attempt(head, attempt: Attempt | None, platform: str, now: datetime, problem: str | None = None):
	"""The message's state after one attempt (or after finding its robot's address no longer allowed)."""
	attempts = (head.attempts or 0) + 1
	values = {"last_attempt_at": now, "attempts": attempts}
	if problem:
		values.update(status=GIVEN_UP, next_attempt_at=None, last_answer=problem, last_attempt_at=None)
	elif attempt.verdict.outcome == rules.SENT:
		values.update(status=SENT, sent_on=now, next_attempt_at=None)
	elif attempt.verdict.too_many:
		pause_until = rules.next_send_at(platform, [], now, too_many_at=now)
		values.update(status=FAILED, told_too_many_at=now, next_attempt_at=pause_until, attempts=attempts - 1)
	elif attempt.verdict.outcome == rules.RETRY:
		retry = rules.retry_at(attempts, now)
		values.update(status=FAILED if retry else GIVEN_UP, next_attempt_at=retry)
	else:
		values.update(status=GIVEN_UP, next_attempt_at=None)
	if attempt:
		values["last_answer"] = answer_summary(platform, attempt)
	frappe.db.set_value(MESSAGE, head.name, values)


# What people are told
# --------------------


def reason_text(reason: str | None) -> str:
	texts = {
		rules.REASON_TOO_MANY: _(
			"too many messages: a robot may send 20 a minute (Feishu 100, at most 5 a second), DingTalk then blocks it for 10 minutes"
		),
		rules.REASON_SIGNATURE: _(
			"the signature was not accepted: check the signing secret, and this server's clock"
		),
		rules.REASON_KEYWORD: _(
			"the message lacks the group's keyword: enter the keyword set in the robot's security settings"
		),
		rules.REASON_IP: _("this server's IP address is not in the robot's IP whitelist"),
		rules.REASON_TOO_BIG: _("the message was too big"),
		rules.REASON_BAD_ADDRESS: _(
			"no such robot: it was removed from the group, or the address is incomplete"
		),
		rules.REASON_BAD_REQUEST: _("the platform refused the message's form"),
		rules.REASON_BUSY: _("the platform is busy"),
		rules.REASON_SERVER_ERROR: _("the platform had an error"),
		rules.REASON_TIMEOUT: _("no answer within {0} seconds").format(READ_TIMEOUT),
		rules.REASON_NO_CONNECTION: _("could not connect to the platform"),
		rules.REASON_REDIRECT: _("the address answered with a redirect, which is not followed"),
		rules.REASON_UNREADABLE_ANSWER: _("an answer that is not the platform's"),
		rules.REASON_REFUSED: _("the platform refused the message"),
	}
	return texts.get(reason, "")


def answer_summary(platform: str, attempt: Attempt) -> str:
	"""The platform's answer as kept in the outbox: what it means, then what it said."""
	verdict = attempt.verdict
	if verdict.outcome == rules.SENT:
		meaning = _("sent")
	else:
		meaning = reason_text(verdict.reason)
	if attempt.http_status is None:
		return meaning
	return f"{meaning} (HTTP {attempt.http_status}) {attempt.answer}".strip()[:1000]


def scrubbed(text: str, secrets) -> str:
	"""`text` without any of the `secrets` (the address, its key, the signing secret) in it."""
	for secret in sorted((s for s in secrets if s and len(s) >= 6), key=len, reverse=True):
		text = text.replace(secret, "***")
	return text


def log_scrubbed_error(title: str, secrets, reference_name=None):
	"""An Error Log of the exception being handled, without local variables and without the secrets."""
	frappe.log_error(
		title=title,
		message=scrubbed(traceback.format_exc(), secrets),
		reference_doctype=MESSAGE,
		reference_name=reference_name,
	)


# Test message and Resend (a manager's own requests)
# ---------------------------------------------------


@frappe.whitelist(methods=["POST"])
def send_test_message(robot: str) -> dict:
	"""Send a test message to `robot`'s group now and say whether the group got it.

	The one message sent inside a user's request: the administrator asked for exactly this and waits for
	the answer (a few seconds at most). It counts against the robot's rate like any other, and is kept in
	the outbox (kind Test) with the platform's answer."""
	check_can_manage()
	frappe.get_doc(ROBOT, robot).check_permission("write")
	held = frappe.db.sql(
		"select platform, keyword, language from `tabGroup Robot` where name=%s for update",
		robot,
		as_dict=True,
	)
	platform, keyword = held[0].platform, held[0].keyword
	secret_address = get_decrypted_password(ROBOT, robot, "webhook_address", raise_exception=False) or ""
	signing_secret = get_decrypted_password(ROBOT, robot, "signing_secret", raise_exception=False) or None
	problem = robot_address_problem(platform, secret_address)
	if problem:
		return {"ok": False, "message": problem}
	now = now_datetime()
	allowed = rules.next_send_at(
		platform, recent_requests(robot, platform, now), now, told_too_many_at(robot, platform, now)
	)
	if allowed > now:
		seconds = int((allowed - now).total_seconds()) + 1
		return {
			"ok": False,
			"message": _(
				"The robot has sent as many messages as {0} allows for now: try again in {1} seconds."
			).format(platform_label(platform), seconds),
		}
	with print_language(robot_language(held[0])):  # in the group's language; the answer in the user's
		text = RobotText(
			_("Test message from the sales department"),
			(Line(_("If the group reads this, the robot {0} reaches it.").format(robot)),),
		)
	[payload] = rules.payloads(platform, text, keyword)
	attempt = post(platform, secret_address, payload.body, signing_secret)
	name = queue_message(robot, rules.TEST, payload.body, frappe.get_doc(ROBOT, robot), title=text.title)
	head = frappe._dict(name=name, attempts=0)
	record_attempt(head, attempt, platform, now_datetime())
	if attempt.verdict.outcome != rules.SENT:  # a test is not tried again: the administrator is told now
		frappe.db.set_value(MESSAGE, name, {"status": GIVEN_UP, "next_attempt_at": None})
	if attempt.verdict.outcome == rules.SENT:
		# the platform's answer to a delivered message is its bare "ok": nothing for the user to read
		message = _("The group got the test message: {0} accepted it.").format(platform_label(platform))
	else:
		message = _("The group did not get the test message: {0}. {1} answered: {2}").format(
			reason_text(attempt.verdict.reason),
			platform_label(platform),
			attempt.answer or reason_text(attempt.verdict.reason),
		)
	return {"ok": attempt.verdict.outcome == rules.SENT, "message": message}


@frappe.whitelist(methods=["POST"])
def resend(names) -> int:
	"""Put Failed and Given Up messages back in their robot's queue, due now, with a fresh count of attempts."""
	check_can_manage()
	names = frappe.parse_json(names) if isinstance(names, str) else names
	message = DocType(MESSAGE)
	chosen = (
		frappe.qb.from_(message)
		.select(message.name)
		.where(
			message.name.isin(list(names or []))
			& message.status.isin([FAILED, GIVEN_UP])
			& (message.kind != rules.TEST)
		)
		.run(pluck=True)
	)
	for name in chosen:
		frappe.get_doc(MESSAGE, name).check_permission("read")
		frappe.db.set_value(
			MESSAGE,
			name,
			{"status": QUEUED, "attempts": 0, "next_attempt_at": now_datetime(), "told_too_many_at": None},
		)
	if chosen:
		deliver_after_commit()
	return len(chosen)
