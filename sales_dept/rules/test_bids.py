import unittest
from datetime import date, datetime

from sales_dept.rules.bids import (
	APPROVED,
	APPROVED_LINE_MISSING,
	CHANGES_REQUESTED,
	COMMENT_MISSING,
	DEADLINE_PASSED,
	DECIDERS,
	DRAFT,
	FINAL_APPROVAL,
	FINAL_DUE,
	GO_DUE,
	GO_NO_GO,
	IN_REVIEW,
	LEADERSHIP_FINAL_DUE,
	LEADERSHIP_GO_DUE,
	LINE_CHANGED,
	LINE_NOT_APPROVED,
	LOST,
	LOST_WITHOUT_REASON,
	NEEDS_LEADERSHIP,
	NO_ITEM_NOR_DESCRIPTION,
	NOT_A_DECIDER,
	NOT_A_REOPENER,
	NOT_A_REVIEWER,
	NOT_APPROVED,
	NOT_IN_REVIEW,
	OWN_BID,
	QTY_NOT_POSITIVE,
	REASON_MISSING,
	REVIEW_APPROVED,
	REVIEW_DECIDED,
	REVIEW_NOT_DECIDED,
	REVIEW_PENDING,
	REVIEWED_ANOTHER,
	REVIEWERS,
	REVIEWS_OPEN,
	ROLE_TOO_LOW_FOR_PRICES,
	WITHDRAWN,
	WON,
	WON_WITHOUT_ORDER,
	BidLine,
	GateProblem,
	Review,
	ReviewKind,
	Waiting,
	WinLoss,
	add_outcome,
	amount,
	deadline_problem,
	deadline_reminder_due,
	decider_problem,
	decision_due,
	escalation_due,
	final_problem,
	go_problem,
	is_major,
	line_key,
	line_problems,
	margin_pct,
	open_reviews,
	outcome_problem,
	price_gap_pct,
	quotation_line_problems,
	reopen_problem,
	review_problem,
	reviews_to_add,
	reviews_to_reopen,
	signature,
)

SENIORITY = ("Sales User", "Sales Team Leader", "Sales Manager", "Sales Director")
TECHNICAL, PURCHASING = (
	ReviewKind("Technical", "Technical Reviewer"),
	ReviewKind("Purchasing", "Purchase Manager"),
)
LINES = [BidLine("MOTOR-1", 10, 95.0, 70.0), BidLine("~Custom gearbox", 2, 1200.0, 900.0)]


class TestLines(unittest.TestCase):
	def test_a_non_catalogue_line_is_known_by_its_description(self):
		self.assertEqual(line_key("MOTOR-1", "whatever"), "MOTOR-1")
		self.assertEqual(line_key(None, "  Custom gearbox "), "~Custom gearbox")

	def test_bad_lines(self):
		self.assertEqual(
			line_problems([(1, None, " ", 1), (2, "A", None, 0), (3, None, "x", -2), (4, "B", None, 3)]),
			[(NO_ITEM_NOR_DESCRIPTION, 1), (QTY_NOT_POSITIVE, 2), (QTY_NOT_POSITIVE, 3)],
		)

	def test_amount_margin_and_major(self):
		self.assertEqual(amount(LINES), 3350.0)
		self.assertEqual(margin_pct(3350.0, 2500.0), 25.37)
		self.assertIsNone(margin_pct(3350.0, None))
		self.assertIsNone(margin_pct(0, 10))
		self.assertTrue(is_major(500_000, 500_000, False))
		self.assertFalse(is_major(499_999.99, 500_000, False))
		self.assertTrue(is_major(10, 500_000, True))
		self.assertFalse(is_major(10**9, 0, False))  # no threshold set: none is major by amount

	def test_signature_ignores_order_and_costs_not_rates(self):
		again = [BidLine("~Custom gearbox", 2, 1200.0, 1.0), BidLine("MOTOR-1", 10, 95.0, None)]
		self.assertEqual(signature(LINES), signature(again))
		self.assertNotEqual(signature(LINES), signature([LINES[0], BidLine("~Custom gearbox", 2, 1190.0)]))
		self.assertNotEqual(signature(LINES), signature([LINES[0], BidLine("~Custom gearbox", 3, 1200.0)]))

	def test_a_deadline_in_the_past(self):
		now = datetime(2026, 12, 1, 9, 0)
		self.assertEqual(deadline_problem(datetime(2026, 12, 1, 8, 59), now), DEADLINE_PASSED)
		self.assertIsNone(deadline_problem(datetime(2026, 12, 1, 9, 1), now))
		self.assertIsNone(deadline_problem(None, now))


