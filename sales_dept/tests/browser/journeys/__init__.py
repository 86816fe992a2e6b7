"""The department's journeys through the desk, in the order `scripts/browser-check` walks them (the
manager's after the others: the reports then show what they did; the robots' last: the group robot it sets up
hears nothing the others do)."""

from sales_dept.tests.browser.journeys import bid, manager, quotation, robots, salesperson, team_leader

JOURNEYS = (
	salesperson.JOURNEY,
	team_leader.JOURNEY,
	bid.JOURNEY,
	quotation.JOURNEY,
	manager.JOURNEY,
	robots.JOURNEY,
)
