"""The load test (scripts/load-test): a whole department using the site at once, served as in production.

- department.py (on the site): the department the simulated users log in as, made once and topped up;
- locustfile.py (in the load test's own virtualenv, no frappe): each role's mix of desk requests;
- run.py (same virtualenv): the phases (rules on, rules off), the figures and the loss checks' verdict;
- stats.py (no frappe, tier-1 tests): percentiles, ratios, refusals told apart from errors, losses;
- verify.py (on the site): what the acknowledged writes left in the database, queues and logs.
"""
