"""Tier 1: penalty ladders, rolling windows, proposals, who takes which step, who sees what, rule versions
and which detected incidents are new (rulebook R8, R10-R14)."""

from datetime import date, datetime, time, timedelta

from sales_dept.rules.conduct import (
	ACKNOWLEDGED,
	APPEALED,
	APPROVED,
	CANCELLED,
	COMMENT_MISSING,
	DISMISSED,
	DRAFT,
	FINE,
	FINE_ABOVE_MAX,
	FINE_NOT_POSITIVE,
	IN_FORCE,
	INCIDENT_IN_FUTURE,
	LADDER_GAP,
	NEEDS_LEADERSHIP,
	NO_PENDING_VERSION,
	NOT_A_DECIDER,
	NOT_A_STEP,
	NOT_IN_FORCE,
	NOT_YOURS,
	OWN_RECORD,
	OWN_VERSION,
	PENALTY_SHOWN_TO_PERSON,
	PENALTY_STEPS,
	PENDING,
	PENDING_LEADERSHIP,
	PLAN_LATE,
	PLAN_MISSING,
	REFERRAL,
	REJECTED,
	REVOKED,
	REWARD_STEPS,
	SUSPENSION,
	SUSPENSION_WITHOUT_DAYS,
	UNKNOWN_ACTION,
	UPHELD,
	VERBAL_WARNING,
	WINDOW_NOT_POSITIVE,
	WRITTEN_WARNING,
	Actor,
	Incident,
	LadderStep,
	Proposal,
	RuleTerms,
	Viewer,
	action_problems,
	awaits_decision_of,
	changed_terms,
	deviates,
	existed_on,
	handed_in_late,
	in_window,
	incident_problem,
	ladder_problems,
	ladder_step,
	may_see,
	meeting_weeks,
	new_incidents,
	offence_number,
	overdue_beyond_grace,
	penalty_needs_leadership,
	plan_at_meeting,
	plan_incident_key,
	propose,
	repeat_offenders,
	reward_needs_leadership,
	reward_problems,
	rule_state,
	step_problem,
	steps_needing_comment,
	version_decision_problem,
	violations_since,
)

LADDER = (
	LadderStep(1, VERBAL_WARNING),
	LadderStep(2, WRITTEN_WARNING),
	LadderStep(3, FINE, fine=200),
	LadderStep(4, SUSPENSION, suspension_days=3),
)
TERMS = RuleTerms(ladder=LADDER, window_days=90, max_fine=1000)
DAY = date(2026, 6, 30)


# Ladders
# -------


def test_a_sound_ladder_has_no_problem():
	assert ladder_problems(TERMS) == []


def test_a_ladder_with_a_gap_names_the_missing_offence():
	gapped = RuleTerms(ladder=(LADDER[0], LADDER[2]), window_days=90)
	assert ladder_problems(gapped) == [(LADDER_GAP, 2)]


def test_a_ladder_that_does_not_start_at_one_or_repeats_an_offence():
	assert ladder_problems(RuleTerms(ladder=(LadderStep(2, FINE, 100),), window_days=30)) == [(LADDER_GAP, 1)]
	repeated = RuleTerms(ladder=(LADDER[0], LadderStep(1, WRITTEN_WARNING)), window_days=30)
	assert ladder_problems(repeated) == [(LADDER_GAP, 2)]


def test_a_ladder_needs_a_window_of_days():
	for window in (0, -5):
		assert ladder_problems(RuleTerms(ladder=LADDER, window_days=window)) == [(WINDOW_NOT_POSITIVE, None)]


def test_no_ladder_needs_no_window():
	assert ladder_problems(RuleTerms()) == []


def test_incomplete_steps_are_named_by_offence():
	terms = RuleTerms(
		ladder=(
			LadderStep(1, FINE, 0),
			LadderStep(2, SUSPENSION),
			LadderStep(3, FINE, 5000),
			LadderStep(4, "Beating"),
		),
		window_days=30,
		max_fine=1000,
	)
	assert ladder_problems(terms) == [
		(FINE_NOT_POSITIVE, 1),
		(SUSPENSION_WITHOUT_DAYS, 2),
		(FINE_ABOVE_MAX, 3),
		(UNKNOWN_ACTION, 4),
	]


