"""The events of issue 19 in the group robots' outbox: each wired event writes exactly the expected messages
(robot, kind, who is @mentioned), once, next to its bell notice; conduct records reach the managers' groups
only; a rolled-back decision writes nothing; one event delivered through the robot imitation end to end.

The robots (no delivery here: the outbox is what is checked): East's group (DingTalk), the department's
(WeCom, won bids too) and the managers' own (Feishu, managers only, draft penalties). The delivery job is
not queued (its after-commit hook is replaced): the classes roll back what they wrote."""

import json
from unittest.mock import patch

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import (
	add_days,
	get_fullname,
	get_url,
	get_url_to_form,
	get_url_to_list,
	getdate,
	now_datetime,
)

from sales_dept.rules import robots as rules
from sales_dept.sales_dept.doctype.bid_review.test_bid_review import TECH, BidTestCase
from sales_dept.sales_dept.doctype.price_exception_request.price_exception_request import (
	make_from_document,
)
from sales_dept.sales_dept.doctype.sales_scorecard.test_sales_scorecard import ScorecardTestCase
from sales_dept.services import bids, complaints, robot_delivery
from sales_dept.services.conduct_detection import LISTED_DRAFTS, tell_managers
from sales_dept.services.decisions import decide_once
from sales_dept.services.notify import users_with_role
from sales_dept.services.visit_reminders import notify_overdue_vip_customers, remind_plans_due
from sales_dept.services.visits import customer_due_dates
from sales_dept.setup.records import acting_as
from sales_dept.tests.conduct_factories import (
	DIRECTOR,
	decide,
	file_penalty,
	file_reward,
	make_conduct_people,
	make_test_rule,
)
from sales_dept.tests.factories import (
	EAST,
	MOTOR,
	PEOPLE,
	make_customer,
	make_motor_policy,
	make_motor_quotation,
)
from sales_dept.tests.robot_factories import MOBILES, chinese_compiled, make_robot, set_mobiles
from sales_dept.tests.scorecard_factories import MA, SUN, customer, make_customers, make_people
from sales_dept.tests.visit_factories import make_tiered_customer, make_visit_plan

EAST_ROBOT, DEPARTMENT_ROBOT, MANAGERS_ROBOT = (
	"_Test SD Events East",
	"_Test SD Events Department",
	"_Test SD Events Managers",
)


def name_of(key: str) -> str:
	return f"SD {key}"


class RobotsOn:
	"""Mixed into a FrappeTestCase: the three robots, the people's mobiles, the outbox read back."""

	@classmethod
	def make_robots(cls):
		frappe.db.set_single_value("Sales Dept Settings", "allow_other_robot_hosts", 1)
		frappe.db.set_single_value("Sales Dept Settings", "enable_group_robots", 1)
		frappe.clear_document_cache("Sales Dept Settings", "Sales Dept Settings")
		set_mobiles(MOBILES)
		# groups that read English (the tests read the messages), whatever the site's language
		make_robot(EAST_ROBOT, rules.DINGTALK, team=EAST, language="en")
		make_robot(DEPARTMENT_ROBOT, rules.WECOM, won_bids=1, language="en")
		make_robot(
			MANAGERS_ROBOT,
			rules.FEISHU,
			managers_only=True,
			draft_penalties=1,
			meeting_digest=1,
			language="en",
		)

	def setUp(self):
		super().setUp()
		# nothing is sent: the outbox is checked
		queued = patch.object(robot_delivery, "_enqueue_delivery", side_effect=robot_delivery._forget_pending)
		queued.start()
		self.addCleanup(queued.stop)
		self.mark = last_message()

	def written(self) -> list[tuple[str, str, tuple[str, ...]]]:
		"""(robot, kind, names @mentioned) of each message written since the test began, in order."""
		return [(row.robot, row.kind, row.mentions) for row in self.messages()]

	def messages(self) -> list:
		rows = frappe.get_all(
			"Robot Message",
			filters={"name": [">", self.mark]},
			fields=["name", "robot", "kind", "content", "title", "payload", "reference_name"],
			order_by="name",
		)
		for row in rows:
			content = json.loads(row.content)
			row.mentions = tuple(name for name, _mobile in content["mentions"])
			row.lines = [(text, link) for text, link in content["lines"]]
		return rows

	def take_written(self) -> list[tuple[str, str, tuple[str, ...]]]:
		"""What was written since the last look, and look from here on."""
		found = self.written()
		self.mark = last_message()
		return found


def last_message() -> int:
	return frappe.db.sql("select coalesce(max(name), 0) from `tabRobot Message`")[0][0]


