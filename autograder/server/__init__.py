"""The web server: students hand in and get their grade in seconds; TAs watch the class live.

A Django project (``settings``, ``urls``, ``wsgi``) with one app, ``courses``, served by gunicorn;
grading jobs go through Huey to ``python -m autograder worker`` processes, which grade with the
same engine as ``grade`` (:mod:`autograder.server.courses.grading`). ``launch`` holds the CLI's
``serve``, ``worker`` and ``submit``. Configuration is by environment (docs/deploy.md):
``NNKIT_VAR`` (state folder, default ``var/``), ``NNKIT_DATABASE_URL``, ``NNKIT_QUEUE_URL``.
"""
