"""LMS downloads: layouts, safe zip extraction, the roster, and ``intake.csv`` both ways."""
