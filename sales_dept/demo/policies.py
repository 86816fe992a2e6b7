"""The department's price policies (README "The price policy"): one for all items and a tighter one for
sensors, with allowances for the roles named in Sales Dept Settings, so that a discount beyond a
salesperson's allowance asks for a price exception at once."""

import frappe
from frappe import _

from sales_dept.demo.data import PRICE_POLICIES, PolicySpec
from sales_dept.demo.progress import say
from sales_dept.services.settings import get_settings


def make_price_policies(company: str) -> list[str]:
	"""The demo policies of `company`; a target (all items, an item group) that already has a general
	policy, enabled or not, keeps it as it is."""
	settings = get_settings()
	roles = (settings.salesperson_role, settings.team_leader_role, settings.sales_manager_role)
	names = []
	for spec in PRICE_POLICIES:
		if spec.item_group and not frappe.db.exists("Item Group", spec.item_group):
			continue
		names.append(general_policy(company, spec) or make_policy(company, spec, roles))
	say(_("Price policies: {0} for {1}.").format(", ".join(names), company))
	return names


def target_of(spec: PolicySpec) -> dict:
	return (
		{"applies_to": "Item Group", "item_group": spec.item_group}
		if spec.item_group
		else {"applies_to": "All Items"}
	)


def general_policy(company: str, spec: PolicySpec) -> str | None:
	"""The company's policy for the spec's target that no customer group or price list narrows."""
	return frappe.db.get_value(
		"Sales Price Policy",
		{
			"company": company,
			"customer_group": ["is", "not set"],
			"price_list": ["is", "not set"],
			**target_of(spec),
		},
	)


def make_policy(company: str, spec: PolicySpec, roles: tuple[str, ...]) -> str:
	policy = frappe.get_doc(
		{
			"doctype": "Sales Price Policy",
			"company": company,
			**target_of(spec),
			"floor_basis": "Maximum Discount",
			"max_discount_pct": spec.floor_discount,
			"allowances": [
				{"role": role, "max_discount_pct": pct}
				for role, pct in zip(roles, spec.allowances, strict=True)
				if role
			],
			"notes": spec.notes,
		}
	)
	policy.insert(ignore_permissions=True)
	return policy.name
