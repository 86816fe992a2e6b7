"""People's names, never their user ids (e-mail addresses), wherever our forms and prints show a person.

- The form: the people its User links point at (decided by, approved by, handed in by, the tier kept by), who
  made it, who changed it last, who made the versions its timeline shows and the people those versions set a
  User link from or to are sent with the form as `__onload.sd_user_names`. Frappe shows a User link's full
  name only from a field `<field>_full_name` of the document; names a user in the timeline and the sidebar
  ("… changed the value of …", "… created this") only when it knows them (`frappe.boot.user_info`: the
  session's user and the people of the form's comments, assignments and shares, not the owner, the last
  editor nor the versions' authors); and shows a version's values as stored ("approved by from "" to
  li.qiang@…", "status from Draft to Approved"). `sales_dept.bundle.js` reads the names from here for all
  three, and shows a version's Select values translated.
- The print (Standard and any format that prints a field with Frappe's formatter): a User link prints as the
  person's name through Frappe's own link titles (`__link_titles`, what `show_title_field_in_link` uses), set in
  `before_print`. The value behind a link stays the user id. We do not turn on `show_title_field_in_link` on
  Frappe's User doctype instead: that would change every User link of the company's site.

The doctypes are named in hooks.py (doc_events: onload, before_print)."""

import json

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
	"""Who made `doc`, who changed it last, and, of the versions its timeline shows (Frappe's docinfo shows
	the last 10), who made them and the people a User link of theirs changed from or to."""
	found = {doc.get("owner"), doc.get("modified_by")}
	for version in timeline_versions(doc):
		found.add(version.owner)
		found.update(users_in_version(doc.meta, version.data))
	return {user for user in found if user}


def timeline_versions(doc) -> list:
	"""The versions of `doc` its timeline shows (Frappe's docinfo shows the last 10): owner and data."""
	if not (doc.meta.track_changes and doc.get("name") and not doc.is_new()):
		return []
	return frappe.get_all(
		"Version",
		filters={"ref_doctype": doc.doctype, "docname": str(doc.name)},
		fields=["owner", "data"],
		order_by="creation desc",
		limit=10,
	)


def users_in_version(meta, data: str | None) -> set[str]:
	"""The values a version changed of the User links of `meta` (and of its tables' rows)."""
	try:
		data = json.loads(data or "{}")
	except ValueError:
		return set()
	found = set()
	for fieldname, before, after in data.get("changed") or []:
		if is_user_link(meta, fieldname):
			found.update((before, after))
	for table, _idx, _row, changes in data.get("row_changed") or []:
		field = meta.get_field(table)
		row_meta = frappe.get_meta(field.options) if field and field.options else None
		for fieldname, before, after in changes or []:
			if row_meta and is_user_link(row_meta, fieldname):
				found.update((before, after))
	return {user for user in found if user and isinstance(user, str)}


def is_user_link(meta, fieldname: str) -> bool:
	field = meta.get_field(fieldname)
	return bool(field and field.fieldtype == "Link" and field.options == "User")


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
