"""Who may take which step of a scorecard's review (`rules.scoring.step_problem` decides; this reads the user's
place and roles), who generates scorecards, and which scorecards wait for the user (the number card)."""

import frappe
from frappe.query_builder import DocType

from sales_dept.rules.scoring import (
	DRAFT as STATUS_DRAFT,
)
from sales_dept.rules.scoring import (
	LEADERSHIP_APPROVAL,
	MANAGER_REVIEW,
	SELF_REVIEW,
	Reviewer,
	step_problem,
)
from sales_dept.services.org import oversight_of, sales_person_of
from sales_dept.services.scorecard_templates import SCORECARD
from sales_dept.services.settings import get_settings, is_administrator
from sales_dept.services.visit_access import reachable_sales_persons


def reviewer_for(sales_person: str, user: str | None = None) -> Reviewer:
	user = user or frappe.session.user
	settings = get_settings()
	roles = set(frappe.get_roles(user))
	admin = is_administrator(user)
	leadership = admin or settings.leadership_role in roles
	manager = leadership or settings.sales_manager_role in roles
	return Reviewer(
		own=sales_person_of(user) == sales_person,
		oversees=manager or oversight_of(user).covers(sales_person),
		manager=manager,
		leadership=leadership,
	)


def may_generate(user: str | None = None) -> bool:
	"""The sales manager role, leadership and administrators generate scorecards for everyone."""
	reviewer = reviewer_for("", user)
	return reviewer.manager


OPEN_STATUSES = (STATUS_DRAFT, SELF_REVIEW, MANAGER_REVIEW, LEADERSHIP_APPROVAL)
NEXT_STATUS = {
	STATUS_DRAFT: SELF_REVIEW,
	SELF_REVIEW: MANAGER_REVIEW,
	MANAGER_REVIEW: LEADERSHIP_APPROVAL,
	LEADERSHIP_APPROVAL: "Approved",
}


def waiting_for(user: str | None = None, company: str | None = None) -> list[str]:
	"""Scorecards in `user`'s reach whose next step is theirs to take (one query)."""
	user = user or frappe.session.user
	reach = reachable_sales_persons(user)
	card = DocType(SCORECARD)
	query = (
		frappe.qb.from_(card)
		.select(card.name, card.sales_person, card.status)
		.where((card.docstatus == 0) & card.status.isin(OPEN_STATUSES))
	)
	if reach is not None:
		if not reach:
			return []
		query = query.where(card.sales_person.isin(sorted(reach)))
	if company:
		query = query.where(card.company == company)
	reviewers: dict[str, Reviewer] = {}
	waiting = []
	for name, person, status in query.run():
		if person not in reviewers:
			reviewers[person] = reviewer_for(person, user)
		if not step_problem(status, NEXT_STATUS[status], reviewers[person], comment="-"):
			waiting.append(name)
	return waiting
