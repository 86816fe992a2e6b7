"""Customer tiers (rulebook R36, R37): VIP / 一级 / 二级 / 其他 by trailing-12-month net sales, and the
visit interval each tier requires (VIP monthly, 一级 every two months, 二级 as arranged)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Tier:
	name: str
	min_net_sales: float
	visit_interval_days: int | None = None  # None: visited as arranged, no fixed interval


def classify(net_sales: float, tiers: Iterable[Tier]) -> str | None:
	"""The tier with the highest threshold that `net_sales` reaches (None: no tier at all)."""
	reached = [tier for tier in tiers if (net_sales or 0) >= tier.min_net_sales]
	if not reached:
		return None
	return max(reached, key=lambda tier: tier.min_net_sales).name


def next_visit_due(last_visit: date | None, interval_days: int | None, since: date) -> date | None:
	"""When the customer must be visited next: `interval_days` after the last visit, or from `since`
	(e.g. when the customer got its tier) if never visited. None: the tier has no fixed interval."""
	if not interval_days:
		return None
	return last_visit + timedelta(days=interval_days) if last_visit else since


def days_until_due(due: date | None, today: date) -> int | None:
	"""Positive: days left; zero: due today; negative: days overdue; None: no due date."""
	return None if due is None else (due - today).days


def due_by(due: date | None, period_end: date) -> bool:
	"""Whether a visit falls due by the end of a period (overdue ones included)."""
	return due is not None and due <= period_end


# Coverage of a customer's required visits (the adapter turns them into translated labels).
OVERDUE, DUE_SOON, ON_TIME, AS_ARRANGED = "overdue", "due_soon", "on_time", "as_arranged"


def coverage_status(days_left: int | None, soon_days: int) -> str:
	"""Where a customer stands against its tier's interval: overdue (past the due date), due soon (due
	within `soon_days`, today included), on time, or as arranged (the tier has no fixed interval)."""
	if days_left is None:
		return AS_ARRANGED
	if days_left < 0:
		return OVERDUE
	return DUE_SOON if days_left <= soon_days else ON_TIME


def visited_since_to_be_on_time(as_on: date, interval_days: int) -> date:
	"""The earliest last visit that keeps a customer with a fixed interval from being overdue on `as_on`:
	a visit on or after this day (and on or before `as_on`) makes the next one due on `as_on` or later.
	A customer never visited is overdue from the day it got its tier instead (see next_visit_due)."""
	return as_on - timedelta(days=interval_days)


# Tier definition problems (the adapter turns them into translated messages).
NEGATIVE_THRESHOLD = "negative_threshold"
NEGATIVE_INTERVAL = "negative_interval"
SAME_THRESHOLD = "same_threshold"


def tier_problems(tier: Tier, others: Iterable[Tier]) -> list[tuple[str, str | None]]:
	"""What is wrong with a tier as entered, given the other tiers: (problem, other tier or None) pairs,
	empty when it is sound. Thresholds must not be negative and must tell the tiers apart; a visit
	interval must not be negative (0 or None: visited as arranged)."""
	problems: list[tuple[str, str | None]] = []
	if (tier.min_net_sales or 0) < 0:
		problems.append((NEGATIVE_THRESHOLD, None))
	if (tier.visit_interval_days or 0) < 0:
		problems.append((NEGATIVE_INTERVAL, None))
	problems += [
		(SAME_THRESHOLD, other.name)
		for other in sorted(others, key=lambda other: other.name)
		if other.name != tier.name and (other.min_net_sales or 0) == (tier.min_net_sales or 0)
	]
	return problems


# Why a hand edit of a customer's tier is refused (the adapter turns them into translated messages).
TIER_NOT_YOURS = "tier_not_yours"
KEEP_REASON_MISSING = "keep_reason_missing"


@dataclass(frozen=True)
class TierSetting:
	"""What a customer record says of its tier: the tier, whether it is kept, and why."""

	tier: str | None = None
	kept: bool = False
	reason: str | None = None


def tier_edit_problem(before: TierSetting, after: TierSetting, may_set_tiers: bool) -> str | None:
	"""Why a hand edit from `before` to `after` is refused, or None. Only those who may set tiers (the
	sales manager role and above, administrators) change a tier, keep one or its reason; a kept tier
	needs a reason. An edit that leaves all three alone is nobody's concern here. The daily classification
	writes tiers without going through here."""
	changed = (before.tier or None, before.kept, (before.reason or "").strip()) != (
		after.tier or None,
		after.kept,
		(after.reason or "").strip(),
	)
	if not changed:
		return None
	if not may_set_tiers:
		return TIER_NOT_YOURS
	if after.kept and not (after.reason or "").strip():
		return KEEP_REASON_MISSING
	return None
