"""Conduct (rulebook R2, R8, R10-R14): the rulebook's penalty ladders, the rolling window offences are
counted in, the action a ladder proposes, who may take which step of a penalty or a reward, who sees them,
rule versions that take effect only once leadership approves them, and which detected incidents are new.

Plain decisions over plain values; the adapter (`sales_dept.services.conduct`) reads the records and turns
the problems named here into translated messages.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# Actions a ladder step or a decision may take (rulebook R13: 警告, 罚款, 停职).
VERBAL_WARNING, WRITTEN_WARNING = "Verbal Warning", "Written Warning"
FINE, SUSPENSION, REFERRAL = "Fine", "Suspension", "Referral to Leadership"
ACTIONS = (VERBAL_WARNING, WRITTEN_WARNING, FINE, SUSPENSION, REFERRAL)

# What a penalty or reward record's status says (the workflow's states set it; admins may rename them).
DRAFT, PENDING_LEADERSHIP, APPROVED = "Draft", "Pending Leadership", "Approved"
ACKNOWLEDGED, APPEALED, UPHELD, REVOKED = "Acknowledged", "Appealed", "Upheld", "Revoked"
DISMISSED, REJECTED, CANCELLED = "Dismissed", "Rejected", "Cancelled"

# Penalties that count as offences: decided and not (or not yet) overturned. One under appeal does not count
# until leadership upholds it.
STANDING = (APPROVED, ACKNOWLEDGED, UPHELD)
# What the person concerned sees of their own records: a draft is the manager's proposal and a dismissed one
# never concerned them; from the decision on, the record is theirs to read, acknowledge or appeal.
PENALTY_SHOWN_TO_PERSON = (APPROVED, ACKNOWLEDGED, APPEALED, UPHELD, REVOKED, CANCELLED)
REWARD_SHOWN_TO_PERSON = (APPROVED, CANCELLED)

# Reward types (rulebook R12: 加薪, 奖金; honours).
BONUS, RAISE, HONOUR = "Bonus", "Raise", "Honour"
REWARD_TYPES = (BONUS, RAISE, HONOUR)

# Problems (the adapter turns them into translated messages).
LADDER_GAP = "ladder_gap"
WINDOW_NOT_POSITIVE = "window_not_positive"
FINE_NOT_POSITIVE = "fine_not_positive"
FINE_ABOVE_MAX = "fine_above_max"
SUSPENSION_WITHOUT_DAYS = "suspension_without_days"
UNKNOWN_ACTION = "unknown_action"
INCIDENT_IN_FUTURE = "incident_in_future"
DEVIATION_WITHOUT_REASON = "deviation_without_reason"
AMOUNT_NOT_POSITIVE = "amount_not_positive"

NOT_A_STEP = "not_a_step"
NOT_YOURS = "not_yours"
OWN_RECORD = "own_record"
NOT_A_DECIDER = "not_a_decider"
NEEDS_LEADERSHIP = "needs_leadership"
COMMENT_MISSING = "comment_missing"

NO_PENDING_VERSION = "no_pending_version"
OWN_VERSION = "own_version"


# Ladders and the rolling window
# ------------------------------


@dataclass(frozen=True)
class LadderStep:
	"""The `offence`-th offence within the window → `action` (with its fine or days of suspension)."""

	offence: int
	action: str
	fine: float = 0.0
	suspension_days: int = 0


@dataclass(frozen=True)
class RuleTerms:
	"""What an approved version of a rule says about penalties: its ladder, the rolling window (days) in
	which offences are counted, and the largest fine it allows (0: no maximum)."""

	ladder: tuple[LadderStep, ...] = ()
	window_days: int = 0
	max_fine: float = 0.0


def action_problems(action: str | None, fine: float, suspension_days: int, max_fine: float) -> list[str]:
	"""What is wrong with an action as given: a fine needs an amount above zero and within the rule's maximum,
	a suspension its days."""
	if not action:
		return []
	if action not in ACTIONS:
		return [UNKNOWN_ACTION]
	problems = []
	if action == FINE and (fine or 0) <= 0:
		problems.append(FINE_NOT_POSITIVE)
	if action == FINE and max_fine and (fine or 0) > max_fine:
		problems.append(FINE_ABOVE_MAX)
	if action == SUSPENSION and (suspension_days or 0) <= 0:
		problems.append(SUSPENSION_WITHOUT_DAYS)
	return problems


def ladder_problems(terms: RuleTerms) -> list[tuple[str, int | None]]:
	"""(problem, offence) for a ladder that skips or repeats an offence number (it must count 1, 2, 3… with
	no gap), a step whose action is incomplete, and a window of no days for a rule with a ladder."""
	problems: list[tuple[str, int | None]] = []
	offences = sorted(step.offence for step in terms.ladder)
	if offences != list(range(1, len(offences) + 1)):
		expected = next((n for n, offence in enumerate(offences, start=1) if offence != n), len(offences) + 1)
		problems.append((LADDER_GAP, expected))
	for step in sorted(terms.ladder, key=lambda s: s.offence):
		problems += [
			(problem, step.offence)
			for problem in action_problems(step.action, step.fine, step.suspension_days, terms.max_fine)
		]
	if terms.ladder and (terms.window_days or 0) <= 0:
		problems.append((WINDOW_NOT_POSITIVE, None))
	return problems


def in_window(earlier: date, incident: date, window_days: int) -> bool:
	"""Whether an offence on `earlier` counts for an incident on `incident`: within the `window_days` days up
	to the incident (that day included), not after it. A rule without a window (0) counts every earlier one."""
	if (window_days or 0) <= 0:
		return earlier <= incident
	return incident - timedelta(days=window_days) < earlier <= incident


def offence_number(earlier_offences: Iterable[date], incident: date, window_days: int) -> int:
	"""Which offence an incident is: one more than the standing offences of the same rule by the same person
	within the rolling window before it."""
	return 1 + sum(1 for day in earlier_offences if in_window(day, incident, window_days))


def ladder_step(ladder: Iterable[LadderStep], offence: int) -> LadderStep | None:
	"""The step for the `offence`-th offence; beyond the ladder's last step, the last step again."""
	steps = sorted(ladder, key=lambda step: step.offence)
	if not steps:
		return None
	return next((step for step in steps if step.offence == offence), steps[-1] if offence > 0 else None)


