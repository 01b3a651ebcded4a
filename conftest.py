"""Root conftest: makes suite files collectable by pytest (see autograder/pytest_plugin.py)."""

pytest_plugins = ["autograder.pytest_plugin"]
