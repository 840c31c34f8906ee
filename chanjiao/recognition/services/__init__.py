"""Services of recognition programmes: loading the programme data, the lifecycle, incentives."""

from chanjiao.recognition.services.incentives import incentive_record, investment_declare
from chanjiao.recognition.services.lifecycle import (
    ScoreInput,
    attachment_add,
    objection_file,
    objection_resolve,
    recognition_apply,
    recognition_recheck,
    recognition_reserve,
    recognition_review,
    recognition_step,
    recognitions_lapse,
)
from chanjiao.recognition.services.loading import (
    ProgrammeDataError,
    programmes_load,
    programmes_load_default,
    programmes_read_file,
)

__all__ = [
    "ProgrammeDataError",
    "ScoreInput",
    "attachment_add",
    "incentive_record",
    "investment_declare",
    "objection_file",
    "objection_resolve",
    "programmes_load",
    "programmes_load_default",
    "programmes_read_file",
    "recognition_apply",
    "recognition_recheck",
    "recognition_reserve",
    "recognition_review",
    "recognition_step",
    "recognitions_lapse",
]
