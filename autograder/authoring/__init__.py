"""Staff tools: validate, hints, reproduce, the otter-grader export and the pytest plugin."""
