"""Handlers shared by Quotation and Opportunity."""

import frappe
from frappe import _
from frappe.query_builder import DocType

from sales_dept.rules.org import default_sales_person
from sales_dept.services.org import get_org_chart

# The field that names the party type on each doctype we hook.
PARTY_TYPE_FIELD = {"Quotation": "quotation_to", "Opportunity": "opportunity_from"}


def _customer_sales_team(customer: str) -> list[tuple[str, float]]:
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


def set_sales_person(doc, method=None):
	"""before_validate: default sd_sales_person, then check it names one enabled salesperson."""
	chart = get_org_chart()
	if not doc.sd_sales_person:
		is_customer = doc.get(PARTY_TYPE_FIELD[doc.doctype]) == "Customer" and doc.party_name
		enabled = [n.name for n in chart.nodes.values() if n.enabled and not n.is_group]
		doc.sd_sales_person = default_sales_person(
			_customer_sales_team(doc.party_name) if is_customer else [],
			chart.sales_person_of(frappe.session.user),
			enabled,
		)
		return

	node = chart.nodes.get(doc.sd_sales_person)
	if node and node.is_group:
		frappe.throw(
			_("{0} is a team, not a salesperson. Choose a member of the team.").format(
				frappe.bold(doc.sd_sales_person)
			),
			title=_("Invalid Sales Person"),
		)
	if node and not node.enabled and doc.has_value_changed("sd_sales_person"):
		frappe.throw(
			_("Sales Person {0} is disabled.").format(frappe.bold(doc.sd_sales_person)),
			title=_("Invalid Sales Person"),
		)
