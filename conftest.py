"""Root conftest: makes suite files collectable by pytest (see autograder/authoring/pytest_plugin.py)."""

pytest_plugins = ["autograder.authoring.pytest_plugin"]
