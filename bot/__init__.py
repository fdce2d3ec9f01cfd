"""Composition root: settings, wiring, middlewares, entry point."""
