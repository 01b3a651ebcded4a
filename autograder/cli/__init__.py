"""``python -m autograder``: the command line over every stage."""
