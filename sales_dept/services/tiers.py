"""Customer tiers (rulebook R36): the daily classification of every customer by its trailing twelve months
of net sales, and the desk's "reclassify now".

Net sales of a customer = the sum of `base_net_total` of its submitted Sales Invoices posted in
(today - 365 days, today], returns included (their totals are negative, so they subtract). Amounts are in
each invoice's company currency; with several companies they are summed over all of them unless one
`company` is given, so the tier thresholds are meant for one currency. Every customer is classified
(disabled ones too); a customer below every threshold (e.g. only returns in the window) gets no tier.

The classification is set-based, whatever the number of customers: one aggregate query for the sales,
one query for the customers' current values, then bulk writes: an UPDATE ... WHERE name IN (...) per new
tier and chunk of CHUNK names (bumping `modified`, so a form opened before cannot save the old tier back),
a CASE update per chunk for the figures that changed (those only: the figure written is the one the tier
was decided on, and the sales are added up once), one UPDATE for the date, and multi-row INSERTs of Version
rows so each changed customer's timeline shows its new tier. Nothing is done per customer.

A kept tier (`sd_tier_locked`) is never changed. Its net sales figure is still refreshed (a manager sees
whether the kept tier still matches), but not its "Tier Classified On" date, which says when the
classification last set or confirmed the tier. While no Customer Tier is defined, no tier is changed.
"""

import json
from collections import Counter, defaultdict
from time import perf_counter

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Sum
from frappe.translate import get_user_lang
from frappe.utils import add_days, cint, flt, getdate, now_datetime
from frappe.utils.background_jobs import is_job_enqueued

from sales_dept.compat import in_test
from sales_dept.rules.tiers import Tier, classify
from sales_dept.services.settings import get_settings, is_administrator, is_enabled

WINDOW_DAYS = 365
CHUNK = 1000
VERSION_CHUNK = 5000
JOB_ID = "sales_dept:reclassify_customers"
TIER_FIELD = "sd_customer_tier"


def load_tiers() -> list[Tier]:
	"""The Customer Tier records as rules tiers (an interval of 0 means as arranged)."""
	rows = frappe.get_all("Customer Tier", fields=["name", "min_net_sales", "visit_interval_days"])
	return [Tier(row.name, flt(row.min_net_sales), cint(row.visit_interval_days) or None) for row in rows]


def net_sales_query(today, company: str | None = None):
	"""customer, total: net sales of each customer with invoices in the window ending `today`."""
	invoice = DocType("Sales Invoice")
	query = (
		frappe.qb.from_(invoice)
		.select(invoice.customer, Sum(invoice.base_net_total).as_("total"))
		.where(
			(invoice.docstatus == 1)
			& (invoice.posting_date > add_days(today, -WINDOW_DAYS))
			& (invoice.posting_date <= today)
		)
		.groupby(invoice.customer)
	)
	return query.where(invoice.company == company) if company else query


