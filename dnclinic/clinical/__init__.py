"""The clinical engine: pure rules over plain values (no Qt, no database, no clock).

Modules: ``vocab`` (codes and labels), ``levels`` (level table, reflex roots, scales),
``neuro`` (exam interpretation), ``case`` and ``decision`` (the decision algorithm), ``plan``
(the needling plan), ``prognosis``, ``outcomes`` (instrument scoring), ``stimulation`` (e-stim
checks), ``loading`` (home-loading plans), ``chronicity``, ``evidence`` (the citation registry),
``explain`` (readable recommendations) and ``validation``.
"""
