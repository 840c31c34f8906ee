"""Writes of the early_warning app: rule configuration, evaluation, responses."""

from chanjiao.early_warning.services.evaluation import (
    facts_load,
    run_not_evaluated,
    warnings_evaluate,
)
from chanjiao.early_warning.services.responses import warning_flag_close, warning_response_create
from chanjiao.early_warning.services.rules import (
    DEFAULT_RULES_FILE,
    RulesLoadResult,
    warning_rule_update,
    warning_rules_load,
    warning_rules_load_default,
    warning_rules_read_file,
)

__all__ = [
    "DEFAULT_RULES_FILE",
    "RulesLoadResult",
    "facts_load",
    "run_not_evaluated",
    "warning_flag_close",
    "warning_response_create",
    "warning_rule_update",
    "warning_rules_load",
    "warning_rules_load_default",
    "warning_rules_read_file",
    "warnings_evaluate",
]
