"""doc_events handlers on ERPNext doctypes: one module per target doctype, shared ones in selling.py."""