def test_action_problems():
	assert action_problems(FINE, 0, 0, 1000) == [FINE_NOT_POSITIVE]
	assert action_problems(FINE, -10, 0, 0) == [FINE_NOT_POSITIVE]
	assert action_problems(FINE, 1000.01, 0, 1000) == [FINE_ABOVE_MAX]
	assert action_problems(FINE, 1000, 0, 1000) == []
	assert action_problems(FINE, 99999, 0, 0) == []  # no maximum
	assert action_problems(SUSPENSION, 0, 0, 0) == [SUSPENSION_WITHOUT_DAYS]
	assert action_problems(SUSPENSION, 0, 2, 0) == []
	assert action_problems(WRITTEN_WARNING, 0, 0, 0) == []
	assert action_problems(None, 0, 0, 0) == []


# Rolling window and proposals
# ----------------------------


def test_the_window_holds_the_days_up_to_the_incident():
	assert in_window(DAY, DAY, 90)
	assert in_window(DAY - timedelta(days=89), DAY, 90)
	assert not in_window(DAY - timedelta(days=90), DAY, 90)
	assert not in_window(DAY + timedelta(days=1), DAY, 90)  # a later offence does not count


def test_offence_number_counts_standing_offences_in_the_window():
	earlier = [DAY - timedelta(days=10), DAY - timedelta(days=80), DAY - timedelta(days=200)]
	assert offence_number(earlier, DAY, 90) == 3
	assert offence_number(earlier, DAY, 30) == 2
	assert offence_number([], DAY, 90) == 1


def test_ladder_step_beyond_the_last_repeats_it():
	assert ladder_step(LADDER, 2).action == WRITTEN_WARNING
	assert ladder_step(LADDER, 7) == LADDER[-1]
	assert ladder_step((), 1) is None


def test_propose_reads_the_ladder():
	assert propose(TERMS, [], DAY) == Proposal(1, VERBAL_WARNING)
	two_before = [DAY - timedelta(days=5), DAY - timedelta(days=40)]
	assert propose(TERMS, two_before, DAY) == Proposal(3, FINE, 200.0, 0)
	old = [DAY - timedelta(days=95), DAY - timedelta(days=120)]
	assert propose(TERMS, old, DAY) == Proposal(1, VERBAL_WARNING)


def test_without_a_ladder_the_decider_chooses():
	assert propose(RuleTerms(), [DAY], DAY) == Proposal(2)
	assert not deviates(Proposal(2), FINE, 500, 0)


def test_deviation_from_the_proposal():
	proposal = Proposal(3, FINE, 200.0)
	assert not deviates(proposal, FINE, 200, 0)
	assert deviates(proposal, FINE, 300, 0)
	assert deviates(proposal, WRITTEN_WARNING, 0, 0)


def test_incident_dates_in_the_future_are_refused():
	assert incident_problem(DAY + timedelta(days=1), DAY) == INCIDENT_IN_FUTURE
	assert incident_problem(DAY, DAY) is None


def test_who_decides_penalties_and_rewards():
	assert penalty_needs_leadership(SUSPENSION, 0, 1000)
	assert penalty_needs_leadership(REFERRAL, 0, 1000)
	assert penalty_needs_leadership(FINE, 1000.5, 1000)
	assert not penalty_needs_leadership(FINE, 1000, 1000)
	assert not penalty_needs_leadership(FINE, 99999, 0)  # no threshold set
	assert not penalty_needs_leadership(WRITTEN_WARNING, 0, 1000)
	assert reward_needs_leadership("Bonus", 6000, 5000)
	assert not reward_needs_leadership("Honour", 0, 5000)
	assert reward_problems("Raise", 0) and not reward_problems("Honour", 0)


# Steps
# -----

MANAGER = Actor(is_manager=True)
LEADER = Actor(is_manager=True, is_leadership=True)
PERSON = Actor(is_person=True)
TEAM_LEADER = Actor()


def test_the_manager_approves_and_leadership_when_needed():
	assert step_problem(PENALTY_STEPS, DRAFT, APPROVED, MANAGER, False, "") is None
	assert step_problem(PENALTY_STEPS, DRAFT, APPROVED, MANAGER, True, "") == NEEDS_LEADERSHIP
	assert step_problem(PENALTY_STEPS, DRAFT, PENDING_LEADERSHIP, MANAGER, True, "") is None
	assert step_problem(PENALTY_STEPS, PENDING_LEADERSHIP, APPROVED, MANAGER, True, "") == NEEDS_LEADERSHIP
	assert step_problem(PENALTY_STEPS, PENDING_LEADERSHIP, APPROVED, LEADER, True, "") is None
	assert step_problem(PENALTY_STEPS, DRAFT, APPROVED, TEAM_LEADER, False, "") == NOT_A_DECIDER


def test_nobody_decides_their_own_record():
	own_manager = Actor(is_person=True, is_manager=True, is_leadership=True)
	assert step_problem(PENALTY_STEPS, DRAFT, APPROVED, own_manager, False, "") == OWN_RECORD
	assert step_problem(REWARD_STEPS, DRAFT, APPROVED, own_manager, False, "") == OWN_RECORD


