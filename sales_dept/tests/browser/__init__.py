"""Browser journeys: headless Chromium walks the department's journeys through the desk, each step as the
person who takes it, in Chinese (`journeys/`). `scripts/browser-check` runs them; `fixtures.make` (on the
bench) makes the records they need; `run` drives the browser through `harness` (selenium, no frappe) and
reads what the page shows with `visible_text` and what the bell holds with `bell` and `site_api`."""
