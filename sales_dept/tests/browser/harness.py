"""A thin layer over selenium for the browser journeys: one headless Chromium, desk logins, viewports, the
desk's buttons, menus and dialogs found by the labels a user reads, waiting on the desk's own state,
screenshots, and what went wrong on the page (uncaught errors, error dialogs).

Runs outside the bench (no frappe here): `scripts/browser-check` gives it a virtualenv with selenium and
Debian's chromedriver.
"""

import base64
import json
import re
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import (
	JavascriptException,
	StaleElementReferenceException,
	TimeoutException,
	WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


class CheckFailed(AssertionError):
	"""The desk did something else than it should; the message says what."""


@dataclass(frozen=True)
class Viewport:
	name: str
	width: int
	height: int
	mobile: bool


DESKTOP = Viewport("desktop", 1366, 900, mobile=False)
PHONE = Viewport("phone", 390, 844, mobile=True)

# Run in every page before its own scripts: errors nobody caught (the console's "Uncaught ..."), and every
# message the desk shows with frappe.msgprint (a server's refusal, a realtime "msgprint" event...), kept with
# its title and indicator colour.
CAPTURE_PAGE = """
window.__uncaught = [];
window.__messages = [];
window.__progress = [];
window.addEventListener("error", (e) => window.__uncaught.push("Uncaught " + (e.message || e.error)));
window.addEventListener("unhandledrejection", (e) => {
	let reason = e.reason;
	try { reason = reason && (reason.stack || reason.message || JSON.stringify(reason)); } catch (err) {}
	window.__uncaught.push("Uncaught (in promise) " + reason);
});
const __sd_text = (value) => {
	if (value === undefined || value === null) return "";
	if (Array.isArray(value)) return value.map(__sd_text).join(" ");
	const box = document.createElement("div");
	box.innerHTML = String(value);
	return box.textContent.trim();
};
const __sd_watch = setInterval(() => {
	if (!window.frappe || typeof frappe.msgprint !== "function" || frappe.msgprint.__sd) return;
	const original = frappe.msgprint;
	frappe.msgprint = function (msg, title) {
		try {
			// a server's messages come as JSON strings, one or a list of them; toasts ("alert") are no dialogs
			const parse = (value) => {
				if (typeof value === "string" && value.trim().startsWith("{")) {
					try { return JSON.parse(value); } catch (err) {}
				}
				return value;
			};
			const items = Array.isArray(msg) ? msg.map(parse) : [parse(msg)];
			for (let data of items) {
				if (!data || typeof data !== "object" || Array.isArray(data)) data = { message: data, title };
				if (data.alert) continue;
				window.__messages.push({
					title: __sd_text(data.title || title),
					message: __sd_text(data.message),
					indicator: String(data.indicator || ""),
					at: Date.now() + window.__messages.length / 1000,
				});
			}
		} catch (err) {}
		return original.apply(this, arguments);
	};
	frappe.msgprint.__sd = true;
	const show_progress = frappe.show_progress;
	frappe.show_progress = function (title, count, total, description) {
		try {
			window.__progress.push({ title: __sd_text(title), percent: total ? (100 * count) / total : count,
				description: __sd_text(description), at: Date.now() });
		} catch (err) {}
		return show_progress.apply(this, arguments);
	};
}, 20);
"""

FREEZE_SHOWING = """
const overlay = document.getElementById("freeze");
if (!overlay) return false;
const style = getComputedStyle(overlay), box = overlay.getBoundingClientRect();
return style.display !== "none" && style.visibility !== "hidden" && parseFloat(style.opacity) > 0
	&& box.width > 0 && box.height > 0;
"""

# Error dialogs on screen: a message with a red indicator (frappe.throw, a server's refusal) or Frappe's
# traceback dialog.
ERROR_DIALOGS = """
return [...document.querySelectorAll(".modal.show")]
	.filter((modal) => modal.offsetParent !== null || getComputedStyle(modal).display !== "none")
	.filter((modal) => modal.querySelector(".modal-header .indicator.red, .modal-title .indicator.red")
		|| (window.frappe && frappe.error_dialog && frappe.error_dialog.$wrapper
			&& frappe.error_dialog.$wrapper[0] === modal))
	.map((modal) => modal.innerText.replace(/\\s+/g, " ").trim().slice(0, 300));
"""

VISIBLE_TEXT = """
const shown = new Map();
const visible = (element) => {
	if (shown.has(element)) return shown.get(element);
	let seen = element.checkVisibility
		? element.checkVisibility({ opacityProperty: true, visibilityProperty: true })
		: element.offsetParent !== null;
	if (seen) {
		const box = element.getBoundingClientRect();
		// screen-reader text; the user's own account button (Frappe 16 shows their login under their name)
		seen = (box.width > 1 || box.height > 1) && !element.closest(".visually-hidden, .sr-only, .dropdown-navbar-user");
	}
	shown.set(element, seen);
	return seen;
};
const texts = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
	const text = walker.currentNode.textContent.trim();
	if (text && walker.currentNode.parentElement && visible(walker.currentNode.parentElement)) texts.push(text);
}
return texts.join("\\n");
"""

# The desk's controls of a dialog or form, found by the label the user reads.
FIND_CONTROL = """
const [scope, label] = arguments;
const root = scope === "dialog"
	? [...document.querySelectorAll(".modal.show")].pop()
	: document.querySelector(".page-container:not([style*='display: none']) .form-layout") || document;
if (!root) return null;
const wanted = label.trim();
for (const control of root.querySelectorAll(".frappe-control")) {
	const shown = control.querySelector(".control-label, label");
	if (!shown || shown.offsetParent === null) continue;
	if (shown.textContent.replace("*", "").trim() === wanted) return control;
}
return null;
"""

# Console errors that say only that a page asked for something the test server has not (a favicon...).
IGNORED_CONSOLE = re.compile(r"favicon\.ico|net::ERR_ABORTED", re.I)


def is_relevant_console_error(entry: dict) -> bool:
	return entry.get("level") == "SEVERE" and not IGNORED_CONSOLE.search(entry.get("message", ""))


class Browser:
	def __init__(self, base_url: str, out_dir: Path, chromium: str, chromedriver: str):
		self.base_url = base_url.rstrip("/")
		self.out_dir = out_dir
		self.host = urllib.parse.urlsplit(self.base_url).hostname or ""
		options = webdriver.ChromeOptions()
		options.binary_location = chromium
		for argument in (
			"--headless=new",
			"--no-sandbox",  # CI runs as root
			"--disable-dev-shm-usage",
			"--disable-gpu",
			"--disable-extensions",
			"--no-first-run",
			"--lang=zh-CN",
			f"--window-size={DESKTOP.width},{DESKTOP.height}",
			# The site is served at its name: Chromium resolves *.localhost itself, any other name here.
			f"--host-resolver-rules=MAP {self.host} 127.0.0.1",
		):
			options.add_argument(argument)
		options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
		options.unhandled_prompt_behavior = "accept"  # e.g. "leave with unsaved changes?" between steps
		self.driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
		self.driver.set_page_load_timeout(60)
		self.driver.set_script_timeout(30)
		self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE_PAGE})
		self.viewport = DESKTOP
		self.user = None

	def quit(self):
		self.driver.quit()

	def cdp(self, command: str, params: dict | None = None):
		return self.driver.execute_cdp_cmd(command, params or {})

	# Session and screen
	# ------------------

	def use_viewport(self, viewport: Viewport):
		self.viewport = viewport
		self.cdp(
			"Emulation.setDeviceMetricsOverride",
			{
				"width": viewport.width,
				"height": viewport.height,
				"deviceScaleFactor": 1,
				"mobile": viewport.mobile,
			},
		)
		self.cdp("Emulation.setTouchEmulationEnabled", {"enabled": viewport.mobile})

	def allow_location(self, latitude: float, longitude: float):
		"""The page may ask where the phone is, and is told (latitude, longitude)."""
		self.cdp("Browser.grantPermissions", {"origin": self.base_url, "permissions": ["geolocation"]})
		self.cdp(
			"Emulation.setGeolocationOverride", {"latitude": latitude, "longitude": longitude, "accuracy": 10}
		)

	def login(self, user: str, password: str, attempts: int = 3):
		"""A fresh desk session for `user` (over /api/method/login, as the login page does). The previous page
		is left first, and its last requests are let finish: the desk saves the user's settings as it unloads
		(a beacon), whose answer carries the previous user's session cookie and would log the browser back in
		as them."""
		for attempt in range(1, attempts + 1):
			self.driver.get("about:blank")
			time.sleep(1)
			self.cdp("Network.clearBrowserCookies")
			self.driver.get(f"{self.base_url}/login")
			result = self.fetch("POST", "/api/method/login", {"usr": user, "pwd": password})
			if result["status"] == 200:
				time.sleep(0.3)
				logged_in = self.fetch("GET", "/api/method/frappe.auth.get_logged_user")
				if logged_in["status"] == 200 and json.loads(logged_in["text"]).get("message") == user:
					self.take_errors()  # the login page's own noise is not the journey's business
					self.user = user
					return
				result = {"status": 0, "text": f"logged in as {logged_in['text'][:100]}, not {user}"}
			if result["status"] != 0 or attempt == attempts:
				break
			time.sleep(2)  # the server did not answer (restarting?): try again
		raise CheckFailed(f"login as {user} refused: HTTP {result['status']} {result['text'][:200]}")

	def open_desk(self, path: str, ready: str = "true", timeout: float = 30):
		"""Load /app/<path> and wait until the desk has booted, nothing is frozen and `ready` (JS) holds."""
		self.driver.get(f"{self.base_url}/app/{path}")
		self.wait_for(
			f"window.frappe && frappe.boot && frappe.boot.user && !frappe.dom.freeze_count && ({ready})",
			timeout,
			f"/app/{path} did not finish loading",
		)

	def route_to(self, *route, ready: str = "true", timeout: float = 30):
		"""Move inside the booted desk as its links do (frappe.set_route), then wait until `ready` holds."""
		self.js("frappe.set_route(...arguments);", *route)
		self.wait_for(f"!frappe.dom.freeze_count && ({ready})", timeout, f"{'/'.join(route)} did not open")

	def open_form(self, doctype: str, name: str, timeout: float = 30):
		self.open_desk(f"{slug(doctype)}/{urllib.parse.quote(name)}", form_ready(name), timeout)
		time.sleep(0.5)  # the form's refresh adds its buttons right after the document is shown

	def wait_for_form(self, doctype: str, name: str | None = None, timeout: float = 30):
		"""Wait until the desk shows a form of `doctype` (the named one, or any: a new one, say)."""
		condition = f"window.cur_frm && cur_frm.doctype === {json.dumps(doctype)} && cur_frm.doc"
		if name:
			condition += f" && cur_frm.doc.name === {json.dumps(name)}"
		self.wait_for(
			f"{condition} && !frappe.dom.freeze_count && cur_frm.page.wrapper.is(':visible')",
			timeout,
			f"no {doctype} form {name or ''} on screen",
		)
		time.sleep(0.5)

	def open_list(self, doctype: str, timeout: float = 30):
		self.open_desk(
			slug(doctype),
			f"window.cur_list && cur_list.doctype === {json.dumps(doctype)} && cur_list.data"
			" && !cur_list.list_view_settings_loading && $('.frappe-list:visible').length",
			timeout,
		)
		time.sleep(0.5)

	# Reading the page
	# ----------------

	def js(self, script: str, *args):
		return self.driver.execute_script(script, *args)

	def wait_for(self, condition_js: str, timeout: float, failure: str, poll: float = 0.25):
		deadline = time.monotonic() + timeout
		last_error = None
		while time.monotonic() < deadline:
			try:
				if self.js(f"return !!({condition_js});"):
					return
			except JavascriptException as error:
				last_error = error.msg
			time.sleep(poll)
		raise CheckFailed(f"{failure} within {timeout:g} s" + (f" ({last_error})" if last_error else ""))

	def translate(self, message: str) -> str:
		"""`message` as the desk shows it to the logged-in user (frappe's __())."""
		return self.js("return __(arguments[0]);", message)

	def frozen(self) -> bool:
		"""The desk's grey freeze overlay (frappe.dom.freeze, a fixed #freeze over the page) is showing."""
		return bool(self.js(FREEZE_SHOWING))

	def visible_text(self) -> str:
		"""Everything the page shows a sighted user, one text per line: not what is hidden, transparent,
		clipped to nothing (screen-reader text) or a closed menu, nor the user's own account button."""
		return self.js(VISIBLE_TEXT) or ""

	def fetch(self, method: str, path: str, form: dict | None = None) -> dict:
		"""{status, text} of a request from the page, with the logged-in user's cookies."""
		return self.driver.execute_async_script(
			"""
			const [method, path, form, done] = arguments;
			const headers = {"Accept": "application/json", "X-Frappe-CSRF-Token": window.csrf_token || ""};
			const options = {method, headers};
			if (form) {
				headers["Content-Type"] = "application/x-www-form-urlencoded";
				options.body = new URLSearchParams(form);
			}
			fetch(path, options)
				.then((r) => r.text().then((text) => done({status: r.status, text})))
				.catch((e) => done({status: 0, text: String(e)}));
			""",
			method,
			path,
			form,
		)

	def api_get(self, path: str):
		"""GET an API path as the logged-in user; the parsed JSON body (raises on an HTTP error)."""
		result = self.fetch("GET", path)
		if result["status"] != 200:
			raise CheckFailed(f"GET {path}: HTTP {result['status']} {result['text'][:200]}")
		return json.loads(result["text"])

	def get_value(self, doctype: str, name: str, fields: list[str]) -> dict:
		"""Fields of a document as the logged-in user reads them."""
		query = urllib.parse.urlencode(
			{"doctype": doctype, "filters": json.dumps({"name": name}), "fieldname": json.dumps(fields)}
		)
		return self.api_get(f"/api/method/frappe.client.get_value?{query}").get("message") or {}

	def get_doc_with_timeline(self, doctype: str, name: str) -> dict:
		"""The document and its docinfo (comments, versions...) as the form loads them."""
		query = urllib.parse.urlencode({"doctype": doctype, "name": name})
		return self.api_get(f"/api/method/frappe.desk.form.load.getdoc?{query}")

	def visible(self, css: str):
		found = []
		for element in self.driver.find_elements(By.CSS_SELECTOR, css):
			try:
				if element.is_displayed() and element.size["width"] > 0 and element.size["height"] > 0:
					found.append(element)
			except StaleElementReferenceException:
				continue
		return found

	def texts(self, css: str) -> list[str]:
		return [text for _element, text in self.labelled(css)]

	def labelled(self, css: str) -> list[tuple]:
		"""(element, its text) of the visible elements matching `css`; a list the page redraws meanwhile
		(a refresh of the form, say) is read again."""
		for _attempt in range(3):
			try:
				return [(element, element.text.strip()) for element in self.visible(css)]
			except StaleElementReferenceException:
				time.sleep(0.3)
		return []

	# Acting as a user does
	# ---------------------

	def click(self, element, what: str):
		"""Click `element` where the user sees it: the page's head (sticky under the navbar) at the top of the
		page, anything else in the middle of the screen."""
		self.js(
			"if (arguments[0].closest('.page-head, .navbar')) window.scrollTo(0, 0);"
			" else arguments[0].scrollIntoView({block: 'center'});",
			element,
		)
		try:
			element.click()
		except WebDriverException as error:
			raise CheckFailed(f"{what} could not be clicked: {error.msg}".splitlines()[0]) from error

	def click_text(self, css: str, text: str, what: str):
		"""Click the visible element matching `css` whose text is exactly `text`."""
		found = self.labelled(css)
		for element, shown in found:
			if shown == text:
				self.click(element, f"{what} {text!r}")
				return element
		raise CheckFailed(
			f"no visible {what} {text!r}; visible: {[shown for _e, shown in found if shown][:20]}"
		)

	def find_button(self, label: str):
		"""The visible button (or link styled as one) labelled `label` on the page or in its head."""
		for element, shown in self.labelled(
			".page-head button, .page-head a.btn, .page-container:not([style*='display: none']) button,"
			" .layout-main button, .form-message button"
		):
			if shown == label:
				return element
		return None

	def menu_labels(self) -> list[str]:
		"""The items of the page's "…" menu (those a user sees once it is opened)."""
		return self.js(
			"return [...document.querySelectorAll('.page-head .menu-btn-group .dropdown-menu .menu-item-label')]"
			".map((e) => e.textContent.trim());"
		)

	def click_button(self, label: str, group: str | None = None):
		"""Click the button `label` as it shows on the page, or the item `label` of the button group `group`;
		fails saying where it is instead when it shows only in the "…" menu or nowhere."""
		if group:
			toggle = self.find_button(group)
			if toggle is not None:
				self.click(toggle, f"the button group {group!r}")
				self.click_text(
					".page-head .inner-group-button .dropdown-menu a, .page-head .dropdown-menu.show a",
					label,
					f"item of {group!r}",
				)
				return
		else:
			button = self.find_button(label)
			if button is not None:
				self.click(button, f"the button {label!r}")
				return
		wanted = f"{group} > {label}" if group else label
		where = "only in the … menu" if wanted in self.menu_labels() else "nowhere on the page"
		raise CheckFailed(
			f"no visible {wanted!r} button at {self.viewport.width}x{self.viewport.height}: {where}"
		)

	def choose_from_menu(self, label: str):
		"""The page's "…" menu, then its item `label`."""
		toggles = self.visible(".page-head .menu-btn-group > button")
		if not toggles:
			raise CheckFailed("the page has no … menu")
		self.click(toggles[0], "the … menu")
		self.click_text(".page-head .menu-btn-group .dropdown-menu .menu-item-label", label, "menu item")

	def workflow_action(self, label: str):
		"""The page's workflow action `label` (under 操作, "Actions", as Frappe shows them)."""
		actions = self.translate("Actions")
		toggle = [
			element
			for element, shown in self.labelled(".page-head .actions-btn-group > button")
			if shown == actions
		]
		if not toggle:
			raise CheckFailed(
				f"no {actions!r} menu for {label!r} (state {self.js('return cur_frm && cur_frm.doc.workflow_state;')!r})"
			)
		self.click(toggle[0], f"the {actions!r} menu")
		offered = self.texts(".page-head .actions-btn-group .dropdown-menu a.dropdown-item")
		if label not in offered:
			raise CheckFailed(f"{actions} does not offer {label!r}; it offers {offered}")
		self.click_text(
			".page-head .actions-btn-group .dropdown-menu a.dropdown-item", label, "workflow action"
		)

	def workflow_actions_offered(self) -> list[str]:
		"""The workflow actions the form offers the user (without opening the menu)."""
		return self.js(
			"return [...document.querySelectorAll('.page-head .actions-btn-group .dropdown-menu a.dropdown-item')]"
			".map((e) => e.textContent.trim()).filter((t) => t);"
		)

	def wait_for_dialog(self, what: str, timeout: float = 10):
		self.wait_for(
			"window.cur_dialog && cur_dialog.display && $('.modal.show:visible').length",  # shown: takes clicks
			timeout,
			f"no dialog {what}",
		)
		time.sleep(0.3)  # the dialog fades in

	def fill(self, label: str, value, scope: str = "dialog"):
		"""Type `value` into the control labelled `label` of the open dialog (scope "dialog") or the form."""
		control = self.js(FIND_CONTROL, scope, label)
		if control is None:
			labels = self.js(
				"const root = arguments[0] === 'dialog' ? [...document.querySelectorAll('.modal.show')].pop() : document;"
				"return root ? [...root.querySelectorAll('.frappe-control .control-label')].filter((e) => e.offsetParent)"
				".map((e) => e.textContent.trim()) : [];",
				scope,
			)
			raise CheckFailed(f"no field {label!r} in the {scope}; it shows {labels}")
		fieldtype = control.get_attribute("data-fieldtype")
		if fieldtype == "Select":
			from selenium.webdriver.support.select import Select

			Select(control.find_element(By.CSS_SELECTOR, "select")).select_by_visible_text(str(value))
			return
		field = control.find_element(By.CSS_SELECTOR, "textarea, input:not([type=hidden]), .ql-editor")
		self.click(field, f"the field {label!r}")
		field.send_keys(Keys.CONTROL, "a")
		field.send_keys(Keys.DELETE)
		field.send_keys(str(value))
		if fieldtype == "Link":
			self.pick_link_suggestion(str(value), label)
		else:
			field.send_keys(Keys.TAB)

	def fill_grid_cell(self, table: str, idx: int, fieldname: str, value):
		"""Type `value` into the cell `fieldname` of row `idx` of the form's table `table`, as a user edits a
		grid in place (a click on the cell makes it editable)."""
		cell = (
			f".frappe-control[data-fieldname='{table}'] .grid-row[data-idx='{idx}']"
			f" .grid-static-col[data-fieldname='{fieldname}']"
		)
		cells = self.visible(cell)
		if not cells:
			raise CheckFailed(f"row {idx} of the table {table!r} shows no editable {fieldname!r} column")
		self.click(cells[0], f"row {idx}'s {fieldname!r}")
		self.wait_for(
			f"$({json.dumps(cell + ' input')}).filter(':visible').length",
			5,
			f"row {idx}'s {fieldname!r} did not open",
		)
		field = self.visible(cell + " input")[0]
		field.send_keys(Keys.CONTROL, "a")
		field.send_keys(str(value))
		field.send_keys(Keys.TAB)

	def pick_link_suggestion(self, value: str, label: str):
		"""A Link field's drop-down, then the suggestion for `value` (as a user picks it). The drop-down is drawn
		again as the search's answer arrives: a suggestion gone from under the pointer is looked for again."""
		deadline = time.monotonic() + 10
		while time.monotonic() < deadline:
			try:
				for item in self.visible("ul[role=listbox] [role=option]"):
					if value in item.text:
						self.click(item, f"the suggestion {value!r} of {label!r}")
						return
			except StaleElementReferenceException:
				pass
			except CheckFailed as error:
				if "stale element" not in str(error) or time.monotonic() >= deadline:
					raise
			time.sleep(0.25)
		raise CheckFailed(f"the field {label!r} suggested nothing for {value!r}")

	def dialog_primary(self, label: str | None = None):
		"""The open dialog's primary button (its label checked when given)."""
		buttons = self.visible(".modal.show .modal-footer .btn-primary")
		if not buttons:
			raise CheckFailed("the dialog has no primary button")
		button = buttons[-1]
		if label and button.text.strip() != label:
			raise CheckFailed(f"the dialog's button reads {button.text.strip()!r}, not {label!r}")
		self.click(button, "the dialog's primary button")

	def close_dialog(self):
		"""The open dialog's × (a message read, a prompt not wanted)."""
		buttons = self.visible(".modal.show .btn-modal-close")
		if not buttons:
			raise CheckFailed("the dialog has no close button")
		self.click(buttons[-1], "the dialog's ×")
		self.wait_for("!$('.modal.show:visible').length", 5, "the dialog did not close")

	def press_escape(self):
		self.driver.switch_to.active_element.send_keys(Keys.ESCAPE)

	# Errors and evidence
	# -------------------

	def take_errors(self) -> list[str]:
		"""Uncaught errors, console errors and error dialogs since the last call (the logs are emptied)."""
		try:
			uncaught = self.js("const u = window.__uncaught || []; window.__uncaught = []; return u;") or []
			dialogs = self.js(ERROR_DIALOGS) or []
		except WebDriverException:
			uncaught, dialogs = [], []
		console = [
			entry["message"] for entry in self.driver.get_log("browser") if is_relevant_console_error(entry)
		]
		return (
			[f"error dialog: {text}" for text in dialogs]
			+ uncaught
			+ [f"console: {line}" for line in console]
		)

	def messages(self) -> list[dict]:
		"""Every message (frappe.msgprint) the page showed since it loaded: {title, message, indicator, at}."""
		try:
			return self.js("return window.__messages || [];") or []
		except WebDriverException:
			return []

	def progress(self) -> list[dict]:
		"""Every progress bar (frappe.show_progress) the page showed since it loaded: {title, percent, ...}."""
		try:
			return self.js("return window.__progress || [];") or []
		except WebDriverException:
			return []

	def screenshot(self, path: Path, max_height: int = 3000) -> Path:
		"""The whole page as it scrolls (up to `max_height` pixels), not only the screen: what a check found
		below the fold is in the picture."""
		try:
			height = min(max_height, int(self.js("return document.documentElement.scrollHeight;") or 0))
			height = max(height, self.viewport.height)
			shot = self.cdp(
				"Page.captureScreenshot",
				{
					"format": "png",
					"captureBeyondViewport": True,
					"clip": {"x": 0, "y": 0, "width": self.viewport.width, "height": height, "scale": 1},
				},
			)
			path.write_bytes(base64.b64decode(shot["data"]))
		except (WebDriverException, TimeoutException, KeyError, ValueError):
			try:
				self.driver.save_screenshot(str(path))
			except (WebDriverException, TimeoutException):
				pass
		return path


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")


def form_ready(name: str) -> str:
	return (
		f"window.cur_frm && cur_frm.doc && cur_frm.doc.name === {json.dumps(name)}"
		" && cur_frm.doc.__unsaved !== 1 && !cur_frm.refresh_if_stale && cur_frm.page.wrapper.is(':visible')"
	)
