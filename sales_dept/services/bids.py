"""Bid review adapter (rulebook R27-R30): review kinds, a bid's lines as the rules see them, the price
policy's verdict on proposed rates, who reaches which bid, the quotation gate, and the daily reminders."""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name
from frappe.query_builder import DocType
from frappe.utils import add_days, flt, fmt_money, get_datetime, getdate, now_datetime, nowdate

from sales_dept.compat import NO_OBJECTION
from sales_dept.rules.bids import (
	APPROVED,
	APPROVED_LINE_MISSING,
	IN_REVIEW,
	LINE_CHANGED,
	OPEN_STATUSES,
	REVIEW_PENDING,
	BidLine,
	Review,
	ReviewKind,
	deadline_reminder_due,
	escalation_due,
	line_key,
	quotation_line_problems,
)
from sales_dept.rules.pricing import approver_role
from sales_dept.rules.robots import ALARM, WAITING_FOR_YOU
from sales_dept.services.notify import notify_role, notify_users, users_with_role
from sales_dept.services.org import get_org_chart
from sales_dept.services.pricing import flagged_lines, seniority
from sales_dept.services.robots import Push
from sales_dept.services.settings import get_settings, is_administrator, is_enabled, setting
from sales_dept.services.visit_access import reachable_sales_persons

BID = "Bid Review"


def review_kinds() -> list[ReviewKind]:
	"""The enabled review kinds (seeded: technical, purchasing; admins add more)."""
	return [
		ReviewKind(kind.name, kind.role, bool(kind.required))
		for kind in frappe.get_all(
			"Bid Review Kind",
			filters={"enabled": 1},
			fields=["name", "role", "required"],
			order_by="creation",
		)
	]


def cost_confirming_kinds() -> set[str]:
	return set(frappe.get_all("Bid Review Kind", filters={"confirms_costs": 1}, pluck="name"))


def bid_lines(doc) -> list[BidLine]:
	return [
		BidLine(
			line_key(row.item_code, row.description),
			flt(row.qty),
			flt(row.rate),
			flt(row.supplier_cost) if row.supplier_cost else None,
		)
		for row in doc.lines
	]


def reviews_of(doc) -> list[Review]:
	return [
		Review(row.review_kind, row.role, row.status or REVIEW_PENDING, row.reviewer, row.lines_signature)
		for row in doc.reviews
	]


# Prices
# ------


def party_terms(company: str | None, customer: str | None = None, lead: str | None = None) -> frappe._dict:
	"""The price list, currency and print language ERPNext gives a new quotation of `customer` or `lead`, as
	its get_party_details does: the price list the user is restricted to if only one, else the customer's
	default price list, its group's, else Selling Settings'; the customer's billing currency, else the
	company's; the party's print language."""
	from erpnext.accounts.party import set_price_list
	from frappe.core.doctype.user_permission.user_permission import get_permitted_documents

	default_list = frappe.db.get_single_value("Selling Settings", "selling_price_list")
	company_currency = frappe.get_cached_value("Company", company, "default_currency") if company else None
	if not customer:
		permitted = get_permitted_documents("Price List")
		return frappe._dict(
			selling_price_list=permitted[0] if len(permitted) == 1 else default_list,
			currency=company_currency,
			language=frappe.db.get_value("Lead", lead, "language") if lead else None,
		)
	party = frappe.get_cached_doc("Customer", customer)
	terms = frappe._dict()
	set_price_list(terms, party, "Customer", default_list)
	return frappe._dict(
		selling_price_list=terms.selling_price_list,
		currency=party.default_currency or company_currency,
		language=party.language,
	)


def list_rates(price_list: str | None, items: list[str]) -> dict[str, float]:
	"""The selling list rate of each item in `price_list` (one query; items without a price are left out)."""
	if not price_list or not items:
		return {}
	price = DocType("Item Price")
	return {
		item: flt(rate)
		for item, rate in (
			frappe.qb.from_(price)
			.select(price.item_code, price.price_list_rate)
			.where((price.price_list == price_list) & price.item_code.isin(items) & (price.selling == 1))
			.orderby(price.valid_from)
			.run()
		)
	}


@dataclass
class PricedLines:
	"""What the price check reads of a quotation (services.pricing.judge_document), made from a bid."""

	company: str
	conversion_rate: float
	customer_group: str | None
	selling_price_list: str | None
	items: list

	def get(self, fieldname: str, default=None):
		return getattr(self, fieldname, default)


