"""The desk's scorecard endpoints (whitelisted): "Generate Scorecards" (queues the batch of
`services.scorecard_batch`) and the number card "Scorecards Waiting for Me" (`services.scorecard_review`).

Scorecards by concern: templates (`scorecard_templates`), periods (`scorecard_periods`), the figures behind
the KPIs (`scorecard_figures`), a scorecard's scored content (`scorecard_content`), the batch
(`scorecard_batch`), the drill-down (`scorecard_drilldown`), the review's people (`scorecard_review`)."""

import frappe
from frappe import _
from frappe.utils import nowdate
from frappe.utils.background_jobs import is_job_enqueued

from sales_dept.compat import in_test
from sales_dept.services.scorecard_batch import job_id
from sales_dept.services.scorecard_periods import period_for
from sales_dept.services.scorecard_review import may_generate, waiting_for
from sales_dept.services.scorecard_templates import SCORECARD, check_template, load_template
from sales_dept.services.settings import is_enabled


@frappe.whitelist()
def generate_scorecards(template: str, company: str, day: str | None = None) -> dict:
	"""The desk's "Generate Scorecards": every salesperson's scorecard for the template and the period
	containing `day`, in a background job with a progress bar (the same job twice is not queued twice)."""
	if not may_generate():
		frappe.throw(
			_("Only the sales manager or leadership generate scorecards."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not is_enabled("scorecards"):
		frappe.throw(_("Scorecards are switched off in Sales Dept Settings."), title=_("Scorecards Are Off"))
	frappe.has_permission(SCORECARD, "create", throw=True)
	spec = load_template(template)
	check_template(spec)
	period = period_for(company, spec.period_type, day or nowdate())
	job = job_id(template, company, period.start)
	if is_job_enqueued(job):
		return {"queued": False, "message": _("These scorecards are being generated already.")}
	frappe.enqueue(
		"sales_dept.services.scorecard_batch.run_generation",
		queue="long",
		timeout=1800,
		job_id=job,
		deduplicate=True,
		now=in_test(),
		template=template,
		company=company,
		day=str(period.start),
	)
	return {
		"queued": True,
		"message": _("Generating the scorecards of {0} for {1} in the background.").format(
			_(template), period.label
		),
	}


@frappe.whitelist()
@frappe.read_only()  # a number card: on a site with a read replica, read there
def scorecards_waiting_for_me(filters=None) -> dict:
	"""Number card "Scorecards Waiting for Me": the scorecards whose next step is the user's (release, self
	review, manager's review, leadership approval); a click lists them."""
	frappe.has_permission(SCORECARD, "read", throw=True)
	filters = frappe.parse_json(filters) or {}
	company = filters.get("company") if isinstance(filters, dict) else None
	names = waiting_for(company=company)
	return {
		"value": len(names),
		"fieldtype": "Int",
		"route": ["List", SCORECARD],
		"route_options": {"name": ["in", names or [""]]},
	}