@dataclass(frozen=True)
class Proposal:
	"""What the ladder proposes for an incident: which offence it is and the step's action (None: the rule
	has no ladder, the decider chooses)."""

	offence: int
	action: str | None = None
	fine: float = 0.0
	suspension_days: int = 0


def propose(terms: RuleTerms, earlier_offences: Iterable[date], incident: date) -> Proposal:
	offence = offence_number(earlier_offences, incident, terms.window_days or 0)
	step = ladder_step(terms.ladder, offence)
	if not step:
		return Proposal(offence)
	return Proposal(offence, step.action, step.fine or 0.0, step.suspension_days or 0)


def deviates(proposal: Proposal, action: str | None, fine: float, suspension_days: int) -> bool:
	"""Whether a decided action differs from the ladder's proposal (then a reason is needed). Without a ladder
	there is nothing to differ from."""
	if not proposal.action:
		return False
	return (action, round(fine or 0, 2), int(suspension_days or 0)) != (
		proposal.action,
		round(proposal.fine or 0, 2),
		int(proposal.suspension_days or 0),
	)


def incident_problem(incident: date, today: date) -> str | None:
	return INCIDENT_IN_FUTURE if incident > today else None


def penalty_needs_leadership(action: str | None, fine: float, threshold: float) -> bool:
	"""A suspension, a referral and a fine above the settings' threshold are decided by leadership too."""
	if action in (SUSPENSION, REFERRAL):
		return True
	return action == FINE and bool(threshold) and (fine or 0) > threshold


def reward_problems(reward_type: str, amount: float) -> list[str]:
	"""A bonus or a raise names an amount above zero; an honour needs none."""
	if reward_type in (BONUS, RAISE) and (amount or 0) <= 0:
		return [AMOUNT_NOT_POSITIVE]
	return []


def reward_needs_leadership(reward_type: str, amount: float, threshold: float) -> bool:
	return reward_type in (BONUS, RAISE) and bool(threshold) and (amount or 0) > threshold


# Who may take which step
# -----------------------

MANAGER, LEADERSHIP, PERSON = "manager", "leadership", "person"


@dataclass(frozen=True)
class Actor:
	"""The user taking a step: whether the record is about them, and whether they hold the sales manager role
	(or leadership's, or are an administrator) and leadership's (or are an administrator)."""

	is_person: bool = False
	is_manager: bool = False
	is_leadership: bool = False


@dataclass(frozen=True)
class Step:
	"""Who takes a step: the manager (leadership too when the record needs it), leadership, or the person
	concerned; and whether it needs a comment."""

	by: str
	comment: bool = False
	leadership_when_needed: bool = False


def _cancel() -> Step:
	return Step(MANAGER, comment=True, leadership_when_needed=True)


