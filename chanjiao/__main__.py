"""Console entry point: ``chanjiao <management command>``."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    """Run a Django management command with the platform's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    execute_from_command_line(["chanjiao", *sys.argv[1:]])


if __name__ == "__main__":
    main()
