"""What the department sells: item groups, non-stock items and their selling prices."""

import frappe
from frappe import _

from sales_dept.demo.data import ITEM_GROUP_PARENT, ITEM_GROUPS, ITEMS, PRICE_LIST, STOCK_UOM
from sales_dept.demo.progress import say
from sales_dept.setup.records import get_or_make_item, get_or_make_item_group


def make_catalogue(company: str) -> str:
	"""Groups, items and their prices; returns the selling price list."""
	currency = frappe.get_cached_value("Company", company, "default_currency")
	price_list = get_or_make_price_list(PRICE_LIST, currency)
	for group in ITEM_GROUPS:
		get_or_make_item_group(group, ITEM_GROUP_PARENT)
	for item in ITEMS:
		get_or_make_item(item.code, item.group, STOCK_UOM)
		get_or_make_item_price(item.code, price_list, item.price)
	say(
		_("Catalogue: {0} items in {1} item groups, priced in price list {2} ({3}).").format(
			len(ITEMS),
			len(ITEM_GROUPS),
			price_list,
			frappe.db.get_value("Price List", price_list, "currency"),
		)
	)
	return price_list


def get_or_make_price_list(name: str, currency: str) -> str:
	"""A selling price list; an existing one keeps its currency."""
	if not frappe.db.exists("Price List", name):
		frappe.get_doc(
			{
				"doctype": "Price List",
				"price_list_name": name,
				"currency": currency,
				"selling": 1,
				"enabled": 1,
			}
		).insert(ignore_permissions=True)
	return name


def get_or_make_item_price(item_code: str, price_list: str, rate: float) -> str:
	"""The item's price in the list; an existing price is left as it is."""
	existing = frappe.db.get_value("Item Price", {"item_code": item_code, "price_list": price_list})
	if existing:
		return existing
	item_price = frappe.get_doc(
		{"doctype": "Item Price", "item_code": item_code, "price_list": price_list, "price_list_rate": rate}
	)
	item_price.insert(ignore_permissions=True)
	return item_price.name