PENALTY_STEPS = {
	(DRAFT, PENDING_LEADERSHIP): Step(MANAGER),
	(DRAFT, APPROVED): Step(MANAGER, leadership_when_needed=True),
	(DRAFT, DISMISSED): Step(MANAGER, comment=True),
	(PENDING_LEADERSHIP, APPROVED): Step(LEADERSHIP),
	(PENDING_LEADERSHIP, DRAFT): Step(LEADERSHIP, comment=True),
	(PENDING_LEADERSHIP, DISMISSED): Step(LEADERSHIP, comment=True),
	(APPROVED, ACKNOWLEDGED): Step(PERSON),
	(APPROVED, APPEALED): Step(PERSON, comment=True),
	(APPEALED, UPHELD): Step(LEADERSHIP),
	(APPEALED, REVOKED): Step(LEADERSHIP, comment=True),
	(APPROVED, CANCELLED): _cancel(),
	(ACKNOWLEDGED, CANCELLED): _cancel(),
	(UPHELD, CANCELLED): _cancel(),
}

REWARD_STEPS = {
	(DRAFT, PENDING_LEADERSHIP): Step(MANAGER),
	(DRAFT, APPROVED): Step(MANAGER, leadership_when_needed=True),
	(DRAFT, REJECTED): Step(MANAGER, comment=True),
	(PENDING_LEADERSHIP, APPROVED): Step(LEADERSHIP),
	(PENDING_LEADERSHIP, REJECTED): Step(LEADERSHIP, comment=True),
	(PENDING_LEADERSHIP, DRAFT): Step(LEADERSHIP, comment=True),
	(APPROVED, CANCELLED): _cancel(),
}


def step_problem(
	steps: dict[tuple[str, str], Step],
	previous: str,
	now: str,
	actor: Actor,
	needs_leadership: bool,
	comment: str | None,
) -> str | None:
	"""Why `actor` may not move a record from status `previous` to `now`, or None. Whatever the workflow
	offers: the manager approves (leadership too when the record needs it), leadership decides appeals, only
	the person concerned acknowledges or appeals, and nobody decides a record about themself."""
	step = steps.get((previous, now))
	if step is None:
		return NOT_A_STEP
	if step.by == PERSON:
		if not actor.is_person:
			return NOT_YOURS
	else:
		if actor.is_person:
			return OWN_RECORD
		leadership = step.by == LEADERSHIP or (step.leadership_when_needed and needs_leadership)
		if leadership and not actor.is_leadership:
			return NEEDS_LEADERSHIP
		if not (actor.is_manager or actor.is_leadership):
			return NOT_A_DECIDER
	if step.comment and not (comment or "").strip():
		return COMMENT_MISSING
	return None


def awaits_decision_of(
	steps: dict[tuple[str, str], Step], status: str, actor: Actor, needs_leadership: bool
) -> bool:
	"""Whether a record in `status` waits for a decision `actor` may take: a step from it that is not the
	person's own (acknowledge, appeal) nor a cancellation (open to every decided record), and that
	`step_problem` lets `actor` take (the comment aside: the form asks for it). A draft waits for the manager,
	a record pending leadership and an appeal for leadership, never for the person it is about."""
	return any(
		step_problem(steps, before, now, actor, needs_leadership, "-") is None
		for (before, now), step in steps.items()
		if before == status and step.by != PERSON and now != CANCELLED
	)


def steps_needing_comment(steps: dict[tuple[str, str], Step], previous: str) -> set[str]:
	"""The statuses reached from `previous` by a step that needs a comment."""
	return {now for (before, now), step in steps.items() if before == previous and step.comment}


# Who sees a record (rulebook R11 applies to the department too)
# ------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
	"""What a user reaches of conduct records: everyone's (the sales manager, leadership, HR, administrators),
	the people they lead (a team leader), and their own once decided."""

	everyone: bool = False
	overseen: frozenset[str] = frozenset()
	own: str | None = None


def may_see(
	viewer: Viewer, sales_person: str | None, status: str | None, shown_to_person: Iterable[str]
) -> bool:
	"""Never a peer: only the people above a record's person, HR, and the person themself once decided."""
	if viewer.everyone or (sales_person and sales_person in viewer.overseen):
		return True
	return bool(viewer.own) and sales_person == viewer.own and status in tuple(shown_to_person)


# Rule versions (rulebook R14: revised rules take effect once leadership approves them)
# ---------------------------------------------------------------------------------------

# A version's status.
PROPOSED, VERSION_APPROVED, SUPERSEDED, VERSION_REJECTED, WITHDRAWN = (
	"Proposed",
	"Approved",
	"Superseded",
	"Rejected",
	"Withdrawn",
)
# A rule's state.
IN_FORCE, PENDING, NOT_IN_FORCE = "In Force", "Pending Leadership", "Not in Force"


def changed_terms(in_force: dict | None, working: dict) -> list[str]:
	"""The governed fields in which a rule's working copy differs from its version in force (all of them
	when none is in force yet), in the working copy's order."""
	if in_force is None:
		return list(working)
	return [field for field, value in working.items() if in_force.get(field) != value]


