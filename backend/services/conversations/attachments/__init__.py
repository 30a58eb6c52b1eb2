"""Attachments from every channel (issue 20): one store, content-addressed, inspected
before anything is kept as served content."""
