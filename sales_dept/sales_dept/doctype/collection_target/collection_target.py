# Copyright (c) 2026, sales_dept developers
# For license information, please see license.txt

"""A salesperson's collection target (回款目标) for a fiscal year: the amount of payments they are to collect on
the invoices credited to them, spread over the year's months by a Monthly Distribution (evenly without one), as
the rulebook plans collection per year and quarter (全年回款 … 万元, 其中第一季度完成 …). Scorecards score
回款完成率 (collection completion) against the part of it falling in their period (`rules.scoring.period_target`).

Why a table of ours on the Sales Person (custom field `sd_collection_targets`, below ERPNext's Sales Person
Targets): ERPNext sets sales targets there — Target Detail rows of a fiscal year, an amount and a Monthly
Distribution — and has no collection target. Keeping the collection targets beside the sales targets, in the same
shape, lets a manager set both in one form with the tools they already know (a distribution of the quarters'
shares serves both), and they are edited by whoever may edit the Sales Person (ERPNext's Sales Master Manager),
as the sales targets are (rulebook R1). ERPNext's Target Detail is not reused: its rows would count as sales
targets in ERPNext's own target reports. Rows of one fiscal year add up."""

from frappe.model.document import Document


class CollectionTarget(Document):
	pass
