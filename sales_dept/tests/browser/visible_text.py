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
	found = []
	for token in WORD.findall(text):
		token = token.strip("._/-")
		if len(LATIN_LETTER.findall(token)) < 2 or DIGIT.search(token) or "/" in token:
			continue
		if token in ALLOWED or token in extra:
			continue
		found.append(token)
	return list(dict.fromkeys(found))


def problems(text: str, where: str, extra: frozenset[str] | set[str] = frozenset()) -> list[str]:
	"""What is wrong with `text` (lines of what a page shows) for a Chinese user at `where`, one message per
	kind, each finding with the line it is on."""
	found = []
	english = english_words(text, extra)
	if english:
		shown = ", ".join(f"{word} ({line_of(text, word)!r})" for word in english[:8])
		found.append(f"English shown to a Chinese user on {where}: {shown}")
	addresses = emails(text)
	if addresses:
		shown = ", ".join(f"{address} ({line_of(text, address)!r})" for address in addresses[:4])
		found.append(f"e-mail addresses shown where names belong on {where}: {shown}")
	return found


def line_of(text: str, word: str, width: int = 60) -> str:
	"""The first line of `text` holding `word` as a word, cut to `width` characters around it."""
	pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])")
	for line in text.splitlines():
		match = pattern.search(line)
		if match:
			start = max(0, match.start() - width // 2)
			return line[start : start + width].strip()
	return ""
