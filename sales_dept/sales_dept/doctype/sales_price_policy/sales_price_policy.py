# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder import DocType
from frappe.utils import flt

from sales_dept.rules.pricing import (
	ALLOWANCE_BEYOND_FLOOR,
	ALLOWANCE_NOT_INCREASING,
	APPLIES_TO_ITEM,
	APPLIES_TO_ITEM_GROUP,
	DISCOUNT_OVER_100,
	NEGATIVE_DISCOUNT,
	NEGATIVE_RATE,
	NO_FLOOR,
	UNKNOWN_ROLE,
	conflicts,
	policy_problems,
)
from sales_dept.services.pricing import clear_policy_cache, company_policies, seniority, to_policy


def _problem_messages() -> dict[str, str]:
	return {
		NO_FLOOR: _("Set a maximum discount or a minimum rate."),
		NEGATIVE_RATE: _("The minimum rate cannot be negative."),
		NEGATIVE_DISCOUNT: _("A discount cannot be negative ({0})."),
		DISCOUNT_OVER_100: _("A discount cannot exceed 100% ({0})."),
		ALLOWANCE_NOT_INCREASING: _(
			"Allowances must not shrink with seniority: {0} may go less far below list than a junior role."
		),
		ALLOWANCE_BEYOND_FLOOR: _("The allowance of {0} goes below the policy's floor."),
		UNKNOWN_ROLE: _(
			"{0} is not one of the roles of Sales Dept Settings (salesperson, team leader, sales manager, leadership)."
		),
	}


class SalesPricePolicy(Document):
	def validate(self):
		self.clear_unused_target()
		policy = to_policy(self, self.allowances)
		messages = _problem_messages()
		problems = [
			messages[code].format(role or _("policy")) for code, role in policy_problems(policy, seniority())
		]
		if problems:
			frappe.throw("<br>".join(problems), title=_("Invalid Sales Price Policy"))
		self.validate_item_enabled()
		self.validate_floor_below_list_rates()
		self.validate_unambiguous(policy)

	def clear_unused_target(self):
		if self.customer_group and self.customer_group in root_customer_groups():
			self.customer_group = None  # "All Customer Groups" (the desk's default) narrows nothing
		if self.applies_to != APPLIES_TO_ITEM:
			self.item_code = None
		if self.applies_to != APPLIES_TO_ITEM_GROUP:
			self.item_group = None
		if self.floor_basis == "Maximum Discount":
			self.min_rate = None
		else:
			self.max_discount_pct = None

	def validate_item_enabled(self):
		if self.item_code and frappe.db.get_value("Item", self.item_code, "disabled"):
			frappe.throw(
				_("Item {0} is disabled: a policy for it would never apply.").format(
					frappe.bold(self.item_code)
				),
				title=_("Invalid Sales Price Policy"),
			)

	def validate_floor_below_list_rates(self):
		"""A minimum rate above an item's selling price would forbid selling at list price."""
		if self.floor_basis != "Minimum Rate" or self.applies_to == "All Items":
			return
		item_price, item = DocType("Item Price"), DocType("Item")
		query = (
			frappe.qb.from_(item_price)
			.join(item)
			.on(item.name == item_price.item_code)
			.select(item_price.item_code, item_price.price_list, item_price.price_list_rate)
			.where((item_price.selling == 1) & (item_price.price_list_rate < flt(self.min_rate)))
			.where((item_price.uom.isnull()) | (item_price.uom == "") | (item_price.uom == item.stock_uom))
			.limit(5)
		)
		if self.price_list:
			query = query.where(item_price.price_list == self.price_list)
		if self.item_code:
			query = query.where(item_price.item_code == self.item_code)
		else:
			group = frappe.db.get_value("Item Group", self.item_group, ["lft", "rgt"], as_dict=True)
			item_group = DocType("Item Group")
			query = (
				query.join(item_group)
				.on(item_group.name == item.item_group)
				.where((item_group.lft >= group.lft) & (item_group.rgt <= group.rgt))
			)
		above = query.run(as_dict=True)
		if above:
			frappe.throw(
				_("The minimum rate {0} is above the list rate of:").format(flt(self.min_rate))
				+ "<br>"
				+ "<br>".join(f"{row.item_code} ({row.price_list}): {row.price_list_rate}" for row in above),
				title=_("Floor Above List Rate"),
			)

	def validate_unambiguous(self, policy):
		others = [p for p in company_policies(self.company) if p.name != self.name] if self.enabled else []
		clash = conflicts(policy, others)
		if clash:
			frappe.throw(
				_("Policy {0} already covers the same items and customers with the same precedence.").format(
					", ".join(clash)
				),
				title=_("Ambiguous Sales Price Policy"),
			)

	def on_update(self):
		clear_policy_cache()

	def on_trash(self):
		clear_policy_cache()


def root_customer_groups() -> list[str]:
	"""The roots of the Customer Group tree ("All Customer Groups"): every customer is in them."""
	group = DocType("Customer Group")
	return (
		frappe.qb.from_(group)
		.select(group.name)
		.where(group.parent_customer_group.isnull() | (group.parent_customer_group == ""))
		.run(pluck=True)
	)


def drop_root_customer_groups():
	"""Patch: policies saved narrowed to the root customer group apply to every customer group."""
	policy = DocType("Sales Price Policy")
	roots = root_customer_groups()
	if roots:
		frappe.qb.update(policy).set(policy.customer_group, None).where(
			policy.customer_group.isin(roots)
		).run()
	clear_policy_cache()
