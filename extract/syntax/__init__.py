"""Syntax shared by every event kind, by concern:

- `tree`: subjects, own clauses, paths between tokens, entity spans, noun phrases;
- `modality`: planned, pending, negated, supposed, called off, timetabled;
- `mentions`: the people, places and numbers a trigger governs;
- `dating`: which date mention a trigger or a sentence is about.
"""