class TestReviews(unittest.TestCase):
	SIGNED = signature(LINES)

	def test_required_kinds_are_added_once(self):
		optional = ReviewKind("Legal", "Legal", required=False)
		self.assertEqual(reviews_to_add([TECHNICAL, PURCHASING, optional], []), [TECHNICAL, PURCHASING])
		self.assertEqual(
			reviews_to_add([TECHNICAL, PURCHASING], [Review("Technical", "Technical Reviewer")]), [PURCHASING]
		)

	def test_a_change_reopens_what_was_reviewed_on_other_lines(self):
		reviews = [
			Review("Technical", "Technical Reviewer", REVIEW_APPROVED, "tom", "old"),
			Review("Purchasing", "Purchase Manager", REVIEW_APPROVED, "pam", self.SIGNED),
			Review("Legal", "Legal", CHANGES_REQUESTED, "lee", self.SIGNED),
			Review("Quality", "Quality", REVIEW_PENDING),
		]
		self.assertEqual(reviews_to_reopen(reviews, self.SIGNED), ["Technical", "Legal"])
		self.assertEqual(open_reviews(reviews, self.SIGNED), ["Technical", "Legal", "Quality"])
		self.assertEqual(open_reviews(reviews[1:2], self.SIGNED), [])

	def review(self, **kw):
		args = dict(
			status=IN_REVIEW,
			user="tom",
			user_roles=["Technical Reviewer"],
			review=Review("Technical", "Technical Reviewer"),
			salesperson_user="zhou",
			reviewed_other_kinds_by=["pam"],
			decision=REVIEW_APPROVED,
			comment=None,
		)
		args.update(kw)
		return review_problem(**args)

	def test_a_reviewer_with_the_role_decides(self):
		self.assertIsNone(self.review())
		self.assertIsNone(self.review(decision=CHANGES_REQUESTED, comment="Spec 3 is obsolete"))

	def test_each_refusal(self):
		self.assertEqual(self.review(status=DRAFT), NOT_IN_REVIEW)
		self.assertEqual(self.review(user="zhou", user_roles=["Technical Reviewer", "Sales User"]), OWN_BID)
		self.assertEqual(self.review(user_roles=["Purchase Manager"]), NOT_A_REVIEWER)
		self.assertEqual(
			self.review(user="pam", user_roles=["Technical Reviewer", "Purchase Manager"]), REVIEWED_ANOTHER
		)
		self.assertEqual(self.review(decision=CHANGES_REQUESTED, comment=" "), COMMENT_MISSING)

	def test_a_decided_review_is_not_decided_again(self):
		decided = Review("Technical", "Technical Reviewer", REVIEW_APPROVED, "tim", self.SIGNED)
		self.assertEqual(self.review(review=decided), REVIEW_DECIDED)
		asked = Review("Technical", "Technical Reviewer", CHANGES_REQUESTED, "tim", self.SIGNED)
		self.assertEqual(self.review(review=asked, decision=REVIEW_APPROVED), REVIEW_DECIDED)
		self.assertEqual(self.review(review=decided, user_roles=["Purchase Manager"]), NOT_A_REVIEWER)

	def reopen(self, **kw):
		args = dict(
			status=IN_REVIEW,
			user="tom",
			user_roles=["Technical Reviewer"],
			review=Review("Technical", "Technical Reviewer", REVIEW_APPROVED, "tim", self.SIGNED),
			salesperson_user="zhou",
			manager_role="Sales Manager",
			seniority=SENIORITY,
			comment="The motor's frame size was misread",
		)
		args.update(kw)
		return reopen_problem(**args)

	def test_a_reviewer_or_the_manager_reopens_a_decided_review_with_a_comment(self):
		self.assertIsNone(self.reopen())
		self.assertIsNone(self.reopen(user="wang", user_roles=["Sales Manager"]))
		self.assertIsNone(self.reopen(user="boss", user_roles=["Sales Director"]))
		self.assertEqual(self.reopen(status=FINAL_APPROVAL), NOT_IN_REVIEW)
		self.assertEqual(self.reopen(review=Review("Technical", "Technical Reviewer")), REVIEW_NOT_DECIDED)
		self.assertEqual(self.reopen(user="zhou", user_roles=["Technical Reviewer"]), OWN_BID)
		self.assertEqual(self.reopen(user="li", user_roles=["Sales Team Leader"]), NOT_A_REOPENER)
		self.assertEqual(self.reopen(comment="  "), COMMENT_MISSING)


