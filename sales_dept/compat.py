"""Where Frappe/ERPNext 15 and 16 differ, said once (the rules core does not depend on either)."""

import frappe

FRAPPE_MAJOR = int(frappe.__version__.split(".", 1)[0])

# What a `has_permission` hook answers when it has no objection. Frappe 15 reads None as "no opinion" and
# goes on to the other apps' hooks (True would end that search); Frappe 16 reads every falsy answer as a
# refusal and goes on only after True.
NO_OBJECTION = True if FRAPPE_MAJOR >= 16 else None


def in_test() -> bool:
	"""Whether a test run is going on (then background work runs at once): Frappe 15 says so in
	`frappe.flags.in_test`, Frappe 16 in `frappe.in_test`."""
	return bool(frappe.flags.in_test or getattr(frappe, "in_test", False))


def enter_test_mode():
	"""What a test run sets, for code run outside one (ERPNext's test records made before its tests):
	Frappe 15 reads `frappe.flags.in_test`, Frappe 16 `frappe.in_test`."""
	frappe.flags.in_test = True
	if hasattr(frappe, "in_test"):
		frappe.in_test = True
