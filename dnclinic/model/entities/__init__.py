"""ORM entities. Importing this package registers every table on ``Base.metadata``."""

from dnclinic.model.entities.audit import AuditEntry
from dnclinic.model.entities.clinic import Clinic, Practitioner
from dnclinic.model.entities.episode import Episode
from dnclinic.model.entities.patient import Patient
from dnclinic.model.entities.screening import Screening
from dnclinic.model.entities.user import ROLES, User

__all__ = [
    "ROLES",
    "AuditEntry",
    "Clinic",
    "Episode",
    "Patient",
    "Practitioner",
    "Screening",
    "User",
]
