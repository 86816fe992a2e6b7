"""Group robots (企业微信 / 钉钉 / 飞书): who may see and set them up, what their setup may hold (each problem
said in the user's language), and `tell`, the one call an event makes to have its message pushed into the
groups of the people concerned.

`tell` only writes the messages into the outbox (Robot Message), in the transaction of the event: an event
rolled back tells nobody. `sales_dept.services.robot_delivery` sends them after the commit.

Most events reach the groups through their bell notice: `services.notify.notify_users(…, push=Push(kind))`
tells the groups too (`tell_notice`), @mentioning exactly the people the bell tells."""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.translate import print_language
from frappe.utils import get_fullname, get_url, get_url_to_form, now_datetime

from sales_dept.compat import NO_OBJECTION
from sales_dept.rules import robots as rules
from sales_dept.rules.robots import Line, Mention, RobotRoute, RobotText
from sales_dept.services.org import get_org_chart
from sales_dept.services.settings import is_administrator, setting

ROBOT = "Group Robot"
MESSAGE = "Robot Message"
QUEUED, SENT, FAILED, GIVEN_UP, MERGED = "Queued", "Sent", "Failed", "Given Up", "Merged"

# The kinds a robot receives, each switched by a check on the robot.
KIND_FIELDS = {
	rules.MEETING_DIGEST: "receives_meeting_digest",
	rules.WAITING_FOR_YOU: "receives_waiting_for_you",
	rules.DECIDED: "receives_decided",
	rules.ALARM: "receives_alarms",
	rules.WON_BID: "receives_won_bids",
	rules.DRAFT_PENALTIES: "receives_draft_penalties",
}


def robots_switched_on() -> bool:
	return bool(setting("enable_group_robots"))


def can_manage_robots(user: str | None = None) -> bool:
	"""Administrators and the sales manager role (both as Sales Dept Settings name them)."""
	user = user or frappe.session.user
	return is_administrator(user) or setting("sales_manager_role") in frappe.get_roles(user)


def has_permission(doc, ptype=None, user=None, debug=False):
	"""Group Robot and Robot Message: only those who manage robots (a robot's address is its credential)."""
	return NO_OBJECTION if can_manage_robots(user) else False


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	return "" if can_manage_robots(user) else "1=0"


def check_can_manage():
	if not can_manage_robots():
		frappe.throw(
			_("Only administrators and sales managers may manage group robots."), frappe.PermissionError
		)


# What a robot's setup may hold
# -----------------------------

PLATFORM_LABELS = {rules.WECOM: "WeCom", rules.DINGTALK: "DingTalk", rules.FEISHU: "Feishu"}
EXAMPLE_ADDRESSES = {
	rules.WECOM: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
	rules.DINGTALK: "https://oapi.dingtalk.com/robot/send?access_token=…",
	rules.FEISHU: "https://open.feishu.cn/open-apis/bot/v2/hook/…",
}


def platform_label(platform: str) -> str:
	return _(PLATFORM_LABELS.get(platform, platform))


def address_message(platform: str, reason: str, address: str = "") -> str:
	"""What is wrong with a webhook address, said without repeating the address (it carries the robot's key)."""
	name = platform_label(platform)
	if reason == rules.ADDRESS_MISSING:
		return _("Enter the robot's webhook address, as the group's robot settings show it.")
	if reason == rules.ADDRESS_UNREADABLE:
		return _("The webhook address cannot be read: copy it whole from the group's robot settings.")
	if reason == rules.ADDRESS_HAS_LOGIN:
		return _("The webhook address must not carry a user name or password.")
	if reason == rules.ADDRESS_NOT_HTTPS:
		return _(
			"The webhook address must start with https:// (plain http only to this server itself, when other robot hosts are allowed)."
		)
	if reason == rules.ADDRESS_OTHER_PLATFORM:
		other = platform_label(rules.platform_of_address(address) or platform)
		return _(
			"This is a {0} address, not a {1} one: choose {0} as the platform, or paste the {1} robot's address."
		).format(other, name)
	if reason == rules.ADDRESS_OTHER_HOST:
		return _(
			"This is not {0}'s address: {0} robots are at {1}. Another host (a company gateway) is possible only when an administrator allows other robot hosts in Sales Dept Settings."
		).format(name, " / ".join(rules.PLATFORM_HOSTS[platform]))
	if reason == rules.ADDRESS_WRONG_PATH:
		return _("This is not a {0} group robot's webhook address: it looks like {1}").format(
			name, EXAMPLE_ADDRESSES[platform]
		)
	if reason == rules.ADDRESS_NO_KEY:
		return _("The webhook address carries no robot key: copy it whole, it looks like {0}").format(
			EXAMPLE_ADDRESSES[platform]
		)
	return _(
		"Remove timestamp and sign from the address: the app signs every message itself with the signing secret."
	)


