"""The department's journeys through the desk, in the order `scripts/browser-check` walks them (the
manager's last: the reports then show what the others did)."""

from sales_dept.tests.browser.journeys import bid, manager, quotation, salesperson, team_leader

JOURNEYS = (salesperson.JOURNEY, team_leader.JOURNEY, bid.JOURNEY, quotation.JOURNEY, manager.JOURNEY)
