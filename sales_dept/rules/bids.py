"""Bid review (rulebook R27-R30, 报价流程 A-F; R5 competitors): an inquiry or a tender is reported at once,
the manager decides whether to take part (major ones need company leadership), the bid is prepared from
supplier prices, the technical and purchasing reviews run in parallel, the manager approves the final
quote (major ones again need leadership), and only then is the formal quotation made.

Plain decisions over plain values: which reviews a bid needs, which a change reopens, who may take which
step, what a quotation made from an approved bid may differ in (nothing), and the figures of the reports.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

# What a bid's status says (the workflow's states set it; admins may rename the states).
DRAFT = "Draft"
GO_NO_GO = "Go/No-Go"
IN_REVIEW = "In Review"
SENT_BACK = "Sent Back"
FINAL_APPROVAL = "Final Approval"
APPROVED = "Approved"
DECLINED = "Declined"
OPEN_STATUSES = (DRAFT, GO_NO_GO, IN_REVIEW, SENT_BACK, FINAL_APPROVAL)

INQUIRY, TENDER = "Inquiry", "Tender"

# A review's state.
REVIEW_PENDING, REVIEW_APPROVED, CHANGES_REQUESTED = "Pending", "Approved", "Changes Requested"

# The outcome of an approved bid.
WON, LOST, WITHDRAWN = "Won", "Lost", "Withdrawn"

# Why a step is refused (the adapter turns them into translated messages).
OWN_BID = "own_bid"
NOT_A_DECIDER = "not_a_decider"
NEEDS_LEADERSHIP = "needs_leadership"
REASON_MISSING = "reason_missing"
REVIEWS_OPEN = "reviews_open"
ROLE_TOO_LOW_FOR_PRICES = "role_too_low_for_prices"
NOT_A_REVIEWER = "not_a_reviewer"
REVIEWED_ANOTHER = "reviewed_another"
NOT_IN_REVIEW = "not_in_review"
COMMENT_MISSING = "comment_missing"
DEADLINE_PASSED = "deadline_passed"
QTY_NOT_POSITIVE = "qty_not_positive"
NO_ITEM_NOR_DESCRIPTION = "no_item_nor_description"
NOT_APPROVED = "not_approved"
WON_WITHOUT_ORDER = "won_without_order"
LOST_WITHOUT_REASON = "lost_without_reason"
LINE_NOT_APPROVED = "line_not_approved"
LINE_CHANGED = "line_changed"
APPROVED_LINE_MISSING = "approved_line_missing"
REVIEW_DECIDED = "review_decided"
REVIEW_NOT_DECIDED = "review_not_decided"
NOT_A_REOPENER = "not_a_reopener"


@dataclass(frozen=True)
class BidLine:
	"""A line as a bid or a quotation has it: the item (or, for a non-catalogue item, its description),
	quantity and rate (document currency); the supplier cost per unit when known."""

	key: str
	qty: float
	rate: float
	cost: float | None = None


def line_key(item_code: str | None, description: str | None) -> str:
	"""What identifies a line: its item, else its description as typed (trimmed, case kept)."""
	return item_code or f"~{(description or '').strip()}"


def line_problems(lines: Iterable[tuple[int, str | None, str | None, float]]) -> list[tuple[str, int]]:
	"""(problem, row) for lines (row, item, description, qty) with neither item nor description, or qty <= 0."""
	problems = []
	for idx, item_code, description, qty in lines:
		if not item_code and not (description or "").strip():
			problems.append((NO_ITEM_NOR_DESCRIPTION, idx))
		if (qty or 0) <= 0:
			problems.append((QTY_NOT_POSITIVE, idx))
	return problems


def amount(lines: Iterable[BidLine]) -> float:
	return sum(line.qty * line.rate for line in lines)


def margin_pct(revenue: float, cost: float | None) -> float | None:
	"""Gross margin on the revenue, in percent; None without a cost or revenue."""
	if cost is None or not revenue:
		return None
	return round((revenue - cost) / revenue * 100, 2)


def is_major(amount_in_company_currency: float, threshold: float, ticked_by_manager: bool) -> bool:
	"""Major bids need leadership: from the settings' amount on, or when the manager says so."""
	return ticked_by_manager or bool(threshold) and amount_in_company_currency >= threshold