def secret_message(platform: str, reason: str) -> str:
	if reason == rules.SECRET_NOT_USED:
		return _("WeCom group robots have no signing secret: leave it empty.")
	if reason == rules.SECRET_NOT_DINGTALK:
		return _(
			"A DingTalk signing secret starts with SEC: it is the string shown under 加签 in the robot's security settings."
		)
	if reason == rules.SECRET_IS_DINGTALKS:
		return _(
			"This looks like a DingTalk secret (it starts with SEC): a Feishu signing secret is the one shown under 签名校验 in the robot's security settings."
		)
	return _(
		"A Feishu signing secret has letters and digits only: it is the one shown under 签名校验 in the robot's security settings."
	)


def keyword_message(platform: str, reason: str) -> str:
	return _("WeCom group robots have no keyword security: leave the keyword empty.")


def robot_address_problem(platform: str, address: str) -> str | None:
	"""What is wrong with `address` for `platform` under the current settings, in the user's language."""
	reason = rules.address_problem(platform, address, bool(setting("allow_other_robot_hosts")))
	return address_message(platform, reason, address) if reason else None


# Telling the groups
# ------------------


def desk_line(doctype: str, name: str, text: str) -> Line:
	"""A line of a message that opens the document in the desk."""
	return Line(text, get_url_to_form(doctype, name))


def tell(
	kind: str,
	doc,
	message: Callable[[], RobotText],
	mention_users: Iterable[str] = (),
	team: str | None = None,
	audience: str = rules.ANY_GROUP,
	unique_key: str | None = None,
) -> list[int]:
	"""Put a message about `doc` (a document, or None) into the outbox of every robot that should hear it.

	`message()` words it (called in each robot's language, once a language: a group is not one reader,
	and speaks its department's language, Chinese by default); `mention_users` are
	the users to @ (each by the mobile number on their Employee, else their User); `team` is the Sales
	Person group the event concerns — by default the team of the first person mentioned, else the
	department. Which robots: `rules.robots.robots_for` (the nearest group's, draft penalties and the
	MANAGERS_GROUPS audience to managers' groups only, won bids to the department's). `unique_key`: a
	message that must be written once only (a second attempt raises frappe.UniqueValidationError). Returns
	the outbox rows written (none when the robots are switched off or none should hear it)."""
	if not robots_switched_on() or frappe.flags.in_install:
		return []
	routes, robots = enabled_robots()
	users = [user for user in dict.fromkeys(mention_users) if user]
	team, teams_above = team_and_above(team, users)
	chosen = rules.robots_for(kind, team, routes, teams_above, audience)
	if not chosen:
		return []
	by_language: dict[str, list[str]] = {}
	for name in chosen:
		by_language.setdefault(robot_language(robots[name]), []).append(name)
	written = []
	for language, names in by_language.items():
		with print_language(language):
			text = message()
			mentions, notes = mentions_of(users)
			text = RobotText(text.title, tuple(text.lines), tuple(mentions))
			for name in names:
				robot = robots[name]
				for number, part in enumerate(rules.payloads(robot.platform, text, robot.keyword), start=1):
					written.append(
						queue_message(
							name,
							kind,
							part.body,
							doc,
							title=part_title(robot.platform, part.body),
							note=mention_note(part.note, notes, mentions),
							content=part.text,
							unique_key=row_key(unique_key, name, number) if unique_key else None,
						)
					)
	return sorted(written)


