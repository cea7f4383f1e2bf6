"""ORM entities. Importing this package registers every table on ``Base.metadata``."""

from dnclinic.model.entities.clinic import Clinic, Practitioner
from dnclinic.model.entities.episode import Episode
from dnclinic.model.entities.patient import Patient
from dnclinic.model.entities.screening import Screening

__all__ = ["Clinic", "Episode", "Patient", "Practitioner", "Screening"]
