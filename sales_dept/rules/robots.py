"""Group robots of 企业微信 (WeCom), 钉钉 (DingTalk) and 飞书 (Feishu / Lark): which addresses and secrets are
theirs, how a message is signed, shaped, cut to size and @mentions someone, what their answers mean, how fast
a robot may talk, when to try again and which robots an event goes to. Plain Python, no frappe.

What each platform documents (read through the project's search tool; the pages are the platforms' own
unless said otherwise):

企业微信 — 群机器人配置说明 (developer.work.weixin.qq.com/document/path/91770, also
work.weixin.qq.com/api/doc/90000/90136/91770): the webhook is https://qyapi.weixin.qq.com/cgi-bin/webhook/send
?key=KEY; msgtype "text" has content "最长不超过2048个字节，必须是utf8编码" and @mentions people with
mentioned_list (user ids) or mentioned_mobile_list (mobile numbers); msgtype "markdown" has content of at most
4,096 bytes and mentions only with <@userid> — never by mobile (an over-long markdown is answered 40058
"markdown.content exceed max length 4096", dromara/domain-admin#82). "每个机器人发送的消息不能超过20条/分钟"; the
answer past it is errcode 45009 "api freq out of limit", and a per-minute block lasts 60 s
(访问频率限制, document/path/90454). No signing: the key in the address is the only credential.

钉钉 — 自定义机器人接入 and 安全设置 (open.dingtalk.com/document/robots/custom-robot-access,
customize-robot-security-settings; quoted in apifox.com/apidoc/docs-site/467052/doc-3550006): the webhook is
https://oapi.dingtalk.com/robot/send?access_token=TOKEN. 加签: "把timestamp+"\n"+密钥当做签名字符串，使用HmacSHA256算法
计算签名，然后进行Base64 encode，最后再把签名参数再进行urlEncode" — the HMAC is keyed by the secret, the timestamp is
in milliseconds and "与请求调用时间误差不能超过1小时", the secret is "加签一栏下面显示的SEC开头的字符串", and
&timestamp=…&sign=… go into the address. 自定义关键词: the message must contain one of the group's keywords.
@: at.atMobiles plus "@<mobile>" in the text (text and markdown). "每个机器人每分钟最多发送20条。如果超过20条，会限流
10分钟"; the answer is errcode 130101 "send too fast, exceed 20 times per minute". 310000 covers a wrong
signature, an old timestamp, a missing keyword and an IP outside the whitelist (errmsg says which). A body over
20,000 bytes is refused with 460101 "message too long, exceed 20000 bytes" (prometheus-webhook-dingtalk#30,
Le0nsec/SecCrawler#12). 410100 is read as "too many" too: the brief names it among DingTalk's rate-limit codes,
we found no DingTalk text for it, and waiting is harmless.

飞书 — 自定义机器人使用指南 (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot; the same page at
open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN): the webhook is
https://open.feishu.cn/open-apis/bot/v2/hook/ID (Lark: open.larksuite.com, same path). "自定义机器人的频率控制…
为单租户单机器人 100 次/分钟，5 次/秒", the answer past it 11232; "请求体的数据大小不能超过 20 KB" (a body too big or
malformed is answered code 9499 "Bad Request"). 签名校验: "timestamp + "\n" + 密钥 当做签名字符串，使用 HmacSHA256
算法计算签名" — in the platform's own samples that string is the HMAC *key* and the message is empty — then
Base64; timestamp (seconds, "距当前时间不超过 1 小时") and sign go into the JSON body. 19021 "sign match fail or
timestamp is not within one hour from current time", 19022 "Ip Not Allowed", 19024 "Key Words Not Found".
@ is <at user_id="ou_…"> with an open_id / union_id / user_id: a custom bot has no access to the tenant's
directory, so it cannot @ anyone by mobile number. What we do: the person's name is written as "@李强" in plain
text (the group sees who is meant, nobody is pinged) and the outbox notes why.
"""

