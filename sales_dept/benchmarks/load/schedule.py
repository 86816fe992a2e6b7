"""When the site's scheduled jobs start together, and where a measured phase fits between two such bursts
(frappe-free, tier-1 tests in test_schedule.py).

An ERPNext site's scheduler starts a handful of jobs every quarter hour (Frappe's and ERPNext's `0/15`, `0/30`,
`30 * * * *` crons and, on the hour, the hourly ones): a burst of a minute or two in which the two RQ workers are
busy and requests beside it are slower. A phase that holds a burst is not comparable with one that does not, so
the load test places each measured phase between two bursts: every phase meets the same quiet scheduler.

Jobs due at least every few minutes (Frappe's "All", every 4 minutes; an every-minute cron) are the site's
background, present in every phase alike, and one or two small jobs due in a minute (the e-mail pull every 10
minutes; on Frappe 16 with it the offset alerts every 5) are not a burst. The cron expressions are read as Frappe
reads them (its CRON_MAP for the named frequencies; minute, hour, day of month, month, day of week, where a day
matches either of the two day fields when both are given)."""

from datetime import datetime, timedelta

# Frappe's CRON_MAP (frappe/core/doctype/scheduled_job_type), without "All" (the background)
FREQUENCY_CRON = {
	"Yearly": "0 0 1 1 *",
	"Annual": "0 0 1 1 *",
	"Monthly": "0 0 1 * *",
	"Monthly Long": "0 0 1 * *",
	"Weekly": "0 0 * * 0",
	"Weekly Long": "0 0 * * 0",
	"Daily": "0 0 * * *",
	"Daily Long": "0 0 * * *",
	"Daily Maintenance": "0 0 * * *",
	"Hourly": "0 * * * *",
	"Hourly Long": "0 * * * *",
	"Hourly Maintenance": "0 * * * *",
}
# the shorthands Frappe's cron parser (croniter) reads
CRON_ALIASES = {
	"@yearly": "0 0 1 1 *",
	"@annually": "0 0 1 1 *",
	"@monthly": "0 0 1 * *",
	"@weekly": "0 0 * * 0",
	"@daily": "0 0 * * *",
	"@midnight": "0 0 * * *",
	"@hourly": "0 * * * *",
}
# jobs due in one minute that make a burst: the quarter hour's are 6 to 10 (more on the hour); two small ones
# due together (the e-mail pull every 10 minutes and, on Frappe 16, the offset alerts every 5) are not
BURST_JOBS = 3
BACKGROUND_PER_HOUR = 15  # a job due this often (Frappe's "All": every 4 minutes) is the background
# a burst's jobs are enqueued at the scheduler's first tick after their minute (every 60 s) and run on the
# workers: on the bench, the quarter hour's jobs started within its minute and the next
BURST_SECONDS = 120
# and a window ends this long before a burst's minute, not at it: the tick may come with the minute's first second
BURST_LEAD_SECONDS = 5

FIELD_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


def field_values(field: str, low: int, high: int) -> frozenset[int]:
	"""The values one cron field allows: `*`, `5`, `1-5`, `*/15`, `0/15`, `1-30/10`, lists of them."""
	values = set()
	for part in field.split(","):
		spread, _, step_text = part.partition("/")
		step = int(step_text) if step_text else 1
		if spread == "*":
			first, last = low, high
		elif "-" in spread:
			first, last = (int(value) for value in spread.split("-", 1))
		else:
			first = int(spread)
			last = high if step_text else first
		if step < 1 or not low <= first <= last <= high:
			raise ValueError(f"cron field {field!r} out of {low}-{high}")
		values.update(range(first, last + 1, step))
	return frozenset(values)


class Cron:
	"""A five-field cron expression, read once."""

	def __init__(self, expression: str):
		fields = CRON_ALIASES.get(expression.strip(), expression).split()
		if len(fields) != 5:
			raise ValueError(f"not a five-field cron expression: {expression!r}")
		self.minutes, self.hours, self.days, self.months, weekdays = (
			field_values(field, low, high) for field, (low, high) in zip(fields, FIELD_RANGES, strict=True)
		)
		self.weekdays = frozenset(day % 7 for day in weekdays)  # 0 and 7 are Sunday
		self.any_day, self.any_weekday = fields[2] == "*", fields[4] == "*"

	def due(self, moment: datetime) -> bool:
		if (
			moment.minute not in self.minutes
			or moment.hour not in self.hours
			or moment.month not in self.months
		):
			return False
		day = moment.day in self.days
		weekday = (moment.isoweekday() % 7) in self.weekdays
		if self.any_day or self.any_weekday:
			return day and weekday
		return day or weekday

	def per_hour(self) -> int:
		return len(self.minutes) if len(self.hours) == 24 else 0


def schedules_of(job_types: list[dict]) -> tuple[list[Cron], list[str]]:
	"""The crons of the site's running Scheduled Job Types ({"name", "frequency", "cron_format"}) that can make
	a burst, and the names of those whose schedule cannot be read (said, not guessed)."""
	crons, unread = [], []
	for job_type in job_types:
		if job_type["frequency"] == "All":
			continue
		if job_type["frequency"] == "Cron":
			expression = job_type.get("cron_format")
		else:
			expression = FREQUENCY_CRON.get(job_type["frequency"])
		try:
			cron = Cron(expression or "")
		except ValueError:
			unread.append(job_type["name"])
			continue
		if cron.per_hour() < BACKGROUND_PER_HOUR:
			crons.append(cron)
	return crons, unread


def bursts(crons: list[Cron], start: datetime, end: datetime, at_least: int = BURST_JOBS) -> list[datetime]:
	"""The minutes from `start` to `end` (the site's local time) in which at least `at_least` jobs are due."""
	minute = start.replace(second=0, microsecond=0)
	found = []
	while minute < end:
		if sum(cron.due(minute) for cron in crons) >= at_least:
			found.append(minute)
		minute += timedelta(minutes=1)
	return found


def quiet_start(
	burst_minutes: list[datetime],
	earliest: datetime,
	seconds: float,
	burst_seconds: float = BURST_SECONDS,
	lead_seconds: float = BURST_LEAD_SECONDS,
) -> datetime | None:
	"""The first moment from `earliest` at which `seconds` pass without a burst (each taking `burst_seconds`
	from its minute, and `lead_seconds` before it), or None when no gap between the known bursts is long
	enough (the last burst known ends what is known)."""
	start = earliest
	length = timedelta(seconds=seconds)
	busy, lead = timedelta(seconds=burst_seconds), timedelta(seconds=lead_seconds)
	for minute in burst_minutes:
		if minute + busy <= start:
			continue
		if start + length <= minute - lead:
			return start
		start = max(start, minute + busy)
	return None
