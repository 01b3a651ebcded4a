"""nnkit's grading engine: discover -> run (isolated worker) -> judge -> report.

Kept free of imports: the worker runtime copies this package's public modules on their own.
"""
