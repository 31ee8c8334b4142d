"""Writes, one module per kind: :mod:`.definitions` (questionnaires and
their versions), :mod:`.responses` (answers from every channel, paper forms
taken back, comments moderated), :mod:`.places` (service points, levels
and fields) and :mod:`.devices` (kiosk device tokens). The rules live here,
and so do the audit entries."""
