"""`python -m lanu <command>` runs any management command, like manage.py."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanu.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "python -m lanu"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
