"""The one error of backup and restore: a Chinese message the console shows as it is."""


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
