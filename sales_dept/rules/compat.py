"""Which framework versions this app runs on."""

from dataclasses import dataclass

SUPPORTED_MAJORS = (15, 16)


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
	"""Each required app (frappe, erpnext) missing or outside the supported major versions, and ERPNext
	of another major version than Frappe's.

	`installed` maps an app name to its version string, or None when the app is not installed.
	"""
	required = " / ".join(f"{major}.x" for major in SUPPORTED_MAJORS)
	problems = []
	for app in ("frappe", "erpnext"):
		version = installed.get(app)
		if major_of(version or "") not in SUPPORTED_MAJORS:
			problems.append(VersionProblem(app=app, found=version or "", required=required))
	frappe_major, erpnext_major = (major_of(installed.get(app) or "") for app in ("frappe", "erpnext"))
	if not problems and frappe_major != erpnext_major:
		problems.append(
			VersionProblem(app="erpnext", found=installed["erpnext"], required=f"{frappe_major}.x")
		)
	return problems
