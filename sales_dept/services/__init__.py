"""Adapters: where frappe meets the rules core. They read settings and records, build plain inputs,
call `sales_dept.rules` and return the decision."""
