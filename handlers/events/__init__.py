"""Events in the chat: participants' screens and the organiser's."""
