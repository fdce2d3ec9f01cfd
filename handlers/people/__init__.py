"""Joining, invites, the roster, organisations, settings and communities in the chat."""
