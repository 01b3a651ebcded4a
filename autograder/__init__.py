"""nnkit's grading engine: discover -> run (isolated worker) -> judge -> report.

Packages by stage, each importing only those below it (see pyproject.toml, [tool.importlinter]).
"""
