"""Background entry points of the organizations app."""

from django_tasks import task

from chanjiao.organizations.invitations import invitations_expire


@task()
def expire_invitations_task() -> int:
    """Mark the invitations past their date as 已过期; return how many."""
    return invitations_expire()
