"""What the bell (Notification Log) of a journey's people must hold: exactly the expected notices about
the journey's documents, each once. No selenium and no frappe here (tier-1 tests beside it)."""

from collections import Counter
from collections.abc import Callable


def bell_problems(
	expected: Counter, found: dict[str, list[dict]], name_of: Callable[[str], str]
) -> list[str]:
	"""`expected`: (person, doctype, name) -> how many notices; `found`: person -> their notices about the
	journey's documents ({document_type, document_name, subject}). One message per document whose count is
	off, and one per person told the same thing twice."""
	problems = []
	for key, notices in found.items():
		got = Counter((n["document_type"], n["document_name"]) for n in notices)
		wanted = Counter(
			{(doctype, name): count for (k, doctype, name), count in expected.items() if k == key}
		)
		for document in sorted(set(got) | set(wanted)):
			if got[document] != wanted[document]:
				subjects = [
					n["subject"] for n in notices if (n["document_type"], n["document_name"]) == document
				]
				problems.append(
					f"{name_of(key)}'s bell holds {got[document]} notice(s) about {document[0]} {document[1]},"
					f" expected {wanted[document]}: {subjects}"
				)
		repeated = [subject for subject, times in Counter(n["subject"] for n in notices).items() if times > 1]
		if repeated:
			problems.append(f"{name_of(key)} was told twice: {repeated}")
	return problems