import base64
import hashlib
import hmac
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from urllib.parse import parse_qs, quote_plus, urlsplit

from sales_dept.rules.visits import meeting_date, week_start

WECOM, DINGTALK, FEISHU = "WeCom", "DingTalk", "Feishu"
PLATFORMS = (WECOM, DINGTALK, FEISHU)

# The platforms' own hosts: an address elsewhere needs the administrator's setting "Allow Other Robot Hosts".
PLATFORM_HOSTS = {
	WECOM: ("qyapi.weixin.qq.com",),
	DINGTALK: ("oapi.dingtalk.com",),
	FEISHU: ("open.feishu.cn", "open.larksuite.com"),
}
# The platform's path on its host; another host (a company's gateway, the imitation) ends its path with it.
PLATFORM_PATHS = {WECOM: "/cgi-bin/webhook/send", DINGTALK: "/robot/send", FEISHU: "/open-apis/bot/v2/hook/"}
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

# Why an address, a secret or a team cannot be used (the adapter says it in the user's language).
ADDRESS_MISSING = "address_missing"
ADDRESS_UNREADABLE = "address_unreadable"
ADDRESS_HAS_LOGIN = "address_has_login"
ADDRESS_NOT_HTTPS = "address_not_https"
ADDRESS_OTHER_HOST = "address_other_host"
ADDRESS_OTHER_PLATFORM = "address_other_platform"
ADDRESS_WRONG_PATH = "address_wrong_path"
ADDRESS_NO_KEY = "address_no_key"
ADDRESS_ALREADY_SIGNED = "address_already_signed"
SECRET_NOT_USED = "secret_not_used"
SECRET_NOT_DINGTALK = "secret_not_dingtalk"
SECRET_IS_DINGTALKS = "secret_is_dingtalks"
SECRET_NOT_FEISHU = "secret_not_feishu"
KEYWORD_NOT_USED = "keyword_not_used"

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,200}$")
_DINGTALK_SECRET = re.compile(r"^SEC[0-9A-Za-z]{20,200}$")
_FEISHU_SECRET = re.compile(r"^[0-9A-Za-z]{8,64}$")
_MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def platform_of_address(address: str) -> str | None:
	"""The platform whose own host `address` names, if any."""
	try:
		host = (urlsplit((address or "").strip()).hostname or "").lower()
	except ValueError:
		return None
	return next((platform for platform, hosts in PLATFORM_HOSTS.items() if host in hosts), None)


def address_credential(platform: str, address: str) -> str | None:
	"""The robot's own credential in its address: WeCom's key, DingTalk's access_token, Feishu's hook id."""
	parts = urlsplit(address.strip())
	if platform == FEISHU:
		found = re.search(r"/open-apis/bot/v2/hook/([^/]+)$", parts.path)
		return found.group(1) if found else None
	name = "key" if platform == WECOM else "access_token"
	values = parse_qs(parts.query).get(name)
	return values[0] if values else None