def robot_language(robot) -> str:
	"""The language a robot's group reads (its Language, else the system's)."""
	return robot.get("language") or system_language()


def row_key(unique_key: str, robot: str, part: int) -> str:
	"""The unique key of one part of a message for one robot: `unique_key|robot's hash|part`, short whatever
	the robot's name (the outbox's key holds 140 characters)."""
	return f"{unique_key}|{hashlib.sha1(robot.encode()).hexdigest()[:12]}|{part}"


def team_and_above(team: str | None, users: list[str]) -> tuple[str | None, list[str]]:
	"""The team an event concerns (`team`, else the first user's team) and the groups above it."""
	chart = get_org_chart()
	if team is None and users:
		team = chart.team_of(chart.sales_person_of(users[0]) or "")
	return team, (chart.ancestors(team) if team else [])


def system_language() -> str:
	"""The language of a robot without one of its own: the system's."""
	return frappe.get_system_settings("language") or "en"


def queue_message(
	robot: str,
	kind: str,
	body: dict,
	doc=None,
	title: str = "",
	note: str | None = None,
	content: RobotText | None = None,
	unique_key: str | None = None,
) -> int:
	"""One message into the outbox, Queued, due now; sent after this transaction commits. The document's and
	the robot's links are the caller's own (not looked up again)."""
	row = frappe.get_doc(
		{
			"doctype": MESSAGE,
			"robot": robot,
			"kind": kind,
			"status": QUEUED,
			"title": (title or "")[:140],
			"reference_doctype": doc.doctype if doc else None,
			"reference_name": doc.name if doc else None,
			"payload": frappe.as_json(body, indent=1),
			"content": content_json(content) if content else None,
			"note": note,
			"next_attempt_at": now_datetime(),
			"unique_key": unique_key,
		}
	).insert(ignore_permissions=True, ignore_links=True)
	from sales_dept.services.robot_delivery import deliver_after_commit

	deliver_after_commit()
	return row.name


def content_json(text: RobotText) -> str:
	"""A message as the outbox keeps what it says (see Robot Message's Content)."""
	return json.dumps(
		{
			"title": text.title,
			"lines": [[line.text, line.link] for line in text.lines],
			"mentions": [[mention.name, mention.mobile] for mention in text.mentions],
		},
		ensure_ascii=False,
		indent=1,
	)


def text_of(content: str) -> RobotText:
	"""What an outbox row says, read back from its Content."""
	data = json.loads(content)
	return RobotText(
		data["title"],
		tuple(Line(text, link) for text, link in data["lines"]),
		tuple(Mention(name, mobile) for name, mobile in data["mentions"]),
	)


# Bell notices told to the groups too
# -----------------------------------


def kind_heading(kind: str) -> str:
	"""What a message of `kind` is headed with, in the current language."""
	return {
		rules.WAITING_FOR_YOU: _("Waiting for You"),
		rules.DECIDED: _("Decision Made"),
		rules.ALARM: _("Alarm"),
		rules.WON_BID: _("Good News"),
		rules.DRAFT_PENALTIES: _("Draft Penalties"),
		rules.MEETING_DIGEST: _("Meeting Digest"),
	}[kind]


@dataclass(frozen=True)
class Push:
	"""What the groups hear of a bell notice (`services.notify.notify_users(…, push=…)`): the kind of message,
	and what the notice does not say by itself.

	- `comment`: the decider's own comment, on a line of its own (for notices whose subject lacks it);
	- `team`: the Sales Person group concerned, by default the first person told's team;
	- `private`: conduct records (penalties, rewards): managers' groups only, never a team's;
	- `line`: what the groups read instead of the bell's subject, when a group must not read all of it."""

	kind: str
	comment: str | None = None
	team: str | None = None
	private: bool = False
	line: Callable[[], str] | None = None


