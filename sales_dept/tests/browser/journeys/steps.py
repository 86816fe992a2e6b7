"""Small steps every journey takes, as a user takes them: find a notice in the bell and open it, make a new
document from its list, save, submit, take a workflow action (with the decider's comment when asked),
wait until the server has the document in the state the step led to."""

import json
import time
from collections.abc import Callable

from sales_dept.tests.browser.harness import CheckFailed, slug
from sales_dept.tests.browser.journeys.walk import Walk

SETTLE_S = 10  # how long a finished action may take to give the page back


def wait_until(predicate: Callable[[], bool], seconds: float) -> bool:
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		if predicate():
			return True
		time.sleep(0.25)
	return predicate()


# Arriving
# --------

WORKSPACE_ZH = "销售部"  # what the README promises Chinese users see
# Where the desk's home lists the workspaces: Frappe 15's sidebar, Frappe 16's desktop of icons.
WORKSPACE_LABELS = (
	".desk-sidebar .sidebar-item-label, .desktop-container .icon-title, .icon-caption .icon-title"
)


def open_workspace(w: Walk):
	"""The desk's home, then the 销售部 workspace from its list of workspaces."""
	browser = w.browser
	browser.open_desk("", f"document.querySelector({json.dumps(WORKSPACE_LABELS)})")
	browser.click_text(WORKSPACE_LABELS, WORKSPACE_ZH, "workspace")
	browser.wait_for(
		"document.querySelector('.layout-main-section .ce-block') && ($('.page-head:visible .title-text')"
		f".text().trim() || document.title) === {json.dumps(WORKSPACE_ZH)}",
		15,
		f"the {WORKSPACE_ZH} workspace did not open",
	)
	time.sleep(1)  # the workspace fades its cards in


# The bell: Frappe 15's in the navbar; Frappe 16's on the desktop of icons, or "通知" in a form's sidebar.
BELLS = (
	".navbar .dropdown-notifications .notifications-icon",
	".desktop-notifications .dropdown-notifications > button",
	".body-sidebar .sidebar-notification",
)


def open_from_bell(w: Walk, doctype: str, name: str, link: str | None = None):
	"""The bell, then the notice about `name`: the form it leads to (or, for a notice of several documents,
	the list at `link`). A notice the worker has not delivered yet is waited for on the open page (the bell
	updates itself over realtime), then on the desk's home; where the page shows no bell (a form on a Frappe 16
	phone), the user goes home to find it."""
	browser = w.browser
	if not browser.js("return !!(window.frappe && frappe.boot && frappe.boot.user);"):
		browser.open_desk("")
	shown_as = browser.js("return frappe.session.user;")
	if shown_as != w.user(w.person):
		raise CheckFailed(f"the desk is logged in as {shown_as}, not as {w.user(w.person)}")
	opens_list = link is not None
	link = link or f"/{slug(doctype)}/{name}"  # under /app on Frappe 15, /desk on 16
	notice = f"(a) => (a.getAttribute('href') || '').endsWith({json.dumps(link)})"
	found = f"[...document.querySelectorAll('.notification-item')].some({notice})"
	if not wait_until(lambda: browser.js(f"return {found};"), 10):
		browser.open_desk("")
		if not wait_until(lambda: browser.js(f"return {found};"), 15):
			shown = browser.js(
				"return [...document.querySelectorAll('.notification-item')].map((a) => a.getAttribute('href'));"
			)
			raise CheckFailed(
				f"{w.name_of(w.person)}'s bell has no notice about {doctype} {name}: {shown[:6]}"
			)
	bells = browser.visible(", ".join(BELLS))
	if not bells:
		browser.open_desk("")
		bells = browser.visible(", ".join(BELLS))
	if not bells:
		raise CheckFailed(f"no bell on the desk's home at {browser.viewport.width}x{browser.viewport.height}")
	browser.click(bells[0], "the bell")
	time.sleep(0.5)  # the list drops down
	items = [
		item
		for item in browser.visible(".notification-item")
		if item.get_attribute("href") and item.get_attribute("href").endswith(link)
	]
	if not items:
		raise CheckFailed(f"the bell's list shows no notice about {doctype} {name}")
	w.shot(f"bell of {w.person}")
	w.look("the bell")
	browser.click(items[0], f"the notice about {name}")
	if opens_list:
		browser.wait_for(
			f"window.cur_list && cur_list.doctype === {json.dumps(doctype)} && cur_list.data"
			" && cur_list.data.length && cur_list.page.wrapper.is(':visible')",
			30,
			f"the notice about {name} did not open a list of {doctype} with rows",
		)
		time.sleep(1)  # the list's rows are drawn
	else:
		browser.wait_for_form(doctype, name)


def open_form(w: Walk, doctype: str, name: str):
	w.browser.open_form(doctype, name)


