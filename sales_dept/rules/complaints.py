"""Complaints (rulebook R7, 第十一条; R34): a customer's complaint is an ERPNext Issue under its Service Level
Agreement. Whether an Issue kept its SLA, when it counts as breached (ERPNext marks an Issue "Failed" only when it
is saved after its deadline, so a deadline that passed unanswered is a breach already), whom a complaint is
reported to, and the complaint figures of a salesperson.

Plain decisions over plain values; `sales_dept.services.complaints` reads the Issues."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

# ERPNext's agreement statuses (Issue.agreement_status).
FIRST_RESPONSE_DUE, RESOLUTION_DUE, FULFILLED, FAILED = (
	"First Response Due",
	"Resolution Due",
	"Fulfilled",
	"Failed",
)

# What became of an Issue's SLA.
MET, BREACHED, PENDING, NO_SLA = "met", "breached", "pending", "no_sla"


@dataclass(frozen=True)
class IssueSla:
	"""What an Issue says of its SLA."""

	agreement_status: str | None = None
	response_by: datetime | None = None
	resolution_by: datetime | None = None
	has_sla: bool = True


def sla_outcome(issue: IssueSla, now: datetime) -> str:
	"""MET once ERPNext says fulfilled; BREACHED once it says failed, or while a response or resolution is
	still due after its deadline; PENDING while the deadline has not come; NO_SLA for an Issue without one."""
	if not issue.has_sla or not issue.agreement_status:
		return NO_SLA
	if issue.agreement_status == FULFILLED:
		return MET
	if issue.agreement_status == FAILED:
		return BREACHED
	deadline = issue.response_by if issue.agreement_status == FIRST_RESPONSE_DUE else issue.resolution_by
	if deadline and deadline < now:
		return BREACHED
	return PENDING


def complaint_recipients(salesperson_user: str | None, team_leader_user: str | None) -> list[str]:
	"""Who hears of a new complaint: the customer's salesperson and their team leader (once each)."""
	return list(dict.fromkeys(user for user in (salesperson_user, team_leader_user) if user))


def breach_recipients(team_leader_user: str | None, manager_user: str | None) -> list[str]:
	"""Who hears of a breached SLA: the salesperson's team leader; for someone without one (the department
	head), their manager."""
	return [user for user in (team_leader_user or manager_user,) if user]


# Up to this many newly breached complaints for the same people in one hourly check are told one notice each;
# more, in one notice that lists them (a backlog must not bury the leader's bell and the group in notices).
BREACHES_TOLD_ONE_BY_ONE = 3


@dataclass(frozen=True)
class BreachNotice:
	"""One notice of the hourly check: who is told, the team the complaints are of, which Issues (in order),
	and whether it is one notice per Issue or one for all of them."""

	recipients: tuple[str, ...]
	team: str | None
	issues: tuple[str, ...]

	@property
	def one_by_one(self) -> bool:
		return len(self.issues) <= BREACHES_TOLD_ONE_BY_ONE


def breach_notices(breaches: Iterable[tuple[str, Iterable[str], str | None]]) -> list[BreachNotice]:
	"""The notices of one hourly check from its newly breached Issues, each given as (Issue, who is told of it,
	its salesperson's team): one per (recipients, team), in the order first met; Issues nobody is to be told
	of are left out."""
	grouped: dict[tuple[tuple[str, ...], str | None], list[str]] = {}
	for issue, recipients, team in breaches:
		told = tuple(dict.fromkeys(user for user in recipients if user))
		if told:
			grouped.setdefault((told, team), []).append(issue)
	return [BreachNotice(told, team, tuple(issues)) for (told, team), issues in grouped.items()]


@dataclass(frozen=True)
class ComplaintFigures:
	count: int = 0
	met: int = 0
	breached: int = 0
	responded: int = 0
	response_seconds: float = 0.0

	@property
	def within_sla_pct(self) -> float | None:
		"""Issues that kept their SLA among those whose SLA is decided (kept or breached)."""
		decided = self.met + self.breached
		return self.met / decided * 100 if decided else None

	@property
	def first_response_hours(self) -> float | None:
		return self.response_seconds / self.responded / 3600 if self.responded else None


def complaint_figures(outcomes: Iterable[tuple[str, float | None]]) -> ComplaintFigures:
	"""Figures of a salesperson's Issues from (SLA outcome, first response time in seconds or None)."""
	count = met = breached = responded = 0
	seconds = 0.0
	for outcome, response_seconds in outcomes:
		count += 1
		met += outcome == MET
		breached += outcome == BREACHED
		if response_seconds and response_seconds > 0:
			responded += 1
			seconds += response_seconds
	return ComplaintFigures(count, met, breached, responded, seconds)
