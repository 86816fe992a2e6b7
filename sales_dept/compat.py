"""Where Frappe/ERPNext 15 and 16 differ, said once (the rules core does not depend on either)."""

import frappe

FRAPPE_MAJOR = int(frappe.__version__.split(".", 1)[0])

# What a `has_permission` hook answers when it has no objection. Frappe 15 reads None as "no opinion" and
# goes on to the other apps' hooks (True would end that search); Frappe 16 reads every falsy answer as a
# refusal and goes on only after True.
NO_OBJECTION = True if FRAPPE_MAJOR >= 16 else None
