"""The salesperson (陈晨): plans next week with the customers falling due and hands the plan in, at the desk;
on the phone, records this week's visit (checks in, checks out with the result), hands in the self review of
last month's scorecard and acknowledges the penalty the manager decided."""

import json

from sales_dept.tests.browser.harness import DESKTOP, PHONE, CheckFailed
from sales_dept.tests.browser.journeys import steps
from sales_dept.tests.browser.journeys.walk import Journey, Walk

VISIT_PLAN, VISIT_RECORD = "Visit Plan", "Visit Record"
SCORECARD, PENALTY = "Sales Scorecard", "Penalty Record"
OUTCOME = "见到采购部王经理，确认明年一季度的电机需求，下周发报价。"


def walk(w: Walk) -> str:
	fx = w.fixtures
	w.needs("department", "plans")
	plan = plan_next_week(w)
	record = visit_on_phone(w)
	done = [f"{plan} handed in", f"{record} checked in and out"]
	if w.expect("scorecards" not in fx["broken"], f"fixtures: scorecards: {fx['broken'].get('scorecards')}"):
		done.append(self_review(w))
	if w.expect("penalty" not in fx["broken"], f"fixtures: penalty: {fx['broken'].get('penalty')}"):
		done.append(acknowledge_penalty(w))
	return ", ".join(done)


def plan_next_week(w: Walk) -> str:
	fx, browser = w.fixtures, w.browser
	w.as_person("salesperson", DESKTOP)
	with w.step("workspace"):
		steps.open_workspace(w)
		steps.expect_realtime(w)
	with w.step("new plan"):
		steps.new_from_list(w, VISIT_PLAN)
		browser.wait_for("cur_frm.doc.sales_person", 10, "the new plan did not fill in the salesperson")
		shown = browser.js("return [cur_frm.doc.sales_person, cur_frm.doc.period_start];")
		w.expect(
			shown == [w.name_of("salesperson"), fx["next_monday"]],
			f"the new plan starts as {shown}, expected {[w.name_of('salesperson'), fx['next_monday']]}",
		)
	with w.step("due customers added"):
		browser.click_button(browser.translate("Add Due Customers"))
		due = [fx["customers"]["due_vip"], fx["customers"]["due_level_1"]]
		browser.wait_for(
			f"{json.dumps(due)}.every((c) => (cur_frm.doc.visits || []).some((row) => row.customer === c))",
			15,
			f"{browser.translate('Add Due Customers')} did not add the due customers {due}",
		)
	with w.step("plan saved"):
		plan = steps.save(w)
		w.notice("team_leader", VISIT_PLAN, plan)  # waits for the team leader's approval
	with w.step("plan handed in"):
		steps.decide(w, w.label("submit_for_approval"))
		steps.expect_state(w, VISIT_PLAN, plan, "pending")
	with w.step("plan list shows the week"):
		browser.open_list(VISIT_PLAN)
		week = (
			fx["next_monday"],
			browser.js("return frappe.datetime.str_to_user(arguments[0]);", fx["next_monday"]),
		)
		row = browser.js(
			"const row = [...document.querySelectorAll('.list-row-container')]"
			".find((r) => r.querySelector(`[data-name='${arguments[0]}']`));"
			"return row ? row.innerText : null;",
			plan,
		)
		w.expect(row is not None, f"the plan list does not show {plan}")
		w.expect(
			row is None or any(day in row for day in week),
			f"the plan list does not say which week {plan} is for ({week[1]}): {row!r}",
		)
	return plan


