"""Feedback: capture, sanitise, anonymise, store, queue, process, and daily rollups."""