def address_problem(platform: str, address: str | None, allow_other_hosts: bool = False) -> str | None:
	"""Why `address` cannot be `platform`'s webhook, or None. Another host than the platform's is allowed only
	with `allow_other_hosts` (the administrator's setting); plain http only to this machine (the imitation,
	a local gateway): the address carries the robot's credential and must not cross a network unencrypted."""
	address = (address or "").strip()
	if not address:
		return ADDRESS_MISSING
	try:
		parts = urlsplit(address)
		host, port = (parts.hostname or "").lower(), parts.port
	except ValueError:
		return ADDRESS_UNREADABLE
	if not parts.scheme or not host or parts.fragment:
		return ADDRESS_UNREADABLE
	if parts.username is not None or parts.password is not None:
		return ADDRESS_HAS_LOGIN
	own = host in PLATFORM_HOSTS[platform] and port in (None, 443)
	if not own:
		if platform_of_address(address) not in (None, platform):
			return ADDRESS_OTHER_PLATFORM
		if not allow_other_hosts:
			return ADDRESS_OTHER_HOST
	if parts.scheme != "https" and not (parts.scheme == "http" and not own and host in LOOPBACK_HOSTS):
		return ADDRESS_NOT_HTTPS
	path = parts.path
	if platform == FEISHU:
		found = re.search(r"/open-apis/bot/v2/hook/([^/]*)$", path)
		if not found or (own and not path.startswith(PLATFORM_PATHS[FEISHU])):
			return ADDRESS_WRONG_PATH
	elif path != PLATFORM_PATHS[platform] and (own or not path.endswith(PLATFORM_PATHS[platform])):
		return ADDRESS_WRONG_PATH
	if not _TOKEN.match(address_credential(platform, address) or ""):
		return ADDRESS_NO_KEY
	query = parse_qs(parts.query)
	if "sign" in query or "timestamp" in query:
		return ADDRESS_ALREADY_SIGNED
	return None


def secret_problem(platform: str, secret: str | None) -> str | None:
	"""Why `secret` cannot be `platform`'s signing secret, or None (no secret is always fine: the group then
	relies on its keyword or IP whitelist)."""
	secret = (secret or "").strip()
	if not secret:
		return None
	if platform == WECOM:
		return SECRET_NOT_USED
	if platform == DINGTALK:
		return None if _DINGTALK_SECRET.match(secret) else SECRET_NOT_DINGTALK
	if _DINGTALK_SECRET.match(secret):
		return SECRET_IS_DINGTALKS
	return None if _FEISHU_SECRET.match(secret) else SECRET_NOT_FEISHU


def keyword_problem(platform: str, keyword: str | None) -> str | None:
	"""WeCom groups have no keyword security: a keyword there would only mislead."""
	return KEYWORD_NOT_USED if platform == WECOM and (keyword or "").strip() else None


def normalized_mobile(text: str | None) -> str | None:
	"""A mainland mobile number as its 11 digits (spaces, dashes and a +86 / 0086 prefix dropped), or None."""
	digits = re.sub(r"[\s\-()]", "", text or "")
	for prefix in ("+86", "0086", "86"):
		if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
			digits = digits[len(prefix) :]
	return digits if _MAINLAND_MOBILE.match(digits) else None


# Signing --------------------------------------------------------------------------------------------------


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
	"""DingTalk's sign (Base64, before URL-encoding): HMAC-SHA256 keyed by the secret over "<ms>\\n<secret>"."""
	digest = hmac.new(
		secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), digestmod=hashlib.sha256
	).digest()
	return base64.b64encode(digest).decode("ascii")


def feishu_sign(secret: str, timestamp_s: int) -> str:
	"""Feishu's sign: HMAC-SHA256 keyed by "<seconds>\\n<secret>" over an empty message, Base64."""
	digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", digestmod=hashlib.sha256).digest()
	return base64.b64encode(digest).decode("ascii")


