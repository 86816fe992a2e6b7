"""Tier 1: every string the app marks for translation has a Chinese entry in locale/zh.po.

Extraction follows what `bench generate-pot-file` picks up: `_("…")` in Python, `__("…")` in
JavaScript, and the labels, descriptions and select options of our DocType, Workspace and Report JSON.
"""

import ast
import json
import re
import unittest
from pathlib import Path

APP = Path(__file__).resolve().parents[1]
ZH_PO = APP / "locale" / "zh.po"
JS_CALL = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""")
JINJA_CALL = re.compile(r"""(?<![\w.])_\(\s*(["'])((?:\\.|(?!\1).)*)\1""")


def python_messages(path: Path) -> set[str]:
	found = set()
	for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
		if (
			isinstance(node, ast.Call)
			and isinstance(node.func, ast.Name)
			and node.func.id == "_"
			and node.args
			and isinstance(node.args[0], ast.Constant)
			and isinstance(node.args[0].value, str)
		):
			found.add(node.args[0].value)
	return found


def js_messages(path: Path) -> set[str]:
	return {match.group(2) for match in JS_CALL.finditer(path.read_text(encoding="utf-8"))}


def jinja_messages(path: Path) -> set[str]:
	"""Strings a Jinja template (a print format) marks with _("...")."""
	return {match.group(2) for match in JINJA_CALL.finditer(path.read_text(encoding="utf-8"))}


def json_messages(path: Path) -> set[str]:
	data = json.loads(path.read_text(encoding="utf-8"))
	found = set()
	if data.get("doctype") == "DocType":
		found.add(data["name"])
		for field in data.get("fields", []):
			found.update(filter(None, (field.get("label"), field.get("description"))))
			if field.get("fieldtype") == "Select" and field.get("options"):
				found.update(option for option in field["options"].split("\n") if option)
	elif data.get("doctype") == "Workspace":
		found.update(filter(None, (data.get("name"), data.get("title"))))
		for row in data.get("links", []) + data.get("shortcuts", []):
			found.add(row["label"])
	elif data.get("doctype") == "Workspace Sidebar":
		found.update(item["label"] for item in data["items"])
	elif data.get("doctype") == "Desktop Icon":
		found.add(data["label"])
	elif data.get("doctype") == "Number Card":
		found.add(data["label"])
	elif data.get("doctype") == "Report":
		found.add(data["name"])
	return found


def marked_messages() -> set[str]:
	found = set()
	for path in APP.rglob("*"):
		if "node_modules" in path.parts or "tests" in path.relative_to(APP).parts[:1]:
			continue
		if path.suffix == ".py":
			found |= python_messages(path)
		elif path.suffix == ".js":
			found |= js_messages(path)
		elif path.suffix == ".html":
			found |= jinja_messages(path)
		elif path.suffix == ".json" and path.parent.parent.name in {
			"doctype",
			"workspace",
			"report",
			"number_card",
		}:
			found |= json_messages(path)
		elif path.suffix == ".json" and path.parent.name in {"workspace_sidebar", "desktop_icon"}:
			found |= json_messages(path)  # Frappe 16's, at app level
	return found


def _po_string(text: str) -> str:
	return ast.literal_eval(text)


def po_entries(path: Path) -> dict[str, str]:
	"""msgid -> msgstr of a .po file (multi-line strings joined, comments ignored)."""
	entries, key, parts, current = {}, None, {"msgid": [], "msgstr": []}, None
	for line in path.read_text(encoding="utf-8").splitlines() + [""]:
		line = line.strip()
		if line.startswith("msgid "):
			if key is not None:
				entries[key] = "".join(parts["msgstr"])
			parts = {"msgid": [_po_string(line[6:])], "msgstr": []}
			current, key = "msgid", None
		elif line.startswith("msgstr "):
			parts["msgstr"].append(_po_string(line[7:]))
			current, key = "msgstr", "".join(parts["msgid"])
		elif line.startswith('"') and current:
			parts[current].append(_po_string(line))
			if current == "msgid":
				key = None
	if key is not None:
		entries[key] = "".join(parts["msgstr"])
	entries.pop("", None)
	return entries


class TestChineseTranslations(unittest.TestCase):
	def test_extraction_finds_strings_from_each_source(self):
		messages = marked_messages()
		self.assertIn("Sales Dept Settings", messages)  # DocType name
		self.assertIn("Enforce Price Policy", messages)  # DocType field label
		self.assertIn("Saturday", messages)  # Select option
		self.assertIn("Sales Department", messages)  # Workspace
		self.assertIn("Home", messages)  # Frappe 16's workspace sidebar
		self.assertIn("Invalid Team Leader", messages)  # Python _()
		self.assertIn("Team Leader", messages)  # custom-field label marked with the no-op _()

	def test_every_marked_string_has_a_chinese_translation(self):
		translations = po_entries(ZH_PO)
		missing = sorted(m for m in marked_messages() if not translations.get(m))
		self.assertEqual(missing, [], "add these to sales_dept/locale/zh.po")

	def test_placeholders_survive_translation(self):
		for msgid, msgstr in po_entries(ZH_PO).items():
			self.assertEqual(
				sorted(re.findall(r"\{\d*\}", msgid)), sorted(re.findall(r"\{\d*\}", msgstr)), msgid
			)

	def test_workspace_is_called_xiaoshoubu(self):
		self.assertEqual(po_entries(ZH_PO)["Sales Department"], "销售部")
