"""FHIR R4 (4.0.1) export: a pure mapping from frozen read models to a Bundle (docs/FHIR.md).

Nothing here touches the database, Qt or the clock: :mod:`dnclinic.services.fhir_export` gathers
the records of :mod:`dnclinic.fhir.records` in one read session and hands them to
:func:`dnclinic.fhir.bundle.build_bundle`, which returns plain dicts ready for ``json.dumps``.
"""
