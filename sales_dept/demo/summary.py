"""What the demo put on the site, counted from the database."""

import frappe
from frappe import _

from sales_dept.demo.data import ITEMS, PEOPLE, STAFF
from sales_dept.demo.progress import say


def demo_counts(customers: list[str], price_list: str) -> dict[str, int]:
	items = [item.code for item in ITEMS]
	submitted = {"docstatus": 1}
	salespeople = [person.name for person in PEOPLE]
	return {
		"users": frappe.db.count("User", {"name": ["in", [person.email for person in (*PEOPLE, *STAFF)]]}),
		"sales_persons": frappe.db.count("Sales Person", {"name": ["in", salespeople]}),
		"customers": frappe.db.count("Customer", {"name": ["in", customers]}),
		"items": frappe.db.count("Item", {"name": ["in", items]}),
		"item_prices": frappe.db.count("Item Price", {"item_code": ["in", items], "price_list": price_list}),
		"quotations": frappe.db.count("Quotation", {"party_name": ["in", customers], **submitted}),
		"sales_orders": frappe.db.count("Sales Order", {"customer": ["in", customers], **submitted}),
		"sales_invoices": frappe.db.count("Sales Invoice", {"customer": ["in", customers], **submitted}),
		"payment_entries": frappe.db.count(
			"Payment Entry", {"party_type": "Customer", "party": ["in", customers], **submitted}
		),
		"visit_plans": frappe.db.count("Visit Plan", {"sales_person": ["in", salespeople]}),
		"visit_records": frappe.db.count("Visit Record", {"customer": ["in", customers], **submitted}),
		"bids": frappe.db.count("Bid Review", {"sales_person": ["in", salespeople]}),
	}


def report(customers: list[str], price_list: str, seconds: float):
	counts = demo_counts(customers, price_list)
	say(
		_("Demo data: {0} users, {1} sales persons, {2} customers, {3} items, {4} item prices.").format(
			counts["users"],
			counts["sales_persons"],
			counts["customers"],
			counts["items"],
			counts["item_prices"],
		)
	)
	say(
		_("Sales history: {0} quotations, {1} sales orders, {2} sales invoices, {3} payment entries.").format(
			counts["quotations"], counts["sales_orders"], counts["sales_invoices"], counts["payment_entries"]
		)
	)
	say(
		_("Visits: {0} visit plans, {1} visit records.").format(
			counts["visit_plans"], counts["visit_records"]
		)
	)
	say(_("Bids: {0} bid reviews.").format(counts["bids"]))
	say(_("Done in {0} seconds.").format(round(seconds, 1)))
