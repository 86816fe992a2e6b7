"""Six months of selling: quotations, the sales orders made from them, invoices and payments.

Everything goes through ERPNext's documents and mappers, dated as planned in plan.py. The history is
written once: if any demo customer already has a quotation, the step leaves the site as it is.
"""

from datetime import date, timedelta

import frappe
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from erpnext.selling.doctype.quotation.quotation import make_sales_order
from erpnext.selling.doctype.sales_order.sales_order import make_sales_invoice
from frappe import _
from frappe.utils import flt

from sales_dept.demo.data import LOST_REASONS
from sales_dept.demo.plan import Deal, Line, plan_history
from sales_dept.demo.progress import say
from sales_dept.demo.site import receiving_account
from sales_dept.services.org import get_org_chart
from sales_dept.setup.records import acting_as

PROGRESS_EVERY = 20
PAYMENT_TERM_DAYS = 30


def make_history(company: str, accounts: list[tuple[str, str]], price_list: str, start: date, today: date):
	if history_exists([customer for customer, _sales_person in accounts]):
		say(_("The demo customers already have quotations: sales history left as it is."))
		return
	for reason in LOST_REASONS:
		get_or_make_lost_reason(reason)
	account = receiving_account(company)
	deals = plan_history(start, today, accounts)
	say(
		_("Creating {0} quotations from {1} to {2}, with their orders, invoices and payments...").format(
			len(deals), start, today
		)
	)
	for number, deal in enumerate(deals, 1):
		make_deal(deal, company, price_list, account)
		if number % PROGRESS_EVERY == 0 or number == len(deals):
			say(_("{0} of {1} quotations done.").format(number, len(deals)))


def history_exists(customers: list[str]) -> bool:
	return bool(frappe.db.exists("Quotation", {"quotation_to": "Customer", "party_name": ["in", customers]}))


def make_deal(deal: Deal, company: str, price_list: str, account: str):
	"""The salesperson quotes and takes the order; accounts invoice it and book the payment."""
	with acting_as(user_of(deal.sales_person)):
		quotation = make_quotation(deal, company, price_list)
		if deal.lost_reason:
			quotation.declare_enquiry_lost([{"lost_reason": deal.lost_reason}], [])
		order = make_order(quotation, deal) if deal.order_date else None
	if order and deal.invoice_date:
		invoice = make_invoice(order, deal)
		if deal.payment_date:
			make_payment(invoice, deal, account)


def make_quotation(deal: Deal, company: str, price_list: str):
	quotation = frappe.get_doc(
		{
			"doctype": "Quotation",
			"quotation_to": "Customer",
			"party_name": deal.customer,
			"company": company,
			"transaction_date": deal.quotation_date,
			"valid_till": deal.valid_till,
			"selling_price_list": price_list,
			"sd_sales_person": deal.sales_person,
			"items": [quotation_line(line) for line in deal.lines],
		}
	)
	return submitted(quotation)


def quotation_line(line: Line) -> dict:
	"""A line at the planned list price and discount (given explicitly, so no pricing rule interferes)."""
	return {
		"item_code": line.item_code,
		"qty": line.qty,
		"price_list_rate": line.price,
		"discount_percentage": line.discount,
		"rate": line.rate,
	}


def make_order(quotation, deal: Deal):
	"""The quotation's Sales Order, credited to the deal's salesperson (converted quotations carry no
	validity date: ERPNext refuses to order a quotation whose validity has passed, as these have by now)."""
	order = make_sales_order(quotation.name)
	order.update(
		{
			"transaction_date": deal.order_date,
			"delivery_date": deal.delivery_date,
			"payment_schedule": [],
			"sales_team": [{"sales_person": deal.sales_person, "allocated_percentage": 100}],
		}
	)
	for item in order.items:
		item.delivery_date = deal.delivery_date
	return submitted(order)


def make_invoice(order, deal: Deal):
	invoice = make_sales_invoice(order.name)
	invoice.update(
		{
			"set_posting_time": 1,
			"posting_date": deal.invoice_date,
			"due_date": deal.invoice_date + timedelta(days=PAYMENT_TERM_DAYS),
			"update_stock": 0,
			"payment_schedule": [],
		}
	)
	return submitted(invoice)


def make_payment(invoice, deal: Deal, account: str):
	"""The customer's payment of the invoice, in full or the planned part of it, into `account`."""
	part = None if deal.paid_share >= 1 else flt(invoice.outstanding_amount * deal.paid_share, 0)
	payment = get_payment_entry("Sales Invoice", invoice.name, party_amount=part, bank_account=account)
	payment.update(
		{
			"posting_date": deal.payment_date,
			"reference_no": f"{deal.payment_date:%Y%m%d}-{invoice.name}",
			"reference_date": deal.payment_date,
		}
	)
	return submitted(payment)


def submitted(doc):
	doc.insert(ignore_permissions=True)
	doc.submit()
	return doc


def user_of(sales_person: str) -> str:
	return get_org_chart().user_of(sales_person) or frappe.session.user


def get_or_make_lost_reason(reason: str) -> str:
	if not frappe.db.exists("Quotation Lost Reason", reason):
		frappe.get_doc({"doctype": "Quotation Lost Reason", "order_lost_reason": reason}).insert(
			ignore_permissions=True
		)
	return reason
