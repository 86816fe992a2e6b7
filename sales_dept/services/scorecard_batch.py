"""The batch (`generate`) makes or updates the scorecards of every salesperson for a template and period with a
few bulk statements: names reserved from the series at once, multi-row INSERTs, CASE updates. It runs as a
background job with a progress bar; the template's row is locked while it runs, so two runs (or a run and a
scorecard made by hand) never make two scorecards for one person, period and template, which a unique key also
guards.
"""

from dataclasses import dataclass, field
from datetime import date
from time import perf_counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.translate import get_user_lang
from frappe.utils import cint, getdate, now_datetime, nowdate

from sales_dept.rules.scoring import DRAFT as STATUS_DRAFT
from sales_dept.rules.scoring import may_recompute
from sales_dept.services.org import get_org_chart
from sales_dept.services.scorecard_content import (
	COMPUTED_FIELDS,
	ROW_FIELDS,
	company_currency,
	figure_fields,
	people_info,
	period_fields,
	person_fields,
	same_values,
	scored_content,
	unique_key,
)
from sales_dept.services.scorecard_figures import compute, growth_goal
from sales_dept.services.scorecard_periods import Period, period_for
from sales_dept.services.scorecard_templates import (
	SCORECARD,
	SCORECARD_KPI,
	TEMPLATE,
	TemplateSpec,
	check_template,
	load_template,
)
from sales_dept.services.tiers import chunks, insert_rows

NAMING_SERIES = "SC-.YYYY.-.#####"
CHUNK = 1000  # scorecards per UPDATE or DELETE
ROWS_PER_INSERT = 10_000  # rows per multi-row INSERT: one statement up to about 800 salespeople's KPI rows
JOB_PREFIX = "sales_dept:scorecards"


@dataclass
class Batch:
	made: list = field(default_factory=list)
	updated: list = field(default_factory=list)
	skipped: list = field(default_factory=list)  # (sales person, reason)

	def summary(self, period: Period, seconds: float) -> dict:
		return {
			"period": period.label,
			"made": len(self.made),
			"updated": len(self.updated),
			"skipped": len(self.skipped),
			"skipped_reasons": [
				{"sales_person": person, "reason": reason} for person, reason in self.skipped
			],
			"scorecards": sorted(self.made + self.updated),
			"seconds": round(seconds, 2),
		}


def people_to_appraise(spec: TemplateSpec) -> set[str]:
	"""Every enabled salesperson of the tree (of the template's team, when it names one)."""
	chart = get_org_chart()
	people = chart.salespeople()
	return people & chart.members(spec.team) if spec.team else people


def existing_scorecards(template: str, company: str, period_start: date) -> dict[str, frappe._dict]:
	"""The scorecards (not cancelled) of a template, company and period, by salesperson, with their rows."""
	card, row = DocType(SCORECARD), DocType(SCORECARD_KPI)
	cards = (
		frappe.qb.from_(card)
		.select(card.star)
		.where(
			(card.template == template)
			& (card.company == company)
			& (card.period_start == period_start)
			& (card.docstatus < 2)
		)
		.run(as_dict=True)
	)
	found = {c.sales_person: c for c in cards}
	for c in cards:
		c.rows = []
	if cards:
		by_name = {c.name: c for c in cards}
		for r in (
			frappe.qb.from_(row)
			.select(row.star)
			.where((row.parenttype == SCORECARD) & row.parent.isin(sorted(by_name)))
			.orderby(row.idx)
			.run(as_dict=True)
		):
			by_name[r.parent].rows.append(r)
	return found


def unchanged(existing, header: dict, rows: list[dict]) -> bool:
	if len(existing.rows) != len(rows):
		return False
	if any(not same_values(existing.get(f), header.get(f)) for f in COMPUTED_FIELDS):
		return False
	return all(
		same_values(old.get(f), new.get(f))
		for old, new in zip(existing.rows, rows, strict=True)
		for f in ROW_FIELDS
	)


