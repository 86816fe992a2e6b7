"""Handlers shared by Quotation, Sales Order and Opportunity."""

import json

import frappe
from frappe import _
from frappe.translate import get_user_lang, print_language
from frappe.utils import flt, fmt_money

from sales_dept.compat import NO_OBJECTION
from sales_dept.services import amount_in_words
from sales_dept.services.bids import bid_gate_problems, lines_covered_by_bid
from sales_dept.services.org import default_sales_person_for, get_org_chart
from sales_dept.services.pricing import apply_price_check, fingerprint_of
from sales_dept.services.settings import is_enabled

PRICE_EXCEPTION_DOCTYPE = "Price Exception Request"

# The field that names the party type on each doctype we hook.
PARTY_TYPE_FIELD = {"Quotation": "quotation_to", "Opportunity": "opportunity_from"}


def set_sales_person(doc, method=None):
	"""before_validate: default sd_sales_person, then check it names one enabled salesperson."""
	if not doc.sd_sales_person:
		doc.sd_sales_person = default_sales_person_for(doc.get(PARTY_TYPE_FIELD[doc.doctype]), doc.party_name)
		return

	node = get_org_chart().nodes.get(doc.sd_sales_person)
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


def write_amount_in_chinese(doc, method=None):
	"""validate: the amount in words in Chinese capitals for a Chinese saver of a document in yuan (ERPNext's
	words have no Chinese); after submit only when ERPNext wrote its words again (Update Items, which lets
	the totals change)."""
	if method == "before_update_after_submit" and not doc.flags.ignore_validate_update_after_submit:
		return
	amount_in_words.write_in_chinese(doc)


# Price policy (rulebook R9) on Quotation and Sales Order
# ------------------------------------------------------


def check_price_policy(doc, method=None):
	"""validate: mark the lines that go below the user's allowance and the approval that covers them (a
	line of the approved bid a quotation was made from needs no second approval)."""
	if not is_enabled("pricing_policy"):
		return
	apply_price_check(doc, exempt_rows=lines_covered_by_bid(doc))


def _needs_exception(doc) -> bool:
	return bool(doc.get("sd_price_exception_needed")) and is_enabled("pricing_policy")


def _blocked_lines_message(doc, advice: str | None = None) -> str:
	lines = json.loads(doc.sd_price_check or "[]")
	rows = [
		_("Row {0}: {1} at {2} is {3}% below the list rate {4} (floor {5}); needs {6}.").format(
			line["idx"],
			frappe.bold(line["item_code"]),
			fmt_money(line["rate"], currency=doc.currency),
			flt(line["discount_pct"], 2),
			fmt_money(line["list_rate"], currency=doc.currency),
			fmt_money(line["floor_rate"], currency=doc.currency),
			_(line["required_role"]),
		)
		for line in lines
		if line.get("required_role")
	]
	return "<br>".join(
		[_("These prices break the price policy and have no approved price exception:"), *rows]
		+ [advice or _("Request a price exception from the document, or change the prices.")]
	)


def block_submit_without_price_exception(doc, method=None):
	"""before_submit"""
	if _needs_exception(doc):
		frappe.throw(_blocked_lines_message(doc), title=_("Price Exception Needed"))


def check_lines_after_submit(doc, method=None):
	"""before_update_after_submit (Quotation, Sales Order): ERPNext's Update Items changes the rates and
	quantities of a submitted document without running validate. When the lines differ from those the price
	check last saw: a quotation made from a bid must still be exactly the approved bid (rulebook R29), and the
	prices are checked again (a line of that bid needs no second approval); a price below the policy that no
	approved exception covers is refused, so the update writes nothing. Other changes after submit (allowed
	fields) are not checked again."""
	if doc.get("sd_checked_lines") == fingerprint_of(doc):
		return
	if doc.doctype == "Quotation" and doc.flags.ignore_validate_update_after_submit:  # Update Items
		block_without_approved_bid(doc)
	if not is_enabled("pricing_policy"):
		return
	apply_price_check(doc, exempt_rows=lines_covered_by_bid(doc))
	if doc.sd_price_exception_needed:
		advice = (
			_("Keep the prices, or cancel and amend the quotation and request a price exception from it.")
			if doc.doctype == "Quotation"
			else _("Keep the prices, or cancel and amend the order and request a price exception from it.")
		)
		frappe.throw(_blocked_lines_message(doc, advice), title=_("Price Exception Needed"))


def block_without_approved_bid(doc, method=None, print_settings=None):
	"""before_submit and before_print of a Quotation made from a bid (rulebook R29): only once the bid is
	approved, and with exactly its items, quantities and rates. In the user's language."""
	if not doc.get("sd_bid_review"):
		return
	with print_language(get_user_lang()):
		refusal = bid_gate_problems(doc)
	if refusal:
		frappe.throw(refusal.message, title=refusal.title)


def block_print_without_price_exception(doc, method=None, print_settings=None):
	"""before_print: no printed or e-mailed quotation below the policy until an exception is approved.
	The refusal speaks the user's language, whatever language the document is being printed in."""
	if not _needs_exception(doc):
		return
	with print_language(get_user_lang()):
		message, title = _blocked_lines_message(doc), _("Price Exception Needed")
	frappe.throw(message, title=title)


def let_cancel_past_price_exceptions(doc, method=None):
	"""on_cancel (after ERPNext's own, which may set the list): a document is cancelled whatever price
	exception request names it. The request stays as it was decided: an amendment whose lines are unchanged
	stands on it again, a changed line needs a new one, and once no submitted document stands on it the
	requester or the sales manager may withdraw it."""
	ignored = tuple(doc.get("ignore_linked_doctypes") or ())
	if PRICE_EXCEPTION_DOCTYPE not in ignored:
		doc.ignore_linked_doctypes = (*ignored, PRICE_EXCEPTION_DOCTYPE)


def has_permission(doc, ptype=None, user=None, debug=False):
	"""has_permission hook: nobody may e-mail a document that still needs a price exception, nor a quotation
	whose bid is not approved (or that differs from it). The refusal says why, as submit and print do: Frappe
	checks the e-mail permission only when a document is being e-mailed (communication.email.make), and
	passes what a hook throws on to the user instead of its bare "Not allowed via controller permission
	check"."""
	if ptype == "email" and doc and not isinstance(doc, str):
		with print_language(get_user_lang(user)):
			refusal = bid_gate_problems(doc)
			if refusal:
				frappe.throw(refusal.message, frappe.PermissionError, title=refusal.title)
			if _needs_exception(doc):
				frappe.throw(
					_blocked_lines_message(doc), frappe.PermissionError, title=_("Price Exception Needed")
				)
	return NO_OBJECTION
