"""Core values and safe files: results, user errors, Korean helpers, paths, atomic and neutralised writes."""
