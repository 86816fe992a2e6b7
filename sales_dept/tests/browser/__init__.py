"""Browser checks: headless Chromium logs in as a salesperson and their team leader (language 中文) and
clicks through the desk. `scripts/browser-check` runs them; `fixtures.make` (on the bench) makes the
records they need, `run` (in a virtualenv with selenium, no frappe) drives the browser."""
