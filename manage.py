#!/usr/bin/env python
"""Django's command-line utility; `python -m lanu` does the same."""

from lanu.__main__ import main

if __name__ == "__main__":
    main()
