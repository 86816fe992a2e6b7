# Legacy entry point for tools that still call `setup.py`; pyproject.toml is the source of truth.
import re
from pathlib import Path

from setuptools import find_packages, setup

version = re.search(
	r'^__version__\s*=\s*"([^"]+)"', (Path(__file__).parent / "sales_dept" / "__init__.py").read_text(), re.M
).group(1)

setup(
	name="sales_dept",
	version=version,
	description="Sales department rulebook enforced in ERPNext",
	packages=find_packages(),
	include_package_data=True,
	zip_safe=False,
	python_requires=">=3.10",
)
