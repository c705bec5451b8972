"""Events: who did what, reported as having happened, with dates, sites and people.

The rules are data (``kb/data/events.yaml``); this module reads a dispatch a
sentence at a time, keeps track of whom the story is about (so that "he" is
resolved), finds the trigger phrases of each activity, and groups the parts of
one visit into one event while a new site ("also went to ...") starts another.

The package, by job: rules.py (the compiled rules), subjects.py (who a sentence
is about), candidates.py (trigger phrases), grouping.py (one activity's parts), places.py (where),
dating.py (when), participants.py (who was there), build.py (an event from its parts).
"""

from fieldguide.extract.events.build import find_events
from fieldguide.extract.events.inputs import EventInputs
from fieldguide.extract.events.rules import EventRules

__all__ = ["EventInputs", "EventRules", "find_events"]