def price_verdicts(doc, salesperson_user: str | None) -> dict[int, str]:
	"""{line idx: role the price policy asks for} of the bid's proposed rates, judged as the salesperson's
	(the same check as a quotation's, through the rules core)."""
	if not is_enabled("pricing_policy"):
		return {}
	customer_group = frappe.db.get_value("Customer", doc.customer, "customer_group") if doc.customer else None
	as_quotation = PricedLines(
		company=doc.company,
		conversion_rate=doc.conversion_rate or 1,
		customer_group=customer_group,
		selling_price_list=doc.selling_price_list,
		items=[
			frappe._dict(
				idx=row.idx,
				item_code=row.item_code,
				qty=row.qty,
				price_list_rate=row.price_list_rate,
				rate=row.rate,
				item_group=row.item_group,
				conversion_factor=1,
				is_free_item=0,
			)
			for row in doc.lines
			if row.item_code
		],
	)
	return {v.idx: v.required_role for v in flagged_lines(as_quotation, user=salesperson_user)}


def price_role(verdicts: dict[int, str]) -> str | None:
	return approver_role([frappe._dict(required_role=role) for role in verdicts.values()], seniority())


# Who reaches which bid
# ---------------------


def reviewer_roles(user: str) -> list[str]:
	"""The review roles `user` holds."""
	roles = set(frappe.get_roles(user))
	return sorted({kind.role for kind in review_kinds()} & roles)


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A salesperson their own bids, a team leader the team's, the sales manager and leadership all; a
	reviewer also the bids with a review of their role (waiting or done)."""
	user = user or frappe.session.user
	reachable = reachable_sales_persons(user)
	if reachable is None:
		return ""
	conditions = []
	if reachable:
		names = ", ".join(frappe.db.escape(name) for name in sorted(reachable))
		conditions.append(f"`tabBid Review`.`sales_person` in ({names})")
	roles = reviewer_roles(user)
	if roles:
		role_list = ", ".join(frappe.db.escape(role) for role in roles)
		conditions.append(
			f"`tabBid Review`.`name` in (select `parent` from `tabBid Review Check` "
			f"where `parenttype` = 'Bid Review' and `role` in ({role_list}))"
		)
	return "(" + " or ".join(conditions) + ")" if conditions else "1=0"


def has_permission(doc, ptype=None, user=None, debug=False):
	"""Refuse a bid of someone the user neither is nor oversees and has no review of; else no opinion."""
	if isinstance(doc, str) or doc.get("__islocal") or not doc.get("creation"):
		return NO_OBJECTION
	user = user or frappe.session.user
	reachable = reachable_sales_persons(user)
	if reachable is None or doc.get("sales_person") in reachable:
		return NO_OBJECTION
	if ptype in ("read", "print", "report") and set(reviewer_roles(user)) & {
		r.role for r in doc.get("reviews")
	}:
		return NO_OBJECTION
	return False


def sees_costs(user: str | None = None) -> bool:
	"""Supplier costs and margins: hidden from salespeople and team leaders when the settings say so."""
	if not setting("hide_bid_costs_from_salespeople") or is_administrator(user):
		return True
	settings = get_settings()
	allowed = {settings.sales_manager_role, settings.leadership_role, settings.purchasing_reviewer_role}
	return bool(allowed & set(frappe.get_roles(user)))


# The quotation made from a bid (rulebook R29: no print or submit before approval)
# --------------------------------------------------------------------------------


def approved_lines(bid: str) -> tuple[str | None, list[BidLine]]:
	"""The bid's status and its lines (two queries)."""
	status = frappe.db.get_value(BID, bid, "status")
	line = DocType("Bid Review Line")
	rows = (
		frappe.qb.from_(line)
		.select(line.item_code, line.description, line.qty, line.rate)
		.where((line.parent == bid) & (line.parenttype == BID))
		.orderby(line.idx)
		.run(as_dict=True)
	)
	return status, [BidLine(line_key(r.item_code, r.description), flt(r.qty), flt(r.rate)) for r in rows]


def quotation_lines(doc) -> list[tuple[int, BidLine]]:
	return [(row.idx, BidLine(row.item_code, flt(row.qty), flt(row.rate))) for row in doc.items]


@dataclass(frozen=True)
class GateRefusal:
	"""Why a quotation made from a bid may not be submitted, printed or e-mailed: a title and one message per
	problem, in the current language."""

	title: str
	problems: list[str]

	@property
	def message(self) -> str:
		return "<br>".join(self.problems)


