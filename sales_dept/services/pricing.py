"""Price policy adapter: reads policies (cached per company), builds plain lines from a Quotation or
Sales Order, asks `sales_dept.rules.pricing` for the verdict and finds the approval that covers it."""

import json

import frappe
from frappe.query_builder import DocType
from frappe.utils import flt

from sales_dept.rules.pricing import (
	ApprovedLine,
	Line,
	LineVerdict,
	Policy,
	PolicyIndex,
	approver_role,
	judge_line,
	lines_fingerprint,
	nearest_decider,
	policy_for,
	uncovered,
)
from sales_dept.services.org import default_sales_person_for, get_org_chart, oversight_of
from sales_dept.services.settings import APPROVER_ROLE_ALONE, get_settings, is_administrator, setting

POLICY_CACHE_KEY = "sales_dept:price_policies"
ITEM_GROUP_CACHE_KEY = "sales_dept:item_group_parents"
REQUEST_DOCTYPE = "Price Exception Request"


def seniority() -> tuple[str, ...]:
	"""Roles from least to most senior, as the settings name them."""
	settings = get_settings()
	return (
		settings.salesperson_role,
		settings.team_leader_role,
		settings.sales_manager_role,
		settings.leadership_role,
	)


def to_policy(row, allowances) -> Policy:
	by_discount = row.floor_basis == "Maximum Discount"
	return Policy(
		name=row.name,
		applies_to=row.applies_to,
		item_code=row.item_code or None,
		item_group=row.item_group or None,
		customer_group=row.customer_group or None,
		price_list=row.price_list or None,
		min_rate=None if by_discount else flt(row.min_rate),
		max_discount_pct=flt(row.max_discount_pct) if by_discount else None,
		allowances=tuple((a.role, flt(a.max_discount_pct)) for a in allowances),
	)


def _load_policies(company: str) -> list[Policy]:
	policy, allowance = DocType("Sales Price Policy"), DocType("Sales Price Policy Allowance")
	rows = (
		frappe.qb.from_(policy)
		.left_join(allowance)
		.on((allowance.parent == policy.name) & (allowance.parenttype == "Sales Price Policy"))
		.select(
			policy.name,
			policy.applies_to,
			policy.item_code,
			policy.item_group,
			policy.customer_group,
			policy.price_list,
			policy.floor_basis,
			policy.min_rate,
			policy.max_discount_pct,
			allowance.role.as_("allowance_role"),
			allowance.max_discount_pct.as_("allowance_pct"),
		)
		.where((policy.company == company) & (policy.enabled == 1))
		.orderby(policy.name)
		.orderby(allowance.idx)
		.run(as_dict=True)
	)
	grouped: dict[str, tuple] = {}
	for row in rows:
		head, allowances = grouped.setdefault(row.name, (row, []))
		if row.allowance_role:
			allowances.append(frappe._dict(role=row.allowance_role, max_discount_pct=row.allowance_pct))
	return [to_policy(head, allowances) for head, allowances in grouped.values()]


def company_policies(company: str) -> list[Policy]:
	"""The enabled policies of a company, cached until a policy changes."""
	return frappe.cache.hget(POLICY_CACHE_KEY, company, generator=lambda: _load_policies(company))


def _load_item_group_parents() -> dict[str, str]:
	item_group = DocType("Item Group")
	return dict(frappe.qb.from_(item_group).select(item_group.name, item_group.parent_item_group).run())


def item_group_chain(item_group: str | None) -> tuple[str, ...]:
	"""The group and its ancestors, nearest first (the Item Group tree is cached until it changes)."""
	parents = frappe.cache.get_value(ITEM_GROUP_CACHE_KEY, generator=_load_item_group_parents)
	chain, seen = [], set()
	while item_group and item_group not in seen:
		seen.add(item_group)
		chain.append(item_group)
		item_group = parents.get(item_group)
	return tuple(chain)


