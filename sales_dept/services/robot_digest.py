"""The weekly meeting's digest in the group robots (issue 19): each team's Weekly Meeting Pack in one message,
each line a link into the desk, sent at the time Sales Dept Settings set before the meeting (Meeting Day,
Meeting Time, Meeting Digest (Minutes Before the Meeting)).

- Every minute the robots' job (services.robot_schedule) asks whether a meeting's digest is due
  (`rules.robots.digest_meeting_day`: from the set minutes before the meeting to the end of its day); most
  minutes of the week it answers no without a query.
- A team's digest goes to its nearest group's robots that receive the meeting digest (its own, else the
  group above, else the department's); the people outside the teams to the department's. The draft
  penalties are read only in the managers' groups: those get each team's digest with its draft penalties,
  the other groups without (`rules.robots.MANAGERS_GROUPS` / `OTHER_GROUPS`).
- Once per team, audience and robot a week: each outbox row carries a unique key (the meeting's day, the
  team and audience, the robot, the part). A second run finds the keys written and builds nothing; two runs
  at the same moment both build, and the second one's rows are refused by the key (its team rolled back).
- A long digest is split by the platform's size (`rules.robots.payloads`), never refused; each robot reads
  it in its group's language (the pack's rows are worded once a language).
"""

import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import cint, fmt_money, get_datetime, get_time, get_url_to_report_with_filters, now_datetime

from sales_dept.rules import robots as rules
from sales_dept.rules.robots import Line, RobotText
from sales_dept.rules.visits import week_start
from sales_dept.sales_dept.report.weekly_meeting_pack.weekly_meeting_pack import MeetingPack
from sales_dept.services.org import get_org_chart
from sales_dept.services.robots import (
	MESSAGE,
	desk_line,
	enabled_robots,
	kind_heading,
	robots_switched_on,
	team_and_above,
	tell,
)
from sales_dept.services.settings import get_settings
from sales_dept.setup.records import acting_as, default_company

REPORT = "Weekly Meeting Pack"
AUDIENCES = (rules.OTHER_GROUPS, rules.MANAGERS_GROUPS)


def send_meeting_digests(now=None) -> list[int]:
	"""The robots' job, every minute: the digest of each team for the coming meeting, when due and not yet
	written. Returns the outbox rows written."""
	if not robots_switched_on():
		return []
	settings = get_settings()
	day = rules.digest_meeting_day(
		get_datetime(now or now_datetime()),
		settings.meeting_weekday or "Saturday",
		get_time(settings.meeting_time or "09:00:00"),
		cint(settings.robot_digest_minutes),
	)
	if not day or not any(rules.MEETING_DIGEST in route.kinds for route in enabled_robots()[0]):
		return []
	written = write_digests(day)
	frappe.db.commit()  # nosemgrep: a scheduled job's work stands on its own
	return written


def write_digests(day) -> list[int]:
	"""The digests of the meeting on `day` that have a robot to go to and were not written yet, each in its
	robots' language."""
	with acting_as("Administrator"):
		company = default_company()
		monday = week_start(day)
		pack = MeetingPack(frappe._dict(company=company, week_start=monday))
		written_before = digests_written(day)
		routes, _robots = enabled_robots()
		due = [
			(team, audience)
			for team in [*sorted(pack.teams), None]
			for audience in AUDIENCES
			if digest_key(day, team, audience) not in written_before and has_robot(routes, team, audience)
		]
		rows_of = pack_rows(pack)
		chart = get_org_chart()
		written = []
		for team, audience in due:
			with_penalties = audience == rules.MANAGERS_GROUPS
			if team is None and not team_rows(rows_of(with_penalties), None):
				continue  # nobody outside the teams has anything for the meeting

			def message(team=team, with_penalties=with_penalties) -> RobotText:
				rows = team_rows(rows_of(with_penalties), team)
				return digest_text(team, day, rows, report_url(company, monday, team), pack.currency)

			missing = pack.missing_plans(pack.teams[team]) if team and pack.shows["visit_plans"] else []
			# the team's group @mentions who has not handed in next week's plan (the managers' groups do not)
			mention_users = [] if with_penalties else [chart.user_of(person) for person in missing]
			written += write_once(day, team, audience, message, mention_users)
		return written


def pack_rows(pack: MeetingPack) -> Callable[[bool], list[dict]]:
	"""The pack's rows in the current language, with its draft penalties or without (each once a language)."""
	shows_penalties, found = pack.shows_penalties, {}

	def rows(with_penalties: bool) -> list[dict]:
		key = (frappe.local.lang, with_penalties and shows_penalties)
		if key not in found:
			pack.shows_penalties = key[1]
			found[key] = pack.rows()
		return found[key]

	return rows


