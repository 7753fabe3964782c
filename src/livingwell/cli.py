"""The `livingwell` command: Django's management commands, with our settings already chosen.

livingwell migrate              set up the database
livingwell borough --people N   load a synthetic borough (seeded, reproducible)
livingwell security-code NAME   the current sign-in code of a demo staff member
livingwell add-staff ...        give someone on a team an account and an authenticator app
livingwell simulate --output D  run the whole-system simulator (mechanistic vs relational)
livingwell synthetic-extract D  write a synthetic learning extract (seeded)
livingwell report EXTRACT --output D
                                the impact report (HTML, PDF, report.json) from a learning extract
livingwell postcodes FILE       load a postcode directory (ONS format) for distances
livingwell directory import P   read an Open Referral UK feed (JSON, or a folder of CSV)
livingwell directory export P   write the directory as Open Referral UK (--csv for the tables)
livingwell runserver            serve the site at http://127.0.0.1:8000
"""

from __future__ import annotations

import os
import sys

HYPHENATED = {"security-code": "security_code", "add-staff": "add_staff"}
HYPHENATED["synthetic-extract"] = "synthetic_extract"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livingwell.config.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    if args and args[0] in HYPHENATED:
        # Django names a command after its module, and a module name cannot have a hyphen.
        args[0] = HYPHENATED[args[0]]
    execute_from_command_line(["livingwell", *args])


if __name__ == "__main__":
    main()
