import unittest
from collections import Counter

from sales_dept.demo.bid_plan import (
	APPROVE,
	BIDS,
	DECLINE,
	ENDS,
	HAND_IN,
	LEADERSHIP,
	LEADERSHIP_APPROVES,
	LEADERSHIP_PARTICIPATE,
	LOSE,
	LOST,
	MANAGER_RANK,
	ORDER,
	PARTICIPATE,
	PURCHASING_APPROVES,
	PURCHASING_ASKS_CHANGES,
	QUOTE,
	QUOTED,
	REQUEST_FINAL_APPROVAL,
	REVISE,
	SALESPERSON_RANK,
	TAKEN_BY,
	TEAM_LEADER_RANK,
	TECHNICAL_APPROVES,
	WON,
	allowance,
	plan_bids,
	status_at,
	steps_to,
	supplier_cost,
)
from sales_dept.demo.data import ITEMS, MANAGER, PEOPLE, TEAM_LEADER
from sales_dept.demo.plan import plan_accounts
from sales_dept.rules.bids import (
	APPROVED,
	DECLINED,
	DRAFT,
	FINAL_APPROVAL,
	GO_NO_GO,
	IN_REVIEW,
	SENT_BACK,
	TENDER,
)

MAJOR_AMOUNT = 500_000


def planned(major_amount: float = MAJOR_AMOUNT):
	return plan_bids(list(plan_accounts().items()), major_amount)


class TestSteps(unittest.TestCase):
	def test_each_end_is_reached_by_the_workflows_steps(self):
		reviewed = (HAND_IN, PARTICIPATE, TECHNICAL_APPROVES, PURCHASING_APPROVES, REQUEST_FINAL_APPROVAL)
		self.assertEqual(steps_to(DRAFT), ())
		self.assertEqual(steps_to(GO_NO_GO), (HAND_IN,))
		self.assertEqual(steps_to(DECLINED), (HAND_IN, DECLINE))
		self.assertEqual(steps_to(IN_REVIEW), (HAND_IN, PARTICIPATE, TECHNICAL_APPROVES))
		self.assertEqual(
			steps_to(SENT_BACK),
			(HAND_IN, PARTICIPATE, TECHNICAL_APPROVES, PURCHASING_ASKS_CHANGES, REVISE),
		)
		self.assertEqual(steps_to(FINAL_APPROVAL), reviewed)
		self.assertEqual(steps_to(APPROVED), (*reviewed, APPROVE))
		self.assertEqual(steps_to(QUOTED), (*reviewed, APPROVE, QUOTE))
		self.assertEqual(steps_to(WON), (*reviewed, APPROVE, QUOTE, ORDER))
		self.assertEqual(steps_to(LOST), (*reviewed, APPROVE, QUOTE, LOSE))

	def test_a_major_bid_goes_through_leadership_after_the_manager_twice(self):
		steps = steps_to(APPROVED, major=True)
		self.assertEqual(steps[steps.index(PARTICIPATE) + 1], LEADERSHIP_PARTICIPATE)
		self.assertEqual(steps[steps.index(APPROVE) + 1 :], (LEADERSHIP_APPROVES,))
		self.assertEqual(steps_to(GO_NO_GO, major=True), (HAND_IN,))
		self.assertNotIn(LEADERSHIP_PARTICIPATE, steps_to(DECLINED, major=True))
		self.assertEqual([TAKEN_BY[step] for step in steps if TAKEN_BY[step] == LEADERSHIP], [LEADERSHIP] * 2)

	def test_an_unknown_end_is_refused(self):
		self.assertRaises(ValueError, steps_to, "Withdrawn")

	def test_outcomes_are_of_approved_bids(self):
		self.assertEqual([status_at(end) for end in (QUOTED, WON, LOST)], [APPROVED] * 3)
		self.assertEqual(status_at(SENT_BACK), SENT_BACK)

	def test_every_step_has_one_taker(self):
		steps = {step for end in ENDS for major in (False, True) for step in steps_to(end, major)}
		self.assertEqual(steps, set(TAKEN_BY))


