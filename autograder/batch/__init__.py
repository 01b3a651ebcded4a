"""A class at once: a folder or download graded with resume, regrades, shards and merge."""
