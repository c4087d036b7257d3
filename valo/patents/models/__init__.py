from valo.patents.models.calendar import ClosedDay
from valo.patents.models.deadlines import Deadline, DeadlineRule
from valo.patents.models.feeds import CalendarFeed
from valo.patents.models.fees import Cost, Fee
from valo.patents.models.portfolio import (
    ApplicationInventor,
    ApplicationOwner,
    Classification,
    LegalEvent,
    PatentApplication,
    PatentFamily,
    PriorityClaim,
    Validation,
)
from valo.patents.models.renewals import Opinion, RenewalOpinion

__all__ = [
    "ApplicationInventor",
    "ApplicationOwner",
    "CalendarFeed",
    "Classification",
    "ClosedDay",
    "Cost",
    "Deadline",
    "DeadlineRule",
    "Fee",
    "LegalEvent",
    "Opinion",
    "PatentApplication",
    "PatentFamily",
    "PriorityClaim",
    "RenewalOpinion",
    "Validation",
]
