"""The sales manager (钱明), at the desk: generates the month's scorecards and sees the result arrive while
the page stays open (a realtime message from the background job), reviews 周洁's scorecard (rates what
the manager rates, sends it on to leadership), and opens each of the department's reports with its default
filters."""

import json
import time

from sales_dept.tests.browser.harness import DESKTOP, CheckFailed
from sales_dept.tests.browser.journeys import steps
from sales_dept.tests.browser.journeys.walk import Journey, Walk

SCORECARD = "Sales Scorecard"
RESULT_WAIT_S = 90  # the job runs on a worker: queued, scored, written, then announced
MANAGER_RATING = "90"


def report_loaded(report: str) -> str:
	"""JS: `report` has run: its script is the report's settings (the report before may still show until then),
	its last run answered, its loading screen gone, its table or its message ("nothing to show") shown."""
	name = json.dumps(report)
	return (
		f"const r = frappe.query_report; return !!r && r.report_name === {name} && !!r.report_settings"
		f" && r.report_settings === frappe.query_reports[{name}] && !!r.last_ajax"
		" && r.last_ajax.state() !== 'pending' && r.$loading && !r.$loading.is(':visible')"
		" && (!!r.datatable || r.$message.is(':visible')) && !frappe.dom.freeze_count;"
	)


def walk(w: Walk) -> str:
	fx = w.fixtures
	w.needs("department")
	done = [generate_scorecards(w)]
	if w.expect("scorecards" not in fx["broken"], f"fixtures: scorecards: {fx['broken'].get('scorecards')}"):
		done.append(review_scorecard(w))
	done.append(open_reports(w))
	return ", ".join(done)


def generate_scorecards(w: Walk) -> str:
	"""生成评分卡 on the scorecard list: the job's result ("N made, ...") arrives on the open page."""
	browser = w.browser
	w.as_person("manager", DESKTOP)
	with w.step("scorecard list"):
		browser.open_list(SCORECARD)
		steps.expect_realtime(w)
	with w.step("generate dialog"):
		browser.click_button(browser.translate("Generate Scorecards"))
		browser.wait_for_dialog("to generate scorecards")
		template = browser.js("return cur_dialog.get_value('template');")
		if not template:
			# as the manager reads the template's name (a translated doctype: searched in their language)
			browser.fill(
				browser.translate("Scorecard Template"), browser.translate(w.fixtures["scorecard_template"])
			)
		company = browser.js("return cur_dialog.get_value('company');")
		w.expect(
			company == w.fixtures["company"],
			f"the dialog proposes the company {company!r}, not the manager's",
		)
	with w.step("result arrives"):
		w.read_messages()
		before = len(browser.messages())
		clicked = time.monotonic()
		browser.dialog_primary()
		arrived = steps.wait_until(lambda: len(browser.messages()) > before, RESULT_WAIT_S)
		progress = browser.progress()
		w.expect(progress, "no progress bar of the generation reached the open page (realtime)")
		if not arrived:
			last = progress[-1] if progress else {}
			connected = browser.js("return !!(frappe.realtime.socket && frappe.realtime.socket.connected);")
			raise CheckFailed(
				f"the scorecards' result did not reach the open page within {RESULT_WAIT_S} s (the job's realtime"
				f" message to the manager); the progress bar stopped at {last.get('percent', 0):.0f} %"
				f" {last.get('description', '')!r}; the page is {'' if connected else 'not '}connected to"
				" the realtime server"
			)
		message = w.read_messages()[-1]
		w.expect(message["indicator"] != "red", f"the generation ended with an error: {message}")
		w.expect(any(ch.isdigit() for ch in message["message"]), f"the result says no count: {message}")
		seconds = time.monotonic() - clicked
		time.sleep(0.5)
		w.shot("result")
		browser.close_dialog()
	return f"scorecards generated, result on the page after {seconds:.0f} s ({message['message'][:40]!r})"


def review_scorecard(w: Walk) -> str:
	"""周洁's scorecard from the bell: the manager's ratings, saved, then 提交领导审批 (send to leadership)."""
	fx, browser = w.fixtures, w.browser
	card = fx["colleague_scorecard"]
	w.notice("colleague", SCORECARD, card)  # released for self review (the fixtures)
	w.notice("manager", SCORECARD, card)  # self review handed in: waits for the manager's review
	w.notice("leadership", SCORECARD, card)  # sent on: waits for leadership's approval
	w.as_person("manager", DESKTOP)
	with w.step("scorecard from the bell"):
		steps.open_from_bell(w, SCORECARD, card)
	with w.step("manager's ratings"):
		rows = browser.js(
			"return (cur_frm.doc.kpis || []).filter((r) => r.manager_rated && r.weight).map((r) => r.idx);"
		)
		for idx in rows:
			browser.fill_grid_cell("kpis", idx, "rating", MANAGER_RATING)
		if rows:
			steps.save(w)
	with w.step("sent to leadership"):
		steps.decide(w, w.label("to_leadership"))
		steps.expect_state(w, SCORECARD, card, "leadership_approval")
	return f"{card} reviewed ({len(rows)} rating(s)) and sent to leadership"


def open_reports(w: Walk) -> str:
	"""Each of the department's script reports with its default filters: rows, and no error. The manager
	goes from one to the next inside the desk, as its links do (no page load between two reports)."""
	browser = w.browser
	w.as_person("manager", DESKTOP)
	browser.open_desk("")
	empty = []
	for report in w.fixtures["reports"]:
		with w.step(f"report {report}"):
			browser.route_to(
				"query-report",
				report,
				ready=f"frappe.query_report && frappe.query_report.report_name === {json.dumps(report)}",
			)
			loaded = report_loaded(report)
			settled = steps.wait_until(lambda loaded=loaded: browser.js(loaded), 30)
			time.sleep(0.5)  # a filter set as the report opens runs it once more
			settled = settled and steps.wait_until(lambda loaded=loaded: browser.js(loaded), 30)
			w.expect(settled, f"the report {report} did not finish loading")
			rows = browser.js("return (frappe.query_report.data || []).length;") or 0
			if not rows:
				empty.append(report)
	w.expect(not empty, f"reports showing no rows with their default filters: {empty}")
	return f"{len(w.fixtures['reports'])} reports opened"


JOURNEY = Journey(
	"manager",
	"钱明 generates the month's scorecards and sees the result arrive (realtime), reviews 周洁's scorecard, "
	"opens every report of the department",
	walk,
)
