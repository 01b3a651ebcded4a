"""Stage 4, report: feedback, result files, gradebook, LMS files, console, class report, similarity."""
