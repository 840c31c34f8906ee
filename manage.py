#!/usr/bin/env python
"""Django's command-line utility; ``chanjiao`` does the same once installed."""

from chanjiao.__main__ import main

if __name__ == "__main__":
    main()
