"""Individual educational routes (ИОМ): diagnostics, the catalogue, building, review, reports, reminders."""
