"""The company price policy (rulebook R9, 第十三条): which policy applies to a line, how far below the
list price it goes, and which role may allow that.

A policy sets a floor (a minimum rate, or a maximum discount off the price-list rate) and, per role, how
far below the list price a holder of that role may go on their own authority. Roles are ranked by
seniority (salesperson < team leader < sales manager < leadership); a line beyond every allowance, or
below the floor, needs the leadership role.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# What a policy applies to, most specific first.
APPLIES_TO_ITEM = "Item"
APPLIES_TO_ITEM_GROUP = "Item Group"
APPLIES_TO_ALL = "All Items"

# Why an exception request cannot be decided (the adapter turns them into translated messages).
NOT_PENDING = "not_pending"
OWN_REQUEST = "own_request"
ROLE_TOO_LOW = "role_too_low"
NOT_IN_LINE = "not_in_line"
DOCUMENT_CHANGED = "document_changed"

# Why an exception request cannot be cancelled (withdrawn).
NOT_YOURS_TO_WITHDRAW = "not_yours_to_withdraw"
DOCUMENT_STANDS_ON_IT = "document_stands_on_it"

# Policy problems (the adapter turns them into translated messages).
NEGATIVE_DISCOUNT = "negative_discount"
DISCOUNT_OVER_100 = "discount_over_100"
NEGATIVE_RATE = "negative_rate"
NO_FLOOR = "no_floor"
ALLOWANCE_NOT_INCREASING = "allowance_not_increasing"
ALLOWANCE_BEYOND_FLOOR = "allowance_beyond_floor"
UNKNOWN_ROLE = "unknown_role"


@dataclass(frozen=True)
class Policy:
	name: str
	applies_to: str = APPLIES_TO_ALL
	item_code: str | None = None
	item_group: str | None = None
	customer_group: str | None = None
	price_list: str | None = None
	min_rate: float | None = None
	max_discount_pct: float | None = None
	allowances: tuple[tuple[str, float], ...] = field(default_factory=tuple)  # (role, max discount %)


@dataclass(frozen=True)
class Line:
	idx: int
	item_code: str
	qty: float
	list_rate: float
	rate: float
	item_groups: tuple[str, ...] = ()  # the item's group and its ancestors, nearest first
	conversion_factor: float = 1.0  # document UOM -> stock UOM
	is_free_item: bool = False


@dataclass(frozen=True)
class LineVerdict:
	idx: int
	item_code: str
	qty: float
	policy: str
	list_rate: float
	floor_rate: float
	rate: float
	discount_pct: float
	required_role: str | None  # None: within the user's own allowance
	below_floor: bool


def discount_pct(list_rate: float, rate: float) -> float:
	"""How far `rate` is below `list_rate`, in percent of the list rate (0 when at or above it)."""
	if list_rate <= 0 or rate >= list_rate:
		return 0.0
	return round((list_rate - rate) / list_rate * 100, 6)


def specificity(policy: Policy, line: Line) -> tuple[int, int] | None:
	"""How closely `policy` matches `line`'s item (None: not at all). Higher sorts first."""
	if policy.applies_to == APPLIES_TO_ITEM:
		return (1000, 0) if policy.item_code == line.item_code else None
	if policy.applies_to == APPLIES_TO_ITEM_GROUP:
		if policy.item_group not in line.item_groups:
			return None
		return (500 - line.item_groups.index(policy.item_group), 0)
	return (0, 0)


def rank(policy: Policy, line: Line, customer_group: str | None, price_list: str | None) -> tuple | None:
	"""Sort key of a policy for a line: item target first, then how many narrowing conditions it has."""
	target = specificity(policy, line)
	if target is None:
		return None
	if policy.customer_group and policy.customer_group != customer_group:
		return None
	if policy.price_list and policy.price_list != price_list:
		return None
	return (target[0], bool(policy.customer_group) + bool(policy.price_list))


def policy_for(
	policies: Iterable[Policy], line: Line, customer_group: str | None, price_list: str | None
) -> Policy | None:
	"""The one policy that governs `line`: item beats item group (nearest ancestor first) beats all items;
	at equal target, a customer-group- or price-list-specific policy beats a general one. Equal ranks
	cannot be saved (see `conflicts`); should they exist, the first name wins, so the answer is stable."""
	ranked = [(key, policy) for policy in policies if (key := rank(policy, line, customer_group, price_list))]
	if not ranked:
		return None
	best = max(key for key, _policy in ranked)
	return min((policy for key, policy in ranked if key == best), key=lambda policy: policy.name)


class PolicyIndex:
	"""A company's policies indexed by target, so each line is ranked against its few candidates only."""

	def __init__(self, policies: Iterable[Policy]):
		self.by_item: dict[str, list[Policy]] = {}
		self.by_group: dict[str, list[Policy]] = {}
		self.for_all: list[Policy] = []
		for policy in policies:
			if policy.applies_to == APPLIES_TO_ITEM:
				self.by_item.setdefault(policy.item_code, []).append(policy)
			elif policy.applies_to == APPLIES_TO_ITEM_GROUP:
				self.by_group.setdefault(policy.item_group, []).append(policy)
			else:
				self.for_all.append(policy)

	def candidates(self, line: Line) -> list[Policy]:
		found = list(self.by_item.get(line.item_code, ()))
		for group in line.item_groups:
			found.extend(self.by_group.get(group, ()))
		return found + self.for_all