def bid_gate_problems(doc) -> GateRefusal | None:
	"""Why a quotation made from a bid may not be submitted, printed or e-mailed (None: it may): the bid is
	not approved, or a line differs from what it approved (each named with what the bid allows)."""
	if not doc.get("sd_bid_review") or not is_enabled("bid_review"):
		return None
	status, lines = approved_lines(doc.sd_bid_review)
	if status != APPROVED:
		return GateRefusal(
			_("Bid Not Approved"),
			[
				_("Bid review {0} is not approved yet ({1}).").format(doc.sd_bid_review, _(status))
				if status
				else _("Bid review {0} no longer exists.").format(doc.sd_bid_review)
			],
		)
	problems = quotation_line_problems(lines, quotation_lines(doc))
	if not problems:
		return None

	def shown(line) -> tuple[str, str, str]:
		"""(item, quantity, rate) of a line as the messages name them."""
		return line.key.lstrip("~"), f"{line.qty:g}", fmt_money(line.rate, currency=doc.get("currency"))

	messages = []
	for problem in problems:
		if problem.problem == APPROVED_LINE_MISSING:
			messages.append(
				_("{0}, {1} at {2}, of the approved bid is missing.").format(*shown(problem.approved))
			)
		elif problem.problem == LINE_CHANGED:
			messages.append(
				_("Row {0}: {1}, {2} at {3}; the approved bid allows {4} at {5}.").format(
					problem.row, *shown(problem.quoted), *shown(problem.approved)[1:]
				)
			)
		else:
			messages.append(
				_("Row {0}: {1}, {2} at {3}, is not in the approved bid.").format(
					problem.row, *shown(problem.quoted)
				)
			)
	return GateRefusal(_("Quotation Differs from the Approved Bid"), messages)


def lines_covered_by_bid(doc) -> set[int]:
	"""Rows that repeat a line (item, rate; the quantity, or for a sales order no more than it) of the
	approved bid behind the document: the quotation made from the bid, or a sales order made from such a
	quotation. The bid's final approval already judged their prices, so they need no price exception."""
	if not is_enabled("bid_review"):
		return set()
	bids = [doc.get("sd_bid_review")] if doc.doctype == "Quotation" else bids_behind_order(doc)
	exact, most = set(), {}
	for bid in filter(None, bids):
		status, lines = approved_lines(bid)
		if status == APPROVED:
			for line in lines:
				exact.add((line.key, line.qty, round(line.rate, 4)))
				key = (line.key, round(line.rate, 4))
				most[key] = max(most.get(key, 0.0), line.qty)
	if doc.doctype == "Quotation":
		return {
			idx for idx, line in quotation_lines(doc) if (line.key, line.qty, round(line.rate, 4)) in exact
		}
	return {
		idx
		for idx, line in quotation_lines(doc)
		if line.qty <= most.get((line.key, round(line.rate, 4)), 0.0) + 1e-9
	}


def bids_behind_order(doc) -> list[str]:
	"""The bids of the quotations a sales order was made from (one query, none without quotations)."""
	quotations = sorted({row.prevdoc_docname for row in doc.items if row.get("prevdoc_docname")})
	if not quotations:
		return []
	return frappe.get_all(
		"Quotation",
		filters={"name": ["in", quotations], "sd_bid_review": ["is", "set"]},
		pluck="sd_bid_review",
	)


# Notifications and the daily jobs
# --------------------------------


def salesperson_user(doc) -> str | None:
	return get_org_chart().user_of(doc.sales_person)


def notify_reviewers(doc, kinds: list[str], exclude: tuple[str | None, ...] = ()):
	"""The holders of the roles whose review of `doc` is (again) requested, once each, never the bid's
	salesperson nor those in `exclude` (who took the step)."""
	roles = sorted({row.role for row in doc.reviews if row.review_kind in kinds})
	left_out = {salesperson_user(doc), *exclude}
	notify_users(
		[user for role in roles for user in users_with_role(role) if user not in left_out],
		doc,
		lambda: _("Bid {0} ({1}) waits for your review").format(
			doc.name, doc.title or doc.customer_name or ""
		),
		push=Push(WAITING_FOR_YOU),
	)


def deciding_roles_by_state() -> dict[str, tuple[str, ...]]:
	"""{workflow state: roles that may take a transition from it} of the bid's active workflow."""
	name = get_workflow_name(BID)
	if not name:
		return {}
	roles = {}
	for transition in frappe.get_cached_doc("Workflow", name).transitions:
		roles.setdefault(transition.state, []).append(transition.allowed)
	return {state: tuple(dict.fromkeys(allowed)) for state, allowed in roles.items()}


