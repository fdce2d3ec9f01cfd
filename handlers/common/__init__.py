"""Pieces every screen uses: the per-update context, translations, keyboards, uploads, errors, the menu."""
