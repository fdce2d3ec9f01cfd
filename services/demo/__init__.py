"""`python -m bot demo`: a living demo municipality, so every screen of every role shows something real.

cast (who is who) ← routes, events, mentoring, news (each area's past, written by its services) ← fill.
"""

from services.demo.fill import Demo, DemoInvite, fill_demo
from services.demo.guard import RealDataFound

__all__ = ["Demo", "DemoInvite", "RealDataFound", "fill_demo"]