def signature(lines: Iterable[BidLine]) -> str:
	"""What a review and an approval are bound to: items, quantities and rates, in any order (costs
	are purchasing's to confirm and do not reopen a review)."""
	return ";".join(sorted(f"{line.key}|{line.qty:g}|{round(line.rate, 4):g}" for line in lines))


def deadline_problem(deadline: datetime | None, now: datetime) -> str | None:
	"""A submission deadline given at registration must still lie ahead."""
	return DEADLINE_PASSED if deadline and deadline <= now else None


# Reviews
# -------


@dataclass(frozen=True)
class ReviewKind:
	name: str
	role: str
	required: bool = True


@dataclass(frozen=True)
class Review:
	kind: str
	role: str
	status: str = REVIEW_PENDING
	reviewer: str | None = None
	signature: str | None = None  # the lines it approved (or asked changes to)


def reviews_to_add(kinds: Iterable[ReviewKind], existing: Iterable[Review]) -> list[ReviewKind]:
	"""The required review kinds the bid has no review of yet."""
	have = {review.kind for review in existing}
	return [kind for kind in kinds if kind.required and kind.name not in have]


def reviews_to_reopen(reviews: Iterable[Review], signature_now: str) -> list[str]:
	"""Kinds of the reviews given on other lines than the bid's now (a changed item, quantity or rate, or
	changes requested before): they are pending again."""
	return [
		review.kind
		for review in reviews
		if review.status == CHANGES_REQUESTED
		or (review.status == REVIEW_APPROVED and review.signature != signature_now)
	]


def open_reviews(reviews: Iterable[Review], signature_now: str) -> list[str]:
	"""Kinds of the reviews that do not (or no longer) approve the bid as it is."""
	return [
		review.kind
		for review in reviews
		if review.status != REVIEW_APPROVED or review.signature != signature_now
	]


def review_problem(
	*,
	status: str,
	user: str,
	user_roles: Iterable[str],
	review: Review,
	salesperson_user: str | None,
	reviewed_other_kinds_by: Iterable[str],
	decision: str,
	comment: str | None,
) -> str | None:
	"""Why `user` may not decide `review` now: only while the bid is in review, by a holder of the
	review's role, never the bid's salesperson, never the one who decided another required review of this
	bid (two departments, two people); asking for changes needs a comment. A review is decided once: a
	decided one (approved, or changes requested) changes only by being reopened (`reopen_problem`)."""
	if status != IN_REVIEW:
		return NOT_IN_REVIEW
	if user == salesperson_user:
		return OWN_BID
	if review.role not in set(user_roles):
		return NOT_A_REVIEWER
	if review.status != REVIEW_PENDING:
		return REVIEW_DECIDED
	if user in set(reviewed_other_kinds_by):
		return REVIEWED_ANOTHER
	if decision == CHANGES_REQUESTED and not (comment or "").strip():
		return COMMENT_MISSING
	return None


def reopen_problem(
	*,
	status: str,
	user: str,
	user_roles: Iterable[str],
	review: Review,
	salesperson_user: str | None,
	manager_role: str,
	seniority: Sequence[str],
	comment: str | None,
) -> str | None:
	"""Why `user` may not reopen a decided `review`: only while the bid is in review, a review that was
	decided, by a holder of the review's role or the sales manager (or someone more senior), never the
	bid's salesperson, and always with a comment saying why."""
	if status != IN_REVIEW:
		return NOT_IN_REVIEW
	if review.status == REVIEW_PENDING:
		return REVIEW_NOT_DECIDED
	if user == salesperson_user:
		return OWN_BID
	roles = set(user_roles)
	if review.role not in roles and not holds_at_least(roles, manager_role, seniority):
		return NOT_A_REOPENER
	if not (comment or "").strip():
		return COMMENT_MISSING
	return None


