"""Writes, one module per kind: :mod:`.definitions` (questionnaires and
their versions), :mod:`.responses` (answers from every channel, paper forms
taken back, comments moderated) and :mod:`.places` (service points, levels
and fields). The rules live here, and so do the audit entries."""
