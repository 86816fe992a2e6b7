"""Customer: who may set a customer's tier or keep it (rulebook R36). Only the sales manager role and
those above it, and the administrators, set a tier by hand or keep one (with a reason); the daily
classification writes tiers in bulk without saving customers, so it does not pass through here. The
check runs on every save, so the desk, REST, Data Import and frappe.client.set_value are alike."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from sales_dept.rules.tiers import KEEP_REASON_MISSING, TIER_NOT_YOURS, TierSetting, tier_edit_problem
from sales_dept.services.tiers import can_reclassify


def _tier_setting(doc) -> TierSetting:
	return TierSetting(
		tier=doc.get("sd_customer_tier") or None,
		kept=bool(doc.get("sd_tier_locked")),
		reason=doc.get("sd_tier_keep_reason"),
	)


def check_tier_edit(doc, method=None):
	"""validate: refuse a tier set or kept by someone who may not; record who kept a tier, and when."""
	before = doc.get_doc_before_save()
	old, new = (_tier_setting(before) if before else TierSetting()), _tier_setting(doc)
	problem = tier_edit_problem(old, new, may_set_tiers=can_reclassify())
	if problem == TIER_NOT_YOURS:
		frappe.throw(
			_(
				"Only the sales manager can set or keep a customer's tier; it is set every day from the last twelve months of sales."
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if problem == KEEP_REASON_MISSING:
		frappe.throw(_("Say why this tier is kept."), title=_("Reason Missing"))
	if new.kept and (not old.kept or old.tier != new.tier or old.reason != new.reason):
		doc.sd_tier_kept_by, doc.sd_tier_kept_on = frappe.session.user, now_datetime()
	elif not new.kept:
		doc.sd_tier_keep_reason = doc.sd_tier_kept_by = doc.sd_tier_kept_on = None
