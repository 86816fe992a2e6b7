"""Who reaches which records of a salesperson — Visit Plans and Visit Records, Sales Scorecards (hooks
`has_permission` and `permission_query_conditions`) — and whom a user may pick in a Sales Person link of our
forms and report filters (`search_sales_persons`): a salesperson their own, a team leader their teams', a
holder of the sales manager and leadership roles (and the administrators of the settings) everyone's. The roles
on the DocTypes still decide what each may do with the records they reach.

These rules, not ERPNext's own-Employee restriction, decide what a leader reaches: ERPNext gives each user
linked to an Employee a User Permission on that Employee (for every doctype), so Frappe's own checks would
show a team leader only documents linking their own Employee, and only themselves in a Sales Person search.
Our doctypes' Employee links ignore user permissions, and our Sales Person links search here."""

import frappe
from frappe import _
from frappe.utils.data import make_filter_tuple

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


def sales_persons_within_reach(user: str | None = None) -> set[str] | None:
	"""The salespeople `user` reaches and the groups all of whose members they reach; None means everyone."""
	reachable = reachable_sales_persons(user)
	if reachable is None:
		return None
	return reachable | get_org_chart().groups_within(reachable)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def search_sales_persons(doctype, txt, searchfield, start, page_len, filters=None, as_dict=False, **kwargs):
	"""The link search for Sales Person in our forms and report filters (their `set_query` / `get_query`): the
	enabled salespeople and teams within the user's reach (`sales_persons_within_reach`), matching `txt` in
	the name or the team, narrowed by `filters` as any link search is (e.g. `is_group`). Frappe's own search
	would apply ERPNext's own-Employee restriction through Sales Person's `employee` link and offer a team
	leader only themselves. Needs the role permission to read Sales Person."""
	if not frappe.has_permission("Sales Person", "read") and not frappe.has_permission(
		"Sales Person", "select"
	):
		frappe.throw(
			_("You do not have Read or Select Permissions for {}").format(frappe.bold(_("Sales Person"))),
			frappe.PermissionError,
		)
	conditions = frappe.parse_json(filters) or []
	if isinstance(conditions, dict):
		conditions = [make_filter_tuple("Sales Person", key, value) for key, value in conditions.items()]
	conditions.append(["Sales Person", "enabled", "=", 1])
	within_reach = sales_persons_within_reach()
	if within_reach is not None:
		if not within_reach:
			return []
		conditions.append(["Sales Person", "name", "in", sorted(within_reach)])
	text = f"%{txt}%"
	return frappe.get_all(
		"Sales Person",
		filters=conditions,
		or_filters=[["name", "like", text], ["parent_sales_person", "like", text]] if txt else None,
		fields=["name", "parent_sales_person"],
		order_by="name asc",
		limit_start=start,
		limit_page_length=page_len,
		as_list=not as_dict,
	)
