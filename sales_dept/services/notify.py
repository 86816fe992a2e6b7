"""In-app notifications (the bell in the desk), to users or to everyone holding a role, each in the
recipient's language: a subject is given as a function that builds it with `_()`, called once per language
of the recipients (a scheduled job or the sender's language would otherwise decide).

A notice given a `push` (services.robots.Push) is told to the group robots as well, in the same transaction,
@mentioning exactly the people the bell tells: who hears of an event stays one decision."""

from collections import defaultdict
from collections.abc import Callable

import frappe
from frappe.query_builder import DocType
from frappe.translate import get_user_lang, print_language

from sales_dept.compat import in_test
from sales_dept.services.robots import Push, tell_notice


def users_with_role(role: str) -> list[str]:
	"""Enabled desk users who hold `role`."""
	has_role, user = DocType("Has Role"), DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.distinct()
		.where(
			(has_role.role == role)
			& (has_role.parenttype == "User")
			& (user.enabled == 1)
			& (user.user_type == "System User")
			& user.name.notin(["Administrator", "Guest"])
		)
		.run(pluck=True)
	)


def notify_users(
	users: list[str], doc, subject: Callable[[], str], push: Push | None = None, link: str | None = None
):
	"""Notify `users` of `doc`; `subject()` is called in each recipient's language. With `push` (a
	services.robots.Push), the groups' robots are told too (services.robots.tell_notice). `link`: where the
	notice opens instead of `doc`'s form (a filtered list, say: a notice of several documents)."""
	users = list(dict.fromkeys(user for user in users if user))
	if push and users:
		tell_notice(push, users, doc, subject, link=link)
	by_language: dict[str, list[str]] = defaultdict(list)
	for user in users:
		by_language[get_user_lang(user)].append(user)
	for language, recipients in by_language.items():
		with print_language(language):
			text = subject()
		if frappe.flags.in_install:
			continue
		# After the commit only: a decision rolled back (refused, or its request cut off) tells nobody.
		frappe.enqueue(
			"frappe.desk.doctype.notification_log.notification_log.make_notification_logs",
			doc=frappe._dict(
				type="Alert",
				document_type=doc.doctype,
				document_name=doc.name,
				subject=text,
				from_user=frappe.session.user,
				link=link,
			),
			users=recipients,
			now=in_test(),
			enqueue_after_commit=True,
		)


def notify_role(
	role: str, doc, subject: Callable[[], str], exclude: str | None = None, push: Push | None = None
):
	notify_users([user for user in users_with_role(role) if user != exclude], doc, subject, push=push)
