"""The team leader (孙丽), at the desk: finds 陈晨's plans in the bell, starts to send one back and thinks
better of it (closing the prompt gives the page back), approves it with a comment, sends the other back with
the comment saying why (and is not offered the salesperson's own buttons then), and decides the price
exception of a Sales Order her team posted without a Sales Team; then, on her phone, opens from one notice the
list of the complaints whose response deadline passed."""

import json
import time

from sales_dept.tests.browser.harness import DESKTOP, PHONE
from sales_dept.tests.browser.journeys import steps
from sales_dept.tests.browser.journeys.walk import Journey, Walk

VISIT_PLAN, EXCEPTION, ISSUE = "Visit Plan", "Price Exception Request", "Issue"


def walk(w: Walk) -> str:
	w.needs("department", "plans")
	done = [approve_plan(w), send_back_plan(w)]
	if w.expect(
		"price_exception_pending" not in w.fixtures["broken"],
		f"fixtures: price exception: {w.fixtures['broken'].get('price_exception_pending')}",
	):
		done.append(decide_price_exception(w))
	if w.expect(
		"complaint_backlog" not in w.fixtures["broken"],
		f"fixtures: complaints: {w.fixtures['broken'].get('complaint_backlog')}",
	):
		done.append(open_complaint_backlog(w))
	return ", ".join(done)


def approve_plan(w: Walk) -> str:
	browser = w.browser
	plan = w.fixtures["plan_to_approve"]
	w.notice("team_leader", VISIT_PLAN, plan)  # handed in (the fixtures): waits for her approval
	w.notice("salesperson", VISIT_PLAN, plan)  # approved
	w.as_person("team_leader", DESKTOP)
	with w.step("plan from the bell"):
		steps.open_from_bell(w, VISIT_PLAN, plan)
		steps.expect_realtime(w)
	with w.step("send back, then not"):
		browser.workflow_action(w.label("send_back"))
		browser.wait_for_dialog("asking why the plan goes back")
		browser.close_dialog()
		given_back = steps.wait_until(lambda: not browser.frozen(), steps.SETTLE_S)
		time.sleep(1)  # a late workflow call would land now
		w.expect(given_back, "the page stays frozen (grey) after closing the send-back prompt")
		w.expect(
			steps.server_state(w, VISIT_PLAN, plan) == w.fixtures["labels"]["pending"],
			f"{plan} left its pending state when the send-back prompt was closed",
		)
	with w.step("plan approved"):
		comment = "同意，注意苏州客户的回款。"
		steps.decide(w, w.label("approve"), comment)
		steps.expect_state(w, VISIT_PLAN, plan, "approved")
		expect_comment_kept(w, VISIT_PLAN, plan, comment)
	return f"{plan} approved"


def send_back_plan(w: Walk) -> str:
	browser = w.browser
	plan = w.fixtures["plan_to_send_back"]
	w.notice("team_leader", VISIT_PLAN, plan)  # handed in: waits for her approval
	w.notice("salesperson", VISIT_PLAN, plan)  # sent back, with her comment
	w.as_person("team_leader", DESKTOP)
	with w.step("second plan from the bell"):
		steps.open_from_bell(w, VISIT_PLAN, plan)
	with w.step("plan sent back"):
		comment = f"请补充每次拜访的目标（{int(time.time())}）"
		steps.decide(w, w.label("send_back"), comment)
		steps.expect_state(w, VISIT_PLAN, plan, "sent_back")
		expect_comment_kept(w, VISIT_PLAN, plan, comment)
		offered = browser.workflow_actions_offered() + browser.texts(".page-head button")
		for own in (browser.translate("Add Due Customers"), w.label("submit_for_approval")):
			w.expect(
				own not in offered,
				f"the team leader is offered the salesperson's {own!r} on the plan she sent back",
			)
	return f"{plan} sent back"


def decide_price_exception(w: Walk) -> str:
	browser = w.browser
	request = w.fixtures["pending_exception"]
	w.notice("team_leader", EXCEPTION, request)  # requested: waits for her decision
	w.notice("salesperson", EXCEPTION, request)  # decided
	w.as_person("team_leader", DESKTOP)
	with w.step("price exception from the bell"):
		steps.open_from_bell(w, EXCEPTION, request)
	with w.step("price exception approved"):
		comment = "批量订单，同意 6% 折扣。"
		steps.decide(w, w.label("approve"), comment)
		status = browser.get_value(EXCEPTION, request, ["status"]).get("status")
		w.expect(status == "Approved", f"{request} is {status!r} after the team leader's approval")
		expect_comment_kept(w, EXCEPTION, request, comment)
	return f"{request} approved"


def open_complaint_backlog(w: Walk) -> str:
	"""The hourly check found four of 陈晨's complaints past their response deadline: one notice in 孙丽's bell,
	read on her phone, which opens the list of exactly those four (shared with her: ERPNext lets only its
	Support Team read Issues)."""
	browser = w.browser
	backlog = w.fixtures["complaint_backlog"]
	w.notice("team_leader", ISSUE, backlog[0], count=2)  # the new complaint, then the backlog's notice
	w.notice("salesperson", ISSUE, backlog[0])  # the new complaint
	w.as_person("team_leader", PHONE)
	with w.step("complaint backlog from the bell"):
		steps.open_from_bell(w, ISSUE, backlog[0], link=w.fixtures["complaint_backlog_link"])
	with w.step("the backlog's list"):
		shown = browser.js("return cur_list.data.map((row) => row.name);")
		w.expect(
			sorted(shown) == backlog,
			f"the backlog's notice opened a list of {sorted(shown)}, not of the four complaints {backlog}",
		)
	return f"{len(shown)} complaints listed from one notice"


def expect_comment_kept(w: Walk, doctype: str, name: str, comment: str):
	"""The decider's comment is on the document or in its timeline, with the decider's name."""
	record = json.dumps(w.browser.get_doc_with_timeline(doctype, name), ensure_ascii=False)
	w.expect(comment in record, f"the decider's comment is recorded neither on {name} nor in its timeline")
	w.expect(
		comment not in record or w.name_of(w.person) in record,
		f"{name} keeps the comment without the name of who decided",
	)


JOURNEY = Journey(
	"team_leader",
	"孙丽 approves one of 陈晨's plans (after closing a send-back prompt), sends the other back with a comment, "
	"approves the price exception of an order posted without a Sales Team, opens a backlog of overdue complaints "
	"from one notice on her phone",
	walk,
)