def floor_rate(policy: Policy, line: Line, doc_per_company_currency: float = 1.0) -> float:
	"""The lowest rate the policy allows for the line, per document UOM in the document currency.

	`min_rate` is per stock UOM in the company currency; `doc_per_company_currency` converts to the
	document currency (1 / the document's conversion rate)."""
	floors = []
	if policy.min_rate is not None:
		floors.append(policy.min_rate * line.conversion_factor * doc_per_company_currency)
	if policy.max_discount_pct is not None:
		floors.append(line.list_rate * (1 - policy.max_discount_pct / 100))
	return round(max(floors), 6) if floors else 0.0


def lowest_role_allowing(policy: Policy, discount: float, seniority: Sequence[str]) -> str | None:
	"""The least senior role whose allowance covers `discount` (None: no role's allowance does)."""
	allowed = dict(policy.allowances)
	for role in seniority:
		if role in allowed and discount <= allowed[role] + 1e-9:
			return role
	return None


def judge_line(
	policy: Policy,
	line: Line,
	user_roles: Iterable[str],
	seniority: Sequence[str],
	leadership_role: str,
	doc_per_company_currency: float = 1.0,
) -> LineVerdict | None:
	"""The verdict on one line, or None when the line needs no check (free item, return, no list price).

	Below the floor, only an exception approved by the leadership role will do, whoever asks. Otherwise
	the line needs the least senior role whose allowance covers its discount, unless the user holds that
	role or a more senior one.
	"""
	if line.is_free_item or line.qty <= 0 or line.list_rate <= 0:
		return None
	given = discount_pct(line.list_rate, line.rate)
	floor = floor_rate(policy, line, doc_per_company_currency)
	below_floor = line.rate < floor - 1e-9
	if below_floor:
		required = leadership_role
	elif given == 0:
		required = None
	else:
		required = lowest_role_allowing(policy, given, seniority) or leadership_role
		if holds_role_or_senior(user_roles, required, seniority):
			required = None
	return LineVerdict(
		idx=line.idx,
		item_code=line.item_code,
		qty=line.qty,
		policy=policy.name,
		list_rate=line.list_rate,
		floor_rate=floor,
		rate=line.rate,
		discount_pct=given,
		required_role=required,
		below_floor=below_floor,
	)


def holds_role_or_senior(user_roles: Iterable[str], role: str, seniority: Sequence[str]) -> bool:
	user_roles = set(user_roles)
	if role in user_roles:
		return True
	if role not in seniority:
		return False
	return any(r in user_roles for r in seniority[seniority.index(role) :])


def approver_role(verdicts: Iterable[LineVerdict], seniority: Sequence[str]) -> str | None:
	"""The lowest role that covers every line needing approval (None: nothing needs approval)."""
	needed = [v.required_role for v in verdicts if v.required_role]
	if not needed:
		return None
	return max(needed, key=lambda role: seniority.index(role) if role in seniority else len(seniority))


def policy_problems(policy: Policy, seniority: Sequence[str]) -> list[tuple[str, str | None]]:
	"""What is wrong with a policy as entered: (problem, role or None) pairs, empty when it is sound."""
	problems: list[tuple[str, str | None]] = []
	if policy.min_rate is None and policy.max_discount_pct is None:
		problems.append((NO_FLOOR, None))
	if policy.min_rate is not None and policy.min_rate < 0:
		problems.append((NEGATIVE_RATE, None))
	for role, pct in [(None, policy.max_discount_pct), *policy.allowances]:
		if pct is None:
			continue
		if pct < 0:
			problems.append((NEGATIVE_DISCOUNT, role))
		elif pct > 100:
			problems.append((DISCOUNT_OVER_100, role))
	previous = None
	for role, pct in sorted(
		(a for a in policy.allowances if a[0] in seniority), key=lambda a: seniority.index(a[0])
	):
		if previous is not None and pct < previous:
			problems.append((ALLOWANCE_NOT_INCREASING, role))
		previous = pct
		if policy.max_discount_pct is not None and pct > policy.max_discount_pct:
			problems.append((ALLOWANCE_BEYOND_FLOOR, role))
	problems += [(UNKNOWN_ROLE, role) for role, _pct in policy.allowances if role not in seniority]
	return problems


def conflicts(policy: Policy, others: Iterable[Policy]) -> list[str]:
	"""Names of other policies that could govern the same line with the same rank (an ambiguity): same
	target, as many narrowing conditions, and no condition that tells them apart."""

	def narrowing(p: Policy) -> tuple:
		return (p.customer_group, p.price_list)

	def compatible(a: tuple, b: tuple) -> bool:
		return all(x == y or x is None or y is None for x, y in zip(a, b, strict=True))

	target = (policy.applies_to, policy.item_code, policy.item_group)
	count = sum(v is not None for v in narrowing(policy))
	return sorted(
		other.name
		for other in others
		if other.name != policy.name
		and (other.applies_to, other.item_code, other.item_group) == target
		and sum(v is not None for v in narrowing(other)) == count
		and compatible(narrowing(policy), narrowing(other))
	)


