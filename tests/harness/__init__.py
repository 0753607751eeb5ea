"""Crash-safety harness: scripted sessions, imports and exports killed with SIGKILL.

``python -m tests.harness.crash --trials 100`` is the long run; tests/test_crash_safety.py
runs a short one. See crash.py for what each trial proves.
"""
