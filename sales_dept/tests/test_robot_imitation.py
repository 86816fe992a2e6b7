"""Tier 1: the robot imitation and the robots' rules against each other, over real HTTP on 127.0.0.1.

The imitation checks signatures with its own code, written from the platforms' documentation; the app's
rules sign with theirs. Each passing here means the two readings of the documents agree."""

import json
import time
import unittest
import urllib.error
import urllib.request
from datetime import datetime

from sales_dept.rules import robots
from sales_dept.rules.robots import DINGTALK, FEISHU, GIVE_UP, RETRY, SENT, WECOM, Line, Mention, RobotText
from sales_dept.tests.robot_imitation import Imitation

DINGTALK_SECRET = "SEC" + "0123456789abcdef" * 4
FEISHU_SECRET = "nIMtb7r3N9pkXyXdtAbx6e"
PATHS = {
	WECOM: "/cgi-bin/webhook/send?key={token}",
	DINGTALK: "/robot/send?access_token={token}",
	FEISHU: "/open-apis/bot/v2/hook/{token}",
}


class Clock:
	def __init__(self, now: float):
		self.now = now

	def __call__(self) -> float:
		return self.now


class ImitationCase(unittest.TestCase):
	def setUp(self):
		self.clock = Clock(1_790_000_000.0)
		self.imitation = Imitation(clock=self.clock, hang_seconds=3)
		self.base = self.imitation.serve()
		self.addCleanup(self.imitation.stop)

	def address(self, platform: str, token: str) -> str:
		return self.base + PATHS[platform].format(token=token)

	def post(self, platform, token, body: dict, secret=None, signed_at=None, timeout=10.0):
		"""Sign `body` with the app's rules, POST it; returns (HTTP status, answer text)."""
		address, data = robots.signed_request(
			platform,
			self.address(platform, token),
			body,
			secret,
			self.clock.now if signed_at is None else signed_at,
		)
		request = urllib.request.Request(address, data=data, headers={"Content-Type": "application/json"})
		try:
			with urllib.request.urlopen(request, timeout=timeout) as response:
				return response.status, response.read().decode()
		except urllib.error.HTTPError as error:
			return error.code, error.read().decode()

	def send(
		self, platform, token, message: RobotText, secret=None, keyword=None, **kwargs
	) -> list[robots.Verdict]:
		verdicts = []
		for payload in robots.payloads(platform, message, keyword):
			status, answer = self.post(platform, token, payload.body, secret, **kwargs)
			verdicts.append(robots.read_answer(platform, status, answer))
		return verdicts


MESSAGE = RobotText(
	"张伟 提交了拜访计划 VP-2026-00012",
	(Line("第 49 周，12 家客户", "http://erp.example.com/app/visit-plan/VP-2026-00012"),),
	(Mention("李强", "13800138000"),),
)


