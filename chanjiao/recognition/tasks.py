"""Background entry points of recognition programmes."""

from django_tasks import task

from chanjiao.recognition.services import recognitions_lapse


@task()
def lapse_recognitions_task() -> int:
    """Let certificates past their validity lapse (已失效); they leave the directory."""
    return recognitions_lapse()
