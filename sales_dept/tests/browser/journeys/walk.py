"""One journey through the desk: who is at the screen, on what screen, the steps taken with a screenshot of
each, what was found wrong on the way, and the notices the people involved must find in their bell.

A journey is a function of a Walk. It switches person with `as_person`, takes each step inside `step(...)`
(which screenshots it and looks at what the page shows), raises CheckFailed when it cannot go on, and
notes with `expect` what is wrong but lets it go on. `notice` says which notices the bell must hold in the
end: exactly those, once each, for the people of the journey, about the documents of the journey.
"""

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sales_dept.tests.browser import visible_text
from sales_dept.tests.browser.bell import bell_problems
from sales_dept.tests.browser.harness import Browser, CheckFailed, Viewport
from sales_dept.tests.browser.site_api import SiteError, SiteSession

NOTICE_WAIT_S = 30  # a worker delivers a notice after the decision's commit: a second or two, when it runs


@dataclass(frozen=True)
class Journey:
	name: str
	summary: str  # what it walks, for the report and the README
	walk: Callable[["Walk"], str | None]


@dataclass
class Walk:
	journey: Journey
	browser: Browser
	fixtures: dict
	out: Path
	problems: list[str] = field(default_factory=list)
	expected: Counter = field(default_factory=Counter)  # (person key, doctype, name) -> notices
	documents: dict[str, str] = field(default_factory=dict)  # name -> doctype, of the journey
	people: set[str] = field(default_factory=set)
	shots: int = 0
	person: str | None = None
	shown: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, text shown) -> where first seen
	messages_read_at: float = 0  # the page's messages (frappe.msgprint) up to then are looked at already

	# Who and where
	# -------------

	def user(self, key: str) -> str:
		return self.fixtures["people"][key]["user"]

	def name_of(self, key: str) -> str:
		return self.fixtures["people"][key]["name"]

	def label(self, key: str) -> str:
		"""A workflow action or state the fixtures name, as the logged-in user reads it."""
		return self.browser.translate(self.fixtures["labels"][key])

	def as_person(self, key: str, viewport: Viewport):
		"""`key` (a person of the fixtures) at the screen `viewport`, logged in afresh if someone else was."""
		self.people.add(key)
		self.browser.use_viewport(viewport)
		if self.person != key:
			self.browser.login(self.user(key), self.fixtures["password"])
			self.person = key

	def needs(self, *parts: str):
		"""Stop here if a part of the fixtures this journey stands on could not be made."""
		broken = {part: why for part, why in self.fixtures.get("broken", {}).items() if part in parts}
		if broken:
			raise CheckFailed("fixtures not made: " + "; ".join(f"{p}: {why}" for p, why in broken.items()))

	# Steps and what they show
	# ------------------------

	@contextmanager
	def step(self, title: str, look: bool = True) -> Iterator[None]:
		"""One step of the journey: a screenshot at its end, and a look at what the page shows then."""
		started = time.monotonic()
		try:
			yield
		except CheckFailed:
			self.shot(f"{title} (failed)")
			raise
		if look:
			self.look(title)
		self.shot(title)
		print(
			f"    {self.journey.name}: {title} [{self.person}, {time.monotonic() - started:.1f} s]",
			flush=True,
		)

	def shot(self, title: str) -> Path:
		self.shots += 1
		name = re.sub(r"[^\w-]+", "-", title.lower()).strip("-")[:60]
		return self.browser.screenshot(self.out / f"{self.shots:02d}-{self.person}-{name}.png")

	def look(self, where: str):
		"""What a Chinese user must never see: English outside the allow-list, e-mail addresses for names
		(each noted once, where first seen), error dialogs, uncaught errors, and messages nobody expected."""
		self.look_at(self.browser.visible_text(), where)
		errors = self.browser.take_errors()
		if errors:
			distinct = list(dict.fromkeys(error.splitlines()[0][:200] for error in errors))
			self.expect(False, f"{len(errors)} error(s) at {where!r}: {' | '.join(distinct[:3])}")
		for message in self.unread_messages():
			if message["indicator"] != "red":  # a red one is an error dialog, reported above
				self.expect(
					False, f"the desk said at {where!r}: {message['title']}: {message['message'][:200]}"
				)

	def look_at(self, text: str, where: str):
		"""English and e-mail addresses in `text` (a print preview, say), each noted where first seen."""
		extra = (
			set(self.fixtures.get("data_words", ()))
			| set(self.fixtures.get("items", {}))
			| set(self.fixtures.get("data_emails", ()))
		)
		for kind, _what, line in visible_text.findings(text, extra):
			self.shown.setdefault((kind, line), where)

	def unread_messages(self) -> list[dict]:
		"""The page's messages (frappe.msgprint) since the last look."""
		unread = [message for message in self.browser.messages() if message["at"] > self.messages_read_at]
		if unread:
			self.messages_read_at = max(message["at"] for message in unread)
		return unread

	def read_messages(self) -> list[dict]:
		"""The messages a step expected (the result of a job, say): read, so not reported."""
		return self.unread_messages()

	def findings(self) -> list[str]:
		"""What the steps saw that a Chinese user must not: one line per kind, each text once, with the step
		where it was first seen."""
		by_kind: dict[str, list[str]] = {}
		for (kind, line), where in self.shown.items():
			by_kind.setdefault(kind, []).append(f"{line!r} (at {where!r})")
		return [
			f"{kind}: {'; '.join(items[:25])}" + (f"; and {len(items) - 25} more" if len(items) > 25 else "")
			for kind, items in by_kind.items()
		]

	def expect(self, condition, problem: str) -> bool:
		"""Note `problem` unless `condition` holds; the journey goes on."""
		if not condition and problem not in self.problems:
			self.problems.append(problem)
		return bool(condition)

	# The bell
	# --------

	def involve(self, doctype: str, name: str):
		"""A document of the journey: every notice about it, to one of its people, must be expected."""
		self.documents[name] = doctype

	def notice(self, key: str, doctype: str, name: str, count: int = 1):
		"""`key` must find `count` notice(s) about the document in their bell (once each)."""
		self.people.add(key)
		self.involve(doctype, name)
		self.expected[(key, doctype, name)] += count

	def check_bell(self, base_url: str):
		"""Each person's Notification Log about the journey's documents: exactly the expected notices, each
		subject once (the worker may still be delivering: waited for)."""
		deadline = time.monotonic() + NOTICE_WAIT_S
		sessions = {}
		while True:
			found: dict[str, list[dict]] = {}
			try:
				for key in sorted(self.people):
					if key not in sessions:
						sessions[key] = SiteSession(base_url, self.user(key), self.fixtures["password"])
					found[key] = sessions[key].notices(sorted(self.documents))
			except SiteError as error:
				self.expect(False, f"the bell could not be read: {error}")
				return
			problems = bell_problems(self.expected, found, self.name_of)
			if not problems or time.monotonic() > deadline:
				break
			time.sleep(1)
		for problem in problems:
			self.expect(False, problem)
