"""In-app notifications (the bell in the desk), to users or to everyone holding a role."""

import frappe
from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification
from frappe.query_builder import DocType


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


def notify_users(users: list[str], doc, subject: str):
	users = [user for user in users if user]
	if not users:
		return
	enqueue_create_notification(
		users,
		{
			"type": "Alert",
			"document_type": doc.doctype,
			"document_name": doc.name,
			"subject": subject,
			"from_user": frappe.session.user,
		},
	)


def notify_role(role: str, doc, subject: str, exclude: str | None = None):
	notify_users([user for user in users_with_role(role) if user != exclude], doc, subject)
