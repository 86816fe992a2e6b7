"""The team's group robot (企业微信): the sales manager (钱明) sets it up at the desk, pointed at the robot
imitation (sales_dept/tests/robot_imitation.py, served by the journey itself on a free port), and sends a test
message; then 陈晨 hands in a visit plan, and the team's group, read on the imitation's own page (the groups as a
chat), shows the message @mentioning his team leader 孙丽 (sent by the worker after the commit)."""

import re
import time

from sales_dept.tests.browser.harness import DESKTOP, CheckFailed
from sales_dept.tests.browser.journeys import steps
from sales_dept.tests.browser.journeys.walk import Journey, Walk
from sales_dept.tests.browser.site_api import SiteError, SiteSession
from sales_dept.tests.robot_imitation import WECOM, Imitation

ROBOT, VISIT_PLAN = "Group Robot", "Visit Plan"
TOKEN = "journeys-team-wecom"
WECOM_PATH = "/cgi-bin/webhook/send?key={token}"
DELIVERY_WAIT_S = (
	90  # the worker sends the outbox after the hand-in's commit: seconds, unless busy with a long job
)
# A markdown link [text](address) shows its text in the group; a bare address is not interface.
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ADDRESS = re.compile(r"https?://\S+")


def walk(w: Walk) -> str:
	w.needs("department", "robots", "plans", "plan_to_hand_in")
	robot = w.fixtures["robot"]
	imitation = Imitation()
	base = imitation.serve()  # 127.0.0.1 on a free port: the site's worker runs on this machine
	try:
		imitation.add_group(WECOM, TOKEN, robot["name"], members=robot["members"])
		test_answer = set_up_robot(w, base + WECOM_PATH.format(token=TOKEN), imitation)
		plan = hand_in_plan(w)
		handed_in = time.monotonic()
		seconds = group_shows_plan(w, base, plan, handed_in)
	finally:
		w.browser.driver.get("about:blank")  # the chat page refreshes itself: not against a stopped server
		imitation.stop()
		switch_off_robot(w, robot["name"])
	return f"{robot['name']} set up ({test_answer!r}); {plan} handed in, in the group @{leader(w)} after {seconds:.0f} s"


def leader(w: Walk) -> str:
	return w.name_of("team_leader")


def set_up_robot(w: Walk, address: str, imitation: Imitation) -> str:
	"""群机器人 → 新增: name, platform 企业微信, the webhook address, the team; saved; 发送测试消息."""
	fx, browser = w.fixtures, w.browser
	robot = fx["robot"]
	w.as_person("manager", DESKTOP)
	with w.step("new group robot"):
		steps.new_from_list(w, ROBOT)
	with w.step("robot filled in"):
		browser.fill(browser.translate("Robot Name"), robot["name"], scope="form")
		wecom = browser.translate("WeCom")
		w.expect(wecom == "企业微信", f"the platform WeCom reads {wecom!r}, not 企业微信")
		browser.fill(browser.translate("Platform"), wecom, scope="form")
		browser.fill(browser.translate("Team"), robot["team"], scope="form")
		browser.fill(browser.translate("Webhook Address"), address, scope="form")
		shown = browser.js("return [cur_frm.doc.platform, cur_frm.doc.team, cur_frm.doc.whole_department];")
		w.expect(shown == [WECOM, robot["team"], 0], f"the robot's form holds {shown}")
	with w.step("robot saved"):
		name = steps.save(w)
		w.expect(name == robot["name"], f"the robot was saved as {name!r}, not {robot['name']!r}")
	with w.step("test message sent"):
		w.read_messages()
		before = len(browser.messages())
		browser.click_button(browser.translate("Send Test Message"))
		if not steps.wait_until(lambda: len(browser.messages()) > before, 20):
			raise CheckFailed("Send Test Message gave no answer within 20 s")
		message = w.read_messages()[-1]
		text = re.sub(r"<[^>]+>", "", message["message"])
		w.expect(
			message["title"] == browser.translate("The Group Got It") and text.startswith("群已收到测试消息"),
			f"the test message's answer reads {message['title']!r}: {text!r}, not that the group got it",
		)
		received = imitation.received(TOKEN)
		w.expect(
			len(received) == 1 and "销售部测试消息" in received[0]["text"],
			f"the imitation's group received {[m['text'] for m in received]}, not one Chinese test message",
		)
		time.sleep(0.5)
	browser.close_dialog()
	return text


def hand_in_plan(w: Walk) -> str:
	"""陈晨 hands in the draft plan the fixtures made: his team leader is told in her bell and in the group."""
	browser = w.browser
	plan = w.fixtures["robots_plan"]
	w.notice("team_leader", VISIT_PLAN, plan)  # waits for her approval
	w.as_person("salesperson", DESKTOP)
	with w.step("draft plan"):
		browser.open_form(VISIT_PLAN, plan)
	with w.step("plan handed in"):
		steps.decide(w, w.label("submit_for_approval"))
		steps.expect_state(w, VISIT_PLAN, plan, "pending")
	return plan


GROUP_TEXT = """
const section = [...document.querySelectorAll('section')]
	.find((s) => (s.querySelector('h2')?.firstChild?.textContent || '').trim() === arguments[0]);
return section ? section.innerText : null;
"""


def group_shows_plan(w: Walk, base: str, plan: str, handed_in: float) -> float:
	"""The imitation's page (the groups as a chat, refreshing itself): the team's group shows the plan waiting
	for the team leader, @mentioning her by name."""
	browser, robot = w.browser, w.fixtures["robot"]
	with w.step("the team's group", look=False):
		browser.driver.get(base + "/")
		mention = f"@{leader(w)}"

		def shown() -> str:
			return browser.js(GROUP_TEXT, robot["name"]) or ""

		arrived = steps.wait_until(lambda: plan in shown() and mention in shown(), DELIVERY_WAIT_S)
		seconds = time.monotonic() - handed_in
		text = shown()
		if not arrived:
			raise CheckFailed(
				f"within {DELIVERY_WAIT_S} s the group {robot['name']} shows no message about {plan}"
				f" @mentioning {leader(w)}: {text[-400:]!r}"
			)
		message = next(part for part in text.split("\n\n") if plan in part) if "\n\n" in text else text
		w.expect(
			w.name_of("salesperson") in text,
			f"the group's message does not name the salesperson {w.name_of('salesperson')}: {message!r}",
		)
		as_shown = ADDRESS.sub(" ", MARKDOWN_LINK.sub(r"\1", text))
		w.look_at(as_shown, "the team's group")
	return seconds


def switch_off_robot(w: Walk, name: str):
	"""The journey's robot switched off by the manager (its imitation is gone): nothing queues for it after."""
	try:
		session = SiteSession(w.browser.base_url, w.user("manager"), w.fixtures["password"])
		session.request(
			"POST",
			"/api/method/frappe.client.set_value",
			{"doctype": ROBOT, "name": name, "fieldname": "enabled", "value": "0"},
		)
	except SiteError as error:
		if "DoesNotExistError" not in str(error):
			w.expect(False, f"the robot {name} could not be switched off after the journey: {error}")


JOURNEY = Journey(
	"robots",
	"钱明 sets up 旅程一组's 企业微信 group robot (pointed at the robot imitation) and sends a test message; 陈晨 "
	"hands in a plan and the group shows it @孙丽",
	walk,
)
