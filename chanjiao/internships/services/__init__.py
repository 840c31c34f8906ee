"""Writes of the internships app (re-exported; one module per sub-domain)."""

from chanjiao.internships.services.agreements import (
    InsuranceInput,
    agreement_confirm,
    agreement_create,
    agreement_file_attach,
    agreement_template_for,
    insurance_create,
)
from chanjiao.internships.services.alerts import alert_resolve, alerts_raise
from chanjiao.internships.services.during import (
    IncidentInput,
    WeeklyLogInput,
    evaluation_submit,
    incident_report,
    incident_transition,
    log_comment_add,
    weekly_log_submit,
)
from chanjiao.internships.services.placements import (
    PlacementInput,
    StudentEntry,
    placement_create,
    placement_input_of,
    placement_transition,
    placement_update,
)

__all__ = [
    "IncidentInput",
    "InsuranceInput",
    "PlacementInput",
    "StudentEntry",
    "WeeklyLogInput",
    "agreement_confirm",
    "agreement_create",
    "agreement_file_attach",
    "agreement_template_for",
    "alert_resolve",
    "alerts_raise",
    "evaluation_submit",
    "incident_report",
    "incident_transition",
    "insurance_create",
    "log_comment_add",
    "placement_create",
    "placement_input_of",
    "placement_transition",
    "placement_update",
    "weekly_log_submit",
]