class TestDecisions(unittest.TestCase):
	def decider(self, user="wang", roles=("Sales Manager",)):
		return decider_problem(
			user=user,
			user_roles=roles,
			salesperson_user="zhou",
			manager_role="Sales Manager",
			seniority=SENIORITY,
		)

	def test_the_manager_or_leadership_decide_never_the_salesperson(self):
		self.assertIsNone(self.decider())
		self.assertIsNone(self.decider("boss", ("Sales Director",)))
		self.assertEqual(self.decider("li", ("Sales User", "Sales Team Leader")), NOT_A_DECIDER)
		self.assertEqual(self.decider("zhou", ("Sales User", "Sales Manager")), OWN_BID)

	def test_go_no_go(self):
		self.assertIsNone(go_problem(participate=True, major=False, leadership_has_said=False, reason=None))
		self.assertEqual(
			go_problem(participate=True, major=True, leadership_has_said=False, reason=None), NEEDS_LEADERSHIP
		)
		self.assertIsNone(go_problem(participate=True, major=True, leadership_has_said=True, reason=None))
		self.assertEqual(
			go_problem(participate=False, major=False, leadership_has_said=False, reason=" "), REASON_MISSING
		)
		self.assertIsNone(
			go_problem(participate=False, major=True, leadership_has_said=False, reason="Too far")
		)

	def final(self, **kw):
		args = dict(
			reviews_open=[],
			major=False,
			leadership_approved=False,
			approver_roles=["Sales Manager"],
			price_role=None,
			seniority=SENIORITY,
		)
		args.update(kw)
		return final_problem(**args)

	def test_final_approval(self):
		self.assertIsNone(self.final())
		self.assertEqual(self.final(reviews_open=["Technical"]), REVIEWS_OPEN)
		self.assertEqual(self.final(major=True), NEEDS_LEADERSHIP)
		self.assertIsNone(self.final(major=True, leadership_approved=True))
		self.assertEqual(self.final(price_role="Sales Director"), ROLE_TOO_LOW_FOR_PRICES)
		self.assertIsNone(self.final(price_role="Sales Team Leader"))
		self.assertIsNone(self.final(price_role="Sales Director", approver_roles=["Sales Director"]))


class TestQuotationGate(unittest.TestCase):
	APPROVED_LINES = [BidLine("MOTOR-1", 10, 95.0), BidLine("GEAR-2", 2, 1200.0)]

	def test_the_approved_lines_in_any_order_pass(self):
		quoted = [(1, BidLine("GEAR-2", 2, 1200.0)), (2, BidLine("MOTOR-1", 10, 95.0))]
		self.assertEqual(quotation_line_problems(self.APPROVED_LINES, quoted), [])

	def test_a_changed_line_names_what_the_bid_allows(self):
		quoted = [(1, BidLine("MOTOR-1", 10, 94.0)), (2, BidLine("MOTOR-1", 11, 95.0))]
		self.assertEqual(
			quotation_line_problems(self.APPROVED_LINES, quoted),
			[
				GateProblem(LINE_CHANGED, 1, BidLine("MOTOR-1", 10, 94.0), BidLine("MOTOR-1", 10, 95.0)),
				GateProblem(LINE_NOT_APPROVED, 2, BidLine("MOTOR-1", 11, 95.0), None),
				GateProblem(APPROVED_LINE_MISSING, None, None, BidLine("GEAR-2", 2, 1200.0)),
			],
		)

	def test_a_line_twice_needs_it_twice(self):
		quoted = [
			(1, BidLine("GEAR-2", 2, 1200.0)),
			(2, BidLine("GEAR-2", 2, 1200.0)),
			(3, BidLine("MOTOR-1", 10, 95.0)),
		]
		self.assertEqual(
			quotation_line_problems(self.APPROVED_LINES, quoted),
			[GateProblem(LINE_NOT_APPROVED, 2, BidLine("GEAR-2", 2, 1200.0), None)],
		)


