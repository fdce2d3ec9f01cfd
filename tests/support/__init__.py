"""Test doubles and drivers: the fake Bot API, the conversation driver, factories."""