# Decisions of the manager and leadership
# ---------------------------------------


def holds_at_least(user_roles: Iterable[str], role: str, seniority: Sequence[str]) -> bool:
	"""Whether the user holds `role` or one more senior in `seniority` (least senior first)."""
	if role not in seniority:
		return role in set(user_roles)
	return bool(set(user_roles) & set(seniority[seniority.index(role) :]))


def decider_problem(
	*,
	user: str,
	user_roles: Iterable[str],
	salesperson_user: str | None,
	manager_role: str,
	seniority: Sequence[str],
) -> str | None:
	"""Go/no-go and final approval are the sales manager's (or leadership's), never the salesperson's."""
	if user == salesperson_user:
		return OWN_BID
	if not holds_at_least(user_roles, manager_role, seniority):
		return NOT_A_DECIDER
	return None


def go_problem(
	*, participate: bool, major: bool, leadership_has_said: bool, reason: str | None
) -> str | None:
	"""Entering the review (participate): a major bid needs leadership's go as well. Declining needs a
	reason."""
	if not participate:
		return None if (reason or "").strip() else REASON_MISSING
	if major and not leadership_has_said:
		return NEEDS_LEADERSHIP
	return None


def final_problem(
	*,
	reviews_open: Sequence[str],
	major: bool,
	leadership_approved: bool,
	approver_roles: Iterable[str],
	price_role: str | None,
	seniority: Sequence[str],
) -> str | None:
	"""Approving the final quote: every review approves the bid as it is; a major bid needs leadership;
	a price below the policy needs an approver holding the role the price policy asks for."""
	if reviews_open:
		return REVIEWS_OPEN
	if price_role and not holds_at_least(approver_roles, price_role, seniority):
		return ROLE_TOO_LOW_FOR_PRICES
	if major and not leadership_approved:
		return NEEDS_LEADERSHIP
	return None


# The quotation made from an approved bid
# ---------------------------------------


@dataclass(frozen=True)
class GateProblem:
	"""Where a quotation differs from its approved bid: `problem`, the quotation's row (None for an approved
	line it leaves out), the line as quoted, and the approved line it stands for (None when the bid has no
	such item left)."""

	problem: str
	row: int | None
	quoted: BidLine | None
	approved: BidLine | None


def quotation_line_problems(
	approved: Iterable[BidLine], quoted: Iterable[tuple[int, BidLine]]
) -> list[GateProblem]:
	"""Where a quotation's lines differ from the approved bid (item, quantity, rate). A row that matches no
	approved line is LINE_CHANGED against an approved line of the same item the quotation does not repeat
	(what the bid allows for that item), else LINE_NOT_APPROVED; an approved line left out, and not changed
	on some row, is APPROVED_LINE_MISSING."""
	remaining = list(approved)

	def take(match) -> BidLine | None:
		found = next((line for line in remaining if match(line)), None)
		if found is not None:
			remaining.remove(found)
		return found

	def same(line: BidLine, other: BidLine) -> bool:
		return (line.key, line.qty, round(line.rate, 4)) == (other.key, other.qty, round(other.rate, 4))

	unmatched = [(idx, line) for idx, line in quoted if take(lambda a, line=line: same(a, line)) is None]
	problems = []
	for idx, line in unmatched:
		allowed = take(lambda a, line=line: a.key == line.key)
		problems.append(GateProblem(LINE_CHANGED if allowed else LINE_NOT_APPROVED, idx, line, allowed))
	problems += [GateProblem(APPROVED_LINE_MISSING, None, None, line) for line in remaining]
	return problems


def outcome_problem(
	*, status: str, outcome: str, sales_order: str | None, lost_reason: str | None
) -> str | None:
	"""An outcome is recorded on an approved bid; won names the sales order, lost gives a reason."""
	if status != APPROVED:
		return NOT_APPROVED
	if outcome == WON and not sales_order:
		return WON_WITHOUT_ORDER
	if outcome == LOST and not lost_reason:
		return LOST_WITHOUT_REASON
	return None