def generate(template: str, company: str, day=None, publish_progress: bool = False, today=None) -> dict:
	"""Make or update the scorecard of every salesperson for `template` and the period containing `day`:
	made (new), updated (recomputed drafts and reviews up to the manager's), skipped with the reason (no
	Employee with a User; with leadership or approved, so frozen; up to date). A fixed number of queries."""
	started = perf_counter()
	progress = _progress(publish_progress)
	progress(2, _("Waiting for any other run of this template"))
	frappe.db.sql(f"select name from `tab{TEMPLATE}` where name = %s for update", (template,))
	spec = load_template(template)
	check_template(spec)
	if not spec.enabled:
		frappe.throw(
			_("Scorecard Template {0} is disabled.").format(_(template)), title=_("Template Disabled")
		)
	period = period_for(company, spec.period_type, day or nowdate())
	batch = Batch()
	people = people_to_appraise(spec)
	infos = people_info(people)
	existing = existing_scorecards(template, company, period.start)
	to_compute = set()
	for person in sorted(people):
		info = infos.get(person)
		card = existing.get(person)
		if not info or not info.user:
			batch.skipped.append((person, _("no Employee with a User")))
		elif card and not may_recompute(card.status):
			batch.skipped.append((person, _("{0}: its values are frozen").format(_(card.status))))
		else:
			to_compute.add(person)
	progress(10, _("Reading the figures of {0} salespeople").format(len(to_compute)))
	figures = compute(company, period, to_compute, spec, today=today)
	progress(60, _("Scoring"))
	goal, currency, now, user = growth_goal(), company_currency(company), now_datetime(), frappe.session.user
	new_cards, changed_cards = [], []
	for person in sorted(to_compute):
		fig, card, info = figures[person], existing.get(person), infos[person]
		ratings = {r.kpi: r.rating for r in card.rows if r.manager_rated} if card else {}
		header, rows = scored_content(spec, fig.values(goal), ratings, fig.penalties)
		header.update(figure_fields(fig, period, currency))
		header.update({**person_fields(info), **period_fields(period), "computed_on": now})
		if card is None:
			new_cards.append((person, header, rows))
		elif unchanged(card, header, rows):
			batch.skipped.append((person, _("up to date")))
		else:
			changed_cards.append((card, header, rows))
	progress(75, _("Writing {0} scorecards").format(len(new_cards) + len(changed_cards)))
	batch.made = insert_scorecards(new_cards, spec, company, period, now, user)
	batch.updated = update_scorecards(changed_cards, now, user)
	frappe.clear_document_cache(SCORECARD)
	summary = batch.summary(period, perf_counter() - started)
	progress(
		100,
		_("{0} made, {1} updated, {2} skipped").format(
			summary["made"], summary["updated"], summary["skipped"]
		),
	)
	return summary


def initial_state() -> str:
	"""The workflow state a new scorecard starts in (the one setting the status to Draft)."""
	from frappe.model.workflow import get_workflow_name

	name = get_workflow_name(SCORECARD)
	if not name:
		return STATUS_DRAFT
	workflow = frappe.get_cached_doc("Workflow", name)
	return next(
		(s.state for s in workflow.states if s.update_field == "status" and s.update_value == STATUS_DRAFT),
		workflow.states[0].state,
	)


def reserve_names(count: int) -> list[str]:
	"""`count` names from the scorecards' naming series, reserved at once (the series row is locked)."""
	if not count:
		return []
	from frappe.model.naming import parse_naming_series

	prefix = parse_naming_series(NAMING_SERIES.rsplit(".", 1)[0] + ".")
	digits = len(NAMING_SERIES.rsplit(".", 1)[1])
	current = frappe.db.sql("select `current` from `tabSeries` where `name` = %s for update", prefix)
	if current:
		start = cint(current[0][0])
		frappe.db.sql("update `tabSeries` set `current` = %s where `name` = %s", (start + count, prefix))
	else:
		start = 0
		frappe.db.sql("insert into `tabSeries` (`name`, `current`) values (%s, %s)", (prefix, count))
	return [f"{prefix}{number:0{digits}d}" for number in range(start + 1, start + count + 1)]


PARENT_COLUMNS = (
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"docstatus",
	"idx",
	"sales_person",
	"template",
	"company",
	"period_start",
	"status",
	"workflow_state",
	"unique_key",
	*COMPUTED_FIELDS,
	"computed_on",
)
ROW_COLUMNS = (
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"docstatus",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	*ROW_FIELDS,
)


