# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""Bids decided in a period (rulebook R27-R30, R5): won, lost and withdrawn, the win rate and the amounts won
and lost, and how far above the winning price the lost bids were where it is known, by salesperson, team,
customer tier, item group, competitor or month. Scoped as the Bid Review list is (see
`sales_dept.services.bid_reports`)."""

import frappe
from frappe import _
from frappe.utils import add_months, getdate

from sales_dept.services.bid_reports import (
	BY_COMPETITOR,
	BY_CUSTOMER_TIER,
	BY_ITEM_GROUP,
	BY_MONTH,
	BY_SALES_PERSON,
	BY_TEAM,
	GROUPINGS,
	BidFilters,
	decided_figures,
	link_column,
	overall_figures,
	reach_of,
)
from sales_dept.services.visit_reports import validate_common_filters

# What the group column links to, per grouping (a month is text).
GROUP_LINKS = {
	BY_SALES_PERSON: "Sales Person",
	BY_TEAM: "Sales Person",
	BY_CUSTOMER_TIER: "Customer Tier",
	BY_ITEM_GROUP: "Item Group",
	BY_COMPETITOR: "Competitor",
}


@frappe.read_only()
def execute(filters=None):
	filters = frappe._dict(filters or {})
	validate_filters(filters)
	reach, narrowing = reach_of(), BidFilters.of(filters)
	groups = decided_figures(reach, narrowing, filters.from_date, filters.to_date, filters.group_by)
	total = overall_figures(reach, narrowing, filters.from_date, filters.to_date, filters.group_by, groups)
	currency = frappe.get_cached_value("Company", filters.company, "default_currency")
	ordered = sorted_groups(groups, filters.group_by)
	return (
		get_columns(filters.group_by),
		get_rows(ordered, total, currency),
		message(filters.group_by),
		get_chart(ordered, filters.group_by),
		get_summary(total, currency),
	)


def validate_filters(filters):
	today = getdate()
	filters.from_date = getdate(filters.from_date or add_months(today, -12))
	filters.to_date = getdate(filters.to_date or today)
	filters.group_by = filters.group_by or BY_SALES_PERSON
	validate_common_filters(filters)
	if filters.group_by not in GROUPINGS:
		frappe.throw(
			_("Group by one of: {0}.").format(", ".join(_(grouping) for grouping in GROUPINGS)),
			title=_("Invalid Filter"),
		)


def message(group_by: str) -> str:
	text = _(
		"Bids whose outcome was recorded in the period. Win rate: won of won and lost (withdrawn bids are "
		"left out). Price gap: how far above the winning price a lost bid was, in percent of the winning "
		"price, over the lost bids whose winning price is known."
	)
	if group_by == BY_ITEM_GROUP:
		text += " " + _(
			"By item group, a bid counts in each item group of its lines and its amount is shared out by the "
			"lines' amounts; the total counts each bid once."
		)
	if group_by == BY_COMPETITOR:
		text += " " + _("The winning competitor is recorded on lost bids only.")
	return text


def get_columns(group_by: str) -> list[dict]:
	link = GROUP_LINKS.get(group_by)
	group = {"label": _(group_by), "fieldname": "group", "fieldtype": "Data", "width": 180}
	return [
		link_column(_(group_by), "group", link, 180) if link else group,
		{"label": _("Bids"), "fieldname": "bids", "fieldtype": "Int", "width": 70},
		{"label": _("Won"), "fieldname": "won", "fieldtype": "Int", "width": 70},
		{"label": _("Lost"), "fieldname": "lost", "fieldtype": "Int", "width": 70},
		{"label": _("Withdrawn"), "fieldname": "withdrawn", "fieldtype": "Int", "width": 80},
		{"label": _("Win Rate (%)"), "fieldname": "win_rate", "fieldtype": "Percent", "width": 90},
		{"label": _("Currency"), "fieldname": "currency", "fieldtype": "Data", "hidden": 1},
		{
			"label": _("Won Amount"),
			"fieldname": "won_amount",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 130,
		},
		{
			"label": _("Lost Amount"),
			"fieldname": "lost_amount",
			"fieldtype": "Currency",
			"options": "currency",
			"width": 130,
		},
		{
			"label": _("Lost with Winning Price"),
			"fieldname": "lost_with_price",
			"fieldtype": "Int",
			"width": 110,
		},
		{
			"label": _("Average Price Gap (%)"),
			"fieldname": "average_price_gap",
			"fieldtype": "Percent",
			"width": 120,
		},
	]


def sorted_groups(groups: dict, group_by: str) -> list[tuple]:
	"""Months in order; other groups by the number of bids decided, the most first (not set last)."""
	if group_by == BY_MONTH:
		return sorted(groups.items(), key=lambda item: item[0] or "")
	return sorted(
		groups.items(),
		key=lambda item: (item[0] is None, -(item[1].decided + item[1].withdrawn), item[0] or ""),
	)


def figure_cells(figures, currency: str) -> dict:
	return {
		"bids": figures.decided + figures.withdrawn,
		"won": figures.won,
		"lost": figures.lost,
		"withdrawn": figures.withdrawn,
		"win_rate": figures.win_rate,
		"currency": currency,
		"won_amount": figures.won_amount,
		"lost_amount": figures.lost_amount,
		"lost_with_price": figures.gaps,
		"average_price_gap": figures.average_gap,
	}


def get_rows(ordered: list[tuple], total, currency: str) -> list[dict]:
	rows = [
		{"group": group, "not_set": int(group is None), **figure_cells(f, currency)} for group, f in ordered
	]
	if rows:
		rows.append({"group": _("Total"), "is_total": 1, "bold": 1, **figure_cells(total, currency)})
	return rows


def group_label(group, group_by: str) -> str:
	if group is None:
		return _("Not Set")
	return _(group) if group_by == BY_CUSTOMER_TIER else group


def get_chart(ordered: list[tuple], group_by: str) -> dict | None:
	"""Won, lost and withdrawn bids per group, stacked."""
	if not ordered:
		return None
	parts = ((_("Won"), "won"), (_("Lost"), "lost"), (_("Withdrawn"), "withdrawn"))
	return {
		"title": _("Decided Bids by {0}").format(_(group_by)),
		"data": {
			"labels": [group_label(group, group_by) for group, _figures in ordered],
			"datasets": [
				{"name": label, "values": [getattr(figures, field) for _group, figures in ordered]}
				for label, field in parts
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"fieldtype": "Int",
		"colors": ["#28a745", "#ff5858", "#b8c2cc"],
	}


def get_summary(total, currency: str) -> list[dict]:
	return [
		{"label": _("Decided Bids"), "value": total.decided + total.withdrawn, "datatype": "Int"},
		{"label": _("Won"), "value": total.won, "datatype": "Int", "indicator": "Green"},
		{"label": _("Lost"), "value": total.lost, "datatype": "Int", "indicator": "Red"},
		{
			"label": _("Win Rate (%)"),
			"value": "–" if total.win_rate is None else total.win_rate,
			"datatype": "Data" if total.win_rate is None else "Percent",
		},
		{"label": _("Won Amount"), "value": total.won_amount, "datatype": "Currency", "currency": currency},
		{
			"label": _("Average Price Gap (%)"),
			"value": "–" if total.average_gap is None else total.average_gap,
			"datatype": "Data" if total.average_gap is None else "Percent",
		},
	]
