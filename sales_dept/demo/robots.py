"""The demo's group robots (issue 19): one per team and one for the department (and one for the managers'
own group, the only one that reads draft penalties), each posting to a group of a running robot imitation
(sales_dept/tests/robot_imitation.py) that shows the groups as a chat would at its address.

	bench --site SITE execute sales_dept.demo.robots.make_robots --kwargs '{"imitation": "http://127.0.0.1:8765"}'

The imitation's address: the argument, else the site config's `sales_dept_robot_imitation`, else
http://127.0.0.1:8765. Its caller commits (`bench execute` does). Idempotent: a second run points the same
robots at the address given and makes their groups on the imitation again (an imitation keeps its groups in
memory only). The three platforms each have a group, signed where the platform signs. The demo people get
mainland mobile numbers on their Employee when they have none, so that the groups @mention them (the
imitation shows each number as its owner's name).

Another host than the platforms' own is the administrator's setting "Allow Other Robot Hosts": switched on
here, for the demo. A real group instead: open the robot, choose its platform and paste the webhook address
(and the signing secret) from the group's robot settings (群设置 → 群机器人), then Send Test Message.
"""

import json
from dataclasses import dataclass
from urllib.request import Request, urlopen

import frappe
from frappe import _

from sales_dept.demo.data import EAST, PEOPLE, SOUTH, STAFF
from sales_dept.demo.progress import say
from sales_dept.rules import robots as rules
from sales_dept.services.robots import ROBOT

DEFAULT_IMITATION = "http://127.0.0.1:8765"
PATHS = {
	rules.WECOM: "/cgi-bin/webhook/send?key={token}",
	rules.DINGTALK: "/robot/send?access_token={token}",
	rules.FEISHU: "/open-apis/bot/v2/hook/{token}",
}
ALL_KINDS = ("meeting_digest", "waiting_for_you", "decided", "alarms", "won_bids", "draft_penalties")
# The demo's first mobile number; each demo person gets the next one (stable: by their place in the lists).
FIRST_MOBILE = 13800138000


@dataclass(frozen=True)
class DemoRobot:
	name: str
	platform: str
	token: str
	team: str | None  # None: the whole department
	secret: str | None = None
	managers_only: bool = False
	kinds: tuple[str, ...] = ("meeting_digest", "waiting_for_you", "decided", "alarms")


ROBOTS = (
	DemoRobot("华东团队群", rules.DINGTALK, "demo-east-dingtalk", EAST, "SEC" + "d3m0" * 16),
	DemoRobot("华南团队群", rules.WECOM, "demo-south-wecom", SOUTH),
	DemoRobot(
		"销售部大群",
		rules.FEISHU,
		"demo-department-feishu",
		None,
		"d3m0S3cr3tF31shu",
		kinds=("meeting_digest", "waiting_for_you", "decided", "alarms", "won_bids"),
	),
	DemoRobot(
		"销售部管理层",
		rules.DINGTALK,
		"demo-managers-dingtalk",
		None,
		"SEC" + "m4n4g3r5" * 8,
		managers_only=True,
		kinds=("meeting_digest", "draft_penalties"),
	),
)


def make_robots(imitation: str | None = None) -> list[str]:
	"""The demo's robots pointed at the imitation at `imitation`, and their groups made there."""
	base = (imitation or frappe.conf.get("sales_dept_robot_imitation") or DEFAULT_IMITATION).rstrip("/")
	frappe.db.set_single_value("Sales Dept Settings", "allow_other_robot_hosts", 1)
	frappe.clear_document_cache("Sales Dept Settings", "Sales Dept Settings")
	members = give_mobiles()
	for robot in ROBOTS:
		make_group(base, robot, members)
		save_robot(base, robot)
	say(
		_("Group robots: {0}, posting to the imitation at {1} (the groups as a chat: {1}/).").format(
			", ".join(robot.name for robot in ROBOTS), base
		)
	)
	return [robot.name for robot in ROBOTS]


def give_mobiles() -> dict[str, str]:
	"""A mobile number on each demo person's Employee that has none; {number: name} of them all."""
	members = {}
	for number, person in enumerate((*PEOPLE, *STAFF)):
		employee = frappe.db.get_value(
			"Employee", {"user_id": person.email}, ["name", "cell_number"], as_dict=True
		)
		if not employee:
			continue
		mobile = employee.cell_number or str(FIRST_MOBILE + number)
		if not employee.cell_number:
			frappe.db.set_value("Employee", employee.name, "cell_number", mobile)
		members[rules.normalized_mobile(mobile) or mobile] = person.name
	return members


def make_group(base: str, robot: DemoRobot, members: dict[str, str]):
	"""The robot's group on the imitation (made again if it was: the imitation keeps them in memory)."""
	group = {
		"platform": robot.platform,
		"token": robot.token,
		"name": robot.name,
		"secret": robot.secret,
		"members": members,
	}
	request = Request(
		f"{base}/_imitation/groups",
		data=json.dumps(group, ensure_ascii=False).encode(),
		headers={"Content-Type": "application/json"},
		method="POST",
	)
	with urlopen(request, timeout=5) as answer:
		answer.read()


def save_robot(base: str, robot: DemoRobot):
	doc = frappe.get_doc(ROBOT, robot.name) if frappe.db.exists(ROBOT, robot.name) else frappe.new_doc(ROBOT)
	doc.update(
		{
			"robot_name": robot.name,
			"platform": robot.platform,
			"enabled": 1,
			"language": "zh",  # the department's: a group reads Chinese, whatever the system's language
			"webhook_address": base + PATHS[robot.platform].format(token=robot.token),
			"signing_secret": robot.secret,
			"whole_department": 0 if robot.team else 1,
			"team": robot.team,
			"managers_only": int(robot.managers_only),
			**{f"receives_{kind}": int(kind in robot.kinds) for kind in ALL_KINDS},
		}
	)
	doc.save()
