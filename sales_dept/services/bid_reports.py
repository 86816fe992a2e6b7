"""Queries of the bid reports (rulebook R27-R30): Bid Pipeline, Bid Win Loss Analysis, the bids of the Weekly
Meeting Pack and the workspace's "Bids Waiting for My Review".

Each figure comes from one or two set-based queries over all the bids in scope, never a query per bid; the
decisions (who an open bid waits for, win rate, price gap) are those of `sales_dept.rules.bids`.

Who reaches which bid is the rule of the Bid Review list (`services.bids.query_conditions`): a salesperson
their own bids, a team leader the team's, the sales manager and leadership roles (and the administrators)
everyone's; a reviewer also the bids with a review of their role, waiting or done.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import Criterion, DocType
from frappe.query_builder.functions import Count, DateFormat, NullIf, Sum
from frappe.utils import add_days, getdate

from sales_dept.rules.bids import (
	APPROVED,
	DECIDERS,
	DECLINED,
	FINAL_APPROVAL,
	GO_NO_GO,
	IN_REVIEW,
	LOST,
	OPEN_STATUSES,
	REVIEW_PENDING,
	REVIEWERS,
	SALESPERSON,
	WITHDRAWN,
	WON,
	Waiting,
	WinLoss,
	awaits,
	combined,
	waits_for,
	win_loss,
)
from sales_dept.sales_dept.doctype.bid_review_line.bid_review_line import LINES_PER_ITEM_GROUP
from sales_dept.services.bids import BID, deciding_roles_by_state, reviewer_roles
from sales_dept.services.org import get_org_chart
from sales_dept.services.pricing import seniority
from sales_dept.services.settings import get_settings
from sales_dept.services.visit_access import reachable_sales_persons

CHECK = "Bid Review Check"
DECIDED_OUTCOMES = (WON, LOST, WITHDRAWN)
# Only a review or a decision can wait for a user (a draft or a bid sent back waits for its salesperson).
AWAITING_DECISION = (GO_NO_GO, IN_REVIEW, FINAL_APPROVAL)

# What Bid Win Loss Analysis groups by (the values of its "Group By" filter).
BY_SALES_PERSON, BY_TEAM, BY_CUSTOMER_TIER = "Sales Person", "Team", "Customer Tier"
BY_ITEM_GROUP, BY_COMPETITOR, BY_MONTH = "Item Group", "Competitor", "Month"
GROUPINGS = (BY_SALES_PERSON, BY_TEAM, BY_CUSTOMER_TIER, BY_ITEM_GROUP, BY_COMPETITOR, BY_MONTH)


# Who reaches which bid
# ---------------------


@dataclass(frozen=True)
class Reach:
	"""The bids a user reaches: those of `sales_persons` (None: everyone's) and those with a review of one
	of `review_roles`."""

	sales_persons: frozenset[str] | None
	review_roles: tuple[str, ...] = ()

	@property
	def nobody(self) -> bool:
		return self.sales_persons is not None and not self.sales_persons and not self.review_roles


def reach_of(user: str | None = None) -> Reach:
	user = user or frappe.session.user
	reachable = reachable_sales_persons(user)
	if reachable is None:
		return Reach(None)
	return Reach(frozenset(reachable), tuple(reviewer_roles(user)))


def reach_condition(bid, reach: Reach):
	"""A qb condition keeping the bids `reach` covers (None: every bid)."""
	if reach.sales_persons is None:
		return None
	conditions = []
	if reach.sales_persons:
		conditions.append(bid.sales_person.isin(sorted(reach.sales_persons)))
	if reach.review_roles:
		check = DocType(CHECK)
		conditions.append(
			bid.name.isin(
				frappe.qb.from_(check)
				.select(check.parent)
				.where((check.parenttype == BID) & check.role.isin(list(reach.review_roles)))
			)
		)
	return Criterion.any(conditions)


@dataclass(frozen=True)
class BidFilters:
	"""What the reports narrow the bids to, besides who reaches them. `sales_persons`: None for anyone's
	(a team filter gives its members, a salesperson filter that one)."""

	company: str | None = None
	sales_persons: frozenset[str] | None = None
	kind: str | None = None

	@classmethod
	def of(cls, filters) -> "BidFilters":
		people = None
		if filters.get("team"):
			people = frozenset(get_org_chart().members(filters.team))
		if filters.get("sales_person"):
			people = frozenset({filters.sales_person} if people is None else people & {filters.sales_person})
		return cls(filters.get("company"), people, filters.get("kind"))

	@property
	def nobody(self) -> bool:
		return self.sales_persons is not None and not self.sales_persons

	def conditions(self, bid) -> list:
		conditions = []
		if self.company:
			conditions.append(bid.company == self.company)
		if self.sales_persons is not None:
			conditions.append(bid.sales_person.isin(sorted(self.sales_persons)))
		if self.kind:
			conditions.append(bid.kind == self.kind)
		return conditions


def bid_conditions(bid, reach: Reach, narrowing: BidFilters, *more) -> Criterion | None:
	"""Every condition on the bids, or None when no bid can qualify (nobody reached, an empty team)."""
	if reach.nobody or narrowing.nobody:
		return None
	return Criterion.all(
		[c for c in (reach_condition(bid, reach), *narrowing.conditions(bid), *more) if c is not None]
	)


def link_column(label: str, fieldname: str, doctype: str, width: int) -> dict:
	"""A report column linking `doctype`, or plain text for a user who may not read it (a reviewer may not
	read Sales Person or Customer, and Frappe refuses a report whose link columns they cannot read)."""
	readable = frappe.has_permission(doctype, "read")
	return {
		"label": label,
		"fieldname": fieldname,
		"fieldtype": "Link" if readable else "Data",
		"options": doctype if readable else None,
		"width": width,
	}


# Bid Pipeline
# ------------


@dataclass
class OpenBid:
	name: str
	title: str | None
	kind: str
	status: str
	workflow_state: str | None
	sales_person: str | None
	team: str | None
	customer: str | None
	customer_name: str | None
	submission_deadline: object
	days_left: int | None
	days_in_status: int
	amount: float
	is_major: bool
	waiting: Waiting | None
	awaits_user: bool


def open_bids(
	reach: Reach,
	narrowing: BidFilters,
	*,
	status: str | None = None,
	deadline_within_days: int | None = None,
	waiting_for_user: str | None = None,
	today: date | None = None,
) -> list[OpenBid]:
	"""The open bids (draft to final approval) in reach and narrowed as asked, with who each waits for and
	whether it waits for the current user; `waiting_for_user`: only those waiting for that user's review or
	decision. Deadlines within N days: from today to N days ahead (a passed one is not within). Two queries:
	the bids, and the reviews of those in review."""
	today = getdate(today)
	bid = DocType(BID)
	statuses = [status] if status else list(OPEN_STATUSES)
	if waiting_for_user:
		statuses = [s for s in statuses if s in AWAITING_DECISION]
	more = [bid.docstatus == 0, bid.status.isin(statuses or [""])]
	if deadline_within_days is not None:
		more += [
			bid.submission_deadline >= today,
			bid.submission_deadline < add_days(today, int(deadline_within_days) + 1),
		]
	conditions = bid_conditions(bid, reach, narrowing, *more)
	if conditions is None:
		return []
	rows = (
		frappe.qb.from_(bid)
		.select(
			bid.name,
			bid.title,
			bid.kind,
			bid.status,
			bid.workflow_state,
			bid.status_since,
			bid.creation,
			bid.sales_person,
			bid.customer,
			bid.customer_name,
			bid.submission_deadline,
			bid.base_total_amount,
			bid.is_major,
			bid.price_approver_role,
		)
		.where(conditions)
		.run(as_dict=True)
	)
	reviews = reviews_in_progress(bid, conditions) if any(r.status == IN_REVIEW for r in rows) else {}

	user = waiting_for_user or frappe.session.user
	user_roles = set(frappe.get_roles(user))
	chart, ranks, by_state = get_org_chart(), seniority(), deciding_roles_by_state()
	fallback_deciders = (get_settings().sales_manager_role,)
	result = []
	for row in rows:
		checks = reviews.get(row.name, [])
		pending = [(c.review_kind, c.role) for c in checks if c.status == REVIEW_PENDING]
		waiting = waits_for(
			status=row.status,
			pending_reviews=pending,
			deciding_roles=by_state.get(row.workflow_state) or fallback_deciders,
			price_role=row.price_approver_role,
			seniority=ranks,
		)
		mine = {kind for kind, role in pending if role in user_roles}
		awaits_user = awaits(
			waiting,
			user_roles=user_roles,
			own_bid=bool(row.sales_person) and chart.user_of(row.sales_person) == user,
			reviewed_another=any(c.reviewer == user and c.review_kind not in mine for c in checks),
		)
		if waiting_for_user and not awaits_user:
			continue
		deadline = getdate(row.submission_deadline) if row.submission_deadline else None
		result.append(
			OpenBid(
				name=row.name,
				title=row.title,
				kind=row.kind,
				status=row.status,
				workflow_state=row.workflow_state,
				sales_person=row.sales_person,
				team=chart.team_of(row.sales_person) if row.sales_person else None,
				customer=row.customer,
				customer_name=row.customer_name,
				submission_deadline=row.submission_deadline,
				days_left=(deadline - today).days if deadline else None,
				days_in_status=(today - getdate(row.status_since or row.creation)).days,
				amount=row.base_total_amount or 0.0,
				is_major=bool(row.is_major),
				waiting=waiting,
				awaits_user=awaits_user,
			)
		)
	result.sort(key=lambda b: (b.days_left is None, b.days_left or 0, b.name))
	return result


def waiting_label(waiting: Waiting | None) -> str | None:
	"""Who a bid waits for, in words: the salesperson, the pending reviews, or the deciding role."""
	if not waiting:
		return None
	if waiting.party == SALESPERSON:
		return _("Salesperson")
	if waiting.party == REVIEWERS:
		return _("Review: {0}").format(", ".join(_(kind) for kind in waiting.reviews))
	if waiting.party == DECIDERS and waiting.roles:
		return _(waiting.roles[0])
	return None


def reviews_in_progress(bid, conditions) -> dict[str, list]:
	"""{bid: its reviews (kind, role, status, reviewer)} of the bids in review among those `conditions`
	keep, in one query."""
	check = DocType(CHECK)
	by_bid = defaultdict(list)
	for row in (
		frappe.qb.from_(check)
		.join(bid)
		.on((bid.name == check.parent) & (check.parenttype == BID))
		.select(check.parent, check.review_kind, check.role, check.status, check.reviewer)
		.where(conditions & (bid.status == IN_REVIEW))
		.orderby(check.idx)
		.run(as_dict=True)
	):
		by_bid[row.parent].append(row)
	return by_bid


@frappe.whitelist()
@frappe.read_only()  # a number card: on a site with a read replica, read there
def bids_waiting_for_my_review(filters=None) -> dict:
	"""Number card "Bids Waiting for My Review": the open bids in the user's reach waiting for a review of
	one of their roles or a decision of their role (of the company in `filters`, when given); a click opens
	Bid Pipeline showing them."""
	frappe.has_permission(BID, "read", throw=True)
	filters = frappe.parse_json(filters) or {}
	company = filters.get("company") if isinstance(filters, dict) else None
	waiting = open_bids(reach_of(), BidFilters(company=company), waiting_for_user=frappe.session.user)
	route_options = {"waiting_for_me": 1, **({"company": company} if company else {})}
	return {
		"value": len(waiting),
		"fieldtype": "Int",
		"route": ["query-report", "Bid Pipeline"],
		"route_options": route_options,
	}


# Bid Win Loss Analysis
# ---------------------


def decided_figures(
	reach: Reach, narrowing: BidFilters, from_date, to_date, group_by: str
) -> dict[str | None, WinLoss]:
	"""{group: figures} of the bids decided (won, lost, withdrawn) from `from_date` to `to_date` (their
	outcome date), grouped as `group_by` says. Two queries: counts and amounts per group and outcome, and
	the lost bids with a known winning price (their price gaps go through the rules core).

	By item group, a bid counts once in each item group of its lines, with its amount apportioned by the
	lines' amounts; its price gap is the bid's. By team, the salespeople's figures are added per team of
	the Sales Person tree. Each grouping gives one row per bid and group (`grouped_query`), so a plain count
	counts bids: no COUNT(DISTINCT), whose sort would grow faster than the bids."""
	bid = DocType(BID)
	conditions = bid_conditions(
		bid,
		reach,
		narrowing,
		bid.docstatus == 1,
		bid.outcome.isin(DECIDED_OUTCOMES),
		bid.outcome_on >= getdate(from_date),
		bid.outcome_on <= getdate(to_date),
	)
	if conditions is None:
		return {}
	query, key, amount = grouped_query(bid, group_by)
	totals = defaultdict(dict)
	for group, outcome, count, total in (
		query.select(key.as_("group_key"), bid.outcome, Count(bid.name), Sum(amount))
		.where(conditions)
		.groupby(key, bid.outcome)
		.run()
	):
		totals[group][outcome] = (count, total or 0.0)
	lost_prices = defaultdict(list)
	for group, ours, winning in (
		query.select(key, bid.total_amount, bid.winning_price)
		.where(conditions & (bid.outcome == LOST) & (bid.winning_price > 0))
		.run()
	):
		lost_prices[group].append((ours or 0.0, winning))
	figures = {group: win_loss(by_outcome, lost_prices[group]) for group, by_outcome in totals.items()}
	if group_by == BY_TEAM:
		return teams_of(figures)
	return figures


def grouped_query(bid, group_by: str):
	"""(query over the bids, the group's key, the amount in company currency) for `group_by`: one row per bid
	and group."""
	query = frappe.qb.from_(bid)
	if group_by == BY_ITEM_GROUP:
		lines = lines_per_item_group()
		query = query.join(lines).on(lines.parent == bid.name)
		return query, lines.item_group, lines.amount * bid.base_total_amount / NullIf(bid.total_amount, 0)
	if group_by == BY_CUSTOMER_TIER:
		customer = DocType("Customer")
		query = query.left_join(customer).on(customer.name == bid.customer)
		return query, customer.sd_customer_tier, bid.base_total_amount
	key = {
		BY_SALES_PERSON: bid.sales_person,
		BY_TEAM: bid.sales_person,
		BY_COMPETITOR: bid.competitor,
		BY_MONTH: DateFormat(bid.outcome_on, "%Y-%m"),
	}[group_by]
	return query, key, bid.base_total_amount


def lines_per_item_group():
	"""Each bid's lines summed per item group: a derived table that MariaDB, joined to the bids on `parent`,
	evaluates for each bid from its lines' range of our covering index, in its order (a "lateral" derived
	table): no step sorts all the lines. Left to itself it chose the `parent` index and read every line's row
	(0.43 s instead of 0.29 s on 20,000 bids)."""
	line = DocType("Bid Review Line")
	return (
		frappe.qb.from_(line)
		.force_index(frappe.db.get_index_name(LINES_PER_ITEM_GROUP))
		.select(line.parent, line.item_group, Sum(line.amount).as_("amount"))
		.where(line.parenttype == BID)
		.groupby(line.parent, line.parenttype, line.item_group)
	).as_("bid_lines")


def teams_of(by_sales_person: dict[str | None, WinLoss]) -> dict[str | None, WinLoss]:
	chart = get_org_chart()
	members = defaultdict(list)
	for sales_person, figures in by_sales_person.items():
		members[chart.team_of(sales_person) if sales_person else None].append(figures)
	return {team: combined(figures) for team, figures in members.items()}


def overall_figures(
	reach: Reach, narrowing: BidFilters, from_date, to_date, group_by: str, groups: dict
) -> WinLoss:
	"""All the decided bids as one: the groups added, except by item group, where a bid may be in several
	groups (then counted again, by salesperson)."""
	if group_by == BY_ITEM_GROUP:
		groups = decided_figures(reach, narrowing, from_date, to_date, BY_SALES_PERSON)
	return combined(groups.values())


# Weekly Meeting Pack
# -------------------


@dataclass
class DecidedBid:
	name: str
	title: str | None
	sales_person: str | None
	customer_name: str | None
	decision: str  # the outcome, or approved / declined
	decided_on: date
	amount: float


def bids_decided_between(company: str, sales_persons: Iterable[str], from_date, to_date) -> list[DecidedBid]:
	"""Bids of `sales_persons` whose outcome was recorded, or that were approved or declined, from
	`from_date` to `to_date` (an outcome in the period says more than the approval before it)."""
	sales_persons = sorted(sales_persons)
	if not sales_persons:
		return []
	from_date, to_date = getdate(from_date), getdate(to_date)
	bid = DocType(BID)
	outcome_in_period = bid.outcome_on[from_date:to_date]
	decided_in_period = (
		bid.status.isin([APPROVED, DECLINED])
		& (bid.status_since >= from_date)
		& (bid.status_since < add_days(to_date, 1))
	)
	rows = (
		frappe.qb.from_(bid)
		.select(
			bid.name,
			bid.title,
			bid.sales_person,
			bid.customer_name,
			bid.status,
			bid.status_since,
			bid.outcome,
			bid.outcome_on,
			bid.base_total_amount,
		)
		.where(
			(bid.company == company)
			& (bid.docstatus == 1)
			& bid.sales_person.isin(sales_persons)
			& (outcome_in_period | decided_in_period)
		)
		.run(as_dict=True)
	)
	decided = []
	for row in rows:
		by_outcome = bool(row.outcome_on) and from_date <= getdate(row.outcome_on) <= to_date
		decided.append(
			DecidedBid(
				name=row.name,
				title=row.title,
				sales_person=row.sales_person,
				customer_name=row.customer_name,
				decision=row.outcome if by_outcome else row.status,
				decided_on=getdate(row.outcome_on if by_outcome else row.status_since),
				amount=row.base_total_amount or 0.0,
			)
		)
	decided.sort(key=lambda b: (b.decided_on, b.name))
	return decided
