"""Bulk delivery: the outbox, news broadcasts and weekly digests."""
