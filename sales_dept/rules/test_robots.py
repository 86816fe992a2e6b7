"""Tier 1: the group robots' rules (sales_dept/rules/robots.py)."""

import base64
import hashlib
import hmac
import json
import unittest
from datetime import date, datetime, time, timedelta
from urllib.parse import parse_qs, unquote_plus, urlsplit

from sales_dept.rules import robots
from sales_dept.rules.robots import (
	DINGTALK,
	FEISHU,
	GIVE_UP,
	RETRY,
	SENT,
	WECOM,
	Line,
	Mention,
	RobotRoute,
	RobotText,
)

WECOM_ADDRESS = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
DINGTALK_ADDRESS = "https://oapi.dingtalk.com/robot/send?access_token=" + "a1" * 32
FEISHU_ADDRESS = "https://open.feishu.cn/open-apis/bot/v2/hook/5e3d587e-d78e-4a07-bd07-265f269f86fd"
DINGTALK_SECRET = "SEC" + "5a3ecf88f2b3eb50db30ecfc00f53033ac909c99bf7f88fd612bda89d7f3a9dc"
FEISHU_SECRET = "nIMtb7r3N9pkXyXdtAbx6e"
T0 = datetime(2026, 12, 5, 9, 0, 0)


class TestAddresses(unittest.TestCase):
	def test_each_platforms_own_address_is_accepted(self):
		self.assertIsNone(robots.address_problem(WECOM, WECOM_ADDRESS))
		self.assertIsNone(robots.address_problem(DINGTALK, DINGTALK_ADDRESS))
		self.assertIsNone(robots.address_problem(FEISHU, FEISHU_ADDRESS))
		lark = FEISHU_ADDRESS.replace("open.feishu.cn", "open.larksuite.com")
		self.assertIsNone(robots.address_problem(FEISHU, lark))

	def test_an_address_of_another_platform_is_named_as_such(self):
		self.assertEqual(robots.address_problem(WECOM, DINGTALK_ADDRESS), robots.ADDRESS_OTHER_PLATFORM)
		self.assertEqual(
			robots.address_problem(FEISHU, WECOM_ADDRESS, allow_other_hosts=True),
			robots.ADDRESS_OTHER_PLATFORM,
		)
		self.assertEqual(robots.platform_of_address(FEISHU_ADDRESS), FEISHU)
		self.assertIsNone(robots.platform_of_address("https://gw.example.com/robot/send?access_token=x"))

	def test_another_host_needs_the_setting(self):
		gateway = "https://gw.example.com/dingtalk/robot/send?access_token=abcdef123456"
		self.assertEqual(robots.address_problem(DINGTALK, gateway), robots.ADDRESS_OTHER_HOST)
		self.assertIsNone(robots.address_problem(DINGTALK, gateway, allow_other_hosts=True))
		lookalike = "https://oapi.dingtalk.com.evil.example/robot/send?access_token=abcdef123456"
		self.assertEqual(robots.address_problem(DINGTALK, lookalike), robots.ADDRESS_OTHER_HOST)
		odd_port = "https://oapi.dingtalk.com:8443/robot/send?access_token=abcdef123456"
		self.assertEqual(robots.address_problem(DINGTALK, odd_port), robots.ADDRESS_OTHER_HOST)

	def test_plain_http_only_to_this_machine_and_only_when_other_hosts_are_allowed(self):
		own_http = WECOM_ADDRESS.replace("https://", "http://")
		self.assertEqual(robots.address_problem(WECOM, own_http), robots.ADDRESS_NOT_HTTPS)
		self.assertEqual(
			robots.address_problem(WECOM, own_http, allow_other_hosts=True), robots.ADDRESS_NOT_HTTPS
		)
		local = "http://127.0.0.1:8765/cgi-bin/webhook/send?key=test-key-1234"
		self.assertEqual(robots.address_problem(WECOM, local), robots.ADDRESS_OTHER_HOST)
		self.assertIsNone(robots.address_problem(WECOM, local, allow_other_hosts=True))
		remote = "http://gw.example.com/cgi-bin/webhook/send?key=test-key-1234"
		self.assertEqual(
			robots.address_problem(WECOM, remote, allow_other_hosts=True), robots.ADDRESS_NOT_HTTPS
		)

	def test_the_robots_key_or_token_must_be_there(self):
		self.assertEqual(
			robots.address_problem(WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"),
			robots.ADDRESS_NO_KEY,
		)
		self.assertEqual(
			robots.address_problem(DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token="),
			robots.ADDRESS_NO_KEY,
		)
		self.assertEqual(
			robots.address_problem(FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/"),
			robots.ADDRESS_NO_KEY,
		)
		self.assertEqual(
			robots.address_problem(WECOM, "https://qyapi.weixin.qq.com/cgi-bin/message/send?key=abcdef123"),
			robots.ADDRESS_WRONG_PATH,
		)

	def test_unreadable_logins_and_presigned_addresses_are_refused(self):
		self.assertEqual(robots.address_problem(WECOM, ""), robots.ADDRESS_MISSING)
		self.assertEqual(robots.address_problem(WECOM, "qyapi.weixin.qq.com/x"), robots.ADDRESS_UNREADABLE)
		self.assertEqual(robots.address_problem(WECOM, "https://[::1"), robots.ADDRESS_UNREADABLE)
		self.assertEqual(
			robots.address_problem(WECOM, WECOM_ADDRESS.replace("https://", "https://u:p@")),
			robots.ADDRESS_HAS_LOGIN,
		)
		signed = DINGTALK_ADDRESS + "&timestamp=1599360473000&sign=abc"
		self.assertEqual(robots.address_problem(DINGTALK, signed), robots.ADDRESS_ALREADY_SIGNED)

	def test_the_credential_is_read_from_the_address(self):
		self.assertEqual(
			robots.address_credential(WECOM, WECOM_ADDRESS), "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
		)
		self.assertEqual(robots.address_credential(DINGTALK, DINGTALK_ADDRESS), "a1" * 32)
		self.assertEqual(
			robots.address_credential(FEISHU, FEISHU_ADDRESS), "5e3d587e-d78e-4a07-bd07-265f269f86fd"
		)


class TestSecrets(unittest.TestCase):
	def test_each_platforms_secret_form(self):
		self.assertIsNone(robots.secret_problem(DINGTALK, DINGTALK_SECRET))
		self.assertIsNone(robots.secret_problem(FEISHU, FEISHU_SECRET))
		self.assertIsNone(robots.secret_problem(WECOM, ""))
		self.assertIsNone(robots.secret_problem(DINGTALK, None))

	def test_wrong_forms_are_refused_with_their_reason(self):
		self.assertEqual(robots.secret_problem(WECOM, FEISHU_SECRET), robots.SECRET_NOT_USED)
		self.assertEqual(robots.secret_problem(DINGTALK, FEISHU_SECRET), robots.SECRET_NOT_DINGTALK)
		self.assertEqual(robots.secret_problem(DINGTALK, "SEC short"), robots.SECRET_NOT_DINGTALK)
		self.assertEqual(robots.secret_problem(FEISHU, DINGTALK_SECRET), robots.SECRET_IS_DINGTALKS)
		self.assertEqual(robots.secret_problem(FEISHU, "has spaces in it"), robots.SECRET_NOT_FEISHU)

	def test_a_keyword_has_no_meaning_for_wecom(self):
		self.assertEqual(robots.keyword_problem(WECOM, "销售部"), robots.KEYWORD_NOT_USED)
		self.assertIsNone(robots.keyword_problem(DINGTALK, "销售部"))
		self.assertIsNone(robots.keyword_problem(WECOM, " "))


class TestMobiles(unittest.TestCase):
	def test_mainland_numbers_are_normalised(self):
		self.assertEqual(robots.normalized_mobile("138 0013 8000"), "13800138000")
		self.assertEqual(robots.normalized_mobile("+86-139-1234-5678"), "13912345678")
		self.assertEqual(robots.normalized_mobile("008619912345678"), "19912345678")

	def test_what_is_not_a_mobile_number(self):
		for text in (None, "", "12345678901", "1380013800", "138001380001", "021-12345678", "abc13800138000"):
			self.assertIsNone(robots.normalized_mobile(text), text)


class TestSigning(unittest.TestCase):
	def test_dingtalk_signs_timestamp_and_secret_keyed_by_the_secret(self):
		expected = base64.b64encode(
			hmac.new(
				DINGTALK_SECRET.encode(), f"1700000000000\n{DINGTALK_SECRET}".encode(), hashlib.sha256
			).digest()
		).decode()
		self.assertEqual(robots.dingtalk_sign(DINGTALK_SECRET, 1700000000000), expected)

	def test_feishu_keys_the_hmac_with_timestamp_and_secret_over_an_empty_message(self):
		expected = base64.b64encode(
			hmac.new(f"1700000000\n{FEISHU_SECRET}".encode(), b"", hashlib.sha256).digest()
		).decode()
		self.assertEqual(robots.feishu_sign(FEISHU_SECRET, 1700000000), expected)
		# the two platforms' schemes differ exactly where integrations go wrong (dsh-notifier#8)
		self.assertNotEqual(
			robots.feishu_sign(FEISHU_SECRET, 1700000000), robots.dingtalk_sign(FEISHU_SECRET, 1700000000)
		)

	def test_dingtalk_signature_goes_url_encoded_into_the_address(self):
		address, body = robots.signed_request(
			DINGTALK, DINGTALK_ADDRESS, {"msgtype": "text"}, DINGTALK_SECRET, 1700000000.5
		)
		query = parse_qs(urlsplit(address).query)
		self.assertEqual(query["timestamp"], ["1700000000500"])
		self.assertEqual(query["sign"], [robots.dingtalk_sign(DINGTALK_SECRET, 1700000000500)])
		self.assertNotIn("+", address.split("sign=")[1])  # Base64's + and / are encoded
		self.assertEqual(
			unquote_plus(address.split("sign=")[1]), robots.dingtalk_sign(DINGTALK_SECRET, 1700000000500)
		)
		self.assertEqual(json.loads(body), {"msgtype": "text"})

	def test_feishu_signature_goes_into_the_body(self):
		address, body = robots.signed_request(
			FEISHU, FEISHU_ADDRESS, {"msg_type": "text"}, FEISHU_SECRET, 1700000000.9
		)
		self.assertEqual(address, FEISHU_ADDRESS)
		self.assertEqual(
			json.loads(body),
			{
				"timestamp": "1700000000",
				"sign": robots.feishu_sign(FEISHU_SECRET, 1700000000),
				"msg_type": "text",
			},
		)

	def test_without_a_secret_nothing_is_added(self):
		for platform, address in (
			(WECOM, WECOM_ADDRESS),
			(DINGTALK, DINGTALK_ADDRESS),
			(FEISHU, FEISHU_ADDRESS),
		):
			self.assertEqual(
				robots.signed_request(platform, address, {"a": "中"}, None, 1.0),
				(address, '{"a":"中"}'.encode()),
			)


def plan_message(mentions=(), lines=None) -> RobotText:
	return RobotText(
		title="张伟 提交了拜访计划 VP-2026-00012",
		lines=tuple(
			lines or (Line("第 49 周，12 家客户", "https://erp.example.com/app/visit-plan/VP-2026-00012"),)
		),
		mentions=tuple(mentions),
	)


LI = Mention("李强", "13800138000")
NO_MOBILE = Mention("王芳", None)


class TestPayloads(unittest.TestCase):
	def test_wecom_markdown_without_mentions(self):
		[payload] = robots.payloads(WECOM, plan_message())
		self.assertEqual(payload.body["msgtype"], "markdown")
		content = payload.body["markdown"]["content"]
		self.assertTrue(content.startswith("### 张伟 提交了拜访计划"))
		self.assertIn("[第 49 周，12 家客户](https://erp.example.com/app/visit-plan/VP-2026-00012)", content)
		self.assertIsNone(payload.note)

	def test_wecom_mentions_by_mobile_in_a_text_message(self):
		[payload] = robots.payloads(WECOM, plan_message([LI]))
		self.assertEqual(payload.body["msgtype"], "text")
		self.assertEqual(payload.body["text"]["mentioned_mobile_list"], ["13800138000"])
		self.assertIn("https://erp.example.com/app/visit-plan/VP-2026-00012", payload.body["text"]["content"])

	def test_someone_without_a_valid_mobile_is_named_and_noted(self):
		[payload] = robots.payloads(WECOM, plan_message([LI, NO_MOBILE]))
		self.assertEqual(payload.body["text"]["mentioned_mobile_list"], ["13800138000"])
		self.assertIn("@王芳", payload.body["text"]["content"])
		self.assertEqual(payload.note, robots.MENTION_NO_MOBILE)
		[dingtalk] = robots.payloads(DINGTALK, plan_message([NO_MOBILE]))
		self.assertEqual(dingtalk.body["at"]["atMobiles"], [])
		self.assertIn("@王芳", dingtalk.body["markdown"]["text"])
		self.assertEqual(dingtalk.note, robots.MENTION_NO_MOBILE)

	def test_dingtalk_mentions_with_at_mobiles_and_the_number_in_the_text(self):
		[payload] = robots.payloads(DINGTALK, plan_message([LI]))
		self.assertEqual(payload.body["msgtype"], "markdown")
		self.assertEqual(payload.body["at"], {"atMobiles": ["13800138000"], "isAtAll": False})
		self.assertIn("@13800138000", payload.body["markdown"]["text"])
		self.assertEqual(payload.body["markdown"]["title"], "张伟 提交了拜访计划 VP-2026-00012")

	def test_feishu_names_the_person_because_a_custom_bot_cannot_mention_by_mobile(self):
		[payload] = robots.payloads(FEISHU, plan_message([LI]))
		post = payload.body["content"]["post"]["zh_cn"]
		self.assertEqual(payload.body["msg_type"], "post")
		self.assertEqual(
			post["content"][0],
			[
				{
					"tag": "a",
					"text": "第 49 周，12 家客户",
					"href": "https://erp.example.com/app/visit-plan/VP-2026-00012",
				}
			],
		)
		self.assertEqual(post["content"][-1], [{"tag": "text", "text": "@李强"}])
		self.assertNotIn("13800138000", json.dumps(payload.body))
		self.assertEqual(payload.note, robots.MENTION_FEISHU_BY_NAME)

	def test_the_keyword_is_put_in_the_title_unless_already_there(self):
		[payload] = robots.payloads(DINGTALK, plan_message(), keyword="销售部")
		self.assertEqual(payload.body["markdown"]["title"], "【销售部】张伟 提交了拜访计划 VP-2026-00012")
		self.assertIn("【销售部】", payload.body["markdown"]["text"])
		[again] = robots.payloads(DINGTALK, plan_message(), keyword="拜访计划")
		self.assertEqual(again.body["markdown"]["title"], "张伟 提交了拜访计划 VP-2026-00012")

	def test_a_long_digest_is_split_between_lines_never_refused(self):
		lines = [
			Line(
				f"客户 {n:03d}：华东精密机械有限公司 逾期 12 天",
				f"https://erp.example.com/app/customer/C{n:05d}",
			)
			for n in range(400)
		]
		for platform in (WECOM, DINGTALK, FEISHU):
			with self.subTest(platform=platform):
				parts = robots.payloads(platform, plan_message([LI], lines))
				self.assertGreater(len(parts), 1)
				for payload in parts:
					self.assertLessEqual(
						robots.body_size(platform, payload.body), robots.body_limit(platform, payload.body)
					)
				text = json.dumps([payload.body for payload in parts], ensure_ascii=False)
				self.assertEqual(
					[n for n in range(400) if f"客户 {n:03d}：" in text], list(range(400))
				)  # all, once each
				self.assertEqual(text.count("客户 123："), 1)
				self.assertIn(f"（1/{len(parts)}）", text)
				self.assertIn(f"（{len(parts)}/{len(parts)}）", text)

	def test_wecom_markdown_parts_stay_within_4096_bytes(self):
		lines = [Line("一" * 100) for _ in range(60)]  # 300 bytes a line, 18,000 in all
		parts = robots.payloads(WECOM, RobotText("周会汇总", tuple(lines)))
		self.assertEqual({payload.body["msgtype"] for payload in parts}, {"markdown"})
		self.assertTrue(all(len(p.body["markdown"]["content"].encode()) <= 4096 for p in parts))
		self.assertEqual(len(parts), 5)

	def test_mentions_go_with_the_first_part_only(self):
		lines = [Line("一" * 100) for _ in range(30)]
		parts = robots.payloads(WECOM, RobotText("周会汇总", tuple(lines), (LI,)))
		self.assertEqual(parts[0].body["text"]["mentioned_mobile_list"], ["13800138000"])
		self.assertTrue(all("mentioned_mobile_list" not in p.body["text"] for p in parts[1:]))

	def test_a_line_too_long_for_any_message_is_shortened(self):
		[payload] = robots.payloads(WECOM, RobotText("说明", (Line("长" * 3000),)))
		content = payload.body["markdown"]["content"]
		self.assertTrue(content.endswith("…"))
		self.assertLessEqual(len(content.encode()), 4096)
		self.assertGreater(len(content.encode()), 4000)


class TestAnswers(unittest.TestCase):
	def test_success(self):
		self.assertEqual(robots.read_answer(WECOM, 200, '{"errcode":0,"errmsg":"ok"}').outcome, SENT)
		self.assertEqual(robots.read_answer(DINGTALK, 200, '{"errcode":0,"errmsg":"ok"}').outcome, SENT)
		feishu = '{"code":0,"msg":"success","data":{},"StatusCode":0,"StatusMessage":"success"}'
		self.assertEqual(robots.read_answer(FEISHU, 200, feishu).outcome, SENT)

	def test_too_many_is_try_later(self):
		cases = (
			(WECOM, '{"errcode":45009,"errmsg":"api freq out of limit"}'),
			(
				DINGTALK,
				'{"status":1111,"wait":5,"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}',
			),
			(DINGTALK, '{"errcode":410100,"errmsg":"send too fast"}'),
			(FEISHU, '{"code":11232,"msg":"frequency limited","data":{}}'),
		)
		for platform, body in cases:
			verdict = robots.read_answer(platform, 200, body)
			self.assertEqual((verdict.outcome, verdict.too_many), (RETRY, True), body)
		self.assertTrue(robots.read_answer(FEISHU, 429, "").too_many)

	def test_passing_failures_are_try_later(self):
		self.assertEqual(
			robots.read_answer(WECOM, None, None, robots.REASON_TIMEOUT),
			robots.Verdict(RETRY, robots.REASON_TIMEOUT),
		)
		self.assertEqual(robots.read_answer(DINGTALK, None, None).reason, robots.REASON_NO_CONNECTION)
		self.assertEqual(robots.read_answer(FEISHU, 502, "<html>Bad Gateway</html>").outcome, RETRY)
		self.assertEqual(
			robots.read_answer(WECOM, 200, '{"errcode":-1,"errmsg":"system busy"}').outcome, RETRY
		)

	def test_what_cannot_improve_by_waiting_is_given_up(self):
		cases = (
			(DINGTALK, 200, '{"errcode":310000,"errmsg":"sign not match"}', robots.REASON_SIGNATURE),
			(DINGTALK, 200, '{"errcode":310000,"errmsg":"keywords not in content"}', robots.REASON_KEYWORD),
			(DINGTALK, 200, '{"errcode":310000,"errmsg":"ip X.X.X.X not in whitelist"}', robots.REASON_IP),
			(
				DINGTALK,
				200,
				'{"errcode":460101,"errmsg":"message too long, exceed 20000 bytes"}',
				robots.REASON_TOO_BIG,
			),
			(
				FEISHU,
				200,
				'{"code":19021,"msg":"sign match fail or timestamp is not within one hour"}',
				robots.REASON_SIGNATURE,
			),
			(FEISHU, 200, '{"code":19024,"msg":"Key Words Not Found"}', robots.REASON_KEYWORD),
			(FEISHU, 400, '{"code":9499,"msg":"Bad Request","data":{}}', robots.REASON_BAD_REQUEST),
			(WECOM, 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', robots.REASON_BAD_ADDRESS),
			(WECOM, 302, "", robots.REASON_REDIRECT),
			(WECOM, 200, "<html>gateway</html>", robots.REASON_UNREADABLE_ANSWER),
			(WECOM, 200, '{"errcode":12345}', robots.REASON_REFUSED),
		)
		for platform, status, body, reason in cases:
			self.assertEqual(
				robots.read_answer(platform, status, body),
				robots.Verdict(GIVE_UP, reason, robots._answer_code(body)),
				body,
			)


class TestRate(unittest.TestCase):
	def test_nothing_sent_lately_goes_now(self):
		self.assertEqual(robots.next_send_at(WECOM, [], T0), T0)

	def test_twenty_a_minute(self):
		sent = [T0 + timedelta(seconds=n) for n in range(19)]
		self.assertEqual(
			robots.next_send_at(DINGTALK, sent, T0 + timedelta(seconds=20)), T0 + timedelta(seconds=20)
		)
		sent.append(T0 + timedelta(seconds=19))
		# the 21st waits until the first of the 20 has left the window (60 s and a second of margin)
		self.assertEqual(
			robots.next_send_at(DINGTALK, sent, T0 + timedelta(seconds=20)), T0 + timedelta(seconds=61)
		)
		self.assertEqual(
			robots.next_send_at(WECOM, sent, T0 + timedelta(seconds=70)), T0 + timedelta(seconds=70)
		)

	def test_feishu_five_a_second_and_a_hundred_a_minute(self):
		burst = [T0 + timedelta(milliseconds=100 * n) for n in range(5)]
		self.assertEqual(
			robots.next_send_at(FEISHU, burst, T0 + timedelta(seconds=0.5)), T0 + timedelta(seconds=2)
		)
		steady = [T0 + timedelta(seconds=0.5 * n) for n in range(100)]  # two a second for 50 s
		self.assertEqual(
			robots.next_send_at(FEISHU, steady, T0 + timedelta(seconds=50)), T0 + timedelta(seconds=61)
		)

	def test_told_too_many_the_robot_pauses_as_the_platform_blocks(self):
		self.assertEqual(robots.next_send_at(DINGTALK, [], T0, too_many_at=T0), T0 + timedelta(minutes=10))
		self.assertEqual(robots.next_send_at(WECOM, [], T0, too_many_at=T0), T0 + timedelta(seconds=60))
		self.assertEqual(
			robots.next_send_at(FEISHU, [], T0 + timedelta(hours=1), too_many_at=T0), T0 + timedelta(hours=1)
		)

	def test_a_schedule_never_exceeds_the_platforms_rate(self):
		for platform in (WECOM, DINGTALK, FEISHU):
			sent, now = [], T0
			for _ in range(250):
				now = robots.next_send_at(platform, sent, now)
				sent.append(now)
			for limit in robots.RATE_LIMITS[platform]:
				window = timedelta(seconds=limit.seconds)
				worst = max(sum(1 for t in sent if start <= t < start + window) for start in sent)
				self.assertEqual(worst, limit.count, platform)

	def test_back_off_doubles_from_a_minute_to_an_hour_then_gives_up(self):
		waits = [robots.retry_at(n, T0) - T0 for n in range(1, robots.MAX_ATTEMPTS)]
		self.assertEqual([w.total_seconds() / 60 for w in waits], [1, 2, 4, 8, 16, 32, 60])
		self.assertIsNone(robots.retry_at(robots.MAX_ATTEMPTS, T0))


class TestRouting(unittest.TestCase):
	ALL = frozenset(robots.KINDS)

	def routes(self, *extra):
		return [
			RobotRoute("East team", "East", self.ALL),
			RobotRoute("Region", "Region", self.ALL),
			RobotRoute("Department", None, self.ALL),
			RobotRoute(
				"Managers", None, frozenset({robots.DRAFT_PENALTIES, robots.ALARM}), managers_only=True
			),
			*extra,
		]

	def test_an_event_goes_to_the_nearest_group_only(self):
		self.assertEqual(
			robots.robots_for(robots.WAITING_FOR_YOU, "East", self.routes(), ["Region"]), ["East team"]
		)
		self.assertEqual(
			robots.robots_for(robots.WAITING_FOR_YOU, "West", self.routes(), ["Region"]), ["Region"]
		)
		self.assertEqual(robots.robots_for(robots.DECIDED, "North", self.routes(), []), ["Department"])
		self.assertEqual(robots.robots_for(robots.DECIDED, None, self.routes()), ["Department"])

	def test_a_robot_not_receiving_the_kind_is_passed_over(self):
		quiet = [
			RobotRoute("East team", "East", frozenset({robots.MEETING_DIGEST})),
			RobotRoute("Dept", None, self.ALL),
		]
		self.assertEqual(robots.robots_for(robots.DECIDED, "East", quiet, []), ["Dept"])
		self.assertEqual(robots.robots_for(robots.DECIDED, "East", [quiet[0]], []), [])

	def test_draft_penalties_go_only_to_managers_groups(self):
		self.assertEqual(
			robots.robots_for(robots.DRAFT_PENALTIES, "East", self.routes(), ["Region"]), ["Managers"]
		)
		self.assertEqual(robots.robots_for(robots.DRAFT_PENALTIES, None, self.routes()[:3]), [])

	def test_won_bids_go_to_the_department(self):
		self.assertEqual(robots.robots_for(robots.WON_BID, "East", self.routes(), ["Region"]), ["Department"])

	def test_a_private_message_reaches_the_managers_groups_only_whatever_its_kind(self):
		routes = self.routes(RobotRoute("East leaders", "East", self.ALL, managers_only=True))
		self.assertEqual(
			robots.robots_for(robots.WAITING_FOR_YOU, "East", routes, ["Region"], robots.MANAGERS_GROUPS),
			["East leaders"],
		)
		self.assertEqual(
			robots.robots_for(robots.ALARM, None, routes, (), robots.MANAGERS_GROUPS),
			["East leaders", "Managers"],
		)
		self.assertEqual(
			robots.robots_for(robots.DECIDED, "East", self.routes(), (), robots.MANAGERS_GROUPS), []
		)

	def test_a_managers_group_hears_an_ordinary_message_only_when_its_group_has_no_other_robot(self):
		routes = self.routes(RobotRoute("East leaders", "East", self.ALL, managers_only=True))
		self.assertEqual(robots.robots_for(robots.MEETING_DIGEST, "East", routes, ["Region"]), ["East team"])
		self.assertEqual(robots.robots_for(robots.ALARM, None, self.routes()), ["Department"])
		self.assertEqual(robots.robots_for(robots.ALARM, "East", self.routes()[3:], []), ["Managers"])
		self.assertEqual(robots.robots_for(robots.WAITING_FOR_YOU, None, self.routes()[3:]), [])

	def test_the_others_audience_leaves_the_managers_groups_out(self):
		routes = self.routes(RobotRoute("East leaders", "East", self.ALL, managers_only=True))
		self.assertEqual(
			robots.robots_for(robots.MEETING_DIGEST, "East", routes, ["Region"], robots.OTHER_GROUPS),
			["East team"],
		)
		self.assertEqual(
			robots.robots_for(robots.ALARM, None, self.routes(), (), robots.OTHER_GROUPS), ["Department"]
		)
		self.assertEqual(
			robots.robots_for(robots.ALARM, "East", self.routes()[3:], [], robots.OTHER_GROUPS), []
		)


class TestBacklog(unittest.TestCase):
	def test_a_backlog_is_more_than_three_minutes_of_the_platforms_rate(self):
		self.assertFalse(robots.backlog_too_long(WECOM, 60))
		self.assertTrue(robots.backlog_too_long(WECOM, 61))
		self.assertFalse(robots.backlog_too_long(DINGTALK, 60))
		self.assertTrue(robots.backlog_too_long(DINGTALK, 61))
		self.assertFalse(robots.backlog_too_long(FEISHU, 300))
		self.assertTrue(robots.backlog_too_long(FEISHU, 301))

	def test_merged_messages_keep_every_line_in_order_and_mention_each_person_once(self):
		plan = RobotText(
			"待您处理 · 拜访计划",
			(Line("张伟 的拜访计划等待您的批准", "https://erp/app/visit-plan/1"),),
			(LI,),
		)
		digest = RobotText(
			"周会汇总", (Line("执行率 80%", "https://erp/r/1"), Line("逾期客户 2")), (LI, NO_MOBILE)
		)
		merged = robots.merged("积压的 2 条消息", [plan, digest])
		self.assertEqual(merged.title, "积压的 2 条消息")
		self.assertEqual(
			merged.lines,
			(
				Line("【待您处理 · 拜访计划】张伟 的拜访计划等待您的批准", "https://erp/app/visit-plan/1"),
				Line("【周会汇总】"),
				Line("执行率 80%", "https://erp/r/1"),
				Line("逾期客户 2"),
			),
		)
		self.assertEqual(merged.mentions, (LI, NO_MOBILE))

	def test_each_part_keeps_what_it_says_for_merging(self):
		lines = tuple(Line("一" * 100) for _ in range(30))
		parts = robots.payloads(WECOM, RobotText("周会汇总", lines, (LI,)))
		self.assertEqual(sum(len(part.text.lines) for part in parts), 30)
		self.assertEqual(parts[0].text.mentions, (LI,))
		self.assertEqual({part.text.mentions for part in parts[1:]}, {()})
		self.assertEqual(parts[1].text.title, f"周会汇总（2/{len(parts)}）")


class TestDigestTime(unittest.TestCase):
	SATURDAY_9 = ("Saturday", time(9, 0))

	def test_due_from_the_set_minutes_before_the_meeting_until_the_end_of_its_day(self):
		due = lambda now, minutes=60: robots.digest_meeting_day(now, *self.SATURDAY_9, minutes)  # noqa: E731
		saturday = date(2026, 12, 12)
		self.assertIsNone(due(datetime(2026, 12, 12, 7, 59)))
		self.assertEqual(due(datetime(2026, 12, 12, 8, 0)), saturday)
		self.assertEqual(due(datetime(2026, 12, 12, 23, 59)), saturday)
		self.assertIsNone(due(datetime(2026, 12, 13, 0, 0)))
		self.assertIsNone(due(datetime(2026, 12, 10, 12, 0)))
		self.assertEqual(due(datetime(2026, 12, 11, 18, 0), minutes=15 * 60), saturday)

	def test_a_digest_set_before_a_monday_meeting_is_due_in_the_week_before(self):
		monday = date(2026, 12, 14)
		self.assertEqual(
			robots.digest_meeting_day(datetime(2026, 12, 13, 20, 0), "Monday", time(8, 30), 13 * 60), monday
		)
		self.assertIsNone(
			robots.digest_meeting_day(datetime(2026, 12, 13, 19, 0), "Monday", time(8, 30), 13 * 60)
		)
