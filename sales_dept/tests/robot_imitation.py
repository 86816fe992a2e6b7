"""An imitation of the group robots of 企业微信, 钉钉 and 飞书: a small real HTTP server that answers as each
platform does at the paths they use, checks what they check and shows the groups as a chat would.

Written from the platforms' documentation (see sales_dept/rules/robots.py), independently of the app's own
rules: its signature checks are its own code, so that the app and the imitation test each other.

	python -m sales_dept.tests.robot_imitation --port 8765

Paths (as on the platforms):
	POST /cgi-bin/webhook/send?key=KEY                 企业微信
	POST /robot/send?access_token=TOKEN[&timestamp&sign]   钉钉
	POST /open-apis/bot/v2/hook/ID                      飞书 (timestamp and sign in the body)
Control (JSON):
	POST /_imitation/groups   {"platform", "token", "name", "secret", "keyword", "members": {mobile: name}}
	POST /_imitation/fail     {"token", "mode": "500" | "hang" | "too_many", "times": n}
	POST /_imitation/reset
	GET  /_imitation/messages?token=T   what the group received and what it refused
	GET  /                              the groups as a chat (refreshes itself)

A request for a token no group was made for is answered as the platform answers an unknown robot.
"""

import argparse
import base64
import hashlib
import hmac
import html
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

WECOM, DINGTALK, FEISHU = "WeCom", "DingTalk", "Feishu"
PLATFORM_NAMES = {WECOM: "企业微信", DINGTALK: "钉钉", FEISHU: "飞书"}
SIGNATURE_WINDOW_S = 3600  # DingTalk and Feishu: the timestamp within an hour of the platform's clock
PER_MINUTE = {WECOM: 20, DINGTALK: 20, FEISHU: 100}
FEISHU_PER_SECOND = 5
BLOCKED_AFTER_TOO_MANY_S = {WECOM: 60, DINGTALK: 600, FEISHU: 0}
WECOM_LIMITS = {"text": 2048, "markdown": 4096}
DINGTALK_BODY_LIMIT = 20000
FEISHU_BODY_LIMIT = 20 * 1024


@dataclass
class Group:
	platform: str
	token: str
	name: str
	secret: str | None = None
	keyword: str | None = None
	members: dict = field(default_factory=dict)  # mobile -> name, for showing @mentions as the client does
	messages: list = field(default_factory=list)
	refused: list = field(default_factory=list)
	requests: deque = field(default_factory=deque)  # times of the requests counted against the rate
	blocked_until: float = 0.0
	failures: deque = field(default_factory=deque)  # modes to answer the next requests with


