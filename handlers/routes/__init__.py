"""Routes (ИОМ) in the chat: the teacher's route, items, review, diagnostics."""
