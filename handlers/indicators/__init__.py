"""Indicators in the chat: tables, details, charts and the workbook."""
