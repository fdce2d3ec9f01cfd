"""Domain logic and data access. Nothing here knows about Telegram."""