def names_of(users) -> tuple[str, ...]:
	return tuple(get_fullname(user) for user in users)


class TestVisitPlanEvents(RobotsOn, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_robots()
		cls.customer = make_customer("_Test SD Customer Robots", "Zhou")

	def test_hand_in_waits_for_the_leader_and_the_decisions_tell_the_salesperson(self):
		plan = make_visit_plan("Zhou", "2031-03-03", rows=[(self.customer, "2031-03-04")])
		self.assertEqual(self.take_written(), [])  # a draft tells nobody
		plan = make_visit_plan("Zhou", "2031-03-03", submit_for_approval=True)
		[waiting] = self.messages()
		self.assertEqual(
			(waiting.robot, waiting.kind, waiting.mentions),
			(EAST_ROBOT, rules.WAITING_FOR_YOU, (name_of("Li"),)),
		)
		[(text, link)] = waiting.lines
		self.assertIn("SD Zhou", text)
		self.assertEqual(link, get_url_to_form("Visit Plan", plan.name))  # Frappe's address: /app, 16 /desk
		self.assertEqual(json.loads(waiting.payload)["at"]["atMobiles"], [MOBILES["Li"]])
		self.mark = last_message()
		with acting_as(PEOPLE["Li"].user):
			decide_once(frappe.get_doc("Visit Plan", plan.name), "Send Back", "Add the VIP customers.")
		[returned] = self.messages()
		self.assertEqual(
			(returned.robot, returned.kind, returned.mentions),
			(EAST_ROBOT, rules.DECIDED, (name_of("Zhou"),)),
		)
		self.assertIn("Add the VIP customers.", returned.lines[0][0])
		self.mark = last_message()
		with acting_as(PEOPLE["Zhou"].user):
			apply_workflow(frappe.get_doc("Visit Plan", plan.name), "Submit for Approval")
		with acting_as(PEOPLE["Li"].user):
			apply_workflow(frappe.get_doc("Visit Plan", plan.name), "Approve")
		self.assertEqual(
			self.written(),
			[
				(EAST_ROBOT, rules.WAITING_FOR_YOU, (name_of("Li"),)),
				(EAST_ROBOT, rules.DECIDED, (name_of("Zhou"),)),
			],
		)

	def test_the_reminder_to_hand_in_next_weeks_plan_opens_a_new_plan(self):
		monday = "2031-03-31"
		make_visit_plan("Zhou", monday, rows=[(self.customer, "2031-04-01")], submit_for_approval=True)
		self.mark = last_message()
		with change_settings("Sales Dept Settings", {"meeting_weekday": "Saturday", "plan_reminder_days": 1}):
			self.assertIn(PEOPLE["Li"].user, remind_plans_due(add_days(monday, -3)))  # the Friday before
		[east] = [row for row in self.messages() if row.robot == EAST_ROBOT]
		self.assertEqual(east.kind, rules.WAITING_FOR_YOU)
		self.assertIn(name_of("Li"), east.mentions)
		self.assertNotIn(name_of("Zhou"), east.mentions)  # handed in
		self.assertEqual([link for _text, link in east.lines], [get_url_to_form("Visit Plan", "new")])

	def test_a_group_reading_chinese_gets_its_message_in_chinese(self):
		chinese_compiled()
		frappe.db.set_value("Group Robot", EAST_ROBOT, "language", "zh")
		self.addCleanup(frappe.db.set_value, "Group Robot", EAST_ROBOT, "language", "en")
		plan = make_visit_plan(
			"Zhou", "2031-03-24", rows=[(self.customer, "2031-03-25")], submit_for_approval=True
		)
		[waiting] = self.messages()
		self.assertEqual(waiting.title, "待您处理 · 拜访计划")
		self.assertEqual(
			waiting.lines[0][0],
			f"{PEOPLE['Zhou'].sales_person} 从 {frappe.format(getdate('2031-03-24'), 'Date')} 开始的拜访计划等待您审批",
		)
		self.assertTrue(waiting.lines[0][1].endswith(plan.name))

	def test_a_rolled_back_hand_in_writes_nothing(self):
		plan = make_visit_plan("Zhou", "2031-03-10", rows=[(self.customer, "2031-03-11")])
		frappe.db.savepoint("sd_robot_rollback")
		with acting_as(PEOPLE["Zhou"].user):
			apply_workflow(frappe.get_doc("Visit Plan", plan.name), "Submit for Approval")
		self.assertEqual(len(self.written()), 1)
		self.assertTrue(frappe.flags.sd_robot_delivery_pending)
		frappe.db.rollback(save_point="sd_robot_rollback")
		self.assertEqual(self.written(), [])

	def test_switched_off_the_bell_still_rings_and_no_robot_hears(self):
		frappe.db.set_single_value("Sales Dept Settings", "enable_group_robots", 0)
		frappe.clear_document_cache("Sales Dept Settings", "Sales Dept Settings")
		self.addCleanup(self.make_robots)
		plan = make_visit_plan(
			"Zhou", "2031-03-17", rows=[(self.customer, "2031-03-18")], submit_for_approval=True
		)
		self.assertEqual(self.written(), [])
		self.assertTrue(
			frappe.db.exists("Notification Log", {"for_user": PEOPLE["Li"].user, "document_name": plan.name})
		)


class TestPriceExceptionEvents(RobotsOn, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_robots()
		make_motor_policy()

	def test_the_request_waits_for_the_leader_and_the_rejection_tells_the_salesperson_why(self):
		with acting_as(PEOPLE["Zhou"].user):
			quotation = make_motor_quotation(5).insert()
			request = frappe.get_doc(
				"Price Exception Request", make_from_document("Quotation", quotation.name, "Competitor offer")
			)
		self.assertEqual(self.take_written(), [(EAST_ROBOT, rules.WAITING_FOR_YOU, (name_of("Li"),))])
		with acting_as(PEOPLE["Li"].user):
			request.reject("Below our floor for this customer.")
		[decided] = self.messages()
		self.assertEqual(
			(decided.robot, decided.kind, decided.mentions), (EAST_ROBOT, rules.DECIDED, (name_of("Zhou"),))
		)
		self.assertEqual(decided.lines[1][0], "Comment: Below our floor for this customer.")


class TestBidEvents(RobotsOn, BidTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_robots()

	def managers(self, *exclude) -> tuple[str, ...]:
		return names_of(u for u in users_with_role("Sales Manager") if u not in exclude)

	def test_each_step_waits_for_its_deciders_and_each_decision_tells_the_salesperson(self):
		bid = self.hand_in(self.make_bid())
		zhou = PEOPLE["Zhou"].user
		self.assertEqual(
			self.take_written(),
			[(DEPARTMENT_ROBOT, rules.WAITING_FOR_YOU, self.managers(zhou))],
		)
		self.act("Wang", bid, "Participate")
		# each person once, whichever of the roles they hold (ERPNext's test user holds both)
		deciders = {u for role in ("Technical Reviewer", "Purchase Manager") for u in users_with_role(role)}
		reviewers = names_of(deciders - {zhou})
		[(robot, kind, mentioned)] = self.take_written()
		self.assertEqual((robot, kind), (DEPARTMENT_ROBOT, rules.WAITING_FOR_YOU))
		self.assertEqual(sorted(mentioned), sorted(reviewers))
		self.give(TECH, bid, "Technical", "Changes Requested", "Rated 7.5 kW, the line needs 11 kW.")
		[changes] = self.messages()
		self.assertEqual(
			(changes.robot, changes.kind, changes.mentions), (EAST_ROBOT, rules.DECIDED, (name_of("Zhou"),))
		)
		self.assertEqual(changes.lines[1][0], "Comment: Rated 7.5 kW, the line needs 11 kW.")

	def test_an_approved_bid_tells_the_salesperson_and_a_won_one_the_department(self):
		bid = self.approved_bid(lines=[{"item_code": MOTOR, "qty": 10, "rate": 95, "supplier_cost": 70}])
		self.assertEqual(
			self.written()[-1], (EAST_ROBOT, rules.DECIDED, (name_of("Zhou"),))
		)  # the last step: approved
		self.mark = last_message()
		order = self.won_order(bid)
		with self.as_user("Zhou"):
			bid.reload()
			bid.set_outcome("Won", sales_order=order)
		[won] = self.messages()
		self.assertEqual(
			(won.robot, won.kind, won.mentions), (DEPARTMENT_ROBOT, rules.WON_BID, (name_of("Zhou"),))
		)
		self.assertIn("SD Zhou", won.title)
		self.assertIn(bid.title, won.title)

	def won_order(self, bid) -> str:
		from erpnext.selling.doctype.quotation.quotation import make_sales_order

		from sales_dept.sales_dept.doctype.bid_review.bid_review import make_quotation

		with self.as_user("Zhou"):
			quotation = make_quotation(bid.name)
			quotation.insert()
			quotation.submit()
			order = make_sales_order(quotation.name)
			order.delivery_date = add_days(getdate(), 7)
			order.insert()
			order.submit()
		return order.name

	def test_a_review_waiting_too_long_and_a_deadline_near_are_alarms(self):
		settings = {"bid_deadline_reminder_days": 3, "bid_review_escalation_days": 2}
		with change_settings("Sales Dept Settings", settings):
			bid = self.hand_in(self.make_bid(submission_deadline=add_days(now_datetime(), 3)))
			self.act("Wang", bid, "Participate")
			self.mark = last_message()
			self.assertIn(
				(bid.name, "Technical"), bids.escalate_waiting_reviews(now=add_days(now_datetime(), 3))
			)
			self.assertEqual(
				[
					(row.robot, row.kind, row.mentions)
					for row in self.messages()
					if row.reference_name == bid.name
				],
				[(DEPARTMENT_ROBOT, rules.ALARM, self.managers())]
				* 2,  # the technical and purchasing reviews
			)
			self.mark = last_message()
			self.assertIn(bid.name, bids.remind_deadlines(today=getdate()))
		self.assertEqual(
			[
				(row.robot, row.kind, row.mentions)
				for row in self.messages()
				if row.reference_name == bid.name
			],
			[(EAST_ROBOT, rules.ALARM, (name_of("Zhou"),))],  # the salesperson's group; managers by the bell
		)


class TestConductEvents(RobotsOn, FrappeTestCase):
	"""Penalties and rewards are read in the managers' groups only, whatever the kind."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_conduct_people()
		cls.make_robots()
		cls.rule = make_test_rule("_TSD-ROBOTS")

	def leadership(self) -> tuple[str, ...]:
		return names_of(u for u in users_with_role("Sales Director") if u != PEOPLE["Zhou"].user)

	def test_a_penalty_for_leadership_and_sent_back_reaches_the_managers_group_only(self):
		penalty = file_penalty(
			"Zhou", self.rule, action="Suspension", suspension_days=2, deviation_reason="Rude to a customer."
		)
		penalty = decide(penalty, "Approve", "Wang")
		self.assertEqual(self.take_written(), [(MANAGERS_ROBOT, rules.WAITING_FOR_YOU, self.leadership())])
		decide(penalty, "Send Back", DIRECTOR, "Two days is too much for a first time.")
		[sent_back] = self.messages()
		self.assertEqual(
			(sent_back.robot, sent_back.kind, sent_back.mentions),
			(MANAGERS_ROBOT, rules.DECIDED, (name_of("Wang"),)),
		)
		self.assertIn("Two days is too much", sent_back.lines[0][0])

	def test_an_approved_penalty_and_reward_tell_no_team_group(self):
		penalty = decide(file_penalty("Zhou", self.rule), "Approve", "Wang")
		self.assertEqual(penalty.status, "Approved")
		self.assertEqual(self.take_written(), [(MANAGERS_ROBOT, rules.DECIDED, (name_of("Li"),))])
		reward = file_reward("Zhou", amount=9000)
		decide(reward, "Approve", "Wang")
		self.assertEqual(self.written(), [(MANAGERS_ROBOT, rules.WAITING_FOR_YOU, self.leadership())])

	def test_the_daily_detections_drafts_go_to_the_managers_group_listed(self):
		filed = [file_penalty(key, self.rule).name for key in ("Zhou", "Qian", "Li")]
		tell_managers(filed)
		[drafts] = self.messages()
		self.assertEqual(
			(drafts.robot, drafts.kind, drafts.mentions),
			(MANAGERS_ROBOT, rules.DRAFT_PENALTIES, names_of(users_with_role("Sales Manager"))),
		)
		self.assertEqual([link.rsplit("/", 1)[-1] for _text, link in drafts.lines], sorted(filed))
		self.assertIn("测试规则 _TSD-ROBOTS", drafts.lines[0][0])

	def test_past_the_listed_drafts_one_line_opens_the_rest(self):
		with patch("sales_dept.services.conduct_detection.LISTED_DRAFTS", 2):
			filed = [file_penalty(key, self.rule).name for key in ("Zhou", "Qian", "Li")]
			tell_managers(filed)
		[drafts] = self.messages()
		self.assertEqual(len(drafts.lines), 3)
		self.assertIn("1", drafts.lines[-1][0])
		self.assertEqual(drafts.lines[-1][1], get_url_to_list("Penalty Record") + "?status=Draft")
		self.assertGreater(LISTED_DRAFTS, 2)


class TestAlarms(RobotsOn, FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_people()
		make_customers()
		cls.make_robots()

	def test_a_vip_customer_going_overdue_alarms_its_team_mentioning_salesperson_and_leader(self):
		vip = make_tiered_customer("_Test SD Robots VIP", "Zhou", "VIP", classified_on="2020-01-01")
		due = next(d.due for d in customer_due_dates(PEOPLE["Zhou"].sales_person) if d.customer == vip)
		told = notify_overdue_vip_customers(today=add_days(due, 1))
		self.assertIn(vip, told[PEOPLE["Li"].user])
		east = [row for row in self.messages() if row.robot == EAST_ROBOT]
		self.assertEqual(
			[(row.kind, row.mentions) for row in east], [(rules.ALARM, (name_of("Zhou"), name_of("Li")))]
		)
		self.assertIn(get_url_to_form("Customer", vip), [link for _text, link in east[0].lines])
		self.assertEqual(
			[row.robot for row in self.messages() if row.robot != EAST_ROBOT], []
		)  # nothing elsewhere for an East customer

	def test_a_complaints_sla_breach_alarms_the_team_leaders_group(self):
		issue = frappe.get_doc(
			{
				"doctype": "Issue",
				"subject": "Wrong voltage",
				"customer": customer("Sun A"),
				"raised_by": "b@example.com",
			}
		).insert(ignore_permissions=True)
		self.assertEqual(self.take_written(), [])  # a new complaint is the bell's only
		self.assertTrue(complaints.notify_breach(frappe._dict(issue.as_dict())))
		self.assertEqual(self.written(), [(EAST_ROBOT, rules.ALARM, (name_of("Li"),))])
		self.assertIn(SUN.sales_person, self.messages()[0].lines[0][0])

	def test_a_backlog_of_breaches_alarms_the_team_leaders_group_once_with_the_list_of_them(self):
		backlog = []
		for number in range(4):
			issue = frappe.get_doc(
				{
					"doctype": "Issue",
					"subject": f"Backlog {number}",
					"customer": customer("Sun A"),
					"raised_by": "b@example.com",
				}
			).insert(ignore_permissions=True)
			frappe.db.set_value(
				"Issue",
				issue.name,
				{"service_level_agreement": "_Test SDSC SLA", "agreement_status": "Failed"},
			)
			backlog.append(issue.name)
		self.take_written()
		self.assertEqual(complaints.escalate_breaches(), sorted(backlog))
		self.assertEqual(self.written(), [(EAST_ROBOT, rules.ALARM, (name_of("Li"),))])
		mark = frappe.db.get_value("Issue", backlog[0], complaints.NOTIFIED_FIELD)
		text, link = self.messages()[0].lines[0]
		self.assertIn("4", text)  # in the group's language: how many, and the first of them
		self.assertIn(sorted(backlog)[0], text)
		self.assertEqual(link, get_url(complaints.backlog_link(mark)))


class TestScorecardEvents(RobotsOn, ScorecardTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.make_robots()

	def test_the_self_review_waits_for_the_salesperson_and_the_approval_keeps_the_grade_out(self):
		doc = self.new_scorecard()
		with acting_as(PEOPLE["Li"].user):
			apply_workflow(frappe.get_doc("Sales Scorecard", doc.name), "Release for Self Review")
		self.assertEqual(self.take_written(), [(EAST_ROBOT, rules.WAITING_FOR_YOU, (name_of("Sun"),))])
		with acting_as(SUN.user):
			doc = frappe.get_doc("Sales Scorecard", doc.name)
			doc.salesperson_comment = "Two new customers."
			doc.save()
			apply_workflow(doc, "Submit Self Review")
		managers = names_of(u for u in users_with_role("Sales Manager") if u != SUN.user)
		self.assertEqual(self.take_written(), [(DEPARTMENT_ROBOT, rules.WAITING_FOR_YOU, managers)])
		with acting_as(PEOPLE["Wang"].user):
			doc = frappe.get_doc("Sales Scorecard", doc.name)
			for row in doc.kpis:
				if row.manager_rated:
					row.rating = 90
			doc.save()
			apply_workflow(doc, "Send to Leadership")
		leadership = names_of(u for u in users_with_role("Sales Director") if u != SUN.user)
		self.assertEqual(self.take_written(), [(DEPARTMENT_ROBOT, rules.WAITING_FOR_YOU, leadership)])
		with acting_as(MA.user):
			doc = apply_workflow(frappe.get_doc("Sales Scorecard", doc.name), "Approve")
		[approved] = self.messages()
		self.assertEqual(
			(approved.robot, approved.kind, approved.mentions), (EAST_ROBOT, rules.DECIDED, (name_of("Sun"),))
		)
		self.assertTrue(doc.grade)
		self.assertNotIn(f"grade {doc.grade}", approved.lines[0][0])
		self.assertTrue(approved.lines[0][0].endswith("is approved"), approved.lines[0][0])
