"""The `livingwell` command: Django's management commands, with our settings already chosen.

livingwell migrate              set up the database
livingwell borough --people N   load a synthetic borough (seeded, reproducible)
livingwell security-code NAME   the current sign-in code of a demo staff member
livingwell runserver            serve the site at http://127.0.0.1:8000
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livingwell.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["livingwell", *sys.argv[1:]])


if __name__ == "__main__":
    main()