def rule_state(has_version_in_force: bool, changed: bool) -> str:
	"""In force as approved; waiting for leadership (a version in force stays so meanwhile); or, for a new
	rule that leadership has not approved yet, not in force at all."""
	if changed:
		return PENDING if has_version_in_force else NOT_IN_FORCE
	return IN_FORCE


def version_decision_problem(has_pending: bool, is_leadership: bool, proposed_by_decider: bool) -> str | None:
	"""Why a user may not approve or reject a rule's pending version: only leadership decides, and never on a
	version they proposed themself (the department revises, leadership approves)."""
	if not has_pending:
		return NO_PENDING_VERSION
	if not is_leadership:
		return NEEDS_LEADERSHIP
	if proposed_by_decider:
		return OWN_VERSION
	return None


# Detection: incidents the app finds by itself
# ---------------------------------------------

# What each automatic check finds (a Conduct Rule names the check that files incidents under it).
LATE_PLAN = "Visit Plan Late or Missing"
OVERDUE_CUSTOMER = "Customer Visit Overdue"
PRICE_BREACH = "Price Policy Broken"
LATE_BID = "Bid Handed In Late"
DETECTIONS = (LATE_PLAN, OVERDUE_CUSTOMER, PRICE_BREACH, LATE_BID)

# How a visit plan stood at its meeting.
PLAN_MISSING, PLAN_LATE = "missing", "late"


@dataclass(frozen=True)
class Incident:
	"""One breach found by a check: `key` names it for good (the same incident is never filed twice);
	`reference` is the document it is about, `evidence` every document involved (doctype, name)."""

	key: str
	kind: str
	sales_person: str
	incident_date: date
	reference_doctype: str
	reference_name: str
	description: str = ""
	evidence: tuple[tuple[str, str], ...] = ()
	company: str | None = None


def plan_incident_key(sales_person: str, week: date) -> str:
	return f"plan:{sales_person}:{week.isoformat()}"


def overdue_incident_key(customer: str, due: date) -> str:
	return f"overdue:{customer}:{due.isoformat()}"


def document_incident_key(kind: str, doctype: str, name: str) -> str:
	return f"{kind}:{doctype}:{name}"


def plan_at_meeting(handed_in: bool, is_late: bool) -> str | None:
	"""How a salesperson's plan for the week stood at the meeting: not handed in (missing), handed in after
	its deadline (late), or in time (None)."""
	if not handed_in:
		return PLAN_MISSING
	return PLAN_LATE if is_late else None


def meeting_weeks(since: date, deadline_of, now: datetime) -> list[tuple[date, datetime]]:
	"""(Monday, deadline) of each week whose plan deadline (`deadline_of(monday)`, the meeting before it)
	falls from `since` on and has passed by `now`."""
	weeks, monday = [], since - timedelta(days=since.weekday())
	while True:
		deadline = deadline_of(monday)
		if deadline > now:
			return weeks
		if deadline.date() >= since:
			weeks.append((monday, deadline))
		monday += timedelta(days=7)


def overdue_beyond_grace(days_until_due: int | None, grace_days: int) -> bool:
	"""A customer overdue by more than the grace days (a negative `days_until_due` counts days overdue)."""
	return days_until_due is not None and -days_until_due > max(grace_days, 0)


def existed_on(created: date | None, day: date) -> bool:
	"""Whether a price policy created on `created` was there on `day`: a document made before its policy
	existed did not break it."""
	return created is not None and created <= day


def handed_in_late(deadline: datetime | None, handed_in: datetime | None) -> bool:
	"""A bid could go out only once approved: approved after its submission deadline, it was late."""
	return bool(deadline and handed_in and handed_in > deadline)


def new_incidents(incidents: Iterable[Incident], filed_keys: Iterable[str]) -> list[Incident]:
	"""The incidents not filed yet, each key once (the first found), oldest first."""
	seen = set(filed_keys)
	fresh = []
	for incident in incidents:
		if incident.key not in seen:
			seen.add(incident.key)
			fresh.append(incident)
	return sorted(fresh, key=lambda i: (i.incident_date, i.key))


# Reports
# -------


def repeat_offenders(
	offences: Iterable[tuple[str, str, date]], window_days: dict[str, int]
) -> set[tuple[str, str]]:
	"""(person, rule) pairs with two standing offences of the same rule within that rule's window."""
	by_pair: dict[tuple[str, str], list[date]] = {}
	for person, rule, day in offences:
		by_pair.setdefault((person, rule), []).append(day)
	found = set()
	for (person, rule), days in by_pair.items():
		days.sort()
		window = window_days.get(rule) or 0
		if any(in_window(earlier, later, window) for earlier, later in zip(days, days[1:], strict=False)):
			found.add((person, rule))
	return found


def violations_since(incident_dates: Iterable[date], today: date, days: int) -> int:
	"""Incidents of the last `days` days (today included)."""
	return sum(1 for day in incident_dates if in_window(day, today, days))
