#!/usr/bin/env python
"""Convenience wrapper; the installed console script `loket-manage` does the same."""

from loket.manage import main

if __name__ == "__main__":
    main()