def reclassify_customers(company: str | None = None, today=None, publish_progress: bool = False) -> dict:
	"""Classify every customer by its net sales of the twelve months ending `today` (default: today) and
	write tier, figure and date. Returns counts: customers, changed (tiers), figures (net sales figures
	that changed), locked_skipped, seconds (and stage_seconds: sales, customers, classify, tiers, figures, versions),
	and by_tier (customers per tier after the run, "" for none)."""
	started = perf_counter()
	stages: dict[str, float] = {}
	lap = _stopwatch(stages, started)
	today = getdate(today)
	progress = _progress(publish_progress)
	tiers = load_tiers()

	progress(5, _("Adding up the sales of the last twelve months"))
	sales = {name: flt(total) for name, total in net_sales_query(today, company).run()}
	lap("sales")
	customer = DocType("Customer")
	current = (
		frappe.qb.from_(customer)
		.select(customer.name, customer.sd_customer_tier, customer.sd_tier_locked, customer.sd_net_sales_12m)
		.run()
	)

	lap("customers")
	progress(20, _("Classifying {0} customers").format(len(current)))
	moves: dict[str | None, list[str]] = defaultdict(list)
	changes: list[tuple[str, str | None, str | None]] = []
	figures: list[tuple[str, float]] = []
	by_tier: Counter = Counter()
	locked = 0
	for name, old_tier, is_locked, old_total in current:
		total = sales.get(name, 0.0)
		if flt(total, 6) != flt(old_total, 6):
			figures.append((name, total))
		old_tier = old_tier or None
		if is_locked:
			locked += 1
			by_tier[old_tier] += 1
			continue
		new_tier = classify(total, tiers) if tiers else old_tier  # no tiers defined: keep them all
		by_tier[new_tier] += 1
		if new_tier != old_tier:
			moves[new_tier].append(name)
			changes.append((name, old_tier, new_tier))

	lap("classify")
	now, user = now_datetime(), frappe.session.user
	done, todo = 0, max(len(changes), 1)
	for new_tier, names in moves.items():
		for chunk in chunks(names, CHUNK):
			(
				frappe.qb.update(customer)
				.set(customer.sd_customer_tier, new_tier)
				.set(customer.modified, now)
				.set(customer.modified_by, user)
				.where(customer.name.isin(chunk))
				.run()
			)
			done += len(chunk)
			progress(20 + 50 * done // todo, _("Updated the tier of {0} customers").format(done))

	lap("tiers")
	progress(75, _("Writing the net sales figures"))
	write_figures(figures, today)
	lap("figures")
	progress(90, _("Recording the changes on the customers' timelines"))
	record_versions(changes, now, user)
	frappe.clear_document_cache("Customer")  # cached Customer documents hold the old values
	lap("versions")

	progress(100, _("{0} customers classified, {1} changed tier").format(len(current), len(changes)))
	return {
		"customers": len(current),
		"changed": len(changes),
		"figures": len(figures),
		"locked_skipped": locked,
		"seconds": round(perf_counter() - started, 2),
		"stage_seconds": stages,
		"by_tier": {tier or "": count for tier, count in sorted(by_tier.items(), key=lambda i: i[0] or "")},
	}


def chunks(items: list, size: int):
	for start in range(0, len(items), size):
		yield items[start : start + size]


def write_figures(figures: list[tuple[str, float]], today):
	"""The net sales figures that changed (a CASE update per chunk), and today's date on every customer
	whose tier is not kept (one UPDATE, skipping those already stamped today)."""
	for chunk in chunks(figures, CHUNK):
		frappe.db.sql(
			"UPDATE `tabCustomer` SET sd_net_sales_12m = CASE name {cases} END WHERE name IN ({names})".format(
				cases=" ".join(["WHEN %s THEN %s"] * len(chunk)), names=", ".join(["%s"] * len(chunk))
			),
			[value for pair in chunk for value in pair] + [name for name, _total in chunk],
		)
	customer = DocType("Customer")
	(
		frappe.qb.update(customer)
		.set(customer.sd_tier_classified_on, today)
		.where(
			(customer.sd_tier_locked == 0)
			& (customer.sd_tier_classified_on.isnull() | (customer.sd_tier_classified_on != today))
		)
		.run()
	)


def record_versions(changes: list[tuple[str, str | None, str | None]], now, user: str):
	"""One Version per changed customer, shaped like Frappe's own, in multi-row INSERTs. The names share
	a random prefix and then count up, so the rows are appended to the table's primary key in order
	(random names made this the slowest step of a first classification)."""
	prefix = frappe.generate_hash(length=8)
	fields = ["name", "creation", "modified", "modified_by", "owner", "docstatus", "idx"]
	fields += ["ref_doctype", "docname", "data"]
	rows = [
		(f"{prefix}{number:07d}", now, now, user, user, 0, 0, "Customer", name, version_data(old, new))
		for number, (name, old, new) in enumerate(changes)
	]
	insert_rows("tabVersion", fields, rows, VERSION_CHUNK)


def insert_rows(table: str, columns: list[str], rows, size: int, ignore: bool = False):
	"""Multi-row INSERTs (INSERT IGNORE with `ignore`) of `size` rows each, with plain parameters: Frappe's
	bulk_insert builds the statement with the query builder, which took most of the time for 100,000 rows."""
	column_sql = ", ".join(f"`{column}`" for column in columns)
	row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
	batch: list = []
	for row in rows:
		batch.append(row)
		if len(batch) == size:
			_insert(table, column_sql, row_sql, batch, ignore)
			batch = []
	if batch:
		_insert(table, column_sql, row_sql, batch, ignore)


def _insert(table: str, column_sql: str, row_sql: str, batch: list, ignore: bool):
	frappe.db.sql(
		f"INSERT {'IGNORE ' if ignore else ''}INTO `{table}` ({column_sql}) "
		f"VALUES {', '.join([row_sql] * len(batch))}",
		[value for row in batch for value in row],
	)


def version_data(old_tier: str | None, new_tier: str | None) -> str:
	diff = {
		"changed": [[TIER_FIELD, old_tier or "", new_tier or ""]],
		"added": [],
		"removed": [],
		"row_changed": [],
		"data_import": None,
		"updater_reference": None,
	}
	return json.dumps(diff, separators=(",", ":"))


def _stopwatch(stages: dict[str, float], started: float):
	"""lap(stage) records the seconds since the previous lap under `stage`."""
	last = [started]

	def lap(stage: str):
		now = perf_counter()
		stages[stage] = round(now - last[0], 2)
		last[0] = now

	return lap


def _progress(publish: bool):
	"""A progress bar for the user who started the job (nothing for the scheduler), at most every 5 %, in
	that user's language (a worker starts in the site's default language)."""
	if publish:
		frappe.local.lang = get_user_lang()
	title = _("Reclassifying Customers")
	shown = {"percent": -5}

	def report(percent: int, description: str):
		if publish and (percent >= shown["percent"] + 5 or percent == 100):
			shown["percent"] = percent
			frappe.publish_progress(percent, title=title, description=description)

	return report


# Scheduler and desk
# ------------------


def reclassify_customers_daily():
	"""Scheduler (daily): reclassify every customer, unless visit plans are switched off."""
	if not is_enabled("visit_plans"):
		return None
	result = reclassify_customers()
	frappe.db.commit()  # nosemgrep: a scheduled job's work stands on its own
	return result


def can_reclassify(user: str | None = None) -> bool:
	"""The sales manager role and those above it, and the administrators, may reclassify or set tiers."""
	settings = get_settings()
	roles = set(frappe.get_roles(user))
	return is_administrator(user) or bool({settings.sales_manager_role, settings.leadership_role} & roles)


@frappe.whitelist()
def reclassify_now() -> str:
	"""The Customer form's button: reclassify every customer in a background job, with a progress bar."""
	if not can_reclassify():
		frappe.throw(
			_("Only a holder of the {0} role may reclassify all customers.").format(
				_(get_settings().sales_manager_role)
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not is_enabled("visit_plans"):
		frappe.throw(
			_("Customer tiers belong to visit plans, which are switched off in Sales Dept Settings."),
			title=_("Visit Plans Are Off"),
		)
	if is_job_enqueued(JOB_ID):
		return _("A reclassification is already running; the tiers are updated when it ends.")
	frappe.enqueue(
		"sales_dept.services.tiers.reclassify_customers",
		queue="long",
		timeout=1800,
		job_id=JOB_ID,
		deduplicate=True,
		now=in_test(),
		publish_progress=True,
	)
	return _("Reclassifying all customers in the background; reload a customer in a minute to see its tier.")


@frappe.whitelist()
def customer_tier_info(customer: str) -> dict:
	"""What the Customer form shows: its tier's visit interval and whether the user may reclassify."""
	frappe.has_permission("Customer", "read", customer, throw=True)
	tier = frappe.db.get_value("Customer", customer, TIER_FIELD)
	return {
		"enabled": is_enabled("visit_plans"),
		"tier": tier,
		"visit_interval_days": cint(frappe.db.get_value("Customer Tier", tier, "visit_interval_days"))
		if tier
		else 0,
		"can_reclassify": can_reclassify(),
	}