class TestOutcome(unittest.TestCase):
	def test_outcomes(self):
		self.assertEqual(
			outcome_problem(status=IN_REVIEW, outcome=WON, sales_order="SO-1", lost_reason=None), NOT_APPROVED
		)
		self.assertEqual(
			outcome_problem(status=APPROVED, outcome=WON, sales_order=None, lost_reason=None),
			WON_WITHOUT_ORDER,
		)
		self.assertEqual(
			outcome_problem(status=APPROVED, outcome=LOST, sales_order=None, lost_reason=None),
			LOST_WITHOUT_REASON,
		)
		self.assertIsNone(
			outcome_problem(status=APPROVED, outcome=LOST, sales_order=None, lost_reason="Price")
		)
		self.assertIsNone(
			outcome_problem(status=APPROVED, outcome=WITHDRAWN, sales_order=None, lost_reason=None)
		)

	def test_win_rate_and_price_gap(self):
		figures = WinLoss()
		self.assertIsNone(figures.win_rate)
		for outcome, bid, winning in (
			(WON, 100.0, None),
			(LOST, 110.0, 100.0),
			(LOST, 90.0, None),
			(WITHDRAWN, 50.0, None),
			(LOST, 120.0, 100.0),
		):
			figures = add_outcome(figures, outcome, bid, winning)
		self.assertEqual((figures.won, figures.lost, figures.withdrawn), (1, 3, 1))
		self.assertEqual((figures.won_amount, figures.lost_amount), (100.0, 320.0))
		self.assertEqual(figures.win_rate, 25.0)
		self.assertEqual(figures.average_gap, 15.0)  # (10 % + 20 %) / 2, the unknown one left out
		self.assertEqual(price_gap_pct(95.0, 100.0), -5.0)
		self.assertIsNone(price_gap_pct(95.0, 0))


class TestDeadlines(unittest.TestCase):
	def test_reminder_once_n_days_ahead(self):
		deadline = date(2026, 12, 10)
		self.assertTrue(deadline_reminder_due(deadline, date(2026, 12, 7), 3))
		self.assertFalse(deadline_reminder_due(deadline, date(2026, 12, 8), 3))
		self.assertFalse(deadline_reminder_due(deadline, date(2026, 12, 7), 0))
		self.assertFalse(deadline_reminder_due(None, date(2026, 12, 7), 3))

	def test_escalation_after_the_allowed_wait(self):
		since = datetime(2026, 12, 1, 9, 0)
		self.assertFalse(escalation_due(since, datetime(2026, 12, 3, 9, 0), 2))
		self.assertTrue(escalation_due(since, datetime(2026, 12, 3, 9, 1), 2))
		self.assertFalse(escalation_due(since, datetime(2027, 1, 1), 0))


class TestWhoIsTold(unittest.TestCase):
	MANAGER, LEADERSHIP = (
		Waiting(DECIDERS, roles=("Sales Manager",)),
		Waiting(DECIDERS, roles=("Sales Director",)),
	)

	def due(self, previous, status, waiting, state_changed=True):
		return decision_due(
			previous_status=previous, status=status, state_changed=state_changed, waiting=waiting
		)

	def test_each_decision_step_tells_the_roles_it_waits_for(self):
		self.assertEqual(self.due(DRAFT, GO_NO_GO, self.MANAGER), (GO_DUE, ("Sales Manager",)))
		self.assertEqual(
			self.due(GO_NO_GO, GO_NO_GO, self.LEADERSHIP), (LEADERSHIP_GO_DUE, ("Sales Director",))
		)
		self.assertEqual(self.due(IN_REVIEW, FINAL_APPROVAL, self.MANAGER), (FINAL_DUE, ("Sales Manager",)))
		self.assertEqual(
			self.due(FINAL_APPROVAL, FINAL_APPROVAL, self.LEADERSHIP),
			(LEADERSHIP_FINAL_DUE, ("Sales Director",)),
		)

	def test_no_notice_without_a_new_step_or_a_decision_due(self):
		self.assertIsNone(self.due(GO_NO_GO, GO_NO_GO, self.MANAGER, state_changed=False))
		self.assertIsNone(self.due(GO_NO_GO, IN_REVIEW, Waiting(REVIEWERS, roles=("Technical Reviewer",))))
		self.assertIsNone(self.due(FINAL_APPROVAL, APPROVED, None))
		self.assertIsNone(self.due(DRAFT, GO_NO_GO, Waiting(DECIDERS)))