def clear_policy_cache(doc=None, method=None, *args):
	"""doc_events / controller hook: the next check reloads the policies (and again after a rollback).

	Also on renaming an Item, Item Group, Customer Group or Price List: Frappe rewrites the policies'
	links in SQL without saving them."""
	frappe.cache.delete_value(POLICY_CACHE_KEY)
	frappe.db.after_rollback.add(lambda: frappe.cache.delete_value(POLICY_CACHE_KEY))


def clear_item_group_cache(doc=None, method=None, *args):
	"""doc_events on Item Group (`after_rename` passes old and new names too)."""
	frappe.cache.delete_value(ITEM_GROUP_CACHE_KEY)
	frappe.db.after_rollback.add(lambda: frappe.cache.delete_value(ITEM_GROUP_CACHE_KEY))


def document_lines(doc) -> list[Line]:
	return [
		Line(
			idx=row.idx,
			item_code=row.item_code,
			qty=flt(row.qty),
			list_rate=flt(row.price_list_rate),
			rate=flt(row.rate),
			item_groups=item_group_chain(row.item_group),
			conversion_factor=flt(row.conversion_factor) or 1.0,
			is_free_item=bool(row.is_free_item),
		)
		for row in doc.items
	]


def fingerprint_of(doc) -> str:
	"""The fingerprint of the document's lines (item, quantity, rate) as they are now."""
	return lines_fingerprint(document_lines(doc))


def judge_document(doc, user: str | None = None, lines: list[Line] | None = None) -> list[LineVerdict]:
	"""A verdict for every line that a policy governs, as seen by `user` (default: the session user);
	`lines`: the document's lines when the caller has them already (document_lines)."""
	policies = company_policies(doc.company)
	if not policies:
		return []
	index = PolicyIndex(policies)
	roles = frappe.get_roles(user or frappe.session.user)
	order = seniority()
	leadership = order[-1]
	doc_per_company_currency = 1 / (flt(doc.conversion_rate) or 1.0)
	verdicts = []
	for line in document_lines(doc) if lines is None else lines:
		policy = policy_for(
			index.candidates(line), line, doc.get("customer_group"), doc.get("selling_price_list")
		)
		verdict = policy and judge_line(policy, line, roles, order, leadership, doc_per_company_currency)
		if verdict:
			verdicts.append(verdict)
	return verdicts


def flagged_lines(doc, user: str | None = None, lines: list[Line] | None = None) -> list[LineVerdict]:
	return [v for v in judge_document(doc, user, lines) if v.required_role]


def _approved_requests(doc) -> list[tuple[str, bool]]:
	"""Approved requests that may cover `doc`: its own, and (for a Sales Order) its quotations'.
	Each as (name, asked for this very document or one it amends)."""
	quotations = sorted({row.prevdoc_docname for row in doc.items if row.get("prevdoc_docname")})
	if doc.doctype != "Sales Order":
		quotations = []
	own = amendment_chain(doc)
	if not own and not quotations:
		return []  # no request can name a document that was never saved
	request = DocType(REQUEST_DOCTYPE)
	condition = (request.reference_doctype == doc.doctype) & request.reference_name.isin(own or [""])
	if quotations:
		condition |= (request.reference_doctype == "Quotation") & request.reference_name.isin(quotations)
	rows = (
		frappe.qb.from_(request)
		.select(request.name, request.reference_doctype, request.reference_name)
		.where(condition & (request.status == "Approved") & (request.docstatus == 1))
		.orderby(request.decided_on, order=frappe.qb.desc)
		.run(as_dict=True)
	)
	return [(r.name, r.reference_doctype == doc.doctype and r.reference_name in own) for r in rows]


def amendment_chain(doc) -> list[str]:
	"""The document's name (once saved) and those of the cancelled documents it amends: an approval asked
	for one of them covers the amendment's unchanged lines."""
	chain = [] if doc.is_new() else [doc.name]
	amended_from = doc.get("amended_from")
	while amended_from and amended_from not in chain:
		chain.append(amended_from)
		amended_from = frappe.db.get_value(doc.doctype, amended_from, "amended_from")
	return chain


