"""Mentoring in the chat: relay, pairs, meetings, plans."""
