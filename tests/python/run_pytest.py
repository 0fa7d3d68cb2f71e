"""Runs one test file of tests/python under pytest (Debian's python3-pytest), for CTest.

Exit 77 (CTest: skipped) when pytest or pandas is missing. No cache or
bytecode is written into the source tree."""
import sys

sys.dont_write_bytecode = True
try:
    import pandas  # noqa: F401
    import pytest
except ImportError as e:
    print(f"{e.name} missing (python3-pytest, python3-pandas): skipped")
    sys.exit(77)
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[1:]]))