def remind_deadlines(today=None) -> list[str]:
	"""Daily: the salesperson and the sales manager hear of a submission deadline N days ahead (setting)."""
	if not is_enabled("bid_review"):
		return []
	today = getdate(today or nowdate())
	days = int(setting("bid_deadline_reminder_days") or 0)
	if days <= 0:
		return []
	bid = DocType(BID)
	due = (
		frappe.qb.from_(bid)
		.select(bid.name, bid.title, bid.sales_person, bid.submission_deadline)
		.where(
			bid.status.isin([*OPEN_STATUSES, APPROVED])
			& (bid.docstatus < 2)
			& bid.submission_deadline.isnotnull()
			& (bid.submission_deadline >= today)
			& (bid.submission_deadline < add_days(today, days + 1))
		)
		.run(as_dict=True)
	)
	reminded = []
	for row in due:
		if not deadline_reminder_due(getdate(row.submission_deadline), today, days):
			continue
		target = frappe._dict(doctype=BID, name=row.name)

		def subject(row=row):
			return _("Bid {0} ({1}) must be handed in by {2}").format(
				row.name, row.title or "", frappe.format(row.submission_deadline, "Datetime")
			)

		notify_users([get_org_chart().user_of(row.sales_person)], target, subject, push=Push(ALARM))
		notify_role(get_settings().sales_manager_role, target, subject)
		reminded.append(row.name)
	return reminded


def escalate_waiting_reviews(now=None) -> list[tuple[str, str]]:
	"""Daily: a review that waited longer than the settings allow is escalated to the sales manager, once."""
	if not is_enabled("bid_review"):
		return []
	now = get_datetime(now or now_datetime())
	max_days = flt(setting("bid_review_escalation_days"))
	if max_days <= 0:
		return []
	bid, check = DocType(BID), DocType("Bid Review Check")
	waiting = (
		frappe.qb.from_(check)
		.join(bid)
		.on((bid.name == check.parent) & (check.parenttype == BID))
		.select(check.name, check.parent, check.review_kind, check.requested_on)
		.where(
			(bid.status == IN_REVIEW)
			& (bid.docstatus == 0)
			& (check.status == REVIEW_PENDING)
			& check.escalated_on.isnull()
		)
		.run(as_dict=True)
	)
	escalated = []
	for row in waiting:
		if not escalation_due(get_datetime(row.requested_on) if row.requested_on else None, now, max_days):
			continue
		frappe.db.set_value("Bid Review Check", row.name, "escalated_on", now, update_modified=False)
		notify_role(
			get_settings().sales_manager_role,
			frappe._dict(doctype=BID, name=row.parent),
			lambda row=row: _("The {0} review of bid {1} has waited since {2}").format(
				_(row.review_kind), row.parent, frappe.format(row.requested_on, "Datetime")
			),
			push=Push(ALARM),
		)
		escalated.append((row.parent, row.review_kind))
	return escalated


def run_daily_jobs():
	"""Scheduler (daily)."""
	remind_deadlines()
	escalate_waiting_reviews()
	frappe.db.commit()  # nosemgrep: a scheduled job's work stands on its own


def sync_cost_permissions(hide: bool):
	"""The setting "Hide Bid Costs from Salespeople" as role permissions (permlevel 1 of Bid Review: supplier,
	costs, margins): salespeople and team leaders lose or regain it. Frappe then hides those fields on the
	form, in lists, reports and the REST API. Done with Frappe's own custom permissions (Role Permissions
	Manager), so an admin sees and may adjust them there."""
	from frappe.permissions import add_permission, setup_custom_perms, update_permission_property

	settings = get_settings()
	roles = [role for role in (settings.salesperson_role, settings.team_leader_role) if role]
	if not hide and not frappe.db.exists("Custom DocPerm", {"parent": BID}):
		return  # the shipped permissions already let them see costs
	setup_custom_perms(BID)
	for role in roles:
		row = {"parent": BID, "role": role, "permlevel": 1, "if_owner": 0}
		if hide:
			frappe.db.delete("Custom DocPerm", row)
		elif not frappe.db.exists("Custom DocPerm", row):
			add_permission(BID, role, permlevel=1)
			update_permission_property(BID, role, 1, "write", 1, validate=False)
	frappe.clear_cache(doctype=BID)