def signed_request(
	platform: str, address: str, body: dict, secret: str | None, now: float
) -> tuple[str, bytes]:
	"""The address and JSON body to POST, signed when the robot has a secret; `now` in epoch seconds."""
	body = dict(body)
	if secret and platform == DINGTALK:
		timestamp = int(now * 1000)
		address = f"{address}&timestamp={timestamp}&sign={quote_plus(dingtalk_sign(secret, timestamp))}"
	elif secret and platform == FEISHU:
		timestamp = int(now)
		body = {"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp), **body}
	return address, encoded(body)


def encoded(body: dict) -> bytes:
	"""The body as sent: compact UTF-8 JSON (Chinese as 3 bytes, not 6 of \\u escapes: the limits count bytes)."""
	return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# Messages -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
	"""One line of a message: text, optionally a link into the desk."""

	text: str
	link: str | None = None


@dataclass(frozen=True)
class Mention:
	"""Someone to @: their name, and their mobile number when it is a valid one (see normalized_mobile)."""

	name: str
	mobile: str | None = None


@dataclass(frozen=True)
class RobotText:
	"""A message as the app words it, before any platform shapes it."""

	title: str
	lines: tuple[Line, ...] = ()
	mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Payload:
	"""One message as a platform takes it (the body, unsigned), a note for the outbox when not everyone
	could be @mentioned, and what it says as the app worded it (kept for merging a backlog: see `merged`)."""

	body: dict
	note: str | None = None
	text: RobotText | None = None


# Reasons a mention could not ping its person (noted on the outbox row; the adapter translates them).
MENTION_NO_MOBILE = "mention_no_mobile"
MENTION_FEISHU_BY_NAME = "mention_feishu_by_name"

# What each platform accepts, in bytes (see the module docstring). Feishu's 20 KB keeps room for the
# timestamp and sign added at sending.
WECOM_MARKDOWN_LIMIT = 4096
WECOM_TEXT_LIMIT = 2048
DINGTALK_BODY_LIMIT = 20000
FEISHU_BODY_LIMIT = 20 * 1024 - 128
TITLE_CHARACTERS = 100
PART_SUFFIX = "（{0}/{1}）"
ELLIPSIS = "…"


def payloads(platform: str, message: RobotText, keyword: str | None = None) -> list[Payload]:
	"""`message` as the bodies `platform` takes, in order: split between lines when it is too big for one, a
	line too big for a message of its own shortened with "…" — never refused. The @mentions go with the first
	part. A group with keyword security gets its keyword in every title."""
	title = message.title.strip()[:TITLE_CHARACTERS] or ELLIPSIS
	keyword = (keyword or "").strip()
	if keyword and platform != WECOM and keyword not in title:
		title = f"【{keyword}】{title}"
	shape = SHAPES[platform](message.mentions)
	widest = PART_SUFFIX.format(99, 99)
	parts: list[list[Line]] = [[]]
	for line in message.lines:
		if shape.fits(title + widest, [*parts[-1], line]):
			parts[-1].append(line)
			continue
		if parts[-1]:
			parts.append([])
		parts[-1].append(
			line if shape.fits(title + widest, [line]) else _shortened(shape, title + widest, line)
		)
	count = len(parts)
	shaped = []
	for number, lines in enumerate(parts, start=1):
		part_title = title + (PART_SUFFIX.format(number, count) if count > 1 else "")
		mentions = tuple(message.mentions) if number == 1 else ()
		text = RobotText(part_title, tuple(lines), mentions)
		shaped.append((shape.body(part_title, lines, with_mentions=number == 1), text))
	note = _mention_note(platform, message.mentions)
	return [Payload(body, note if number == 0 else None, text) for number, (body, text) in enumerate(shaped)]


def _mention_note(platform: str, mentions: Sequence[Mention]) -> str | None:
	if not mentions:
		return None
	if platform == FEISHU:
		return MENTION_FEISHU_BY_NAME
	return MENTION_NO_MOBILE if any(not mention.mobile for mention in mentions) else None


def _shortened(shape: "Shape", title: str, line: Line) -> Line:
	"""The longest start of `line`'s text (with "…") that fits a message of its own; its link kept if it can."""
	for candidate in (line, Line(line.text)):
		low, high = 0, len(candidate.text)
		if not shape.fits(title, [replace(candidate, text=ELLIPSIS)]):
			continue
		while low < high:  # the longest prefix that fits
			middle = (low + high + 1) // 2
			if shape.fits(title, [replace(candidate, text=candidate.text[:middle] + ELLIPSIS)]):
				low = middle
			else:
				high = middle - 1
		return replace(candidate, text=candidate.text[:low] + ELLIPSIS)
	return Line(ELLIPSIS)


@dataclass
class Shape:
	"""How one platform lays a message out and how much it takes."""

	mentions: Sequence[Mention]
	body_of: Callable[[str, Sequence[Line], Sequence[Mention]], dict] = field(repr=False)
	size_of: Callable[[dict], int] = field(repr=False)
	limit: int = 0

	def body(self, title: str, lines: Sequence[Line], with_mentions: bool) -> dict:
		return self.body_of(title, lines, self.mentions if with_mentions else ())

	def fits(self, title: str, lines: Sequence[Line]) -> bool:
		return self.size_of(self.body(title, lines, with_mentions=True)) <= self.limit


def _markdown_line(line: Line) -> str:
	return f"- [{line.text}]({line.link})" if line.link else f"- {line.text}"


def _at(mention: Mention) -> str:
	return f"@{mention.mobile or mention.name}"


def _wecom_shape(mentions: Sequence[Mention]) -> Shape:
	"""Markdown (links under their text) when nobody is to be @mentioned by mobile; otherwise text, the only
	WeCom message that @mentions by mobile (mentioned_mobile_list), links written out after their line."""
	if not any(mention.mobile for mention in mentions):

		def markdown(title, lines, mentions):
			content = "\n".join([f"### {title}", *map(_markdown_line, lines), *(_at(m) for m in mentions)])
			return {"msgtype": "markdown", "markdown": {"content": content}}

		return Shape(
			mentions, markdown, lambda body: len(body["markdown"]["content"].encode()), WECOM_MARKDOWN_LIMIT
		)

	def text(title, lines, mentions):
		rows = [f"{line.text} {line.link}" if line.link else line.text for line in lines]
		unpinged = [f"@{m.name}" for m in mentions if not m.mobile]
		body = {"msgtype": "text", "text": {"content": "\n".join([title, *rows, *unpinged])}}
		if any(m.mobile for m in mentions):
			body["text"]["mentioned_mobile_list"] = [m.mobile for m in mentions if m.mobile]
		return body

	return Shape(mentions, text, lambda body: len(body["text"]["content"].encode()), WECOM_TEXT_LIMIT)


def _dingtalk_shape(mentions: Sequence[Mention]) -> Shape:
	"""Markdown; the people to @ as "@<mobile>" in the text and in at.atMobiles (DingTalk shows their names)."""

	def markdown(title, lines, mentions):
		text = "\n".join([f"#### {title}", "", *map(_markdown_line, lines)])
		if mentions:
			text += "\n\n" + " ".join(_at(m) for m in mentions)
		body = {"msgtype": "markdown", "markdown": {"title": title, "text": text}}
		body["at"] = {"atMobiles": [m.mobile for m in mentions if m.mobile], "isAtAll": False}
		return body

	return Shape(mentions, markdown, lambda body: len(encoded(body)), DINGTALK_BODY_LIMIT)


def _feishu_shape(mentions: Sequence[Mention]) -> Shape:
	"""Rich text ("post"): a title, a row per line with its link; the people meant named as "@name"."""

	def post(title, lines, mentions):
		rows = [
			[{"tag": "a", "text": line.text, "href": line.link}]
			if line.link
			else [{"tag": "text", "text": line.text}]
			for line in lines
		]
		if mentions:
			rows.append([{"tag": "text", "text": " ".join(f"@{m.name}" for m in mentions)}])
		return {"msg_type": "post", "content": {"post": {"zh_cn": {"title": title, "content": rows}}}}

	return Shape(mentions, post, lambda body: len(encoded(body)), FEISHU_BODY_LIMIT)


SHAPES = {WECOM: _wecom_shape, DINGTALK: _dingtalk_shape, FEISHU: _feishu_shape}


def body_size(platform: str, body: dict) -> int:
	"""What `platform` measures of a body against its limit (the content for WeCom, the body for the others)."""
	if platform == WECOM:
		return len((body.get("markdown") or body.get("text") or {}).get("content", "").encode())
	return len(encoded(body))


def body_limit(platform: str, body: dict) -> int:
	if platform == WECOM:
		return WECOM_MARKDOWN_LIMIT if body.get("msgtype") == "markdown" else WECOM_TEXT_LIMIT
	return DINGTALK_BODY_LIMIT if platform == DINGTALK else FEISHU_BODY_LIMIT


# Answers --------------------------------------------------------------------------------------------------

SENT, RETRY, GIVE_UP = "sent", "retry", "give_up"

# Why a message was not taken (the adapter explains each in the user's language).
REASON_TOO_MANY = "too_many"
REASON_SIGNATURE = "signature"
REASON_KEYWORD = "keyword"
REASON_IP = "ip"
REASON_TOO_BIG = "too_big"
REASON_BAD_ADDRESS = "bad_address"
REASON_BAD_REQUEST = "bad_request"
REASON_BUSY = "busy"
REASON_SERVER_ERROR = "server_error"
REASON_TIMEOUT = "timeout"
REASON_NO_CONNECTION = "no_connection"
REASON_REDIRECT = "redirect"
REASON_UNREADABLE_ANSWER = "unreadable_answer"
REASON_REFUSED = "refused"

RATE_LIMIT_CODES = {WECOM: {45009}, DINGTALK: {130101, 410100}, FEISHU: {11232, 99991400}}
BUSY_CODES = {WECOM: {-1}, DINGTALK: {-1}, FEISHU: set()}
REASON_BY_CODE = {
	WECOM: {93000: REASON_BAD_ADDRESS, 40058: REASON_TOO_BIG, 44004: REASON_BAD_REQUEST},
	DINGTALK: {300001: REASON_BAD_ADDRESS, 400101: REASON_BAD_ADDRESS, 460101: REASON_TOO_BIG},
	FEISHU: {19021: REASON_SIGNATURE, 19022: REASON_IP, 19024: REASON_KEYWORD, 9499: REASON_BAD_REQUEST},
}


@dataclass(frozen=True)
class Verdict:
	"""What a platform's answer means: sent, try again later (too many, or a passing failure), or give up."""

	outcome: str
	reason: str | None = None
	code: int | None = None

	@property
	def too_many(self) -> bool:
		return self.reason == REASON_TOO_MANY


def read_answer(
	platform: str, http_status: int | None, body: str | None, failure: str | None = None
) -> Verdict:
	"""The verdict on one request: `http_status` and `body` as answered, or `failure` (REASON_TIMEOUT,
	REASON_NO_CONNECTION) when no answer came."""
	if http_status is None:
		return Verdict(RETRY, failure or REASON_NO_CONNECTION)
	if 300 <= http_status < 400:
		return Verdict(GIVE_UP, REASON_REDIRECT)
	if http_status == 429:
		return Verdict(RETRY, REASON_TOO_MANY)
	code = _answer_code(body)
	if http_status >= 500:
		return Verdict(RETRY, REASON_SERVER_ERROR, code)
	if code is None:
		return Verdict(GIVE_UP, REASON_UNREADABLE_ANSWER)
	if code == 0 and 200 <= http_status < 300:
		return Verdict(SENT, code=0)
	if code in RATE_LIMIT_CODES[platform]:
		return Verdict(RETRY, REASON_TOO_MANY, code)
	if code in BUSY_CODES[platform]:
		return Verdict(RETRY, REASON_BUSY, code)
	reason = REASON_BY_CODE[platform].get(code)
	if platform == DINGTALK and code == 310000:
		reason = _dingtalk_security_reason(_answer_message(body))
	return Verdict(GIVE_UP, reason or REASON_REFUSED, code)


def _answer_json(body: str | None) -> dict:
	try:
		answer = json.loads(body or "")
	except ValueError:
		return {}
	return answer if isinstance(answer, dict) else {}


def _answer_code(body: str | None) -> int | None:
	answer = _answer_json(body)
	for key in ("errcode", "code", "StatusCode"):
		if isinstance(answer.get(key), int) and not isinstance(answer.get(key), bool):
			return answer[key]
	return None


def _answer_message(body: str | None) -> str:
	answer = _answer_json(body)
	return str(answer.get("errmsg") or answer.get("msg") or "")


def _dingtalk_security_reason(message: str) -> str:
	"""DingTalk answers 310000 for each of its security settings; its errmsg says which."""
	message = message.lower()
	if "keyword" in message:
		return REASON_KEYWORD
	if "ip" in message.split() or "whitelist" in message:
		return REASON_IP
	return REASON_SIGNATURE


# Rate and retries -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateLimit:
	count: int
	seconds: float


RATE_LIMITS = {
	WECOM: (RateLimit(20, 60),),
	DINGTALK: (RateLimit(20, 60),),
	FEISHU: (RateLimit(100, 60), RateLimit(5, 1)),
}
# How long a robot is silent after the platform said "too many" (DingTalk blocks it 10 minutes).
PAUSE_AFTER_TOO_MANY = {
	WECOM: timedelta(seconds=60),
	DINGTALK: timedelta(minutes=10),
	FEISHU: timedelta(seconds=60),
}
# Our clock and the platform's differ by the time a request travels: windows are kept a second longer.
RATE_MARGIN = timedelta(seconds=1)


def next_send_at(
	platform: str, sent_at: Iterable[datetime], now: datetime, too_many_at: datetime | None = None
) -> datetime:
	"""When the robot may send its next message: `now`, or later when it has sent (requests made at the
	times `sent_at`) as much as the platform allows in a window, or was told "too many" at `too_many_at`."""
	times = sorted(sent_at)
	earliest = now
	for limit in RATE_LIMITS[platform]:
		window = timedelta(seconds=limit.seconds) + RATE_MARGIN
		recent = [moment for moment in times if moment > now - window]
		if len(recent) >= limit.count:
			earliest = max(earliest, recent[len(recent) - limit.count] + window)
	if too_many_at:
		earliest = max(earliest, too_many_at + PAUSE_AFTER_TOO_MANY[platform])
	return earliest


def rate_window(platform: str) -> timedelta:
	"""How far back next_send_at looks."""
	return max(timedelta(seconds=limit.seconds) for limit in RATE_LIMITS[platform]) + RATE_MARGIN


# A robot's backlog: more messages waiting than its rate lets out in this long are merged into one message
# (in as many parts as the platform's size needs) rather than left to wait their turn. Never dropped.
BACKLOG_WAIT = timedelta(minutes=3)


def backlog_too_long(platform: str, waiting: int) -> bool:
	"""Whether `waiting` messages are more than `platform`'s rate lets out in BACKLOG_WAIT."""
	seconds = BACKLOG_WAIT.total_seconds()
	return waiting > min(limit.count * seconds / limit.seconds for limit in RATE_LIMITS[platform])


def merged(title: str, texts: Sequence[RobotText]) -> RobotText:
	"""Messages held back by a robot's rate as one message titled `title`, in their order: a message of one
	line as that line after its title in brackets, a longer one as its title on a line of its own and its
	lines after it; everyone they @mention, once."""
	lines: list[Line] = []
	for text in texts:
		if len(text.lines) == 1:
			lines.append(Line(f"【{text.title}】{text.lines[0].text}", text.lines[0].link))
			continue
		lines.append(Line(f"【{text.title}】"))
		lines.extend(text.lines)
	mentions = tuple(dict.fromkeys(mention for text in texts for mention in text.mentions))
	return RobotText(title, tuple(lines), mentions)


MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)


