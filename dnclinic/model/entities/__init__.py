"""ORM entities. Importing this package registers every table on ``Base.metadata``."""

from dnclinic.model.entities.audit import AuditEntry
from dnclinic.model.entities.clinic import Clinic, Practitioner
from dnclinic.model.entities.decision import Decision, HomePlan  # issue 7
from dnclinic.model.entities.document import PatientDocument
from dnclinic.model.entities.draft import Draft
from dnclinic.model.entities.episode import Episode
from dnclinic.model.entities.neuro_exam import NeuroExamination, NeuroFinding
from dnclinic.model.entities.outcome import OutcomeScore
from dnclinic.model.entities.patient import Patient
from dnclinic.model.entities.presence import ChartPresence  # issue 11
from dnclinic.model.entities.screening import Screening
from dnclinic.model.entities.session import (
    Addendum,
    AdverseEvent,
    ElectrodePair,
    NeedleTarget,
    NeedlingSession,
    StimulationSetting,
)
from dnclinic.model.entities.training import (
    JurisdictionRule,
    RegulatorReport,
    TrainingCertificate,
    TrainingEntry,
    TrainingVerification,
)
from dnclinic.model.entities.user import ROLES, User

__all__ = [
    "ROLES",
    "Addendum",
    "AdverseEvent",
    "AuditEntry",
    "ChartPresence",
    "Clinic",
    "Decision",
    "Draft",
    "ElectrodePair",
    "Episode",
    "HomePlan",
    "JurisdictionRule",
    "NeedleTarget",
    "NeedlingSession",
    "NeuroExamination",
    "NeuroFinding",
    "OutcomeScore",
    "Patient",
    "PatientDocument",
    "Practitioner",
    "RegulatorReport",
    "Screening",
    "StimulationSetting",
    "TrainingCertificate",
    "TrainingEntry",
    "TrainingVerification",
    "User",
]