def team_rows(rows: list[dict], team: str | None) -> list[dict]:
	return [row for row in rows if row.get("team") == team]


def write_once(
	day, team: str | None, audience: str, message: Callable[[], RobotText], mention_users: list
) -> list[int]:
	"""One team's digest for one audience, written once: a second writer's rows are refused by their key and
	rolled back, the rest of its run goes on."""
	frappe.db.savepoint("sd_meeting_digest")
	try:
		return tell(
			rules.MEETING_DIGEST,
			None,
			message,
			mention_users=mention_users,
			team=team or "",
			audience=audience,
			unique_key=digest_key(day, team, audience),
		)
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		frappe.db.rollback(save_point="sd_meeting_digest")
		return []


def has_robot(routes, team: str | None, audience: str) -> bool:
	team, teams_above = team_and_above(team or "", [])
	return bool(rules.robots_for(rules.MEETING_DIGEST, team, routes, teams_above, audience))


def digest_key(day, team: str | None, audience: str) -> str:
	"""The start of the unique key of a team's digest for one audience in the week of `day` (the robot and
	the part follow it: services.robots.row_key): short, whatever the team's name."""
	digest = hashlib.sha1(f"{audience}|{team or ''}".encode()).hexdigest()[:16]
	return f"digest|{day}|{digest}"


def digests_written(day) -> set[str]:
	"""The digests of the meeting on `day` already in the outbox (their keys' start), in one query."""
	keys = frappe.get_all(
		MESSAGE, filters={"unique_key": ["like", f"digest|{day}|%"]}, pluck="unique_key", limit=0
	)
	return {key.rsplit("|", 2)[0] for key in keys}


def report_url(company: str, monday, team: str | None = None) -> str:
	filters = {"company": company, "week_start": str(monday)}
	if team:
		filters["team"] = team
	# Frappe's own address of the report: where its desk is (/app, Frappe 16 /desk), the name URL-encoded
	return get_url_to_report_with_filters(REPORT, urlencode(filters))


# What the digest says
# --------------------


def digest_text(team: str | None, day, rows: list[dict], report: str, currency: str | None) -> RobotText:
	"""A team's part of the meeting pack as a message: each section a line opening the pack, each of its rows
	a line opening its document (or the pack)."""
	title = _("{0} for the meeting on {1}: {2}").format(
		kind_heading(rules.MEETING_DIGEST),
		frappe.format(day, "Date"),
		team or _("Outside the Teams"),
	)
	lines = []
	for row in rows:
		if row.get("indent") == 0:
			continue
		if row.get("is_header"):
			lines.append(Line(f"【{row['section']}】{row.get('detail') or ''}", report))
			continue
		text = row_text(row, currency)
		if row.get("reference") and row.get("reference_doctype"):
			lines.append(desk_line(row["reference_doctype"], row["reference"], text))
		else:
			lines.append(Line(text, report))
	return RobotText(title, tuple(lines))


def row_text(row: dict, currency: str | None) -> str:
	"""One row of the pack in words: who, what, its state and the figures it has."""
	# a missing plan's state says it: its "not handed in" would say it twice
	detail = None if row.get("plan_missing") else row.get("detail")
	parts = [row.get("sales_person"), detail, row.get("status")]
	if row.get("execution_pct") is not None:
		parts.append(
			_("{0} planned, {1} done, {2} missed: execution {3}").format(
				row.get("planned") or 0,
				(row.get("done_as_planned") or 0) + (row.get("done_other_day") or 0),
				row.get("missed") or 0,
				frappe.format(row["execution_pct"], {"fieldtype": "Percent"}),
			)
		)
	elif row.get("planned") is not None:
		parts.append(_("{0} visits planned").format(row["planned"]))
	if row.get("done_unplanned"):
		parts.append(_("{0} visits without a plan").format(row["done_unplanned"]))
	if row.get("is_late"):
		parts.append(_("handed in late"))
	if row.get("days_overdue"):
		parts.append(_("{0} days overdue").format(row["days_overdue"]))
	if row.get("in_next_plan"):
		parts.append(_("in next week's plan"))
	if row.get("waits_for"):
		parts.append(_("waiting for {0}").format(row["waits_for"]))
	if row.get("amount"):
		parts.append(fmt_money(row["amount"], currency=row.get("currency") or currency))
	return " · ".join(str(part) for part in parts if part not in (None, ""))
