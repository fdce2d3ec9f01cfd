"""Organisations, the roster, Telegram accounts, roles and scopes, invites, join requests, communities."""