def new_from_list(w: Walk, doctype: str):
	"""The list of `doctype`, then its primary button (新增...): a new form."""
	browser = w.browser
	browser.open_list(doctype)
	buttons = browser.visible(".page-head .primary-action")
	if not buttons:
		raise CheckFailed(f"the {browser.translate(doctype)} list offers no button to add one")
	browser.click(buttons[0], f"the list's {buttons[0].text.strip()!r}")
	browser.wait_for(
		f"window.cur_frm && cur_frm.doctype === {json.dumps(doctype)} && cur_frm.is_new()"
		" && cur_frm.page.wrapper.is(':visible')",
		20,
		f"no new {doctype} form",
	)
	time.sleep(1)  # the form's onload fills its defaults (the user's salesperson...)


# Saving and deciding
# -------------------


def save(w: Walk) -> str:
	"""The form's 保存 (Save): the document's name once saved."""
	browser = w.browser
	read_message_shown(w, "opening the form", settle=0)
	browser.click_button(browser.translate("Save"))
	browser.wait_for(
		"window.cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty() && !frappe.dom.freeze_count && !cur_frm.saving",
		30,
		"the form was not saved",
	)
	read_message_shown(w, "saving")
	return browser.js("return cur_frm.doc.name;")


def read_message_shown(w: Walk, after: str, settle: float = 0.5):
	"""A message the desk put up after `after` (nobody expected it): noted as a problem, read and closed, as
	the user would, so that the journey goes on."""
	browser = w.browser
	time.sleep(settle)
	if not browser.js("return !!(frappe.msg_dialog && frappe.msg_dialog.display);"):
		return
	for message in w.unread_messages():
		w.expect(False, f"the desk said after {after}: {message['title']}: {message['message'][:200]}")
	w.shot(f"message after {after}")
	browser.close_dialog()


def submit(w: Walk):
	"""The form's 提交 (Submit), then 是 (Yes) in Frappe's confirmation."""
	browser = w.browser
	read_message_shown(w, "saving", settle=0)
	browser.click_button(browser.translate("Submit"))
	browser.wait_for_dialog("asking to confirm the submission")
	browser.dialog_primary(browser.translate("Yes"))
	browser.wait_for(
		"window.cur_frm && cur_frm.doc.docstatus === 1 && !frappe.dom.freeze_count",
		30,
		"the document was not submitted",
	)
	read_message_shown(w, "submitting")


def decide(w: Walk, action: str, comment: str | None = None, doctype: str | None = None):
	"""The workflow action `action` (its label as shown) from the form's 操作 menu; the decider's comment
	typed when a dialog asks for one, Frappe's confirmation answered 是; then the form reloaded."""
	browser = w.browser
	doctype = doctype or browser.js("return cur_frm.doctype;")
	name = browser.js("return cur_frm.doc.name;")
	before = browser.js("return cur_frm.doc.workflow_state;")
	browser.workflow_action(action)
	if wait_until(lambda: browser.js("return !!(window.cur_dialog && cur_dialog.display);"), 4):
		time.sleep(0.3)
		fields = browser.visible(
			".modal.show textarea, .modal.show .frappe-control[data-fieldtype=Data] input"
		)
		if fields:
			if comment:
				fields[0].send_keys(comment)
			w.shot(f"{action} dialog")
			browser.dialog_primary()
		else:  # a confirmation (Frappe 16 asks before a workflow action)
			browser.dialog_primary()
	if not wait_until(lambda: server_state(w, doctype, name) != before, 20):
		raise CheckFailed(f"{doctype} {name} is still {before!r} after {action!r}")
	browser.wait_for(
		f"window.cur_frm && cur_frm.doc.name === {json.dumps(name)} && cur_frm.doc.workflow_state !== {json.dumps(before)}"
		" && !frappe.dom.freeze_count",
		SETTLE_S,
		f"the form did not show the new state after {action!r}",
	)
	time.sleep(0.5)


def server_state(w: Walk, doctype: str, name: str, field: str = "workflow_state"):
	return w.browser.get_value(doctype, name, [field]).get(field)


def expect_state(w: Walk, doctype: str, name: str, state_key: str):
	"""The document's workflow state on the server is the fixtures' state `state_key`."""
	wanted = w.fixtures["labels"][state_key]
	state = server_state(w, doctype, name)
	w.expect(state == wanted, f"{doctype} {name} is {state!r}, expected {wanted!r}")


def expect_realtime(w: Walk):
	"""The desk is connected to the site's realtime server (socket.io), as it is on a running site."""
	browser = w.browser
	connected = wait_until(
		lambda: browser.js(
			"return !!(frappe.realtime && frappe.realtime.socket && frappe.realtime.socket.connected);"
		),
		10,
	)
	w.expect(
		connected,
		f"the desk at {browser.base_url} is not connected to the realtime server (socket.io): "
		"no live updates, progress or notices reach it",
	)
