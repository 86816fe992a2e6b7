"""The group robots' outbox delivered to the robot imitation (a real HTTP server on 127.0.0.1 in this process):
order, signatures, mentions, size, the platforms' rates, retries and giving up, a rolled-back event, two
workers at once, and the secrets kept out of the outbox and the Error Log; `tell`'s choice of robots.

Delivery commits each message (that is how it holds a robot's row for one message at a time): this module
commits its fixtures and removes its robots, messages and error logs after each test. Time is the app's
clock passed to the delivery job and the imitation's clock, moved forward together."""

import json
import threading
import time
from datetime import timedelta
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_datetime, now_datetime

from sales_dept.rules import robots as rules
from sales_dept.rules.robots import Line, RobotText
from sales_dept.services import robot_delivery
from sales_dept.services.robot_delivery import deliver_due_messages, resend, send_test_message
from sales_dept.services.robots import desk_line, tell
from sales_dept.setup.records import acting_as
from sales_dept.tests.factories import EAST, PEOPLE, SOUTH, make_customer, make_sales_org
from sales_dept.tests.robot_factories import (
	FEISHU_SECRET,
	MOBILES,
	imitation,
	make_robot,
	set_mobiles,
)

MEMBERS = {MOBILES[key]: f"SD {key}" for key in MOBILES}


def outbox(robot: str | None = None, **filters) -> list[dict]:
	if robot:
		filters["robot"] = robot
	return frappe.get_all(
		"Robot Message",
		filters=filters,
		fields=[
			"name",
			"status",
			"attempts",
			"title",
			"next_attempt_at",
			"last_answer",
			"note",
			"told_too_many_at",
		],
		order_by="name",
	)


class RobotDeliveryCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_sales_org()
		set_mobiles({key: MOBILES[key] for key in ("Li", "Wang", "Zhou")})
		cls.imitation, cls.base = imitation()
		cls.customer = frappe.get_doc("Customer", make_customer("_Test SD Customer Robots", "Zhou"))
		cls.allowed_before = frappe.db.get_single_value("Sales Dept Settings", "allow_other_robot_hosts")
		cls.set_setting("allow_other_robot_hosts", 1)
		frappe.db.commit()  # nosemgrep: delivery commits; its fixtures must be there for its own connection

	@classmethod
	def tearDownClass(cls):
		cls.clean()
		cls.set_setting("allow_other_robot_hosts", cls.allowed_before or 0)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	@staticmethod
	def set_setting(fieldname, value):
		frappe.db.set_single_value("Sales Dept Settings", fieldname, value)
		frappe.clear_document_cache("Sales Dept Settings", "Sales Dept Settings")

	@staticmethod
	def clean():
		frappe.db.rollback()
		for name in frappe.get_all("Group Robot", {"name": ["like", "_Test SD%"]}, pluck="name"):
			frappe.delete_doc("Group Robot", name, ignore_permissions=True, force=True)
		frappe.db.delete("Robot Message", {"robot": ["like", "_Test SD%"]})
		frappe.db.delete("Error Log", {"reference_doctype": "Robot Message"})
		frappe.db.commit()  # nosemgrep

	def setUp(self):
		enqueue = patch("frappe.enqueue")  # no real job: this test runs the delivery itself
		self.enqueue = enqueue.start()
		self.addCleanup(enqueue.stop)
		self.clean()
		self.imitation.reset()
		self.imitation.answer_delay = 0
		self.imitation.clock.offset = 0
		self.offset = 0.0

	def tearDown(self):
		self.clean()
		self.set_setting("allow_other_robot_hosts", 1)
		frappe.db.commit()  # nosemgrep

	# Time passes for the app and the platforms alike.
	def clock(self):
		return now_datetime() + timedelta(seconds=self.offset)

	def let_pass(self, seconds: float):
		self.offset += seconds
		self.imitation.clock.offset = self.offset

	def deliver(self):
		deliver_due_messages(clock=self.clock, budget_seconds=60)
		frappe.db.commit()  # nosemgrep

	def robot(self, name, platform, team=EAST, **fields):
		doc = make_robot(name, platform, team=team, members=MEMBERS, **fields)
		frappe.db.commit()  # nosemgrep
		return doc

	def told(
		self, kind=rules.WAITING_FOR_YOU, title="张伟 提交了拜访计划", mention=("Li",), lines=None, team=None
	):
		"""An event about the customer, @mentioning `mention` (keys of PEOPLE); about `team` (default: the
		first mentioned person's, else East; "" for the department), committed."""
		if team is None and not mention:
			team = EAST
		names = tell(
			kind,
			self.customer,
			lambda: RobotText(
				title, tuple(lines or (desk_line("Customer", self.customer.name, "第 49 周"),))
			),
			mention_users=[PEOPLE[key].user for key in mention],
			team=team or None,
		)
		frappe.db.commit()  # nosemgrep: the event's transaction commits
		return names

	def received(self, robot) -> list[str]:
		return [message["text"] for message in self.imitation.received(self.token(robot))]

	@staticmethod
	def token(robot):
		return frappe.scrub(robot).replace("_", "-") + "-token"


