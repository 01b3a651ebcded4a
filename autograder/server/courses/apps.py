from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "autograder.server.courses"
    label = "courses"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from autograder.server.courses import grading  # noqa: F401  (registers the Huey tasks)
