"""Call a function on a site and print its result as JSON, whether or not its app is installed there.

`bench execute` refuses functions of apps the site does not have, which is exactly the case after
`uninstall-app` and on the ERPNext-only baseline site. Run it with the bench's Python from its sites folder:

    cd "$BENCH/sites" && ../env/bin/python site_call.py SITE package.module.function
"""

import importlib
import json
import sys

import frappe


def main(site: str, target: str) -> int:
	module_name, _, function_name = target.rpartition(".")
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		result = getattr(importlib.import_module(module_name), function_name)()
		frappe.db.commit()
	finally:
		frappe.destroy()
	print(json.dumps(result, default=str, sort_keys=True))
	return 0


if __name__ == "__main__":
	sys.exit(main(*sys.argv[1:3]))
