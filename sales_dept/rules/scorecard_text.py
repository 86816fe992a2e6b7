"""The text a scorecard stores (its reward suggestion, a KPI row's note), in one language whoever computed it, and
shown in the reader's (rulebook R2, R35).

A scorecard is computed by a background job (in the site's language) or on the desk (in the user's), and read
by the salesperson, the manager and leadership, each in their own language: what it stores is the source words
(Frappe's msgids, English), translated when shown, as Frappe shows a Select's options. A note is one of `NOTES`;
a reward suggestion joins its parts ("Bonus of 10 % of base pay; Raise; Honour: Sales Star of the Month") and
each part is translated on its own (`shown_reward`). Scorecards stored before, in a translation, are given back
their source words by `source_reward` / `source_note` (a patch).

Plain functions: the translation is passed in (frappe's `_`, or a catalogue)."""

import re
from collections.abc import Callable, Mapping


def _(text: str) -> str:
	"""Marks a string for translation extraction; stored as it is, translated on display."""
	return text


# A KPI row's note: why it earns no points.
FOR_INFORMATION = _("For information")
WAITING_FOR_RATING = _("Waiting for the manager's rating")
NOTHING_TO_MEASURE = _("Nothing to measure: left out")
NOTES = (FOR_INFORMATION, WAITING_FOR_RATING, NOTHING_TO_MEASURE)

# The parts of a reward suggestion.
NO_REWARD = _("No reward")
RAISE = _("Raise")
BONUS = _("Bonus of {0} % of base pay")
HONOUR = _("Honour: {0}")
SEPARATOR = "; "
WITH_ARGUMENT = (BONUS, HONOUR)


def reward_text(bonus: str | None, raise_suggested: bool, honour: str | None) -> str:
	"""The reward suggestion as stored: a bonus (the percentage as already formatted), a raise, an honour (its
	name as the template has it), or no reward."""
	parts = []
	if bonus:
		parts.append(BONUS.format(bonus))
	if raise_suggested:
		parts.append(RAISE)
	if honour:
		parts.append(HONOUR.format(honour))
	return SEPARATOR.join(parts) or NO_REWARD


def pattern_of(template: str) -> re.Pattern:
	"""A message with one argument ({0}) as a pattern catching the argument."""
	before, after = template.split("{0}", 1)
	return re.compile(re.escape(before) + "(.+)" + re.escape(after), re.S)


def shown_reward(stored: str | None, translate: Callable[[str], str]) -> str:
	"""A stored reward suggestion in the reader's language, part by part (an honour's name translated too). A
	part that is no source words (stored in a translation) is shown as it is."""
	if not stored:
		return ""
	shown = []
	for part in stored.split(SEPARATOR):
		for template in WITH_ARGUMENT:
			found = pattern_of(template).fullmatch(part)
			if found:
				argument = found.group(1)
				shown.append(
					translate(template).format(translate(argument) if template == HONOUR else argument)
				)
				break
		else:
			shown.append(translate(part) if part in (NO_REWARD, RAISE) else part)
	return SEPARATOR.join(shown)


def source_note(stored: str | None, catalogue: Mapping[str, str]) -> str | None:
	"""A note stored in the language of `catalogue` ({source: translation}) as its source words; a note already
	in source words, or unknown, as it is."""
	if not stored or stored in NOTES:
		return stored
	return next((note for note in NOTES if catalogue.get(note) == stored), stored)


def source_reward(stored: str | None, catalogue: Mapping[str, str]) -> str | None:
	"""A reward suggestion stored in the language of `catalogue` ({source: translation}) as its source words,
	part by part; the parts already in source words, or unknown, as they are."""
	if not stored:
		return stored
	names = {translation: source for source, translation in catalogue.items() if translation}
	parts = []
	for part in stored.split(SEPARATOR):
		source = next((plain for plain in (NO_REWARD, RAISE) if part in (plain, catalogue.get(plain))), None)
		for template in WITH_ARGUMENT if source is None else ():
			for said in filter(None, (catalogue.get(template), template)):
				found = pattern_of(said).fullmatch(part)
				if found:
					argument = found.group(1)
					source = template.format(
						names.get(argument, argument) if template == HONOUR else argument
					)
					break
			if source is not None:
				break
		parts.append(part if source is None else source)
	return SEPARATOR.join(parts)
