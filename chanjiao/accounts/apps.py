from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "chanjiao.accounts"
    label = "accounts"
    verbose_name = "用户与角色"

    def ready(self) -> None:
        # Connects the login/logout signal receivers and registers the deploy checks; models load
        # only once apps are ready.
        from chanjiao.accounts import auth_events, checks  # noqa: F401