class TestBids(unittest.TestCase):
	def test_one_bid_ends_in_each_state_and_one_is_major(self):
		self.assertEqual(Counter(spec.end for spec in BIDS), Counter(ENDS))
		self.assertEqual([spec.end for spec in BIDS if spec.major], [APPROVED])
		self.assertEqual(len({spec.title for spec in BIDS}), len(BIDS))

	def test_salespeople_bid_for_their_own_customers_and_never_the_manager(self):
		owners = plan_accounts()
		salespeople = {person.name for person in PEOPLE} - {MANAGER.name}
		for bid in planned():
			self.assertIn(bid.spec.sales_person, salespeople)
			if bid.spec.account is None:
				self.assertIsNone(bid.customer)
				self.assertEqual(bid.spec.kind, TENDER)
				self.assertTrue(bid.spec.issuing_party)
			else:
				self.assertEqual(owners[bid.customer], bid.spec.sales_person, bid.spec.title)
		customers = [bid.customer for bid in planned() if bid.customer]
		self.assertEqual(len(customers), len(set(customers)))

	def test_only_the_major_bid_reaches_the_threshold(self):
		for threshold in (MAJOR_AMOUNT, 1_000_000):
			major = {bid.spec.title: bid.amount >= threshold for bid in planned(threshold)}
			self.assertEqual(major, {spec.title: spec.major for spec in BIDS}, threshold)
		self.assertEqual(planned(0), planned(0))

	def test_the_major_bids_quantities_are_raised_alike(self):
		spec = next(spec for spec in BIDS if spec.major)
		bid = next(bid for bid in planned() if bid.spec.major)
		factors = {
			line.qty / qty for line, (_code, qty, _discount) in zip(bid.lines, spec.lines, strict=True)
		}
		self.assertEqual(len(factors), 1)
		self.assertGreaterEqual(bid.amount, MAJOR_AMOUNT)

	def test_prices_are_for_the_manager_to_approve_and_orders_within_the_salespersons_allowance(self):
		"""The sales manager approves every bid's prices; the order of a won bid is the salesperson's own,
		so its prices (the rounded rates, not the planned discounts) are within their own allowance."""
		items = {item.code: item for item in ITEMS}
		ranks = {
			person.name: TEAM_LEADER_RANK if TEAM_LEADER in person.roles else SALESPERSON_RANK
			for person in PEOPLE
		}
		for bid in planned():
			for line in bid.lines:
				discount = (line.price - line.rate) / line.price * 100
				item = items[line.item_code]
				self.assertLessEqual(discount, allowance(item, MANAGER_RANK), line)
				if bid.spec.end == WON:
					self.assertLessEqual(discount, allowance(item, ranks[bid.spec.sales_person]), line)

	def test_the_lost_bid_names_the_competitor_its_price_and_the_reason(self):
		lost = next(bid for bid in planned() if bid.spec.end == LOST)
		self.assertTrue(lost.spec.competitor and lost.spec.lost_reason)
		self.assertLess(lost.winning_price, lost.amount)
		self.assertIsNone(next(bid for bid in planned() if bid.spec.end == WON).winning_price)

	def test_a_decline_gives_its_reason_and_purchasing_says_what_to_change(self):
		for spec in BIDS:
			self.assertEqual(bool(spec.changes), spec.end == SENT_BACK, spec.title)
			if spec.end == DECLINED:
				self.assertTrue(spec.go_reason, spec.title)

	def test_purchasing_costs_are_below_the_list_price_in_whole_yuan(self):
		self.assertEqual(supplier_cost(980), 706)
		self.assertTrue(all(supplier_cost(item.price) < item.price for item in ITEMS))

	def test_every_item_is_in_the_catalogue(self):
		codes = {item.code for item in ITEMS}
		self.assertLessEqual({code for spec in BIDS for code, _qty, _d in spec.lines}, codes)
