"""A thin layer over selenium for the browser checks: one headless Chromium, desk logins, viewports,
waiting on the desk's own state, screenshots, and the errors the page raised.

Runs outside the bench (no frappe here): `scripts/browser-check` gives it a virtualenv with selenium and
Debian's chromedriver.
"""

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import JavascriptException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


class CheckFailed(AssertionError):
	"""A check saw the desk do something else than it should; the message says what."""


@dataclass(frozen=True)
class Viewport:
	name: str
	width: int
	height: int
	mobile: bool


DESKTOP = Viewport("desktop", 1366, 900, mobile=False)
PHONE = Viewport("phone", 390, 844, mobile=True)

# Recorded from the first script the page runs: errors nobody caught, which the console shows as
# "Uncaught ..." / "Uncaught (in promise) ...".
CAPTURE_UNCAUGHT = """
window.__uncaught = [];
window.addEventListener("error", (e) => window.__uncaught.push("Uncaught " + (e.message || e.error)));
window.addEventListener("unhandledrejection", (e) => {
	let reason = e.reason;
	try { reason = reason && (reason.stack || reason.message || JSON.stringify(reason)); } catch (err) {}
	window.__uncaught.push("Uncaught (in promise) " + reason);
});
"""

FREEZE_SHOWING = """
const overlay = document.getElementById("freeze");
if (!overlay) return false;
const style = getComputedStyle(overlay), box = overlay.getBoundingClientRect();
return style.display !== "none" && style.visibility !== "hidden" && parseFloat(style.opacity) > 0
	&& box.width > 0 && box.height > 0;
"""

# Console errors that say only that this test server runs without Frappe's realtime (socket.io) server.
NO_REALTIME_SERVER = re.compile(r"socket\.io", re.I)


def is_relevant_console_error(entry: dict) -> bool:
	return entry.get("level") == "SEVERE" and not NO_REALTIME_SERVER.search(entry.get("message", ""))


class Browser:
	def __init__(self, base_url: str, out_dir: Path, chromium: str, chromedriver: str):
		self.base_url = base_url.rstrip("/")
		self.out_dir = out_dir
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
		):
			options.add_argument(argument)
		options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
		options.unhandled_prompt_behavior = "accept"  # e.g. "leave with unsaved changes?" between checks
		self.driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
		self.driver.set_page_load_timeout(60)
		self.driver.set_script_timeout(30)
		self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE_UNCAUGHT})
		self.viewport = DESKTOP

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

	def login(self, user: str, password: str, attempts: int = 3):
		"""A fresh desk session for `user` (over /api/method/login, as the login page does)."""
		self.driver.delete_all_cookies()
		for attempt in range(1, attempts + 1):
			self.driver.get(f"{self.base_url}/login")
			result = self.driver.execute_async_script(
				"""
				const [usr, pwd, done] = arguments;
				fetch("/api/method/login", {
					method: "POST",
					headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
					body: new URLSearchParams({usr, pwd}),
				}).then((r) => r.text().then((text) => done({status: r.status, text})))
				  .catch((e) => done({status: 0, text: String(e)}));
				""",
				user,
				password,
			)
			if result["status"] == 200:
				self.take_errors()  # the login page's own noise is not the check's business
				return
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

	def open_form(self, doctype: str, name: str, timeout: float = 30):
		self.open_desk(
			f"{slug(doctype)}/{name}",
			f"window.cur_frm && cur_frm.doc && cur_frm.doc.name === {json.dumps(name)}"
			" && cur_frm.doc.__unsaved !== 1 && !cur_frm.refresh_if_stale",
			timeout,
		)
		time.sleep(0.5)  # the form's refresh adds its buttons right after the document is shown

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

	def api_get(self, path: str):
		"""GET an API path as the logged-in user; the parsed JSON body (raises on an HTTP error)."""
		result = self.driver.execute_async_script(
			"""
			const [path, done] = arguments;
			fetch(path, {headers: {"Accept": "application/json"}})
				.then((r) => r.text().then((text) => done({status: r.status, text})))
				.catch((e) => done({status: 0, text: String(e)}));
			""",
			path,
		)
		if result["status"] != 200:
			raise CheckFailed(f"GET {path}: HTTP {result['status']} {result['text'][:200]}")
		return json.loads(result["text"])

	def get_doc_with_timeline(self, doctype: str, name: str) -> dict:
		"""The document and its docinfo (comments, versions...) as the form loads them."""
		query = f"doctype={doctype.replace(' ', '%20')}&name={name}"
		return self.api_get(f"/api/method/frappe.desk.form.load.getdoc?{query}")

	def visible(self, css: str):
		return [
			element for element in self.driver.find_elements(By.CSS_SELECTOR, css) if element.is_displayed()
		]

	def click_text(self, css: str, text: str, what: str):
		"""Click the visible element matching `css` whose text is exactly `text`."""
		for element in self.visible(css):
			if element.text.strip() == text:
				try:
					element.click()
				except WebDriverException as error:
					raise CheckFailed(f"{what} ({text!r}) could not be clicked: {error.msg}") from error
				return element
		shown = [element.text.strip() for element in self.visible(css)]
		raise CheckFailed(f"no visible {what} {text!r}; visible: {shown}")

	def press_escape(self):
		self.driver.switch_to.active_element.send_keys(Keys.ESCAPE)

	# Errors and evidence
	# -------------------

	def take_errors(self) -> list[str]:
		"""Uncaught errors and console errors since the last call (the console's log is emptied)."""
		try:
			uncaught = self.js("const u = window.__uncaught || []; window.__uncaught = []; return u;") or []
		except WebDriverException:
			uncaught = []
		console = [
			entry["message"] for entry in self.driver.get_log("browser") if is_relevant_console_error(entry)
		]
		return uncaught + [f"console: {line}" for line in console]

	def screenshot(self, name: str) -> Path:
		path = self.out_dir / f"{name}.png"
		try:
			self.driver.save_screenshot(str(path))
		except (WebDriverException, TimeoutException):
			return path
		return path


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")
