"""The demo's bids, as planned in bid_plan.py, made through the app's own documents and methods.

Each step is taken by the person whose step it is, as their desk would take it: the salesperson registers
the bid (from an Opportunity for some) and hands it in, the sales manager decides to take part and approves
the final quote, company leadership does so too for a major bid, the technical and purchasing reviewers give
their reviews (purchasing confirming each line's cost and lead time, or asking for changes), the salesperson
makes the formal quotation from the approved bid, takes the customer's order or records the loss.

A bid is made once: one whose title the salesperson already has is left as it is, so a second run adds
nothing.
"""

from datetime import date, datetime, time, timedelta

import frappe
from erpnext.controllers.accounts_controller import get_taxes_and_charges
from erpnext.selling.doctype.quotation.quotation import make_sales_order
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import flt

from sales_dept.demo.bid_plan import (
	APPROVAL_COMMENT,
	APPROVE,
	BID_BOND_DAYS_BEFORE,
	DECLINE,
	DELIVERY_DAYS,
	GO_COMMENT,
	HAND_IN,
	LEAD_TIME_DAYS,
	LEADERSHIP,
	LEADERSHIP_APPROVES,
	LEADERSHIP_COMMENT,
	LEADERSHIP_PARTICIPATE,
	LOSE,
	ORDER,
	PARTICIPATE,
	PURCHASING_APPROVES,
	PURCHASING_ASKS_CHANGES,
	PURCHASING_COMMENT,
	PURCHASING_REVIEWER,
	QUOTATION_TERMS,
	QUOTE,
	REQUEST_FINAL_APPROVAL,
	REVISE,
	SALES_MANAGER,
	SALESPERSON,
	TAKEN_BY,
	TECHNICAL_APPROVES,
	TECHNICAL_COMMENT,
	TECHNICAL_REVIEWER,
	PlannedBid,
	plan_bids,
	steps_to,
	supplier_cost,
)
from sales_dept.demo.data import MANAGER, PEOPLE, STAFF, VAT, VAT_RATE
from sales_dept.demo.org import speaking_as
from sales_dept.demo.progress import say
from sales_dept.demo.transactions import user_of
from sales_dept.rules.bids import CHANGES_REQUESTED, LOST, REVIEW_APPROVED, WON
from sales_dept.sales_dept.doctype.bid_review.bid_review import (
	make_from_opportunity,
	make_quotation,
	record_outcome,
	review,
	take_workflow_action,
)
from sales_dept.services.settings import get_settings, setting
from sales_dept.setup import workflows

BID = "Bid Review"
DEADLINE_AT = time(17, 0)
# Who outside the department takes a step: the Sales Dept Settings field naming their role.
STAFF_ROLE_SETTING = {
	TECHNICAL_REVIEWER: "technical_reviewer_role",
	PURCHASING_REVIEWER: "purchasing_reviewer_role",
	LEADERSHIP: "leadership_role",
}


def make_bids(company: str, accounts: list[tuple[str, str]], price_list: str, today: date):
	planned = plan_bids(accounts, flt(setting("major_bid_amount")))
	made = existing_titles()
	todo = [bid for bid in planned if (bid.spec.sales_person, bid.spec.title) not in made]
	if not todo:
		say(_("The demo bids are there already: left as they are."))
		return
	say(_("Creating {0} bids through the bid review...").format(len(todo)))
	tax_template = sales_tax_template(company)
	for bid in todo:
		make_bid(bid, company, price_list, tax_template, today)


def existing_titles() -> set[tuple[str, str]]:
	salespeople = [person.name for person in PEOPLE]
	return {
		(row.sales_person, row.title)
		for row in frappe.get_all(
			BID, filters={"sales_person": ["in", salespeople]}, fields=["sales_person", "title"]
		)
	}


