"""Stage 1, discover: which file in a folder is a student's submission, and its code cells."""
