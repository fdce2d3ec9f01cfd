"""Spreadsheets people send and spreadsheets the bot writes."""
