"""News in the chat and how the weekly digest reads."""
