"""The sales organisation of this site: ERPNext's Sales Person tree, read once and cached."""

import frappe
from frappe.query_builder import DocType

from sales_dept.rules.org import OrgChart, OrgNode, Oversight, Position, default_sales_person
from sales_dept.services.settings import get_settings

ORG_CHART_CACHE_KEY = "sales_dept:org_chart"


def _load_org_nodes() -> list[tuple]:
	sales_person, employee = DocType("Sales Person"), DocType("Employee")
	return (
		frappe.qb.from_(sales_person)
		.left_join(employee)
		.on(sales_person.employee == employee.name)
		.select(
			sales_person.name,
			sales_person.parent_sales_person,
			sales_person.is_group,
			sales_person.enabled,
			employee.user_id,
			sales_person.sd_team_leader,
		)
		.run()
	)


def get_org_chart() -> OrgChart:
	"""The whole tree in one query, cached until a Sales Person or Employee changes."""
	rows = frappe.cache.get_value(ORG_CHART_CACHE_KEY, generator=_load_org_nodes)
	return OrgChart(
		OrgNode(
			name=name,
			parent=parent or None,
			is_group=bool(is_group),
			enabled=bool(enabled),
			user=user or None,
			team_leader=leader or None,
		)
		for name, parent, is_group, enabled, user, leader in rows
	)


def clear_org_chart_cache(doc=None, method=None, *args):
	"""doc_events hook for Sales Person and Employee: the next reader reloads the tree.

	Cleared again if the transaction rolls back, so a tree read in between never outlives it.
	"""
	frappe.cache.delete_value(ORG_CHART_CACHE_KEY)
	frappe.db.after_rollback.add(_forget_org_chart)


def _forget_org_chart():
	frappe.cache.delete_value(ORG_CHART_CACHE_KEY)


def position_of(user: str | None = None) -> Position:
	return get_org_chart().position_of(user or frappe.session.user)


def sales_person_of(user: str | None = None) -> str | None:
	return get_org_chart().sales_person_of(user or frappe.session.user)


def oversight_of(user: str | None = None) -> Oversight:
	user = user or frappe.session.user
	settings = get_settings()
	return get_org_chart().oversight_of(
		user, frappe.get_roles(user), (settings.sales_manager_role, settings.leadership_role)
	)


def customer_sales_team(customer: str) -> list[tuple[str, float]]:
	"""(sales person, allocated %) rows of a Customer's Sales Team, in their order."""
	sales_team = DocType("Sales Team")
	return (
		frappe.qb.from_(sales_team)
		.select(sales_team.sales_person, sales_team.allocated_percentage)
		.where(
			(sales_team.parenttype == "Customer")
			& (sales_team.parent == customer)
			& (sales_team.parentfield == "sales_team")
		)
		.orderby(sales_team.idx)
		.run()
	)


def default_sales_person_for(
	party_type: str | None, party: str | None, user: str | None = None
) -> str | None:
	"""Who owns a new deal with this party: the customer's Sales Team, else the user's own Sales Person."""
	chart = get_org_chart()
	team = customer_sales_team(party) if party_type == "Customer" and party else []
	return default_sales_person(team, chart.sales_person_of(user or frappe.session.user), chart.salespeople())


@frappe.whitelist()
def get_my_position() -> dict:
	"""The current user's place in the sales organisation, with the users behind each Sales Person."""
	chart = get_org_chart()
	position = chart.position_of(frappe.session.user)
	return {
		"sales_person": position.sales_person,
		"team": position.team,
		"team_leader": position.team_leader,
		"team_leader_user": chart.user_of(position.team_leader),
		"manager": position.manager,
		"manager_user": chart.user_of(position.manager),
		"oversees": sorted(chart.led_by(position.sales_person)) if position.sales_person else [],
	}
