"""Mentoring: pairs, meetings, plans, pairs import, nudges and numbers."""