# Deadlines and escalation
# ------------------------


def deadline_reminder_due(deadline: date | None, today: date, days_before: int) -> bool:
	"""The salesperson and the manager hear of a submission deadline `days_before` days ahead, once."""
	return deadline is not None and days_before > 0 and deadline - timedelta(days=days_before) == today


def escalation_due(waiting_since: datetime | None, now: datetime, max_days: float) -> bool:
	"""A review that has waited longer than the settings allow is escalated to the manager."""
	return waiting_since is not None and max_days > 0 and now - waiting_since > timedelta(days=max_days)


# Reports
# -------


@dataclass(frozen=True)
class WinLoss:
	won: int = 0
	lost: int = 0
	withdrawn: int = 0
	won_amount: float = 0.0
	lost_amount: float = 0.0
	gap_sum: float = 0.0  # sum of the price gaps (percent) of lost bids with a known winning price
	gaps: int = 0

	@property
	def decided(self) -> int:
		return self.won + self.lost

	@property
	def win_rate(self) -> float | None:
		"""Won of won-or-lost, in percent (withdrawn bids are left out); None before any is decided."""
		return round(self.won / self.decided * 100, 1) if self.decided else None

	@property
	def average_gap(self) -> float | None:
		return round(self.gap_sum / self.gaps, 1) if self.gaps else None


def price_gap_pct(our_amount: float, winning_price: float | None) -> float | None:
	"""How far above the winning price our bid was, in percent of the winning price."""
	if not winning_price or winning_price <= 0:
		return None
	return round((our_amount - winning_price) / winning_price * 100, 2)


def add_outcome(figures: WinLoss, outcome: str, bid_amount: float, winning_price: float | None) -> WinLoss:
	"""`figures` with one more decided bid."""
	if outcome == WON:
		return replace(figures, won=figures.won + 1, won_amount=figures.won_amount + bid_amount)
	if outcome == LOST:
		gap = price_gap_pct(bid_amount, winning_price)
		return replace(
			figures,
			lost=figures.lost + 1,
			lost_amount=figures.lost_amount + bid_amount,
			gap_sum=figures.gap_sum + (gap or 0.0),
			gaps=figures.gaps + (gap is not None),
		)
	if outcome == WITHDRAWN:
		return replace(figures, withdrawn=figures.withdrawn + 1)
	return figures


def win_loss(
	totals: dict[str, tuple[int, float]], lost_prices: Iterable[tuple[float, float | None]] = ()
) -> WinLoss:
	"""The figures of a group of decided bids from their count and amount per outcome (as a query sums
	them) and the (our amount, winning price) of its lost bids; the same figures as `add_outcome` bid by
	bid."""
	gaps = [gap for gap in (price_gap_pct(ours, winning) for ours, winning in lost_prices) if gap is not None]
	won, won_amount = totals.get(WON, (0, 0.0))
	lost, lost_amount = totals.get(LOST, (0, 0.0))
	withdrawn, _amount = totals.get(WITHDRAWN, (0, 0.0))
	return WinLoss(
		won=int(won),
		lost=int(lost),
		withdrawn=int(withdrawn),
		won_amount=float(won_amount or 0),
		lost_amount=float(lost_amount or 0),
		gap_sum=sum(gaps),
		gaps=len(gaps),
	)


def combined(figures: Iterable[WinLoss]) -> WinLoss:
	"""Several groups' figures as one (a team of its salespeople, a total)."""
	total = WinLoss()
	for part in figures:
		total = WinLoss(
			won=total.won + part.won,
			lost=total.lost + part.lost,
			withdrawn=total.withdrawn + part.withdrawn,
			won_amount=total.won_amount + part.won_amount,
			lost_amount=total.lost_amount + part.lost_amount,
			gap_sum=total.gap_sum + part.gap_sum,
			gaps=total.gaps + part.gaps,
		)
	return total