def test_only_the_person_acknowledges_or_appeals():
	assert step_problem(PENALTY_STEPS, APPROVED, ACKNOWLEDGED, PERSON, False, "") is None
	assert step_problem(PENALTY_STEPS, APPROVED, ACKNOWLEDGED, MANAGER, False, "") == NOT_YOURS
	assert step_problem(PENALTY_STEPS, APPROVED, APPEALED, PERSON, False, "") == COMMENT_MISSING
	assert step_problem(PENALTY_STEPS, APPROVED, APPEALED, PERSON, False, "I was ill") is None


def test_appeals_go_to_leadership():
	assert step_problem(PENALTY_STEPS, APPEALED, UPHELD, MANAGER, False, "") == NEEDS_LEADERSHIP
	assert step_problem(PENALTY_STEPS, APPEALED, UPHELD, LEADER, False, "") is None
	assert step_problem(PENALTY_STEPS, APPEALED, REVOKED, LEADER, False, " ") == COMMENT_MISSING


def test_cancel_and_dismiss_need_a_reason():
	assert step_problem(PENALTY_STEPS, APPROVED, CANCELLED, MANAGER, False, "") == COMMENT_MISSING
	assert step_problem(PENALTY_STEPS, APPROVED, CANCELLED, MANAGER, False, "wrong person") is None
	assert step_problem(PENALTY_STEPS, APPROVED, CANCELLED, MANAGER, True, "x") == NEEDS_LEADERSHIP
	assert step_problem(PENALTY_STEPS, DRAFT, DISMISSED, MANAGER, False, "") == COMMENT_MISSING
	assert steps_needing_comment(PENALTY_STEPS, DRAFT) == {DISMISSED}
	assert steps_needing_comment(PENALTY_STEPS, APPROVED) == {APPEALED, CANCELLED}


def test_steps_outside_the_process_are_refused():
	assert step_problem(PENALTY_STEPS, ACKNOWLEDGED, APPEALED, PERSON, False, "late") == NOT_A_STEP
	assert step_problem(REWARD_STEPS, DRAFT, ACKNOWLEDGED, PERSON, False, "") == NOT_A_STEP
	assert step_problem(REWARD_STEPS, DRAFT, REJECTED, MANAGER, False, "not earned") is None


def test_a_decision_awaits_only_those_who_may_take_it():
	# a draft: the manager (not about himself), leadership; never a team leader or the person concerned
	assert awaits_decision_of(PENALTY_STEPS, DRAFT, MANAGER, False)
	assert awaits_decision_of(PENALTY_STEPS, DRAFT, MANAGER, True)  # he sends it on to leadership
	assert awaits_decision_of(PENALTY_STEPS, DRAFT, LEADER, True)
	assert not awaits_decision_of(PENALTY_STEPS, DRAFT, TEAM_LEADER, False)
	assert not awaits_decision_of(PENALTY_STEPS, DRAFT, Actor(is_person=True, is_manager=True), False)
	# pending leadership and appeals: leadership alone
	assert not awaits_decision_of(PENALTY_STEPS, PENDING_LEADERSHIP, MANAGER, True)
	assert awaits_decision_of(PENALTY_STEPS, PENDING_LEADERSHIP, LEADER, True)
	assert not awaits_decision_of(PENALTY_STEPS, APPEALED, MANAGER, False)
	assert awaits_decision_of(PENALTY_STEPS, APPEALED, LEADER, False)
	# decided: only the person's acknowledgement and a cancellation remain, neither a decision that waits
	assert not awaits_decision_of(PENALTY_STEPS, APPROVED, MANAGER, False)
	assert not awaits_decision_of(PENALTY_STEPS, APPROVED, PERSON, False)
	assert not awaits_decision_of(PENALTY_STEPS, ACKNOWLEDGED, LEADER, False)


# Who sees
# --------


def test_peers_never_see_and_the_person_sees_once_decided():
	leader = Viewer(overseen=frozenset({"Zhou"}), own="Li")
	zhou, qian = Viewer(own="Zhou"), Viewer(own="Qian")
	assert may_see(Viewer(everyone=True), "Zhou", DRAFT, PENALTY_SHOWN_TO_PERSON)
	assert may_see(leader, "Zhou", DRAFT, PENALTY_SHOWN_TO_PERSON)
	assert not may_see(leader, "Qian", APPROVED, PENALTY_SHOWN_TO_PERSON)
	assert may_see(zhou, "Zhou", APPROVED, PENALTY_SHOWN_TO_PERSON)
	assert not may_see(zhou, "Zhou", DRAFT, PENALTY_SHOWN_TO_PERSON)
	assert not may_see(zhou, "Zhou", DISMISSED, PENALTY_SHOWN_TO_PERSON)
	assert not may_see(qian, "Zhou", APPROVED, PENALTY_SHOWN_TO_PERSON)
	assert not may_see(Viewer(), "Zhou", APPROVED, PENALTY_SHOWN_TO_PERSON)