def retry_at(attempts: int, now: datetime) -> datetime | None:
	"""When to try again after `attempts` failed requests (1 minute, doubling, at most an hour apart), or None
	once MAX_ATTEMPTS have failed: the message is given up. Never under a minute, so that one message is
	tried at most once in a rate window."""
	if attempts >= MAX_ATTEMPTS:
		return None
	return now + min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


# Which robots hear an event --------------------------------------------------------------------------------

MEETING_DIGEST = "Meeting Digest"
WAITING_FOR_YOU = "Waiting for You"
DECIDED = "Decided"
ALARM = "Alarm"
WON_BID = "Won Bid"
DRAFT_PENALTIES = "Draft Penalties"
TEST = "Test"
KINDS = (MEETING_DIGEST, WAITING_FOR_YOU, DECIDED, ALARM, WON_BID, DRAFT_PENALTIES)
# Conduct records stay private: draft penalties go only to a managers' group, never to a team's.
PRIVATE_KINDS = frozenset({DRAFT_PENALTIES})
# Good news for everyone: the department's groups.
DEPARTMENT_KINDS = frozenset({WON_BID})


@dataclass(frozen=True)
class RobotRoute:
	"""A robot as routing sees it: the team it serves (None: the whole department), the kinds it receives,
	and whether its group holds managers only."""

	name: str
	team: str | None
	kinds: frozenset[str]
	managers_only: bool = False