def child_rows(parent: str, rows: list[dict], now, user) -> list[tuple]:
	return [
		(
			frappe.generate_hash(length=10),
			now,
			now,
			user,
			user,
			0,
			parent,
			SCORECARD,
			"kpis",
			idx,
			*[row.get(f) for f in ROW_FIELDS],
		)
		for idx, row in enumerate(rows, start=1)
	]


def insert_scorecards(cards: list, spec: TemplateSpec, company: str, period: Period, now, user) -> list[str]:
	"""New scorecards in multi-row INSERTs (a unique key per person, template, company and period)."""
	names = reserve_names(len(cards))
	state = initial_state()
	parents, children = [], []
	for name, (person, header, rows) in zip(names, cards, strict=True):
		values = {
			"name": name,
			"creation": now,
			"modified": now,
			"modified_by": user,
			"owner": user,
			"docstatus": 0,
			"idx": 0,
			"sales_person": person,
			"template": spec.name,
			"company": company,
			"status": STATUS_DRAFT,
			"workflow_state": state,
			"unique_key": unique_key(person, spec.name, company, period.start),
			**header,
		}
		parents.append(tuple(values.get(column) for column in PARENT_COLUMNS))
		children += child_rows(name, rows, now, user)
	insert_rows(f"tab{SCORECARD}", list(PARENT_COLUMNS), parents, ROWS_PER_INSERT)
	insert_rows(f"tab{SCORECARD_KPI}", list(ROW_COLUMNS), children, ROWS_PER_INSERT)
	return names


def update_scorecards(cards: list, now, user) -> list[str]:
	"""Recomputed scorecards: their rows replaced (the manager's ratings kept), their fields set with one CASE
	update per chunk."""
	if not cards:
		return []
	names = [card.name for card, _header, _rows in cards]
	row = DocType(SCORECARD_KPI)
	for chunk in chunks(names, CHUNK):
		frappe.qb.from_(row).delete().where((row.parenttype == SCORECARD) & row.parent.isin(chunk)).run()
	children = [r for card, _header, rows in cards for r in child_rows(card.name, rows, now, user)]
	insert_rows(f"tab{SCORECARD_KPI}", list(ROW_COLUMNS), children, ROWS_PER_INSERT)
	columns = [*COMPUTED_FIELDS, "computed_on", "modified", "modified_by"]
	for chunk in chunks(cards, CHUNK):
		sets, params = [], []
		for column in columns:
			sets.append(f"`{column}` = CASE `name` " + " ".join(["WHEN %s THEN %s"] * len(chunk)) + " END")
			for card, header, _rows in chunk:
				value = {"modified": now, "modified_by": user}.get(column, header.get(column))
				params += [card.name, value]
		params += [card.name for card, _header, _rows in chunk]
		frappe.db.sql(
			f"UPDATE `tab{SCORECARD}` SET {', '.join(sets)} WHERE `name` IN ({', '.join(['%s'] * len(chunk))})",
			params,
		)
	return names


def _progress(publish: bool):
	"""A progress bar for the user who started the job, in their language (see services.tiers)."""
	if publish:
		frappe.local.lang = get_user_lang()
	title = _("Generating Scorecards")

	def report(percent: int, description: str):
		if publish:
			frappe.publish_progress(percent, title=title, description=description)

	return report


def job_id(template: str, company: str, period_start) -> str:
	return f"{JOB_PREFIX}:{template}:{company}:{getdate(period_start)}"


def run_generation(template: str, company: str, day=None) -> dict:
	"""The background job: generate, then tell the user who started it what was made."""
	summary = generate(template, company, day, publish_progress=True)
	frappe.db.commit()  # nosemgrep: the summary below announces committed scorecards
	frappe.publish_realtime(
		"msgprint",
		{"message": summary_message(summary), "title": _("Scorecards {0}").format(summary["period"])},
		user=frappe.session.user,
	)
	return summary


def summary_message(summary: dict) -> str:
	lines = [
		_("{0} made, {1} updated, {2} skipped").format(
			summary["made"], summary["updated"], summary["skipped"]
		)
	]
	lines += [f"{row['sales_person']}: {row['reason']}" for row in summary["skipped_reasons"]]
	return "<br>".join(frappe.utils.escape_html(line) for line in lines)
