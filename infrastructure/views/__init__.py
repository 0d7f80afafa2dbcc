"""Pages of the infrastructure part, one module per section of the part.

``devices`` (device models, devices, assignment, import and export), ``students``
(students, the waiting list, the student-data log), ``loans``, ``audits`` (inventory
rounds), ``repairs``, ``coverage`` (lifecycle and coverage) and ``systems`` (systems and
access counts); ``mixins`` holds what several of them share. ``urls.py`` names each view
by its module.
"""