# Who an open bid waits for (Bid Pipeline, the meeting pack, "bids waiting for my review")
# ---------------------------------------------------------------------------------------

SALESPERSON, REVIEWERS, DECIDERS = "salesperson", "reviewers", "deciders"


@dataclass(frozen=True)
class Waiting:
	"""Who must act next on an open bid: its salesperson, the reviewers of the reviews still pending
	(`reviews`: their kinds; `roles`: their roles), or a decider holding `roles`."""

	party: str
	roles: tuple[str, ...] = ()
	reviews: tuple[str, ...] = ()


def waits_for(
	*,
	status: str,
	pending_reviews: Sequence[tuple[str, str]],
	deciding_roles: Iterable[str],
	price_role: str | None,
	seniority: Sequence[str],
) -> Waiting | None:
	"""Who an open bid waits for.

	- A draft or a bid sent back: its salesperson.
	- In review: the reviewers of the reviews still pending ((kind, role) each); once none is, the
	  salesperson (to ask for final approval, or to revise what a review asked to change).
	- At go/no-go or final approval: the least senior of `deciding_roles` (the roles that may act in the
	  bid's workflow state: the sales manager, or leadership alone at a major bid's second step); at final
	  approval only among those covering `price_role`, the role its proposed prices need. A role outside
	  `seniority` (a step an admin added) comes first.

	Approved and declined bids wait for nobody (None)."""
	if status in (DRAFT, SENT_BACK):
		return Waiting(SALESPERSON)
	if status == IN_REVIEW:
		if not pending_reviews:
			return Waiting(SALESPERSON)
		return Waiting(
			REVIEWERS,
			roles=tuple(dict.fromkeys(role for _kind, role in pending_reviews)),
			reviews=tuple(kind for kind, _role in pending_reviews),
		)
	if status not in (GO_NO_GO, FINAL_APPROVAL):
		return None
	roles = list(dict.fromkeys(deciding_roles))
	if status == FINAL_APPROVAL and price_role:
		roles = [role for role in roles if holds_at_least([role], price_role, seniority)] or roles

	def rank(role: str) -> int:
		return seniority.index(role) if role in seniority else -1

	return Waiting(DECIDERS, roles=(min(roles, key=rank),) if roles else ())


def awaits(
	waiting: Waiting | None, *, user_roles: Iterable[str], own_bid: bool, reviewed_another: bool
) -> bool:
	"""Whether a bid waits for this user's review or decision: a pending review of one of their roles (not
	when they decided another review of the bid: two departments, two people), or a decision their role
	takes; never on their own bid, and never the salesperson's part."""
	if not waiting or own_bid or waiting.party == SALESPERSON:
		return False
	if waiting.party == REVIEWERS and reviewed_another:
		return False
	return bool(set(waiting.roles) & set(user_roles))


# Who a step tells
# ----------------

# The decision a step leaves a bid waiting for.
GO_DUE, LEADERSHIP_GO_DUE, FINAL_DUE, LEADERSHIP_FINAL_DUE = (
	"go_due",
	"leadership_go_due",
	"final_due",
	"leadership_final_due",
)


def decision_due(
	*, previous_status: str | None, status: str, state_changed: bool, waiting: Waiting | None
) -> tuple[str, tuple[str, ...]] | None:
	"""(which decision, the roles told) when a workflow step leaves the bid waiting for a decision: the
	roles it now waits for (`waits_for`) are told once, on entering the step. The go/no-go of a new bid,
	or again after the manager's go (a major bid, leadership's turn); final approval, or again after the
	manager's approval (leadership's turn). None when the step waits for no decision."""
	if not state_changed or not waiting or waiting.party != DECIDERS or not waiting.roles:
		return None
	if status == GO_NO_GO:
		return (GO_DUE if previous_status != GO_NO_GO else LEADERSHIP_GO_DUE), waiting.roles
	if status == FINAL_APPROVAL:
		return (FINAL_DUE if previous_status != FINAL_APPROVAL else LEADERSHIP_FINAL_DUE), waiting.roles
	return None