def notice_title(kind: str, doctype: str) -> str:
	"""'待您处理 · 拜访计划': the kind's heading and the document's type."""
	return f"{kind_heading(kind)} · {_(doctype)}"


def tell_notice(
	push: Push, users: list[str], doc, subject: Callable[[], str], link: str | None = None
) -> list[int]:
	"""A bell notice told to the groups as well: exactly the people the bell tells are @mentioned; its
	subject (or `push.line`) is a line opening the document (or `link`), under the kind's heading and the
	document's type."""

	def message() -> RobotText:
		text = (push.line or subject)()
		lines = [Line(text, get_url(link)) if link else desk_line(doc.doctype, doc.name, text)]
		if push.comment and push.comment.strip():
			lines.append(Line(_("Comment: {0}").format(push.comment.strip())))
		return RobotText(notice_title(push.kind, doc.doctype), tuple(lines))

	audience = rules.MANAGERS_GROUPS if push.private else rules.ANY_GROUP
	return tell(push.kind, doc, message, mention_users=users, team=push.team, audience=audience)


def enabled_robots() -> tuple[list[RobotRoute], dict]:
	"""The enabled robots as routing sees them, and each one's platform and keyword, in one query."""
	robot = DocType(ROBOT)
	rows = (
		frappe.qb.from_(robot)
		.select(
			robot.name,
			robot.platform,
			robot.keyword,
			robot.language,
			robot.whole_department,
			robot.team,
			robot.managers_only,
			*(robot[field] for field in KIND_FIELDS.values()),
		)
		.where(robot.enabled == 1)
		.run(as_dict=True)
	)
	routes = [
		RobotRoute(
			row.name,
			None if row.whole_department else row.team,
			frozenset(kind for kind, field in KIND_FIELDS.items() if row[field]),
			bool(row.managers_only),
		)
		for row in rows
	]
	return routes, {row.name: row for row in rows}


def mentions_of(users: list[str]) -> tuple[list[Mention], dict[str, str]]:
	"""Each user as a Mention (their name; their mobile when it is a mainland mobile number), and for those
	who cannot be @mentioned, why (in the current language), in one query."""
	if not users:
		return [], {}
	employee, user_table = DocType("Employee"), DocType("User")
	rows = (
		frappe.qb.from_(user_table)
		.left_join(employee)
		.on((employee.user_id == user_table.name) & (employee.status == "Active"))
		.select(user_table.name, employee.employee_name, employee.cell_number, user_table.mobile_no)
		.where(user_table.name.isin(users))
		.run()
	)
	found = {}
	for user, employee_name, cell_number, mobile_no in rows:
		found.setdefault(user, (employee_name, cell_number or mobile_no))
	mentions, notes = [], {}
	for user in users:
		employee_name, number = found.get(user, (None, None))
		name = employee_name or get_fullname(user)
		mobile = rules.normalized_mobile(number)
		if not number:
			notes[name] = _(
				"{0} has no mobile number on their Employee or User record: named without @."
			).format(name)
		elif not mobile:
			notes[name] = _(
				"{0}'s mobile number {1} is not a mainland mobile number: named without @."
			).format(name, number)
		mentions.append(Mention(name, mobile))
	return mentions, notes


def mention_note(reason: str | None, notes: dict[str, str], mentions: list[Mention]) -> str | None:
	"""Why someone meant by a message was not @mentioned, for the outbox."""
	if not reason:
		return None
	if reason == rules.MENTION_FEISHU_BY_NAME:
		names = "、".join(mention.name for mention in mentions)
		return _("Feishu custom robots cannot @mention by mobile number: {0} named without @.").format(names)
	return "\n".join(notes.values()) or None


def part_title(platform: str, body: dict) -> str:
	if platform == rules.WECOM:
		content = (body.get("markdown") or body.get("text") or {}).get("content", "")
		return content.split("\n", 1)[0].removeprefix("### ")
	if platform == rules.DINGTALK:
		return body["markdown"]["title"]
	return body["content"]["post"]["zh_cn"]["title"]