class Imitation:
	def __init__(self, clock=time.time, hang_seconds: float = 30.0, minute: float = 60.0):
		self.clock = clock
		self.hang_seconds = hang_seconds
		# How many seconds the platforms' "minute" lasts: 60, or less for a benchmark that scales their rates
		# down in time (20 a minute becomes 20 in `minute` seconds; blocks and Feishu's second shrink alike).
		self.minute = minute
		self.answer_delay = 0.0  # seconds every platform answer takes (requests then overlap, as in life)
		self.groups: dict[tuple[str, str], Group] = {}
		self.lock = threading.Lock()
		self.server: ThreadingHTTPServer | None = None

	# Control --------------------------------------------------------------------------------------------

	def add_group(self, platform, token, name, secret=None, keyword=None, members=None) -> Group:
		with self.lock:
			group = Group(platform, token, name, secret or None, keyword or None, dict(members or {}))
			self.groups[(platform, token)] = group
			return group

	def fail_next(self, token: str, mode: str, times: int = 1):
		"""The group's next `times` requests are answered with a 500, left hanging, or told "too many"."""
		with self.lock:
			for group in self.groups.values():
				if group.token == token:
					group.failures.extend([mode] * times)

	def reset(self):
		with self.lock:
			self.groups.clear()

	def group(self, token: str) -> Group | None:
		return next((group for group in self.groups.values() if group.token == token), None)

	def received(self, token: str) -> list[dict]:
		group = self.group(token)
		return list(group.messages) if group else []

	# The platforms --------------------------------------------------------------------------------------

	def answer(self, method: str, target: str, body: bytes) -> tuple[int, dict | None]:
		"""(HTTP status, JSON answer) for one request; None as the answer means: hang."""
		parts = urlsplit(target)
		query = parse_qs(parts.query)
		if method == "POST" and parts.path == "/cgi-bin/webhook/send":
			return self._message(WECOM, (query.get("key") or [""])[0], query, body)
		if method == "POST" and parts.path == "/robot/send":
			return self._message(DINGTALK, (query.get("access_token") or [""])[0], query, body)
		if method == "POST" and parts.path.startswith("/open-apis/bot/v2/hook/"):
			return self._message(FEISHU, unquote(parts.path.rsplit("/", 1)[1]), query, body)
		return 404, {"error": "not found"}

	def _message(self, platform, token, query, body) -> tuple[int, dict | None]:
		with self.lock:
			group = self.groups.get((platform, token))
			if not group:
				return 200, UNKNOWN_ROBOT[platform]
			now = self.clock()
			if group.failures:
				mode = group.failures.popleft()
				if mode == "hang":
					return 200, None
				if mode == "500":
					return 500, {"error": "internal error"}
				return 200, TOO_MANY[platform]
			try:
				message = json.loads(body.decode("utf-8"))
			except (UnicodeDecodeError, ValueError):
				return self._refuse(group, now, BAD_REQUEST[platform], body)
			refusal = self._check(group, now, query, message, body)
			if refusal:
				return self._refuse(group, now, refusal, message)
			group.messages.append(
				{"at": now, "body": message, "text": shown(platform, message, group.members)}
			)
			return 200, OK[platform]

	def _check(self, group, now, query, message, body) -> dict | None:
		"""The platform's refusal of this request, if any (also counts it against the rate)."""
		platform = group.platform
		if group.blocked_until > now:
			return TOO_MANY[platform]
		if group.secret and not self._signed(group, now, query, message):
			return BAD_SIGNATURE[platform]
		if not self._within_rate(group, now):
			group.blocked_until = now + BLOCKED_AFTER_TOO_MANY_S[platform] * self.minute / 60
			return TOO_MANY[platform]
		shape = self._shape_problem(platform, message, body)
		if shape:
			return shape
		if group.keyword and group.keyword not in json.dumps(message, ensure_ascii=False):
			return NO_KEYWORD[platform]
		return None

	def _signed(self, group, now, query, message) -> bool:
		if group.platform == DINGTALK:
			timestamp, sign = (query.get("timestamp") or [""])[0], (query.get("sign") or [""])[0]
			if not timestamp.isdigit() or abs(now - int(timestamp) / 1000) > SIGNATURE_WINDOW_S:
				return False
			to_sign = f"{timestamp}\n{group.secret}".encode()
			expected = hmac.new(group.secret.encode(), to_sign, hashlib.sha256).digest()
			# parse_qs already undid the URL-encoding of the Base64 signature
			return hmac.compare_digest(base64.b64encode(expected).decode(), sign)
		if group.platform == FEISHU:
			timestamp, sign = str(message.get("timestamp") or ""), str(message.get("sign") or "")
			if not timestamp.isdigit() or abs(now - int(timestamp)) > SIGNATURE_WINDOW_S:
				return False
			key = f"{timestamp}\n{group.secret}".encode()
			return hmac.compare_digest(
				base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode(), sign
			)
		return True

	def _within_rate(self, group, now) -> bool:
		requests, second = group.requests, self.minute / 60
		while requests and requests[0] <= now - self.minute:
			requests.popleft()
		if len(requests) >= PER_MINUTE[group.platform]:
			return False
		if group.platform == FEISHU and sum(1 for t in requests if t > now - second) >= FEISHU_PER_SECOND:
			return False
		requests.append(now)
		return True

	def _shape_problem(self, platform, message, body) -> dict | None:
		if platform == WECOM:
			kind = message.get("msgtype")
			content = (message.get(kind) or {}).get("content") if kind in WECOM_LIMITS else None
			if not isinstance(content, str) or not content:
				return {"errcode": 40008, "errmsg": "invalid message type"}
			if len(content.encode()) > WECOM_LIMITS[kind]:
				return {"errcode": 40058, "errmsg": f"{kind}.content exceed max length {WECOM_LIMITS[kind]}"}
			return None
		if platform == DINGTALK:
			if len(body) > DINGTALK_BODY_LIMIT:
				return {"errcode": 460101, "errmsg": "message too long, exceed 20000 bytes"}
			kind = message.get("msgtype")
			fields = {"text": ("content",), "markdown": ("title", "text")}.get(kind)
			if not fields or not all(isinstance((message.get(kind) or {}).get(f), str) for f in fields):
				return {"errcode": 40035, "errmsg": "缺少参数 json"}
			return None
		if len(body) > FEISHU_BODY_LIMIT:
			return BAD_REQUEST[FEISHU]
		kind = message.get("msg_type")
		content = message.get("content") or {}
		if kind == "text" and isinstance(content.get("text"), str):
			return None
		if kind == "post" and isinstance(content.get("post"), dict):
			return None
		return BAD_REQUEST[FEISHU]

	def _refuse(self, group, now, answer, message) -> tuple[int, dict]:
		shown_body = message if isinstance(message, dict) else {"raw": str(message)[:200]}
		group.refused.append({"at": now, "answer": answer, "body": shown_body})
		return (400 if answer is BAD_REQUEST.get(group.platform) else 200), answer

	# Serving --------------------------------------------------------------------------------------------

	def serve(self, port: int = 0, host: str = "127.0.0.1") -> str:
		"""Start serving in a thread; returns the base address (http://127.0.0.1:PORT)."""
		imitation = self

		class Handler(RequestHandler):
			pass

		Handler.imitation = imitation
		self.server = ThreadingHTTPServer((host, port), Handler)
		self.server.daemon_threads = True
		threading.Thread(target=self.server.serve_forever, daemon=True).start()
		return f"http://{host}:{self.server.server_address[1]}"

	def stop(self):
		if self.server:
			self.server.shutdown()
			self.server.server_close()
			self.server = None

	def control(self, method: str, target: str, body: bytes) -> tuple[int, dict] | None:
		parts = urlsplit(target)
		if not parts.path.startswith("/_imitation/"):
			return None
		data = json.loads(body or b"{}") if method == "POST" else {}
		action = parts.path.removeprefix("/_imitation/")
		if method == "POST" and action == "groups":
			self.add_group(
				data["platform"],
				data["token"],
				data.get("name") or data["token"],
				data.get("secret"),
				data.get("keyword"),
				data.get("members"),
			)
			return 200, {"ok": True}
		if method == "POST" and action == "fail":
			self.fail_next(data["token"], data.get("mode", "500"), int(data.get("times", 1)))
			return 200, {"ok": True}
		if method == "POST" and action == "reset":
			self.reset()
			return 200, {"ok": True}
		if method == "GET" and action == "messages":
			group = self.group((parse_qs(parts.query).get("token") or [""])[0])
			if not group:
				return 404, {"error": "no such group"}
			return 200, {"messages": group.messages, "refused": group.refused}
		return 404, {"error": "not found"}

	def page(self) -> str:
		columns = []
		for group in sorted(self.groups.values(), key=lambda g: (g.platform, g.name)):
			items = [
				f'<div class="msg"><time>{time.strftime("%H:%M:%S", time.localtime(m["at"]))}</time>'
				f"<pre>{html.escape(m['text'])}</pre></div>"
				for m in group.messages
			] + [
				f'<div class="msg refused"><time>{time.strftime("%H:%M:%S", time.localtime(r["at"]))}</time>'
				f"<pre>{html.escape(json.dumps(r['answer'], ensure_ascii=False))}</pre></div>"
				for r in group.refused
			]
			columns.append(
				f"<section><h2>{html.escape(group.name)}<small>{PLATFORM_NAMES[group.platform]}</small></h2>"
				+ ("".join(items) or "<p>（暂无消息）</p>")
				+ "</section>"
			)
		return PAGE.format(groups="".join(columns) or "<p>（没有群）</p>")


