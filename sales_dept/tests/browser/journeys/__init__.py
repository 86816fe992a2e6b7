"""The department's journeys through the desk, in the order `scripts/browser-check` walks them."""

from sales_dept.tests.browser.journeys import manager, salesperson

JOURNEYS = (salesperson.JOURNEY, manager.JOURNEY)
