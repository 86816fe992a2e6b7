"""Tier 1: the decisions behind the bid reports: who an open bid waits for, whether it waits for a given
user, and the win/loss figures of a group as a query sums them."""

import unittest

from sales_dept.rules.bids import (
	APPROVED,
	DECIDERS,
	DECLINED,
	DRAFT,
	FINAL_APPROVAL,
	GO_NO_GO,
	IN_REVIEW,
	LOST,
	REVIEWERS,
	SALESPERSON,
	SENT_BACK,
	WITHDRAWN,
	WON,
	Waiting,
	WinLoss,
	add_outcome,
	awaits,
	combined,
	waits_for,
	win_loss,
)

SENIORITY = ("Sales User", "Sales Team Leader", "Sales Manager", "Sales Director")
TECH, BUYER = ("Technical", "Technical Reviewer"), ("Purchasing", "Purchase Manager")


def waiting(status, pending=(), deciding=("Sales Manager", "Sales Director"), price_role=None):
	return waits_for(
		status=status,
		pending_reviews=pending,
		deciding_roles=deciding,
		price_role=price_role,
		seniority=SENIORITY,
	)


class TestWaitsFor(unittest.TestCase):
	def test_drafts_and_bids_sent_back_wait_for_the_salesperson(self):
		self.assertEqual(waiting(DRAFT), Waiting(SALESPERSON))
		self.assertEqual(waiting(SENT_BACK), Waiting(SALESPERSON))

	def test_in_review_the_pending_reviews_then_the_salesperson(self):
		self.assertEqual(
			waiting(IN_REVIEW, [TECH, BUYER]),
			Waiting(REVIEWERS, ("Technical Reviewer", "Purchase Manager"), ("Technical", "Purchasing")),
		)
		self.assertEqual(waiting(IN_REVIEW, [BUYER]).reviews, ("Purchasing",))
		self.assertEqual(waiting(IN_REVIEW, []), Waiting(SALESPERSON))

	def test_decisions_wait_for_the_least_senior_role_of_the_state(self):
		self.assertEqual(waiting(GO_NO_GO), Waiting(DECIDERS, ("Sales Manager",)))
		self.assertEqual(
			waiting(GO_NO_GO, deciding=["Sales Director"]), Waiting(DECIDERS, ("Sales Director",))
		)
		self.assertEqual(waiting(FINAL_APPROVAL).roles, ("Sales Manager",))
		# a step an admin added (finance, say) is where the bid waits
		self.assertEqual(
			waiting(FINAL_APPROVAL, deciding=["Sales Director", "Accounts Manager"]).roles,
			("Accounts Manager",),
		)

	def test_prices_below_the_managers_allowance_wait_for_leadership(self):
		self.assertEqual(waiting(FINAL_APPROVAL, price_role="Sales Director").roles, ("Sales Director",))
		self.assertEqual(waiting(FINAL_APPROVAL, price_role="Sales Team Leader").roles, ("Sales Manager",))
		self.assertEqual(waiting(GO_NO_GO, price_role="Sales Director").roles, ("Sales Manager",))

	def test_decided_bids_wait_for_nobody(self):
		self.assertIsNone(waiting(APPROVED))
		self.assertIsNone(waiting(DECLINED))


class TestAwaits(unittest.TestCase):
	def test_a_pending_review_of_ones_role(self):
		reviews = waiting(IN_REVIEW, [TECH, BUYER])
		self.assertTrue(
			awaits(reviews, user_roles=["Technical Reviewer"], own_bid=False, reviewed_another=False)
		)
		self.assertFalse(awaits(reviews, user_roles=["Sales Manager"], own_bid=False, reviewed_another=False))
		self.assertFalse(
			awaits(reviews, user_roles=["Technical Reviewer"], own_bid=True, reviewed_another=False)
		)
		self.assertFalse(
			awaits(reviews, user_roles=["Purchase Manager"], own_bid=False, reviewed_another=True)
		)

	def test_a_decision_of_ones_role_but_never_the_salespersons_part(self):
		decision = waiting(FINAL_APPROVAL)
		self.assertTrue(awaits(decision, user_roles=["Sales Manager"], own_bid=False, reviewed_another=False))
		self.assertFalse(
			awaits(decision, user_roles=["Sales Director"], own_bid=False, reviewed_another=False)
		)
		self.assertFalse(awaits(decision, user_roles=["Sales Manager"], own_bid=True, reviewed_another=False))
		for nobody_but_the_salesperson in (waiting(DRAFT), waiting(APPROVED)):
			self.assertFalse(
				awaits(
					nobody_but_the_salesperson, user_roles=SENIORITY, own_bid=False, reviewed_another=False
				)
			)


class TestWinLossOfAGroup(unittest.TestCase):
	def test_the_same_figures_as_bid_by_bid(self):
		bids = [
			(WON, 100.0, None),
			(LOST, 110.0, 100.0),
			(LOST, 90.0, None),
			(WITHDRAWN, 50.0, None),
			(LOST, 120.0, 100.0),
		]
		one_by_one = WinLoss()
		for outcome, amount, winning in bids:
			one_by_one = add_outcome(one_by_one, outcome, amount, winning)
		summed = win_loss(
			{WON: (1, 100.0), LOST: (3, 320.0), WITHDRAWN: (1, 50.0)},
			[(amount, winning) for outcome, amount, winning in bids if outcome == LOST],
		)
		self.assertEqual(summed, one_by_one)
		self.assertEqual((summed.win_rate, summed.average_gap), (25.0, 15.0))

	def test_missing_outcomes_count_zero(self):
		figures = win_loss({WITHDRAWN: (2, 0.0)})
		self.assertEqual((figures.won, figures.lost, figures.withdrawn, figures.win_rate), (0, 0, 2, None))
		self.assertIsNone(figures.average_gap)

	def test_combined_groups(self):
		east = win_loss({WON: (2, 200.0), LOST: (1, 50.0)}, [(50.0, 40.0)])
		south = win_loss({LOST: (1, 80.0), WITHDRAWN: (1, 10.0)}, [(80.0, 100.0)])
		total = combined([east, south])
		self.assertEqual(
			(total.won, total.lost, total.withdrawn, total.won_amount, total.lost_amount),
			(2, 2, 1, 200.0, 130.0),
		)
		self.assertEqual((total.win_rate, total.average_gap), (50.0, 2.5))  # (25 % - 20 %) / 2
		self.assertEqual(combined([]), WinLoss())
