"""Stages 2 and 3, run and judge: one submission's cases in a worker, verdicts in the parent."""
