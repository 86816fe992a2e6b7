"""Six months of selling, planned in plain Python before anything is written (no frappe here).

One Deal is a quotation and what became of it: lost, still open, or ordered, then perhaps invoiced,
then perhaps paid in full or in part. The same seed, window and accounts always give the same plan.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sales_dept.demo.data import (
	CUSTOMERS,
	ITEMS,
	KEY_ACCOUNT_EVERY,
	LOST_REASONS,
	MANAGER,
	ORDER_QTY,
	PEOPLE,
	ItemSpec,
)

SEED = 20260
DEALS = 120
VALIDITY_DAYS = 30
RECENT_DAYS = 14  # quotations younger than this are mostly still open

ORDERED, LOST, OPEN = "ordered", "lost", "open"
OUTCOME_WEIGHTS = {"recent": (40, 0, 60), "settled": (66, 14, 20)}  # ordered, lost, open
LINES_PER_DEAL = ((1, 2, 3, 4), (35, 35, 20, 10))
DISCOUNTED_LINE_SHARE = 0.18
DISCOUNTS = (3, 5, 8, 10)
INVOICED_ORDER_SHARE = 0.9
FULLY_PAID_SHARE, PART_PAID_SHARE = 0.7, 0.17
PART_PAYMENTS = (0.3, 0.5)
SATURDAY = 5


@dataclass(frozen=True)
class Line:
	item_code: str
	qty: int
	price: float
	discount: float = 0  # percent off the list price

	@property
	def rate(self) -> float:
		"""The discounted price in whole yuan, as salespeople quote it (and as ERPNext can recompute
		price - rate without a float error: a lost quotation is saved again after submission)."""
		return round(self.price * (100 - self.discount) / 100)


@dataclass(frozen=True)
class Deal:
	customer: str
	sales_person: str
	quotation_date: date
	lines: tuple[Line, ...]
	valid_till: date | None = None
	lost_reason: str | None = None
	order_date: date | None = None
	delivery_date: date | None = None
	invoice_date: date | None = None
	payment_date: date | None = None
	paid_share: float = 0  # part of the invoice paid: 1 in full


def plan_accounts() -> dict[str, str]:
	"""Customer -> salesperson: every KEY_ACCOUNT_EVERY-th customer of a region is the manager's key
	account, the others go round the team of that region."""
	owners = {}
	for team, customers in CUSTOMERS.items():
		members = [person.name for person in PEOPLE if person.group == team]
		for index, customer in enumerate(customers):
			key_account = index % KEY_ACCOUNT_EVERY == 0
			owners[customer] = MANAGER.name if key_account else members[index % len(members)]
	return owners


def plan_history(
	start: date,
	today: date,
	accounts: list[tuple[str, str]],
	items: tuple[ItemSpec, ...] = ITEMS,
	count: int = DEALS,
	seed: int = SEED,
) -> list[Deal]:
	"""`count` deals quoted on working days from `start` to `today`, oldest first.

	`accounts` are (customer, sales person) pairs; each deal goes to one of them.
	"""
	rng = random.Random(seed)
	calendar = working_days(start, today)
	days = sorted(rng.choice(calendar) for _ in range(count))
	return [plan_deal(rng, day, today, rng.choice(accounts), items) for day in days]


def plan_deal(
	rng: random.Random, day: date, today: date, account: tuple[str, str], items: tuple[ItemSpec, ...]
) -> Deal:
	customer, sales_person = account
	quoted = Deal(customer, sales_person, day, plan_lines(rng, items))
	outcome = plan_outcome(rng, day, today)
	order_date = later_working_day(rng, day, 1, 10, today) if outcome == ORDERED else None
	if not order_date:
		return replace(
			quoted,
			valid_till=day + timedelta(days=VALIDITY_DAYS),
			lost_reason=rng.choice(LOST_REASONS) if outcome == LOST else None,
		)
	ordered = replace(
		quoted, order_date=order_date, delivery_date=add_working_days(order_date, rng.randint(5, 20))
	)
	return plan_billing(rng, ordered, today)


def plan_billing(rng: random.Random, deal: Deal, today: date) -> Deal:
	"""Most orders are invoiced within weeks; most invoices are then paid in full or in part."""
	if rng.random() >= INVOICED_ORDER_SHARE:
		return deal
	invoice_date = later_working_day(rng, deal.order_date, 2, 15, today)
	if not invoice_date:
		return deal
	invoiced = replace(deal, invoice_date=invoice_date)
	draw = rng.random()
	if draw >= FULLY_PAID_SHARE + PART_PAID_SHARE:
		return invoiced
	share = 1 if draw < FULLY_PAID_SHARE else rng.choice(PART_PAYMENTS)
	payment_date = later_working_day(rng, invoice_date, 3, 30, today)
	return replace(invoiced, payment_date=payment_date, paid_share=share) if payment_date else invoiced


def plan_lines(rng: random.Random, items: tuple[ItemSpec, ...]) -> tuple[Line, ...]:
	count = rng.choices(*LINES_PER_DEAL)[0]
	return tuple(
		Line(item.code, order_qty(rng, item.group), item.price, line_discount(rng))
		for item in rng.sample(items, count)
	)


def order_qty(rng: random.Random, group: str) -> int:
	smallest, largest, step = ORDER_QTY[group]
	return rng.randrange(smallest, largest + 1, step)


def line_discount(rng: random.Random) -> float:
	return rng.choice(DISCOUNTS) if rng.random() < DISCOUNTED_LINE_SHARE else 0


def plan_outcome(rng: random.Random, day: date, today: date) -> str:
	weights = OUTCOME_WEIGHTS["recent" if (today - day).days < RECENT_DAYS else "settled"]
	return rng.choices((ORDERED, LOST, OPEN), weights)[0]


def later_working_day(rng: random.Random, after: date, least: int, most: int, today: date) -> date | None:
	"""`least` to `most` working days after `after`, or None when that day is still to come."""
	day = add_working_days(after, rng.randint(least, most))
	return day if day <= today else None


def add_working_days(day: date, count: int) -> date:
	while count > 0:
		day += timedelta(days=1)
		count -= day.weekday() < SATURDAY
	return day


def working_days(start: date, end: date) -> list[date]:
	days = (start + timedelta(days=offset) for offset in range((end - start).days + 1))
	return [day for day in days if day.weekday() < SATURDAY]