class TestSigningAgrees(ImitationCase):
	def test_each_platform_takes_a_signed_message_and_shows_the_mention_by_name(self):
		secrets = {WECOM: None, DINGTALK: DINGTALK_SECRET, FEISHU: FEISHU_SECRET}
		for platform, secret in secrets.items():
			with self.subTest(platform=platform):
				self.imitation.add_group(
					platform, "tok-" + platform, "华东一组", secret, members={"13800138000": "李强"}
				)
				self.assertEqual(
					self.send(platform, "tok-" + platform, MESSAGE, secret), [robots.Verdict(SENT, code=0)]
				)
				[received] = self.imitation.received("tok-" + platform)
				self.assertIn("张伟 提交了拜访计划", received["text"])
				self.assertIn("@李强", received["text"])

	def test_a_wrong_secret_is_refused_and_read_as_give_up(self):
		for platform, secret, wrong in (
			(DINGTALK, DINGTALK_SECRET, "SEC" + "f" * 64),
			(FEISHU, FEISHU_SECRET, "x" * 22),
		):
			with self.subTest(platform=platform):
				self.imitation.add_group(platform, "t-" + platform, "组", secret)
				[verdict] = self.send(platform, "t-" + platform, MESSAGE, wrong)
				self.assertEqual((verdict.outcome, verdict.reason), (GIVE_UP, robots.REASON_SIGNATURE))
				self.assertEqual(self.imitation.received("t-" + platform), [])

	def test_a_signature_older_than_an_hour_is_refused(self):
		self.imitation.add_group(DINGTALK, "old", "组", DINGTALK_SECRET)
		self.imitation.add_group(FEISHU, "old", "组", FEISHU_SECRET)
		for platform, secret in ((DINGTALK, DINGTALK_SECRET), (FEISHU, FEISHU_SECRET)):
			[fresh] = self.send(platform, "old", MESSAGE, secret, signed_at=self.clock.now - 3500)
			[stale] = self.send(platform, "old", MESSAGE, secret, signed_at=self.clock.now - 3700)
			self.assertEqual(
				(fresh.outcome, stale.outcome, stale.reason), (SENT, GIVE_UP, robots.REASON_SIGNATURE)
			)

	def test_feishu_refuses_a_dingtalk_style_signature(self):
		"""The classic mistake (dsh-notifier#8): signing Feishu as DingTalk is signed."""
		self.imitation.add_group(FEISHU, "f", "组", FEISHU_SECRET)
		timestamp = int(self.clock.now)
		body = {
			"timestamp": str(timestamp),
			"sign": robots.dingtalk_sign(FEISHU_SECRET, timestamp),
			**robots.payloads(FEISHU, MESSAGE)[0].body,
		}
		status, answer = self.post(FEISHU, "f", body)
		self.assertEqual(json.loads(answer)["code"], 19021)

	def test_the_keyword_the_rules_add_satisfies_the_group(self):
		self.imitation.add_group(DINGTALK, "kw", "组", keyword="销售部")
		self.assertEqual(self.send(DINGTALK, "kw", MESSAGE)[0].reason, robots.REASON_KEYWORD)
		self.assertEqual(self.send(DINGTALK, "kw", MESSAGE, keyword="销售部")[0].outcome, SENT)

	def test_an_unknown_robot_is_given_up(self):
		for platform in (WECOM, DINGTALK):
			[verdict] = self.send(platform, "nobody", MESSAGE)
			self.assertEqual((verdict.outcome, verdict.reason), (GIVE_UP, robots.REASON_BAD_ADDRESS))


class TestSizeAgrees(ImitationCase):
	def test_every_part_of_a_long_digest_is_taken(self):
		lines = tuple(
			Line(
				f"客户 {n:03d}：华东精密机械有限公司 逾期 12 天",
				f"http://erp.example.com/app/customer/C{n:05d}",
			)
			for n in range(300)
		)
		for platform in (WECOM, DINGTALK, FEISHU):
			with self.subTest(platform=platform):
				self.imitation.add_group(platform, "digest", "组")
				verdicts = self.send(platform, "digest", RobotText("周会汇总", lines))
				self.assertGreater(len(verdicts), 1)
				self.assertEqual({v.outcome for v in verdicts}, {SENT})
				text = "".join(m["text"] for m in self.imitation.received("digest"))
				self.assertEqual(sum(f"客户 {n:03d}：" in text for n in range(300)), 300)

	def test_the_imitation_refuses_what_is_too_big(self):
		self.imitation.add_group(WECOM, "big", "组")
		self.imitation.add_group(DINGTALK, "big", "组")
		self.imitation.add_group(FEISHU, "big", "组")
		status, answer = self.post(
			WECOM, "big", {"msgtype": "markdown", "markdown": {"content": "一" * 1400}}
		)
		self.assertEqual(robots.read_answer(WECOM, status, answer).reason, robots.REASON_TOO_BIG)
		status, answer = self.post(
			DINGTALK, "big", {"msgtype": "markdown", "markdown": {"title": "t", "text": "一" * 7000}}
		)
		self.assertEqual(robots.read_answer(DINGTALK, status, answer).reason, robots.REASON_TOO_BIG)
		status, answer = self.post(FEISHU, "big", {"msg_type": "text", "content": {"text": "一" * 7000}})
		self.assertEqual(
			(status, robots.read_answer(FEISHU, status, answer).reason), (400, robots.REASON_BAD_REQUEST)
		)


