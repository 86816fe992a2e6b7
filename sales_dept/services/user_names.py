"""People's names, never their user ids (e-mail addresses), wherever our forms and prints show a person.

- The form: the people its User links point at (decided by, approved by, handed in by, the tier kept by), who
  made it, who changed it last and who made the versions its timeline shows are sent with the form as
  `__onload.sd_user_names`. Frappe shows a User link's full name only from a field `<field>_full_name` of the
  document, and names a user in the timeline and the sidebar ("… changed the value of …", "… created this")
  only when it knows them (`frappe.boot.user_info`: the session's user and the people of the form's comments,
  assignments and shares, not the owner, the last editor nor the versions' authors); `sales_dept.bundle.js`
  reads the names from here for both.
- The print (Standard and any format that prints a field with Frappe's formatter): a User link prints as the
  person's name through Frappe's own link titles (`__link_titles`, what `show_title_field_in_link` uses), set in
  `before_print`. The value behind a link stays the user id. We do not turn on `show_title_field_in_link` on
  Frappe's User doctype instead: that would change every User link of the company's site.

The doctypes are named in hooks.py (doc_events: onload, before_print)."""

import frappe


def linked_users(doc) -> set[str]:
	"""The values of every User link of `doc` and of its table rows."""
	found = set()
	for row in [doc, *doc.get_all_children()]:
		for field in row.meta.get_link_fields():
			if field.options == "User" and row.get(field.fieldname):
				found.add(row.get(field.fieldname))
	return found


def timeline_users(doc) -> set[str]:
	"""Who made `doc`, who changed it last, and who made the versions its timeline shows (Frappe's docinfo
	shows the last 10)."""
	found = {doc.get("owner"), doc.get("modified_by")}
	if doc.meta.track_changes and doc.get("name") and not doc.is_new():
		found.update(
			frappe.get_all(
				"Version",
				filters={"ref_doctype": doc.doctype, "docname": str(doc.name)},
				pluck="owner",
				order_by="creation desc",
				limit=10,
			)
		)
	return {user for user in found if user}


def full_names(users: set[str]) -> dict[str, str]:
	"""{user: full name} of `users` that have one (one query; names only, whoever asks)."""
	if not users:
		return {}
	return {
		user.name: user.full_name
		for user in frappe.get_all(
			"User", filters={"name": ["in", sorted(users)]}, fields=["name", "full_name"]
		)
		if user.full_name
	}


def add_user_names(doc, method=None):
	"""onload: the names of the people the form links and its timeline shows."""
	names = full_names(linked_users(doc) | timeline_users(doc))
	if names:
		doc.set_onload("sd_user_names", names)


def name_users_in_print(doc, method=None, *args, **kwargs):
	"""before_print: every User link of `doc` and its rows prints as the person's name (Frappe's link titles,
	which the print's formatter reads from the document for its rows too)."""
	names = full_names(linked_users(doc))
	if not names:
		return
	titles = doc.get("__link_titles") or {}
	titles.update({f"User::{user}": name for user, name in names.items()})
	setattr(doc, "__link_titles", titles)
