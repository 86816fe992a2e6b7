"""The rules core: every business decision of sales_dept as plain functions over plain values.

Nothing in this package imports frappe or any other part of sales_dept above it, so each rule is
read in one place and tested in milliseconds (`pytest sales_dept/rules`).
"""
