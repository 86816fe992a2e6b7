"""Tier 1 collects only frappe-free test modules; the rest run on a bench (`bench run-tests`)."""

import re
from pathlib import Path

_NEEDS_FRAPPE = re.compile(r"^\s*(import frappe|from frappe|import erpnext|from erpnext)\b", re.M)


def pytest_ignore_collect(collection_path: Path, config):
	if collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
		return bool(_NEEDS_FRAPPE.search(collection_path.read_text(encoding="utf-8")))
	return None