def shown(platform: str, message: dict, members: dict) -> str:
	"""A message as the group's members see it: its text, with @mentions by mobile shown as names."""
	if platform == WECOM:
		kind = message.get("msgtype")
		text = (message.get(kind) or {}).get("content", "")
		mentioned = (message.get(kind) or {}).get("mentioned_mobile_list") or []
		return text + "".join(f" @{members.get(mobile, mobile)}" for mobile in mentioned)
	if platform == DINGTALK:
		kind = message.get("msgtype")
		text = (message.get(kind) or {}).get("text") or (message.get(kind) or {}).get("content") or ""
		for mobile in (message.get("at") or {}).get("atMobiles") or []:
			text = text.replace(f"@{mobile}", f"@{members.get(mobile, mobile)}")
		return text
	content = message.get("content") or {}
	if message.get("msg_type") == "text":
		return content.get("text", "")
	post = next(iter((content.get("post") or {}).values()), {})
	rows = [
		"".join(
			f"{item.get('text', '')}" + (f" ({item['href']})" if item.get("href") else "") for item in row
		)
		for row in post.get("content", [])
	]
	return "\n".join([post.get("title", ""), *rows])


OK = {
	WECOM: {"errcode": 0, "errmsg": "ok"},
	DINGTALK: {"errcode": 0, "errmsg": "ok"},
	FEISHU: {"code": 0, "msg": "success", "data": {}, "StatusCode": 0, "StatusMessage": "success"},
}
TOO_MANY = {
	WECOM: {"errcode": 45009, "errmsg": "api freq out of limit"},
	DINGTALK: {"errcode": 130101, "errmsg": "send too fast, exceed 20 times per minute"},
	FEISHU: {
		"code": 11232,
		"msg": "frequency limited psm[lark.oapi.app_platform_runtime]appID[1]",
		"data": {},
	},
}
BAD_SIGNATURE = {
	DINGTALK: {
		"errcode": 310000,
		"errmsg": "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]",
	},
	FEISHU: {
		"code": 19021,
		"msg": "sign match fail or timestamp is not within one hour from current time",
		"data": {},
	},
}
NO_KEYWORD = {
	DINGTALK: {"errcode": 310000, "errmsg": "keywords not in content"},
	FEISHU: {"code": 19024, "msg": "Key Words Not Found", "data": {}},
}
BAD_REQUEST = {
	WECOM: {"errcode": 40008, "errmsg": "invalid message type"},
	DINGTALK: {"errcode": 40035, "errmsg": "缺少参数 json"},
	FEISHU: {"code": 9499, "msg": "Bad Request", "data": {}},
}
UNKNOWN_ROBOT = {
	WECOM: {"errcode": 93000, "errmsg": "invalid webhook url"},
	DINGTALK: {"errcode": 300001, "errmsg": "token is not exist"},
	FEISHU: {"code": 19001, "msg": "param invalid: incoming webhook access token invalid", "data": {}},
}

PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>群机器人模拟</title><style>
body{{font-family:sans-serif;background:#eef0f3;margin:0;padding:12px}}
main{{display:flex;gap:12px;align-items:flex-start;overflow-x:auto}}
section{{background:#fff;border-radius:8px;min-width:320px;max-width:420px;padding:8px 12px}}
h2{{font-size:16px}} h2 small{{color:#888;font-weight:normal;margin-left:8px}}
.msg{{background:#f4f8ff;border-radius:6px;margin:8px 0;padding:6px 8px}} .refused{{background:#fdeceb}}
pre{{white-space:pre-wrap;margin:0;font-family:inherit}} time{{color:#999;font-size:12px}}
</style></head><body><main>{groups}</main></body></html>"""


class RequestHandler(BaseHTTPRequestHandler):
	imitation: Imitation
	protocol_version = "HTTP/1.1"

	def do_GET(self):
		if self.path in ("/", "/index.html"):
			with self.imitation.lock:
				self._send(200, self.imitation.page().encode(), "text/html; charset=utf-8")
			return
		self._handle("GET")

	def do_POST(self):
		self._handle("POST")

	def _handle(self, method):
		length = int(self.headers.get("Content-Length") or 0)
		body = self.rfile.read(length) if length else b""
		controlled = self.imitation.control(method, self.path, body)
		if controlled is None and self.imitation.answer_delay:
			time.sleep(self.imitation.answer_delay)
		status, answer = controlled or self.imitation.answer(method, self.path, body)
		if answer is None:  # hang: answer only long after any sensible client gave up
			time.sleep(self.imitation.hang_seconds)
			answer = {"errcode": -1, "errmsg": "system busy"}
		self._send(status, json.dumps(answer, ensure_ascii=False).encode(), "application/json; charset=utf-8")

	def _send(self, status, payload: bytes, content_type: str):
		try:
			self.send_response(status)
			self.send_header("Content-Type", content_type)
			self.send_header("Content-Length", str(len(payload)))
			self.end_headers()
			self.wfile.write(payload)
		except (BrokenPipeError, ConnectionResetError):
			pass  # the client gave up waiting

	def log_message(self, format, *args):
		pass


def main():
	parser = argparse.ArgumentParser(description="An imitation of the 企业微信 / 钉钉 / 飞书 group robots.")
	parser.add_argument("--port", type=int, default=0)
	parser.add_argument("--host", default="127.0.0.1")
	parser.add_argument(
		"--minute", type=float, default=60.0, help="seconds a platform's minute lasts (benchmarks only)"
	)
	args = parser.parse_args()
	imitation = Imitation(minute=args.minute)
	address = imitation.serve(args.port, args.host)
	print(f"Group robot imitation at {address}", flush=True)
	try:
		while True:
			time.sleep(3600)
	except KeyboardInterrupt:
		imitation.stop()


if __name__ == "__main__":
	main()