def takers(bid: PlannedBid) -> dict[str, str]:
	"""The user who takes each kind of step on `bid`."""
	by_setting = {staff.role_setting: staff.email for staff in STAFF}
	return {
		SALESPERSON: user_of(bid.spec.sales_person),
		SALES_MANAGER: user_of(MANAGER.name),
		**{taker: by_setting[field] for taker, field in STAFF_ROLE_SETTING.items()},
	}


def make_bid(bid: PlannedBid, company: str, price_list: str, tax_template: str | None, today: date):
	people = takers(bid)
	with speaking_as(people[SALESPERSON]):
		doc = register(bid, company, price_list, today)
	shared = {"tax_template": tax_template}
	for step in steps_to(bid.spec.end, major=bool(doc.is_major)):
		with speaking_as(people[TAKEN_BY[step]]):
			STEPS[step](doc, bid, shared, today)
		doc.reload()


def register(bid: PlannedBid, company: str, price_list: str, today: date):
	"""The salesperson's new bid, from an Opportunity they open for it, or directly."""
	spec = bid.spec
	doc = (
		make_from_opportunity(open_opportunity(bid, company))
		if spec.from_opportunity
		else frappe.new_doc(BID)
	)
	deadline = datetime.combine(today + timedelta(days=spec.deadline_days), DEADLINE_AT)
	doc.update(
		{
			"kind": spec.kind,
			"title": spec.title,
			"customer": bid.customer,
			"company": company,
			"selling_price_list": price_list,
			"sales_person": spec.sales_person,
			"tender_number": spec.tender_number,
			"issuing_party": spec.issuing_party,
			"submission_deadline": deadline,
			"bid_bond_amount": bid.bid_bond,
			"bid_bond_due": deadline.date() - timedelta(days=BID_BOND_DAYS_BEFORE) if bid.bid_bond else None,
		}
	)
	doc.set(
		"lines", [{"item_code": line.item_code, "qty": line.qty, "rate": line.rate} for line in bid.lines]
	)
	return doc.insert()


def open_opportunity(bid: PlannedBid, company: str) -> str:
	opportunity = frappe.get_doc(
		{
			"doctype": "Opportunity",
			"opportunity_from": "Customer",
			"party_name": bid.customer,
			"company": company,
			# named, not left to ERPNext 16's default: its _("Sales") in the salesperson's language names
			# no type on a site set up in English
			"opportunity_type": get_or_make("Opportunity Type", "name", "Sales"),
			"sd_sales_person": bid.spec.sales_person,
			"title": bid.spec.title,
			"items": [
				{"item_code": line.item_code, "qty": line.qty, "rate": line.rate} for line in bid.lines
			],
		}
	).insert()
	return opportunity.name


# The steps
# ---------
# Each is called as (bid document, planned bid, what the steps share, today) by the user taking it.


def own_step(action: str):
	"""The salesperson moves their bid on (hand in, revise, ask for the final approval)."""

	def take(doc, bid, shared, today):
		apply_workflow(doc, action)

	return take


def decision(action: str, comment_for):
	"""The manager's or leadership's decision, with the comment `comment_for(bid)` gives."""

	def take(doc, bid, shared, today):
		take_workflow_action(doc.name, action, comment_for(bid))

	return take


def review_of(doc, reviewer: str) -> str:
	"""The bid's review given by the role of `reviewer` (whatever an admin named the review kinds)."""
	role = get_settings().get(STAFF_ROLE_SETTING[reviewer])
	return next(row.name for row in doc.reviews if row.role == role)


def technical_approves(doc, bid, shared, today):
	review(doc.name, review_of(doc, TECHNICAL_REVIEWER), REVIEW_APPROVED, TECHNICAL_COMMENT)


def purchasing_approves(doc, bid, shared, today):
	prices = {line.item_code: line.price for line in bid.lines}
	costs = [
		{
			"row": row.name,
			"supplier_cost": supplier_cost(prices[row.item_code]),
			"lead_time_days": LEAD_TIME_DAYS,
		}
		for row in doc.lines
	]
	review(doc.name, review_of(doc, PURCHASING_REVIEWER), REVIEW_APPROVED, PURCHASING_COMMENT, costs)