# Which groups may read a message: any (the nearest, as `robots_for` says), the managers-only groups alone
# (conduct records: penalties, rewards), or every group but those (a message whose managers' version says
# more, as the meeting digest with the draft penalties).
ANY_GROUP, MANAGERS_GROUPS, OTHER_GROUPS = "any", "managers", "others"


def robots_for(
	kind: str,
	team: str | None,
	robots: Iterable[RobotRoute],
	teams_above: Sequence[str] = (),
	audience: str = ANY_GROUP,
) -> list[str]:
	"""The robots that get an event of `kind` about `team` (None: the department). A private kind, or any
	kind for the MANAGERS_GROUPS audience, goes to every managers-only robot receiving it and nowhere else; a
	department kind only to the department's robots; any other kind to the robots of the nearest group
	containing the team — its own, else the group above it (`teams_above`, nearest first), else the
	department's — so that nobody reads the same message in two groups. Within a group, a managers-only
	robot hears such a message only when the group has no other robot for it; OTHER_GROUPS leaves the
	managers-only robots out altogether."""
	candidates = sorted((robot for robot in robots if kind in robot.kinds), key=lambda robot: robot.name)
	if kind in PRIVATE_KINDS or audience == MANAGERS_GROUPS:
		return [robot.name for robot in candidates if robot.managers_only]
	if audience == OTHER_GROUPS:
		candidates = [robot for robot in candidates if not robot.managers_only]
	if kind in DEPARTMENT_KINDS:
		candidates = [robot for robot in candidates if robot.team is None]
		return [robot.name for robot in _ordinary_first(candidates)]
	for scope in [*([team] if team else []), *teams_above, None]:
		found = _ordinary_first([robot for robot in candidates if robot.team == scope])
		if found:
			return [robot.name for robot in found]
	return []


def _ordinary_first(robots: list[RobotRoute]) -> list[RobotRoute]:
	"""The robots of a group that are not managers-only, else its managers-only ones."""
	return [robot for robot in robots if not robot.managers_only] or robots


# The meeting digest ---------------------------------------------------------------------------------------


def digest_meeting_day(
	now: datetime, meeting_weekday: str, meeting_time: time, minutes_before: int
) -> date | None:
	"""The day of the weekly meeting whose digest is due at `now`: from `minutes_before` minutes before the
	meeting until the end of the meeting's day (a server down at the set time sends it once it is back, but
	not after the meeting's day); None at any other time."""
	for weeks_ahead in (0, 1):
		day = meeting_date(week_start(now.date()) + timedelta(weeks=weeks_ahead), meeting_weekday)
		starts = datetime.combine(day, meeting_time) - timedelta(minutes=max(minutes_before, 0))
		if starts <= now < datetime.combine(day + timedelta(days=1), time()):
			return day
	return None
