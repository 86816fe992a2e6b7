"""The names of the people a form's user links point at (decided by, approved by, handed in by, the tier kept
by), sent with the form as `__onload.sd_user_names`, so that the desk shows 李强 rather than
li.qiang@example.com. Frappe shows a User link's full name only from a field of the document named
`<field>_full_name`, which these records do not keep; `sales_dept.bundle.js` reads the names from here.
The forms are named in hooks.py (doc_events, onload)."""

import frappe


def linked_users(doc) -> set[str]:
	"""The values of every User link of `doc` and of its table rows."""
	found = set()
	for row in [doc, *doc.get_all_children()]:
		for field in row.meta.get_link_fields():
			if field.options == "User" and row.get(field.fieldname):
				found.add(row.get(field.fieldname))
	return found


def add_user_names(doc, method=None):
	"""onload: {user: full name} of the people the form links (one query; names only, whoever reads the form)."""
	users = linked_users(doc)
	if not users:
		return
	names = frappe.get_all("User", filters={"name": ["in", sorted(users)]}, fields=["name", "full_name"])
	doc.set_onload("sd_user_names", {user.name: user.full_name for user in names if user.full_name})
