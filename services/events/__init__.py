"""Methodical events: creating, signing up with a waitlist, attendance, plan import, reminders."""
