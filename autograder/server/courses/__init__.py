"""The course app: students, course rules, submissions and their grading jobs, staff pages."""
