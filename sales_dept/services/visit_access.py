"""Who reaches which Visit Plans and Visit Records (hooks `has_permission` and
`permission_query_conditions`): a salesperson their own, a team leader their teams', a holder of the
sales manager and leadership roles (and the administrators of the settings) everyone's. The roles on the DocTypes still decide what each
may do with the records they reach."""

import frappe
from frappe import _

from sales_dept.compat import NO_OBJECTION
from sales_dept.services.org import get_org_chart, oversight_of, sales_person_of
from sales_dept.services.settings import is_administrator
from sales_dept.setup.records import default_company


def _sees_everyone(user: str) -> bool:
	return is_administrator(user) or oversight_of(user).everyone


def reachable_sales_persons(user: str | None = None) -> set[str] | None:
	"""The sales persons whose records `user` reaches; None means everyone."""
	user = user or frappe.session.user
	if _sees_everyone(user):
		return None
	own = sales_person_of(user)
	return set(oversight_of(user).sales_persons) | ({own} if own else set())


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	reachable = reachable_sales_persons(user)
	if reachable is None:
		return ""
	if not reachable:
		return "1=0"
	column = f"`tab{doctype}`.`sales_person`" if doctype else "`sales_person`"
	return "{} in ({})".format(column, ", ".join(frappe.db.escape(name) for name in sorted(reachable)))


def has_permission(doc, ptype=None, user=None, debug=False):
	"""Refuse a record of someone the user neither is nor oversees; otherwise no objection (compat.NO_OBJECTION).

	A record not saved yet is left to the controllers, which say in words whom it may be for."""
	if isinstance(doc, str):
		return NO_OBJECTION
	if doc.get("__islocal") or not doc.get("name") or not doc.get("creation"):
		return NO_OBJECTION
	reachable = reachable_sales_persons(user)
	if reachable is None or doc.get("sales_person") in reachable:
		return NO_OBJECTION
	return False


def set_owner_defaults(doc):
	"""before_validate of plans and records: the user's own Sales Person and default company."""
	if not doc.sales_person:
		doc.sales_person = sales_person_of()
	if not doc.company:
		doc.company = frappe.defaults.get_user_default("Company") or default_company()


def check_sales_person_allowed(doc):
	"""Plans and records belong to a salesperson, not a team. A salesperson files them for their own
	Sales Person; a team leader also for the people they lead; the sales manager role and the administrators
	for anyone."""
	if not doc.sales_person or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	previous = doc.get_doc_before_save()
	if previous and previous.sales_person == doc.sales_person:
		return
	node = get_org_chart().nodes.get(doc.sales_person)
	if node and node.is_group:
		frappe.throw(
			_("{0} is a team: choose the salesperson.").format(doc.sales_person), title=_("Not a Salesperson")
		)
	reachable = reachable_sales_persons()
	if reachable is not None and doc.sales_person not in reachable:
		frappe.throw(
			_(
				"You can only file a {0} for your own Sales Person or for the people you lead, not for {1}."
			).format(_(doc.doctype), doc.sales_person),
			frappe.PermissionError,
			title=_("Not Your Sales Person"),
		)
