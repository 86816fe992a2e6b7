"""Which framework versions this app runs on."""

from dataclasses import dataclass

SUPPORTED_MAJOR = 15


@dataclass(frozen=True)
class VersionProblem:
	app: str
	found: str
	required: str


def major_of(version: str) -> int | None:
	"""The major number of a version string such as "15.75.0" or "v15.0.0-dev"; None if unreadable."""
	head = (version or "").strip().lstrip("vV").split(".", 1)[0]
	return int(head) if head.isdigit() else None


def version_problems(installed: dict[str, str | None]) -> list[VersionProblem]:
	"""Each required app (frappe, erpnext) missing or outside the supported major version.

	`installed` maps an app name to its version string, or None when the app is not installed.
	"""
	required = f"{SUPPORTED_MAJOR}.x"
	problems = []
	for app in ("frappe", "erpnext"):
		version = installed.get(app)
		if major_of(version or "") != SUPPORTED_MAJOR:
			problems.append(VersionProblem(app=app, found=version or "", required=required))
	return problems