# Versions
# --------


def test_changed_terms_and_rule_state():
	in_force = {"title": "No gifts", "window_days": 365}
	assert changed_terms(in_force, {"title": "No gifts", "window_days": 365}) == []
	assert changed_terms(in_force, {"title": "No gifts", "window_days": 180}) == ["window_days"]
	assert changed_terms(None, {"title": "New"}) == ["title"]
	assert rule_state(True, False) == IN_FORCE
	assert rule_state(True, True) == PENDING
	assert rule_state(False, True) == NOT_IN_FORCE


def test_only_leadership_approves_a_version_and_not_their_own():
	assert version_decision_problem(False, True, False) == NO_PENDING_VERSION
	assert version_decision_problem(True, False, False) == NEEDS_LEADERSHIP
	assert version_decision_problem(True, True, True) == OWN_VERSION
	assert version_decision_problem(True, True, False) is None


# Detection
# ---------


def test_a_plan_at_the_meeting():
	assert plan_at_meeting(handed_in=False, is_late=False) == PLAN_MISSING
	assert plan_at_meeting(handed_in=True, is_late=True) == PLAN_LATE
	assert plan_at_meeting(handed_in=True, is_late=False) is None


def test_meeting_weeks_from_since_until_now():
	def saturday_before(monday):
		return datetime.combine(monday - timedelta(days=2), time(9))

	now = datetime(2026, 7, 4, 10)  # a Saturday, after the 9 o'clock meeting
	weeks = meeting_weeks(date(2026, 6, 13), saturday_before, now)  # the meeting of Saturday 13 June on
	assert [monday for monday, _deadline in weeks] == [
		date(2026, 6, 15),
		date(2026, 6, 22),
		date(2026, 6, 29),
		date(2026, 7, 6),
	]
	assert weeks[-1][1] == datetime(2026, 7, 4, 9)
	assert [m for m, _d in meeting_weeks(date(2026, 6, 14), saturday_before, now)][0] == date(2026, 6, 22)
	assert len(meeting_weeks(date(2026, 6, 13), saturday_before, datetime(2026, 7, 4, 8))) == 3


def test_overdue_beyond_grace_and_late_bids():
	assert overdue_beyond_grace(-8, 7) and not overdue_beyond_grace(-7, 7)
	assert (
		overdue_beyond_grace(-1, 0) and not overdue_beyond_grace(0, 0) and not overdue_beyond_grace(None, 0)
	)
	assert existed_on(date(2026, 5, 1), date(2026, 5, 1)) and not existed_on(
		date(2026, 5, 2), date(2026, 5, 1)
	)
	assert not existed_on(None, date(2026, 5, 1))
	deadline = datetime(2026, 6, 1, 17)
	assert handed_in_late(deadline, deadline + timedelta(minutes=1))
	assert not handed_in_late(deadline, deadline)
	assert not handed_in_late(deadline, None)


def incident(key: str, day: int) -> Incident:
	return Incident(key, "kind", "Zhou", date(2026, 6, day), "Customer", "C1")


def test_new_incidents_skip_the_filed_and_the_repeated():
	found = [incident("b", 3), incident("a", 5), incident("b", 9), incident("c", 1)]
	assert [i.key for i in new_incidents(found, {"c"})] == ["b", "a"]
	assert new_incidents(found, {"a", "b", "c"}) == []
	assert plan_incident_key("Zhou", date(2026, 6, 29)) == "plan:Zhou:2026-06-29"


# Reports
# -------


def test_repeat_offenders_within_the_rules_window():
	offences = [
		("Zhou", "R8", date(2026, 1, 1)),
		("Zhou", "R8", date(2026, 3, 1)),
		("Qian", "R8", date(2026, 1, 1)),
		("Qian", "R8", date(2026, 6, 1)),
		("Qian", "R9", date(2026, 6, 2)),
	]
	assert repeat_offenders(offences, {"R8": 90, "R9": 365}) == {("Zhou", "R8")}


def test_violations_since():
	days = [DAY, DAY - timedelta(days=29), DAY - timedelta(days=30), DAY - timedelta(days=364)]
	assert violations_since(days, DAY, 30) == 2
	assert violations_since(days, DAY, 365) == 4
