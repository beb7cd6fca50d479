"""What ``danvan serve`` runs without Django: the process supervisor and gunicorn's settings.

Nothing in this package may import Django at module level: the supervisor holds no pages of
the application, and gunicorn reads its configuration before it loads the application.
"""
