"""What the browser checks do, as the people of `fixtures.make` (language 中文) would.

Each check gets the Browser and the fixtures (the dict `fixtures.make` returned) and raises CheckFailed
saying everything it found wrong; returning means it passed (a returned string is shown beside PASS).
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from sales_dept.tests.browser.harness import DESKTOP, PHONE, Browser, CheckFailed, Viewport

VISIT_PLAN, VISIT_RECORD = "Visit Plan", "Visit Record"
WORKSPACE_ZH = "销售部"  # what the README promises Chinese users see
SETTLE_SECONDS = 4  # how long a finished action may take to give the page back


@dataclass(frozen=True)
class Check:
	name: str
	user: str  # key in the fixtures: "salesperson" or "team_leader"
	viewport: Viewport
	run: Callable[[Browser, dict], str | None]


def fail_if(problems: list[str]):
	if problems:
		raise CheckFailed("; ".join(problems))


def errors_problem(browser: Browser, when: str) -> list[str]:
	errors = browser.take_errors()
	if not errors:
		return []
	shown = " | ".join(error.splitlines()[0][:160] for error in errors[:3])
	return [f"{len(errors)} uncaught/console error(s) {when}: {shown}"]


def workflow(fixtures: dict, name: str) -> str:
	"""A state or action of the Visit Plan workflow, as `fixtures.make` read it from sales_dept.setup.workflows."""
	return fixtures["workflow"][name]


def server_state(browser: Browser, plan: str) -> str:
	return browser.api_get(f"/api/resource/Visit%20Plan/{plan}")["data"].get("workflow_state")


def open_pending_plan(browser: Browser, fixtures: dict, plan: str):
	browser.open_form(VISIT_PLAN, plan)
	state, pending = browser.js("return cur_frm.doc.workflow_state;"), workflow(fixtures, "pending")
	if state != pending:
		raise CheckFailed(f"{plan} is {state!r}, not {pending!r}: run fixtures.make first")


def choose_send_back(browser: Browser, fixtures: dict) -> str:
	"""Actions → Send Back (in the user's language); returns the label clicked."""
	label = browser.translate(workflow(fixtures, "send_back"))
	browser.click_text(".page-head .actions-btn-group > button", browser.translate("Actions"), "Actions menu")
	browser.click_text(
		".page-head .actions-btn-group .dropdown-menu a.dropdown-item", label, "workflow action"
	)
	return label


def wait_for_dialog(browser: Browser, what: str):
	browser.wait_for(
		"window.cur_dialog && cur_dialog.display && $('.modal.show:visible').length",  # shown: it takes clicks
		5,
		f"no dialog {what}",
	)


def wait_until(predicate: Callable[[], bool], seconds: float) -> bool:
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		if predicate():
			return True
		time.sleep(0.25)
	return predicate()


def send_back_with_comment(browser: Browser, fixtures: dict) -> str:
	"""Issue 13.2: the team leader sends the pending plan back with a comment; the page is given back."""
	plan = fixtures["send_back_plan"]
	open_pending_plan(browser, fixtures, plan)
	problems = errors_problem(browser, "while opening the plan")
	label = choose_send_back(browser, fixtures)
	wait_for_dialog(browser, f"asked for the approver's comment after {label}")
	comment = f"请补充每次拜访的目标（浏览器检查 {int(time.time())}）"
	fields = browser.visible(".modal.show textarea") or browser.visible(".modal.show input[type=text]")
	if not fields:
		raise CheckFailed("the Send Back dialog has no text box for the comment")
	fields[0].send_keys(comment)
	browser.visible(".modal.show .modal-footer .btn-primary")[0].click()

	sent_back_state = workflow(fixtures, "sent_back")
	sent_back = wait_until(lambda: server_state(browser, plan) == sent_back_state, 10)
	given_back = wait_until(lambda: not browser.frozen(), SETTLE_SECONDS)
	if not given_back:
		problems.append(f"the page is still frozen (grey overlay) {SETTLE_SECONDS} s after the send back")
	if not sent_back:
		problems.append(f"the plan is {server_state(browser, plan)!r}, not {sent_back_state!r}")
	timeline = json.dumps(browser.get_doc_with_timeline(VISIT_PLAN, plan), ensure_ascii=False)
	if comment not in timeline:
		problems.append("the comment is recorded neither on the plan nor in its timeline")
	problems += errors_problem(browser, f"after {label}")
	fail_if(problems)
	return f"{plan} sent back with the comment, page usable"


def cancel_send_back(browser: Browser, fixtures: dict) -> str:
	"""Closing the comment prompt gives the page back and leaves the plan pending."""
	plan = fixtures["cancel_plan"]
	open_pending_plan(browser, fixtures, plan)
	problems = errors_problem(browser, "while opening the plan")
	label = choose_send_back(browser, fixtures)
	wait_for_dialog(browser, f"asked for the approver's comment after {label}")
	close = browser.visible(".modal.show .btn-modal-close")
	if close:
		close[0].click()
	else:
		browser.press_escape()
	closed = wait_until(lambda: not browser.visible(".modal.show"), SETTLE_SECONDS)
	given_back = wait_until(lambda: not browser.frozen(), SETTLE_SECONDS)
	time.sleep(1)  # a late workflow call would land now
	if not closed:
		problems.append("the dialog stayed open after closing it")
	if not given_back:
		problems.append(
			f"the page is still frozen (grey overlay) {SETTLE_SECONDS} s after closing the prompt"
		)
	state, pending = server_state(browser, plan), workflow(fixtures, "pending")
	if state != pending:
		problems.append(f"the plan is {state!r} after cancelling, not {pending!r}")
	problems += errors_problem(browser, "after closing the prompt")
	fail_if(problems)
	return f"{plan} still pending, page usable"


def phone_check_in_button(browser: Browser, fixtures: dict) -> str:
	"""Issue 13.10: on a phone a draft Visit Record shows Check In as a primary button, and it works."""
	record = fixtures["draft_visit_record"]
	browser.cdp("Browser.grantPermissions", {"origin": browser.base_url, "permissions": ["geolocation"]})
	browser.cdp(
		"Emulation.setGeolocationOverride", {"latitude": 31.2304, "longitude": 121.4737, "accuracy": 10}
	)
	browser.open_form(VISIT_RECORD, record)
	problems = errors_problem(browser, "while opening the record")
	label = browser.translate("Check In")
	# Any visible button of the form's page (page head or body), as the form opens, without scrolling.
	buttons = [button for button in browser.visible(".page-container button") if button.text.strip() == label]
	if not buttons:
		in_menu = browser.js(
			"return [...document.querySelectorAll('.page-head .dropdown-menu .menu-item-label')]"
			".some((e) => e.textContent.trim() === arguments[0]);",
			label,
		)
		where = "only in the … menu" if in_menu else "nowhere on the form"
		raise CheckFailed(f"no visible {label!r} button at {PHONE.width}x{PHONE.height}: it is {where}")
	button = buttons[0]
	box = browser.js(
		"const r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom];", button
	)
	left, right, top, bottom = box
	if left < 0 or right > browser.viewport.width or top < 0 or bottom > browser.viewport.height:
		problems.append(
			f"the {label!r} button is not on the first screen (x {left:.0f}..{right:.0f}, y {top:.0f}..{bottom:.0f})"
		)
	if "btn-primary" not in (button.get_attribute("class") or ""):
		problems.append(
			f"the {label!r} button is not a primary button (class {button.get_attribute('class')!r})"
		)
	button.click()
	try:
		browser.wait_for("cur_frm.doc.check_in", 20, f"{label!r} did not fill the check-in time")
	except CheckFailed as error:
		problems.append(str(error))
	problems += errors_problem(browser, f"after {label}")
	# Leave the record a draft to check in (and no "unsaved changes" prompt on the next page).
	browser.js("cur_frm.doc.__unsaved && cur_frm.reload_doc();")
	browser.wait_for("!cur_frm.doc.__unsaved", 10, "the record did not reload unchanged")
	fail_if(problems)
	return f"{record}: {label!r} is a visible primary button and fills the check-in"


# Where the desk's home lists the workspaces: Frappe 15's sidebar, Frappe 16's desktop of icons.
WORKSPACE_LABELS = (
	".desk-sidebar .sidebar-item-label, .desktop-container .icon-title, .icon-caption .icon-title"
)


def page_title(browser: Browser) -> str:
	"""The page's title as shown: Frappe 15 in the page head, Frappe 16 (whose head may show none) in the tab."""
	return browser.js("return $('.page-head:visible .title-text').text().trim() || document.title;")


def chinese_smoke(browser: Browser, fixtures: dict) -> str:
	"""The salesperson's desk is in Chinese: the 销售部 workspace, the Visit Plan list loads cleanly."""
	browser.open_desk("", f"document.querySelector({json.dumps(WORKSPACE_LABELS)})")
	labels = browser.js(
		f"return [...document.querySelectorAll({json.dumps(WORKSPACE_LABELS)})].map((e) => e.textContent.trim());"
	)
	if WORKSPACE_ZH not in labels:
		raise CheckFailed(f"the desk's home lists no {WORKSPACE_ZH!r} workspace: {labels}")
	problems = errors_problem(browser, "on the desk's home")
	browser.click_text(WORKSPACE_LABELS, WORKSPACE_ZH, "workspace")
	browser.wait_for(
		"document.querySelector('.layout-main-section .ce-block') && ($('.page-head:visible .title-text')"
		f".text().trim() || document.title) === {json.dumps(WORKSPACE_ZH)}",
		15,
		f"the {WORKSPACE_ZH} workspace did not open",
	)
	time.sleep(1)  # the workspace fades its cards in
	browser.screenshot("chinese-smoke-workspace")
	problems += errors_problem(browser, f"on the {WORKSPACE_ZH} workspace")
	title = browser.translate(VISIT_PLAN)
	browser.open_desk(
		"visit-plan",
		"window.cur_list && cur_list.doctype === 'Visit Plan' && cur_list.data && cur_list.data.length"
		" && document.querySelector('.list-row-container')",
	)
	shown_title = page_title(browser)
	if shown_title != title or title == VISIT_PLAN:
		problems.append(f"the list is titled {shown_title!r}, expected the Chinese {title!r}")
	rows = browser.js("return cur_list.data.length;")
	problems += errors_problem(browser, "on the Visit Plan list")
	fail_if(problems)
	return f"workspace {WORKSPACE_ZH}, {title} list with {rows} plan(s)"


CHECKS = (
	Check("zh-smoke", "salesperson", DESKTOP, chinese_smoke),
	Check("phone-check-in-button", "salesperson", PHONE, phone_check_in_button),
	Check("send-back-with-comment", "team_leader", DESKTOP, send_back_with_comment),
	Check("send-back-cancelled", "team_leader", DESKTOP, cancel_send_back),
)
