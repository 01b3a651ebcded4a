"""Confinement of student code: bubblewrap or rlimits, cgroups, seccomp, and the worker pool."""