class TestDelivery(RobotDeliveryCase):
	def test_each_platform_gets_its_messages_in_order_signed_and_mentioning(self):
		for platform in (rules.WECOM, rules.DINGTALK, rules.FEISHU):
			with self.subTest(platform=platform):
				self.clean()
				robot = self.robot(f"_Test SD East {platform}", platform).name
				for number in (1, 2, 3):
					self.told(title=f"第 {number} 条")
				self.deliver()
				texts = self.received(robot)
				self.assertEqual(
					[text.split("\n")[0].split("第 ")[-1] for text in texts], ["1 条", "2 条", "3 条"]
				)
				self.assertEqual({row.status for row in outbox(robot)}, {"Sent"})
				if platform == rules.FEISHU:
					self.assertIn("@SD Li", texts[0])  # named: a custom bot cannot @ by mobile
					self.assertIn("SD Li", outbox(robot)[0].note)
				else:
					self.assertIn(
						"@SD Li", texts[0]
					)  # the imitation shows the mobile's owner, as the client does
					self.assertIsNone(outbox(robot)[0].note)

	def test_a_rolled_back_event_sends_nothing(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		tell(rules.DECIDED, self.customer, lambda: RobotText("已批准"), mention_users=[PEOPLE["Zhou"].user])
		self.assertEqual(frappe.db.count("Robot Message", {"robot": robot}), 1)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Robot Message", {"robot": robot}), 0)
		self.deliver()
		self.enqueue.assert_not_called()
		self.assertEqual(self.received(robot), [])

	def test_a_committed_event_queues_the_job_once(self):
		self.robot("_Test SD East WeCom", rules.WECOM)
		tell(rules.DECIDED, self.customer, lambda: RobotText("已批准"), team=EAST)
		tell(rules.DECIDED, self.customer, lambda: RobotText("已退回"), team=EAST)
		self.enqueue.assert_not_called()  # not before the commit
		frappe.db.commit()  # nosemgrep
		self.enqueue.assert_called_once_with(
			robot_delivery.JOB, queue="short", job_id=robot_delivery.JOB_ID, deduplicate=True
		)

	def test_a_long_digest_goes_in_parts_each_within_the_platforms_size(self):
		lines = [
			Line(
				f"客户 {n:03d}：华东精密机械有限公司 逾期 12 天",
				f"https://erp.example.com/app/customer/C{n:05d}",
			)
			for n in range(300)
		]
		robots = [
			self.robot(f"_Test SD Dept {platform}", platform, team=None).name for platform in rules.PLATFORMS
		]
		self.told(rules.MEETING_DIGEST, "周会汇总", mention=(), lines=lines, team="")
		self.deliver()
		for robot in robots:
			rows = outbox(robot)
			self.assertGreater(len(rows), 1, robot)
			self.assertEqual({row.status for row in rows}, {"Sent"}, robot)
			text = "".join(self.received(robot))
			self.assertEqual(sum(f"客户 {n:03d}：" in text for n in range(300)), 300, robot)

	def test_a_wrong_signature_is_given_up_at_once_with_the_platforms_answer(self):
		robot = self.robot("_Test SD East DingTalk", rules.DINGTALK).name
		self.imitation.add_group(rules.DINGTALK, self.token(robot), robot, secret="SEC" + "f" * 64)
		self.told()
		self.deliver()
		[row] = outbox(robot)
		self.assertEqual((row.status, row.attempts), ("Given Up", 1))
		self.assertIn("sign not match", row.last_answer)
		self.assertIn("310000", row.last_answer)


class TestRate(RobotDeliveryCase):
	def test_beyond_twenty_a_minute_messages_wait_their_turn(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		for number in range(25):
			self.told(title=f"消息 {number:02d}", mention=())
		self.deliver()
		rows = outbox(robot)
		self.assertEqual([row.status for row in rows], ["Sent"] * 20 + ["Queued"] * 5)
		first = get_datetime(frappe.db.get_value("Robot Message", rows[0].name, "last_attempt_at"))
		self.assertEqual(get_datetime(rows[20].next_attempt_at), first + timedelta(seconds=61))
		self.let_pass(62)
		self.deliver()
		self.assertEqual({row.status for row in outbox(robot)}, {"Sent"})
		self.assertEqual(len(self.received(robot)), 25)
		self.assertEqual(self.imitation.group(self.token(robot)).refused, [])  # never told "too many"

	def test_told_too_many_a_dingtalk_robot_pauses_ten_minutes_and_keeps_its_order(self):
		robot = self.robot("_Test SD East DingTalk", rules.DINGTALK).name
		self.imitation.fail_next(self.token(robot), "too_many")
		self.told(title="第一条", mention=())
		self.told(title="第二条", mention=())
		self.deliver()
		first, second = outbox(robot)
		self.assertEqual((first.status, first.attempts), ("Failed", 0))  # "too many" is not a failed attempt
		self.assertTrue(first.told_too_many_at)
		self.assertEqual(second.status, "Queued")
		self.let_pass(590)
		self.deliver()
		self.assertEqual([row.status for row in outbox(robot)], ["Failed", "Queued"])
		self.let_pass(15)
		self.deliver()
		self.assertEqual([row.status for row in outbox(robot)], ["Sent", "Sent"])
		self.assertEqual([text.split("\n")[0][-3:] for text in self.received(robot)], ["第一条", "第二条"])


class TestBacklog(RobotDeliveryCase):
	def test_a_backlog_longer_than_three_minutes_of_rate_merges_into_one_message_losing_nothing(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		for number in range(85):
			self.told(title=f"消息 {number:02d}", mention=("Li",) if number == 40 else ())
		self.deliver()
		rows = outbox(robot)
		self.assertEqual([row.status for row in rows[:20]], ["Sent"] * 20)
		carrier, merged = rows[20], rows[21:85]
		self.assertEqual(carrier.status, "Queued")
		self.assertIn("65", carrier.title)
		self.assertEqual({row.status for row in merged}, {"Merged"})
		self.assertEqual(
			set(frappe.get_all("Robot Message", {"status": "Merged"}, pluck="merged_into")),
			{str(carrier.name)},
		)
		self.let_pass(62)
		self.deliver()
		rows = outbox(robot)
		self.assertEqual({row.status for row in rows}, {"Sent", "Merged"})
		received = self.received(robot)
		self.assertEqual(len(received), len([row for row in rows if row.status == "Sent"]))
		self.assertLess(len(received), 20 + 10)  # 65 messages in a few
		text = "\n".join(received)
		self.assertEqual([n for n in range(85) if f"消息 {n:02d}" in text], list(range(85)))  # none lost
		self.assertIn("@SD Li", text)  # the merged message @mentions whom its messages did
		self.assertEqual(self.imitation.group(self.token(robot)).refused, [])

	def test_a_backlog_within_three_minutes_of_rate_waits_its_turn(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		for number in range(80):
			self.told(title=f"消息 {number:02d}", mention=())
		self.deliver()
		self.assertEqual(
			[row.status for row in outbox(robot)], ["Sent"] * 20 + ["Queued"] * 60
		)  # 60 wait: three minutes at WeCom's 20 a minute


class TestRetries(RobotDeliveryCase):
	def test_server_errors_are_retried_with_back_off_then_given_up_and_resent(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		self.imitation.fail_next(self.token(robot), "500", times=rules.MAX_ATTEMPTS)
		self.told(mention=())
		waits = []
		for _ in range(rules.MAX_ATTEMPTS):
			self.deliver()
			[row] = outbox(robot)
			if row.status == "Given Up":
				break
			waits.append(round((get_datetime(row.next_attempt_at) - self.clock()).total_seconds() / 60))
			self.let_pass((get_datetime(row.next_attempt_at) - self.clock()).total_seconds() + 1)
		self.assertEqual(waits, [1, 2, 4, 8, 16, 32, 60])
		self.assertEqual((row.status, row.attempts), ("Given Up", rules.MAX_ATTEMPTS))
		self.assertIn("HTTP 500", row.last_answer)
		self.assertEqual(resend([row.name]), 1)
		frappe.db.commit()  # nosemgrep
		self.deliver()
		self.assertEqual(outbox(robot)[0].status, "Sent")
		self.assertEqual(len(self.received(robot)), 1)

	def test_a_retrying_message_holds_back_its_robots_later_ones_without_keeping_the_job_busy(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		self.imitation.fail_next(self.token(robot), "500")
		self.told(title="第一条", mention=())
		self.deliver()
		self.told(title="第二条", mention=())
		started = time.monotonic()
		deliver_due_messages(budget_seconds=20)  # the scheduler's run, on the real clock
		frappe.db.commit()  # nosemgrep
		self.assertLess(time.monotonic() - started, 3)
		self.assertEqual([row.status for row in outbox(robot)], ["Failed", "Queued"])
		self.let_pass(61)
		self.deliver()
		self.assertEqual([text.split("\n")[0][-3:] for text in self.received(robot)], ["第一条", "第二条"])

	def test_a_platform_that_hangs_holds_the_worker_a_few_seconds_only(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		self.imitation.fail_next(self.token(robot), "hang")
		self.told(mention=())
		started = time.monotonic()
		self.deliver()
		self.assertLess(time.monotonic() - started, robot_delivery.READ_TIMEOUT + 3)
		[row] = outbox(robot)
		self.assertEqual((row.status, row.attempts), ("Failed", 1))
		self.assertEqual(get_datetime(row.next_attempt_at) > self.clock(), True)

	def test_no_redirect_is_followed(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		with patch.object(robot_delivery.requests, "post", wraps=robot_delivery.requests.post) as post:
			self.told(mention=())
			self.deliver()
		self.assertEqual(post.call_args.kwargs["allow_redirects"], False)
		self.assertEqual(
			post.call_args.kwargs["timeout"], (robot_delivery.CONNECT_TIMEOUT, robot_delivery.READ_TIMEOUT)
		)
		self.assertEqual(outbox(robot)[0].status, "Sent")


class TestTwoWorkers(RobotDeliveryCase):
	def test_two_workers_at_once_send_each_message_once(self):
		robots = [
			self.robot(f"_Test SD East {platform}", platform).name
			for platform in (rules.WECOM, rules.DINGTALK)
		]
		for number in range(12):
			self.told(title=f"消息 {number:02d}", mention=())
		self.imitation.answer_delay = 0.05
		site, sites_path = frappe.local.site, frappe.local.sites_path
		failures = []
		barrier = threading.Barrier(2)

		def worker():
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			try:
				barrier.wait()
				deliver_due_messages(clock=self.clock, budget_seconds=60)
			except Exception as error:
				failures.append(error)
			finally:
				frappe.destroy()

		posted_by = []
		real_post = robot_delivery.post

		def post(*args):
			posted_by.append(threading.current_thread().name)
			return real_post(*args)

		threads = [threading.Thread(target=worker, name=f"worker {n}") for n in (1, 2)]
		with patch.object(robot_delivery, "post", post):
			for thread in threads:
				thread.start()
			for thread in threads:
				thread.join()
		self.assertEqual(sorted(set(posted_by)), ["worker 1", "worker 2"])  # both worked, on different robots
		self.assertEqual(len(posted_by), 24)
		frappe.db.commit()  # nosemgrep: see the workers' commits
		self.assertEqual(failures, [])
		for robot in robots:
			titles = [text.split("\n")[0] for text in self.received(robot)]
			self.assertEqual(len(titles), 12, robot)
			self.assertEqual(len(set(titles)), 12, robot)
			self.assertEqual(sorted(titles), titles, robot)  # and in order
			self.assertEqual({row.status for row in outbox(robot)}, {"Sent"})


class TestSecretsKeptOut(RobotDeliveryCase):
	def test_secrets_are_in_no_outbox_row_nor_error_log(self):
		robot = self.robot("_Test SD East Feishu", rules.FEISHU).name
		token = self.token(robot)
		self.told()
		with patch.object(
			robot_delivery,
			"record_attempt",
			side_effect=ValueError(f"boom at {self.base}/open-apis/bot/v2/hook/{token}"),
		):
			self.deliver()
		[row] = outbox(robot)
		self.assertEqual((row.status, row.attempts), ("Failed", 1))
		logs = frappe.get_all("Error Log", {"reference_doctype": "Robot Message"}, ["error", "method"])
		self.assertEqual(len(logs), 1)
		self.assertIn("boom at", logs[0].error)
		self.assertIn("***", logs[0].error)
		self.assertNotIn(token, logs[0].error)
		self.assertNotIn(FEISHU_SECRET, logs[0].error)
		self.let_pass(61)
		self.deliver()
		self.assertEqual(outbox(robot)[0].status, "Sent")
		everything = json.dumps(frappe.get_all("Robot Message", {"robot": robot}, ["*"]), default=str)
		self.assertNotIn(token, everything)
		self.assertNotIn(FEISHU_SECRET, everything)

	def test_a_refused_connection_is_retried_and_said_without_the_address(self):
		robot = self.robot("_Test SD East DingTalk", rules.DINGTALK).name
		closed = "http://127.0.0.1:9/robot/send?access_token=closed-port-token-42"  # the discard port: nobody
		doc = frappe.get_doc("Group Robot", robot)
		doc.webhook_address = closed
		doc.save()
		frappe.db.commit()  # nosemgrep
		self.told()
		self.deliver()
		[row] = outbox(robot)
		self.assertEqual(row.status, "Failed")
		self.assertNotIn("closed-port-token-42", row.last_answer)
		self.assertEqual(frappe.get_all("Error Log", {"reference_doctype": "Robot Message"}), [])

	def test_an_address_no_longer_allowed_is_not_posted_to(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		self.told()
		self.set_setting("allow_other_robot_hosts", 0)
		frappe.db.commit()  # nosemgrep
		self.deliver()
		[row] = outbox(robot)
		self.assertEqual(row.status, "Given Up")
		self.assertIn("Sales Dept Settings", row.last_answer)
		self.assertEqual(self.received(robot), [])


class TestTell(RobotDeliveryCase):
	def test_the_nearest_groups_robot_hears_an_event(self):
		east = self.robot("_Test SD East WeCom", rules.WECOM).name
		dept = self.robot("_Test SD Dept WeCom", rules.WECOM, team=None).name
		self.told(mention=("Li",))  # Li's team is East
		self.told(mention=("Zhao",))  # South has no robot: the department's
		self.told(mention=("Wang",))  # the department's head
		self.assertEqual(len(outbox(east)), 1)
		self.assertEqual(len(outbox(dept)), 2)
		self.told(team=SOUTH, mention=())
		self.assertEqual(len(outbox(dept)), 3)

	def test_kinds_a_robot_does_not_receive_and_private_kinds(self):
		east = self.robot("_Test SD East WeCom", rules.WECOM, decided=0, won_bids=1).name
		dept = self.robot("_Test SD Dept WeCom", rules.WECOM, team=None, won_bids=1).name
		managers = self.robot(
			"_Test SD Managers WeCom",
			rules.WECOM,
			team=None,
			managers_only=True,
			draft_penalties=1,
			decided=0,
		).name
		self.told(rules.DECIDED, mention=("Zhou",))  # East does not take decisions: the department's does
		self.assertEqual((len(outbox(east)), len(outbox(dept))), (0, 1))
		self.told(rules.DRAFT_PENALTIES, mention=("Zhou",))
		self.assertEqual((len(outbox(east)), len(outbox(dept)), len(outbox(managers))), (0, 1, 1))
		self.told(rules.WON_BID, mention=("Zhou",))
		self.assertEqual((len(outbox(east)), len(outbox(dept))), (0, 2))

	def test_switched_off_nothing_is_queued(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		self.set_setting("enable_group_robots", 0)
		try:
			self.assertEqual(self.told(), [])
		finally:
			self.set_setting("enable_group_robots", 1)
			frappe.db.commit()  # nosemgrep
		self.assertEqual(outbox(robot), [])

	def test_a_mobile_that_is_not_one_the_message_goes_without_the_at_and_says_why(self):
		robot = self.robot("_Test SD East DingTalk", rules.DINGTALK).name
		set_mobiles({"Zhou": "12345"})
		try:
			self.told(mention=("Zhou", "Li"))
		finally:
			set_mobiles({"Zhou": MOBILES["Zhou"]})
			frappe.db.commit()  # nosemgrep
		[row] = outbox(robot)
		self.assertIn("12345", row.note)
		self.assertIn("SD Zhou", row.note)
		payload = json.loads(frappe.db.get_value("Robot Message", row.name, "payload"))
		self.assertEqual(payload["at"]["atMobiles"], [MOBILES["Li"]])
		self.assertIn("@SD Zhou", payload["markdown"]["text"])
		self.deliver()
		self.assertEqual(outbox(robot)[0].status, "Sent")

	def test_a_disabled_robot_hears_nothing(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM, team=EAST)
		frappe.db.set_value("Group Robot", robot.name, "enabled", 0)
		self.assertEqual(self.told(), [])


class TestTestMessageAndLogs(RobotDeliveryCase):
	def test_the_test_message_says_whether_the_group_got_it(self):
		robot = self.robot("_Test SD East DingTalk", rules.DINGTALK).name
		result = send_test_message(robot)
		self.assertTrue(result["ok"], result)
		# said plainly, without the platform's bare JSON answer ({"errcode": 0, "errmsg": "ok"})
		self.assertEqual(result["message"], "The group got the test message: DingTalk accepted it.")
		self.assertEqual(len(self.received(robot)), 1)
		self.imitation.add_group(rules.DINGTALK, self.token(robot), robot, keyword="销售部")
		result = send_test_message(robot)
		self.assertFalse(result["ok"])
		self.assertIn("keywords not in content", result["message"])
		self.assertEqual([row.status for row in outbox(robot)], ["Sent", "Given Up"])

	def test_only_those_who_manage_robots_may_test_or_resend(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		with acting_as(PEOPLE["Li"].user):
			with self.assertRaises(frappe.PermissionError):
				send_test_message(robot)
			with self.assertRaises(frappe.PermissionError):
				resend([])
		self.assertEqual(self.received(robot), [])

	def test_log_settings_clear_old_sent_and_given_up_messages_never_waiting_ones(self):
		robot = self.robot("_Test SD East WeCom", rules.WECOM).name
		for status in ("Sent", "Given Up", "Queued", "Failed"):
			name = tell(rules.DECIDED, self.customer, lambda status=status: RobotText(status), team=EAST)[0]
			frappe.db.set_value(
				"Robot Message",
				name,
				{"status": status, "modified": add_days(now_datetime(), -40)},
				update_modified=False,
			)
		self.told(title="新消息")
		frappe.get_doc(
			"Log Settings"
		).save()  # Log Settings add the doctypes of `default_log_clearing_doctypes`
		days = frappe.db.get_value("Logs To Clear", {"ref_doctype": "Robot Message"}, "days")
		self.assertEqual(days, 30)
		frappe.get_doc("Log Settings").clear_logs()
		self.assertEqual(sorted(row.status for row in outbox(robot)), ["Failed", "Queued", "Queued"])