class TestRateAgrees(ImitationCase):
	def test_past_twenty_a_minute_the_platforms_say_too_many(self):
		for platform in (WECOM, DINGTALK):
			with self.subTest(platform=platform):
				self.imitation.add_group(platform, "busy", "组")
				verdicts = [self.send(platform, "busy", MESSAGE)[0] for _ in range(21)]
				self.assertEqual([v.outcome for v in verdicts], [SENT] * 20 + [RETRY])
				self.assertTrue(verdicts[-1].too_many)

	def test_dingtalk_blocks_ten_minutes_wecom_a_minute(self):
		for platform, blocked in ((DINGTALK, 600), (WECOM, 60)):
			self.imitation.add_group(platform, "b", "组")
			for _ in range(21):
				self.send(platform, "b", MESSAGE)
			self.clock.now += blocked - 1
			self.assertTrue(self.send(platform, "b", MESSAGE)[0].too_many)
			self.clock.now += 2
			self.assertEqual(self.send(platform, "b", MESSAGE)[0].outcome, SENT)

	def test_feishu_five_a_second(self):
		self.imitation.add_group(FEISHU, "fast", "组")
		self.assertEqual(
			[self.send(FEISHU, "fast", MESSAGE)[0].outcome for _ in range(6)], [SENT] * 5 + [RETRY]
		)
		self.clock.now += 1.01
		self.assertEqual(self.send(FEISHU, "fast", MESSAGE)[0].outcome, SENT)

	def test_a_schedule_by_the_rules_is_never_told_too_many(self):
		"""Sending at the times next_send_at gives, 60 messages to each robot, the imitation takes them all."""
		for platform in (WECOM, DINGTALK, FEISHU):
			with self.subTest(platform=platform):
				self.imitation.add_group(platform, "paced", "组")
				sent = []
				for _ in range(60):
					now = datetime.fromtimestamp(self.clock.now)
					self.clock.now = robots.next_send_at(platform, sent, now).timestamp()
					self.assertEqual(self.send(platform, "paced", MESSAGE)[0].outcome, SENT)
					sent.append(datetime.fromtimestamp(self.clock.now))
				self.assertEqual(len(self.imitation.received("paced")), 60)


class TestFailuresOnDemand(ImitationCase):
	def test_a_500_then_success(self):
		self.imitation.add_group(WECOM, "flaky", "组")
		self.imitation.fail_next("flaky", "500")
		self.assertEqual(
			self.send(WECOM, "flaky", MESSAGE)[0], robots.Verdict(RETRY, robots.REASON_SERVER_ERROR)
		)
		self.assertEqual(self.send(WECOM, "flaky", MESSAGE)[0].outcome, SENT)

	def test_a_hang_outlasts_the_clients_timeout(self):
		self.imitation.add_group(DINGTALK, "slow", "组")
		self.imitation.fail_next("slow", "hang")
		started = time.monotonic()
		with self.assertRaises(TimeoutError):
			self.post(DINGTALK, "slow", robots.payloads(DINGTALK, MESSAGE)[0].body, timeout=0.5)
		self.assertLess(time.monotonic() - started, 2)
		self.assertEqual(self.imitation.received("slow"), [])

	def test_control_over_http_and_the_chat_page(self):
		def call(path, data=None):
			request = urllib.request.Request(
				self.base + path, data=json.dumps(data).encode() if data is not None else None
			)
			with urllib.request.urlopen(request, timeout=5) as response:
				return response.read().decode()

		call(
			"/_imitation/groups",
			{"platform": WECOM, "token": "demo", "name": "华东一组", "members": {"13800138000": "李强"}},
		)
		call("/_imitation/fail", {"token": "demo", "mode": "too_many"})
		self.assertTrue(self.send(WECOM, "demo", MESSAGE)[0].too_many)
		self.assertEqual(self.send(WECOM, "demo", MESSAGE)[0].outcome, SENT)
		self.assertEqual(len(json.loads(call("/_imitation/messages?token=demo"))["messages"]), 1)
		page = call("/")
		self.assertIn("华东一组", page)
		self.assertIn("@李强", page)
		call("/_imitation/reset", {})
		self.assertNotIn("华东一组", call("/"))
