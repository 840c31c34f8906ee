"""Every change made through the admin site goes to the audit log, as the same change anywhere.

The services record their own changes; the admin site writes rows directly, so it would leave no
trace (a student made 政府管理员 there had rights at once, and nothing was recorded). While a
request to the admin site is being answered (``admin_actor`` is set by ``AuditContextMiddleware``),
the model signals below record each row written, changed or deleted and each change of a
many-to-many relation (a user's groups and permissions, a group's permissions), with the same action
names and the same ``{field: [old, new]}`` changes as the services use for the same change.

Only this platform's own models and the identity and rights models of the libraries it uses are
watched; sessions, sign-in records and the audit log itself are not changes made by the admin.
"""

from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from chanjiao.audit.services import audit_event_record, changes_between

if TYPE_CHECKING:  # audit sits below accounts: the user model is only named in annotations
    from chanjiao.accounts.models import User

# The signed-in user of a request to the admin site; None outside the admin site.
admin_actor: ContextVar["User | None"] = ContextVar("admin_actor", default=None)

# Library models whose changes are changes of identity or rights.
WATCHED_LIBRARY_LABELS = frozenset({"auth", "otp_totp", "otp_static", "axes"})
# Rows the admin site writes as a side effect of being used, not as a change someone made.
IGNORED_MODELS = frozenset({"audit.auditevent", "axes.accesslog", "axes.accessfailurelog"})
# A field value never copied into the log (the audit log says only that it changed).
HIDDEN_FIELDS = frozenset({"password", "key", "token"})
SKIPPED_FIELDS = frozenset({"last_login", "updated_at", "created_at"})

# The same action names the services use for the same change (see each app's services).
RIGHTS_FIELDS = frozenset({"is_staff", "is_superuser", "is_active", "admin_role"})
CREATE_ACTIONS = {
    "accounts.user": "account.create",
    "accounts.membership": "membership.add",
    "organizations.organization": "organization.create",
}
DELETE_ACTIONS = {"accounts.membership": "membership.remove"}


def _label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _watched(model: type[models.Model]) -> bool:
    if _label(model) in IGNORED_MODELS:
        return False
    module = model.__module__
    return module.startswith("chanjiao.") or model._meta.app_label in WATCHED_LIBRARY_LABELS


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS and not f.primary_key
    ]


def _values(instance: models.Model) -> dict[str, Any]:
    return {f.name: getattr(instance, f.attname) for f in _fields(type(instance))}


def _shown(changes: dict[str, Any]) -> dict[str, Any]:
    return {
        name: ["（已修改）", "（已修改）"] if name in HIDDEN_FIELDS else pair
        for name, pair in changes.items()
    }


def _update_action(label: str, changes: dict[str, Any]) -> str:
    if label == "accounts.user":
        if "password" in changes and len(changes) == 1:
            return "account.password_change"
        return "user.rights_change" if RIGHTS_FIELDS & changes.keys() else "user.update"
    if label == "accounts.membership":
        if changes.get("is_active") == [True, False]:
            return "membership.remove"
        if "role" in changes:
            return "membership.role_change"
    return f"{label.split('.')[1]}.update"


def _before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if admin_actor.get() is None or not _watched(sender) or instance.pk is None:
        return
    row = sender._default_manager.filter(pk=instance.pk).values(
        *(f.attname for f in _fields(sender))
    )
    found = row.first()
    if found is not None:
        names = {f.attname: f.name for f in _fields(sender)}
        instance._audit_before = {names[k]: v for k, v in found.items()}  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    actor = admin_actor.get()
    if actor is None or not _watched(sender):
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and set(update_fields) <= SKIPPED_FIELDS:
        return
    label = _label(sender)
    after = _values(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        changes = {name: [None, value] for name, value in after.items() if value not in (None, "")}
        action = CREATE_ACTIONS.get(label, f"{sender._meta.model_name}.create")
    else:
        changes = changes_between(before, after)
        if not changes:
            return
        action = _update_action(label, changes)
    audit_event_record(actor=actor, action=action, target=instance, changes=_shown(changes))


def _after_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    actor = admin_actor.get()
    if actor is None or not _watched(sender):
        return
    label = _label(sender)
    audit_event_record(
        actor=actor,
        action=DELETE_ACTIONS.get(label, f"{sender._meta.model_name}.delete"),
        target=instance,
        changes=_shown({name: [value, None] for name, value in _values(instance).items()}),
    )


def _relation_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    model: type[models.Model],
    pk_set: set[Any] | None,
    reverse: bool,
    **kwargs: Any,
) -> None:
    actor = admin_actor.get()
    if actor is None or not _watched(type(instance)):
        return
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    field = next(
        (
            f.name
            for f in type(instance)._meta.many_to_many
            if getattr(f.remote_field, "through", None) is sender
        ),
        str(sender._meta.model_name),
    )
    if action == "pre_clear":
        names = [str(o) for o in getattr(instance, field).all()] if not reverse else []
        change = [sorted(names), []]
    else:
        names = sorted(str(o) for o in model._default_manager.filter(pk__in=pk_set or ()))
        change = [[], names] if action == "post_add" else [names, []]
    if change == [[], []]:
        return
    label = _label(type(instance))
    kind = (
        "user.rights_change" if label == "accounts.user" else f"{instance._meta.model_name}.update"
    )
    audit_event_record(actor=actor, action=kind, target=instance, changes={field: change})


def connect() -> None:
    """Connect the receivers (from ``AuditConfig.ready``); they act only inside the admin site."""
    pre_save.connect(_before_save, dispatch_uid="chanjiao_admin_audit_pre_save")
    post_save.connect(_after_save, dispatch_uid="chanjiao_admin_audit_post_save")
    post_delete.connect(_after_delete, dispatch_uid="chanjiao_admin_audit_post_delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="chanjiao_admin_audit_m2m")