def purchasing_asks_changes(doc, bid, shared, today):
	review(doc.name, review_of(doc, PURCHASING_REVIEWER), CHANGES_REQUESTED, bid.spec.changes)


def quote(doc, bid, shared, today):
	"""The formal quotation from the approved bid, with the company's sales taxes and terms, submitted."""
	quotation = make_quotation(doc.name)
	template = shared["tax_template"]
	if template:
		quotation.taxes_and_charges = template
		quotation.set("taxes", get_taxes_and_charges("Sales Taxes and Charges Template", template))
	quotation.terms = QUOTATION_TERMS
	quotation.insert()
	quotation.submit()
	shared["quotation"] = quotation.name


def sales_tax_template(company: str) -> str | None:
	"""The company's VAT on sales (the demo's rate, today's in China), made on the company's first tax
	account when missing; None for a company without a tax account."""
	existing = frappe.db.get_value("Sales Taxes and Charges Template", {"company": company, "title": VAT})
	if existing:
		return existing
	account = frappe.db.get_value(
		"Account", {"company": company, "account_type": "Tax", "is_group": 0, "disabled": 0}, order_by="lft"
	)
	if not account:
		return None
	template = frappe.get_doc(
		{
			"doctype": "Sales Taxes and Charges Template",
			"title": VAT,
			"company": company,
			"taxes": [
				{"charge_type": "On Net Total", "account_head": account, "rate": VAT_RATE, "description": VAT}
			],
		}
	).insert(ignore_permissions=True)
	return template.name


def order(doc, bid, shared, today):
	"""The customer orders what was quoted; the bid is won with that order."""
	sales_order = make_sales_order(shared["quotation"])
	delivery = today + timedelta(days=DELIVERY_DAYS)
	sales_order.delivery_date = delivery
	for item in sales_order.items:
		item.delivery_date = delivery
	sales_order.insert()
	sales_order.submit()
	record_outcome(doc.name, WON, sales_order=sales_order.name)


def lose(doc, bid, shared, today):
	record_outcome(
		doc.name,
		LOST,
		competitor=get_or_make("Competitor", "competitor_name", bid.spec.competitor),
		winning_price=bid.winning_price,
		lost_reason=get_or_make("Opportunity Lost Reason", "lost_reason", bid.spec.lost_reason),
	)


def get_or_make(doctype: str, fieldname: str, name: str) -> str:
	"""A record named by its one field (a competitor, a lost reason), made when missing."""
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, fieldname: name}).insert(ignore_permissions=True)
	return name


STEPS = {
	HAND_IN: own_step(workflows.SUBMIT_FOR_GO_NO_GO),
	PARTICIPATE: decision(workflows.PARTICIPATE, lambda bid: bid.spec.go_reason or GO_COMMENT),
	LEADERSHIP_PARTICIPATE: decision(workflows.PARTICIPATE, lambda bid: LEADERSHIP_COMMENT),
	DECLINE: decision(workflows.DECLINE, lambda bid: bid.spec.go_reason),
	TECHNICAL_APPROVES: technical_approves,
	PURCHASING_APPROVES: purchasing_approves,
	PURCHASING_ASKS_CHANGES: purchasing_asks_changes,
	REVISE: own_step(workflows.REVISE),
	REQUEST_FINAL_APPROVAL: own_step(workflows.REQUEST_FINAL_APPROVAL),
	APPROVE: decision(workflows.APPROVE, lambda bid: APPROVAL_COMMENT),
	LEADERSHIP_APPROVES: decision(workflows.APPROVE, lambda bid: LEADERSHIP_COMMENT),
	QUOTE: quote,
	ORDER: order,
	LOSE: lose,
}