def visit_on_phone(w: Walk) -> str:
	"""This week's approved plan → 记录拜访 → 签到 (saved at once) → 签出 with the result → 提交."""
	fx, browser = w.fixtures, w.browser
	plan = fx["approved_plan"]
	w.notice("salesperson", VISIT_PLAN, plan)  # the fixtures' approval: "your plan was approved"
	w.notice("team_leader", VISIT_PLAN, plan)  # and its hand-in before: "waits for your approval"
	w.as_person("salesperson", PHONE)
	browser.allow_location(30.2741, 120.1551)  # at the customer's, in Hangzhou
	with w.step("approved plan on the phone"):
		browser.open_form(VISIT_PLAN, plan)
		browser.click_button(browser.translate("Record Visit"))
		browser.wait_for_dialog("to choose the planned visit")
		w.shot("which visit")
		chosen = browser.js(
			"const field = cur_dialog.fields_dict.row; return field ? field.get_value() : null;"
		)
		if not chosen:  # the prompt starts empty: the visit of today's row is the one to choose
			browser.js("cur_dialog.set_value('row', arguments[0]);", fx["visit_row"])
			w.expect(False, "the Record Visit prompt starts empty: the salesperson has to pick the visit")
		browser.dialog_primary()
		browser.wait_for_form(VISIT_RECORD)
	with w.step("checked in"):
		browser.click_button(browser.translate("Check In"))
		saved = steps.wait_until(
			lambda: browser.js("return !cur_frm.is_new() && !cur_frm.is_dirty() && !!cur_frm.doc.check_in;"),
			20,
		)
		if not saved:
			raise CheckFailed(
				"checking in did not save the visit record at once"
				f" (new: {browser.js('return cur_frm.is_new();')}, unsaved: {browser.js('return cur_frm.is_dirty();')})"
			)
		record = browser.js("return cur_frm.doc.name;")
		w.involve(VISIT_RECORD, record)
		values = browser.get_value(
			VISIT_RECORD, record, ["check_in", "latitude", "visit_date", "visit_plan_row"]
		)
		w.expect(values.get("check_in"), f"{record} has no check-in time on the server")
		w.expect(values.get("latitude"), f"{record} was checked in without the phone's location")
		today = browser.js("return frappe.datetime.get_today();")
		w.expect(
			values.get("visit_date") == today,
			f"{record} is dated {values.get('visit_date')} (the plan's day), not {today}, the day of the check-in",
		)
	with w.step("checked out with the result"):
		browser.click_button(browser.translate("Check Out"))
		outcome = browser.translate("Outcome")
		if steps.wait_until(lambda: browser.js("return !!(window.cur_dialog && cur_dialog.display);"), 3):
			browser.wait_for_dialog("asking for the visit's result")
			browser.fill(outcome, OUTCOME)  # the result asked for as the salesperson checks out
			w.shot("result")
			browser.dialog_primary()
		else:
			browser.wait_for("cur_frm.doc.check_out", 10, "checking out did not set the check-out time")
			browser.fill(outcome, OUTCOME, scope="form")
			steps.save(w)
		browser.wait_for(
			"cur_frm.doc.check_out && !cur_frm.is_dirty() && !frappe.dom.freeze_count",
			15,
			"the check-out was not saved",
		)
	with w.step("visit submitted"):
		steps.submit(w)
		row_done = browser.get_value("Visit Plan", plan, ["name"])  # readable by the salesperson
		w.expect(row_done, f"{plan} cannot be read back by its salesperson")
	return record


def self_review(w: Walk) -> str:
	"""From the bell to last month's scorecard, on the phone, and its self review handed in."""
	fx, browser = w.fixtures, w.browser
	card = fx["salesperson_scorecard"]
	w.notice("salesperson", SCORECARD, card)  # released for self review (the fixtures)
	w.notice("manager", SCORECARD, card)  # handed in: waits for the manager's review
	w.as_person("salesperson", PHONE)
	with w.step("own scorecard from the bell"):
		steps.open_from_bell(w, SCORECARD, card)
		shown = browser.js("return cur_frm.doc.sales_person;")
		w.expect(shown == w.name_of("salesperson"), f"{card} is {shown}'s scorecard, not the salesperson's")
	with w.step("self review handed in"):
		steps.decide(w, w.label("hand_in_self_review"))
		steps.expect_state(w, SCORECARD, card, "manager_review")
	with w.step("scorecard list shows the month"):
		browser.open_list(SCORECARD)
		period = browser.js("return cur_list.data.find((d) => d.name === arguments[0]) ? true : false;", card)
		row = browser.js(
			"const row = [...document.querySelectorAll('.list-row-container')]"
			".find((r) => r.querySelector(`[data-name='${arguments[0]}']`));"
			"return row ? row.innerText : null;",
			card,
		)
		label = browser.get_value(SCORECARD, card, ["period_label"]).get("period_label")
		w.expect(period, f"the scorecard list does not show {card}")
		w.expect(
			row is None or (label and label in row),
			f"the scorecard list does not say the month ({label}): {row!r}",
		)
	return f"{card} self-reviewed"


def acknowledge_penalty(w: Walk) -> str:
	fx = w.fixtures
	penalty = fx["penalty"]
	w.notice("salesperson", PENALTY, penalty)  # decided by the manager (the fixtures): acknowledge or appeal
	w.notice("team_leader", PENALTY, penalty)  # and their team leader told of it
	w.as_person("salesperson", PHONE)
	with w.step("penalty from the bell"):
		steps.open_from_bell(w, PENALTY, penalty)
	with w.step("penalty acknowledged"):
		steps.decide(w, w.label("acknowledge"))
		steps.expect_state(w, PENALTY, penalty, "acknowledged")
	return f"{penalty} acknowledged"


JOURNEY = Journey(
	"salesperson",
	"陈晨 plans next week with 添加到期客户 and hands it in (desk); on the phone records a visit (签到, 签出), hands "
	"in last month's self review, acknowledges a penalty",
	walk,
)