def _request_lines(names: list[str]) -> dict[str, list[ApprovedLine]]:
	line = DocType("Price Exception Request Line")
	found: dict[str, list[ApprovedLine]] = {name: [] for name in names}
	for parent, item_code, qty, rate in (
		frappe.qb.from_(line)
		.select(line.parent, line.item_code, line.qty, line.rate)
		.where(line.parent.isin(names) & (line.parenttype == REQUEST_DOCTYPE))
		.run()
	):
		found[parent].append(ApprovedLine(item_code, flt(qty), flt(rate)))
	return found


def covering_request(doc, flagged: list[LineVerdict]) -> str | None:
	"""The newest approved request that covers every flagged line of `doc`, if any."""
	if not flagged:
		return None
	candidates = _approved_requests(doc)
	if not candidates:
		return None
	lines = _request_lines([name for name, _own in candidates])
	for name, own in candidates:
		if not uncovered(flagged, lines[name], same_document=own):
			return name
	return None


def check_to_json(flagged: list[LineVerdict]) -> str | None:
	if not flagged:
		return None
	return json.dumps(
		[
			{
				"idx": v.idx,
				"item_code": v.item_code,
				"qty": v.qty,
				"list_rate": v.list_rate,
				"floor_rate": v.floor_rate,
				"rate": v.rate,
				"discount_pct": v.discount_pct,
				"required_role": v.required_role,
				"below_floor": v.below_floor,
			}
			for v in flagged
		]
	)


def apply_price_check(doc, exempt_rows: set[int] | frozenset = frozenset()):
	"""Mark `doc` with what the price policy says: which lines need an exception, from which role, and
	the approved request that covers them. `exempt_rows`: rows another approval already judged (a line of
	the approved bid the quotation was made from)."""
	lines = document_lines(doc)
	flagged = [v for v in flagged_lines(doc, lines=lines) if v.idx not in exempt_rows]
	request = covering_request(doc, flagged)
	doc.sd_checked_lines = lines_fingerprint(lines)
	doc.sd_price_check = check_to_json(flagged)
	doc.sd_price_approver_role = approver_role(flagged, seniority()) if flagged else None
	doc.sd_price_exception = request
	doc.sd_price_exception_needed = int(bool(flagged) and not request)
	return flagged


# Who decides a price exception (rulebook R9 and the line of oversight)
# ---------------------------------------------------------------------


def decided_by_role_alone() -> bool:
	"""The settings open price exceptions to any holder of the approver role (not only the line)."""
	return setting("price_exceptions_decided_by") == APPROVER_ROLE_ALONE


def in_line_of_oversight(user: str, sales_person: str | None) -> bool:
	"""Whether `user` stands in the line of oversight of `sales_person`: a leader of a team above them, a
	holder of the sales manager or leadership role, an administrator; anyone where the settings say the
	role alone decides."""
	if decided_by_role_alone() or is_administrator(user):
		return True
	oversight = oversight_of(user)
	return oversight.everyone or bool(sales_person and sales_person in oversight.sales_persons)


def deal_sales_person(document, user: str | None = None) -> str | None:
	"""Whose deal a quotation or sales order is: the quotation's salesperson, else the first of the
	document's Sales Team, else, as on a new quotation, the customer's Sales Team or the Sales Person of
	`user` (default: the current user). An order posted over REST or imported has no Sales Team: the desk
	fills it from the customer, the API does not."""
	if document.get("sd_sales_person"):
		return document.sd_sales_person
	team = document.get("sales_team") or []
	if team and team[0].get("sales_person"):
		return team[0].sales_person
	if document.doctype == "Quotation":
		party_type, party = document.get("quotation_to"), document.get("party_name")
	else:
		party_type, party = "Customer", document.get("customer")
	return default_sales_person_for(party_type, party, user)


def nearest_decider_user(sales_person: str | None, approver_role: str) -> str | None:
	"""The user of the nearest leader above `sales_person` who holds `approver_role` or a senior one."""
	if not sales_person or not approver_role:
		return None
	chart = get_org_chart()
	leaders = [
		(leader, frappe.get_roles(chart.user_of(leader)))
		for leader in chart.leaders_above(sales_person)
		if chart.user_of(leader)
	]
	return chart.user_of(nearest_decider(leaders, approver_role, seniority()))
