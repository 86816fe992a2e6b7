"""What a page shows a Chinese user, read as text: English words that should have been Chinese, and e-mail
addresses where a person's name belongs. No selenium and no frappe here (tier-1 tests beside it).

A "word" is a run of letters, digits and the joiners of codes (. _ / -) holding two Latin letters or more.
A code or a document name (SAL-QTN-2026-00001, R8, 2026-12) carries a digit and is no English, nor is a path
or a time zone (Asia/Shanghai, shown beside a time); names of
products and systems that stay in Latin letters in Chinese are in ALLOWED; a journey adds the codes of its
own records (item codes, say) through `extra`.
"""

import re

# Shown in Latin letters to Chinese users on purpose: product and system names, currency codes, abbreviations
# that Chinese uses as they are.
ALLOWED = frozenset(
	{
		"ERPNext",
		"ERP",
		"CRM",
		"Frappe",
		"CNY",
		"RMB",
		"USD",
		"EUR",
		"VIP",
		"KPI",
		"PDF",
		"ID",
		"Excel",
		"CSV",
		"URL",
		"API",
		"Email",  # the desk's own "Email" in menus, kept by Frappe's zh catalogue
		"POS",  # ERPNext's zh catalogue keeps "POS" (the point of sale) as it is
		"Webhook",  # the group robots' address, as 企业微信, 钉钉 and 飞书 name it in Chinese (Webhook地址)
	}
)

# Texts Frappe writes into the desk without passing them through __(), so that no app's catalogue can
# translate them: each a whole line of what the page shows, by the Frappe version that shows it. Listed in
# the README as known.
FRAPPE_UNTRANSLATABLE = frozenset(
	{
		"Ctrl+K",  # Frappe 16: the search bar's keyboard shortcut (desk/page/desktop/desktop.js, sidebar.js)
		# Frappe 15 and 16: the message of ERPNext's Success Action for Quotation, a record ERPNext writes in
		# English at install (setup/default_success_action.py) and form/success_action.js shows as stored
		"Quotation has been submitted successfully",
	}
)

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/\-]*")
LATIN_LETTER = re.compile(r"[A-Za-z]")
DIGIT = re.compile(r"\d")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def emails(text: str) -> list[str]:
	"""The e-mail addresses in `text`, each once, in order of appearance."""
	return list(dict.fromkeys(EMAIL.findall(text)))


def english_words(text: str, extra: frozenset[str] | set[str] = frozenset()) -> list[str]:
	"""The words of Latin letters in `text` that are neither codes nor allowed, each once, in order."""
	text = EMAIL.sub(" ", text)  # e-mail addresses are reported by `emails`
	text = "\n".join(line for line in text.splitlines() if line.strip() not in FRAPPE_UNTRANSLATABLE)
	found = []
	for token in WORD.findall(text):
		token = token.strip("._/-")
		if len(LATIN_LETTER.findall(token)) < 2 or DIGIT.search(token) or "/" in token:
			continue
		if token in ALLOWED or token in extra:
			continue
		found.append(token)
	return list(dict.fromkeys(found))


ENGLISH, EMAIL_FOUND = "English shown to a Chinese user", "e-mail addresses shown where names belong"


def findings(text: str, extra: frozenset[str] | set[str] = frozenset()) -> list[tuple[str, str, str]]:
	"""(kind, what, the line it is on) for each English word and e-mail address in `text` (lines of what a
	page shows). `extra`: words of the data allowed (names of records), and addresses that are data, not a
	person shown by their address (a customer's, in ERPNext's "Raised By (Email)" of an Issue)."""
	found = [(ENGLISH, word, line_of(text, word)) for word in english_words(text, extra)]
	return found + [
		(EMAIL_FOUND, address, line_of(text, address)) for address in emails(text) if address not in extra
	]


def problems(text: str, where: str, extra: frozenset[str] | set[str] = frozenset()) -> list[str]:
	"""What is wrong with `text` for a Chinese user at `where`, one message per kind, each finding with the
	line it is on."""
	by_kind: dict[str, list[str]] = {}
	for kind, what, line in findings(text, extra):
		by_kind.setdefault(kind, []).append(f"{what} ({line!r})")
	return [f"{kind} on {where}: {', '.join(shown[:8])}" for kind, shown in by_kind.items()]


def line_of(text: str, word: str, width: int = 80) -> str:
	"""The first line of `text` holding `word` as a word: whole, or the piece of `width` characters holding
	it (the pieces cut at fixed places, so that the words of one piece are reported together)."""
	pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])")
	for line in text.splitlines():
		match = pattern.search(line)
		if match:
			if len(line) <= width:
				return line.strip()
			start = match.start() // width * width
			return line[start : start + width].strip()
	return ""