@dataclass(frozen=True)
class ApprovedLine:
	item_code: str
	qty: float
	rate: float


def _rate_key(rate: float) -> float:
	return round(rate, 4)


def lines_signature(lines: Iterable[ApprovedLine | LineVerdict]) -> str:
	"""A stable text of the lines an approval is bound to (item, quantity, rate), independent of order."""
	return ";".join(sorted(f"{line.item_code}|{line.qty:g}|{_rate_key(line.rate):g}" for line in lines))


def lines_fingerprint(lines: Iterable) -> str:
	"""A short fixed-length digest of `lines_signature` (anything with item_code, qty and rate): what a
	document keeps of the lines its price check last saw, to tell whether they changed since."""
	return hashlib.sha1(lines_signature(lines).encode(), usedforsecurity=False).hexdigest()


def uncovered(
	flagged: Iterable[LineVerdict], approved: Iterable[ApprovedLine], same_document: bool
) -> list[LineVerdict]:
	"""The flagged lines an approval does not cover.

	On the document it was asked for, an approval covers a line with exactly the approved item,
	quantity and rate. On a Sales Order made from the approved quotation, it covers a line with the
	approved item and rate and no more than the approved quantity."""
	approved = list(approved)
	exact = {(a.item_code, a.qty, _rate_key(a.rate)) for a in approved}
	most = {}
	for a in approved:
		key = (a.item_code, _rate_key(a.rate))
		most[key] = max(most.get(key, 0), a.qty)
	missing = []
	for line in flagged:
		if same_document:
			covered = (line.item_code, line.qty, _rate_key(line.rate)) in exact
		else:
			covered = line.qty <= most.get((line.item_code, _rate_key(line.rate)), 0) + 1e-9
		if not covered:
			missing.append(line)
	return missing


# What a workflow transition of a pending request does (the adapter tells it from the request's status).
APPROVE, REJECT, STEP = "approve", "reject", "step"


def qualifies_to_decide(
	user_roles: Iterable[str], approver_role: str, seniority: Sequence[str], in_line: bool
) -> bool:
	"""Whether a user may decide on their own authority: they hold the approver role or a more senior
	one, and stand in the salesperson's line of oversight (`in_line`; always true where the settings open
	decisions to the role alone)."""
	return in_line and holds_role_or_senior(user_roles, approver_role, seniority)


def decision_problem(
	*,
	status: str,
	user: str,
	requester: str,
	user_roles: Iterable[str],
	approver_role: str,
	seniority: Sequence[str],
	in_line: bool = True,
	endorsed: bool = False,
	kind: str = APPROVE,
	signature_then: str | None = None,
	signature_now: str | None = None,
) -> str | None:
	"""Why `user` may not take this transition of an exception request now, or None.

	Never on a request that is no longer pending, never by its requester. A step that keeps it pending
	(a review an admin added to the workflow) is the workflow's business. To approve or reject, the user
	qualifies (`qualifies_to_decide`), or someone who qualifies has already endorsed the request in an
	earlier step (`endorsed`): an admin's later step (finance, say) may then decide. `signature_*` are only
	given for an approval: the document's flagged lines when asked and now must be the same."""
	if status != "Pending":
		return NOT_PENDING
	if user == requester:
		return OWN_REQUEST
	if kind == STEP:
		return None
	if not endorsed and not qualifies_to_decide(user_roles, approver_role, seniority, in_line):
		return NOT_IN_LINE if holds_role_or_senior(user_roles, approver_role, seniority) else ROLE_TOO_LOW
	if kind == APPROVE and signature_then is not None and signature_then != signature_now:
		return DOCUMENT_CHANGED
	return None


def nearest_decider(
	leaders: Iterable[tuple[str, Iterable[str]]], approver_role: str, seniority: Sequence[str]
) -> str | None:
	"""The first of `leaders` (the salesperson's leaders, nearest first, with their roles) who holds the
	approver role or a more senior one: whom a request waits for in the line of oversight."""
	for leader, roles in leaders:
		if holds_role_or_senior(roles, approver_role, seniority):
			return leader
	return None


def cancel_problem(
	*,
	user: str,
	requester: str,
	user_roles: Iterable[str],
	manager_role: str,
	seniority: Sequence[str],
	used_by_submitted_document: bool,
) -> str | None:
	"""Why `user` may not cancel (withdraw) an exception request, or None. The requester may withdraw it,
	and so may the sales manager or someone more senior; nobody may while a submitted quotation or order
	was made on its approval (cancel that document first)."""
	if used_by_submitted_document:
		return DOCUMENT_STANDS_ON_IT
	if user != requester and not holds_role_or_senior(user_roles, manager_role, seniority):
		return NOT_YOURS_TO_WITHDRAW
	return None
