"""Records sales_dept seeds once (insert if missing): admins may edit them and keep their edits."""


def _(text: str) -> str:
	"""Marks a string for translation extraction; stored in English, translated on display."""
	return text


# Roles the default settings point to that neither Frappe nor ERPNext ship.
ROLES = [
	{"role_name": _("Sales Team Leader"), "desk_access": 1},
	{"role_name": _("Sales Director"), "desk_access": 1},
	{"role_name": _("Technical Reviewer"), "desk_access": 1},
]

# Frappe 15 fills every Time field of a new document with the current time, ignoring its default, so
# the settings' meeting time is written once at install.
MEETING_TIME = "09:00:00"
