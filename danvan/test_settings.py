"""Settings for the test suite: the real settings, with tasks run inline and a fast hasher."""

import os
import tempfile

os.environ.setdefault("DANVAN_ENV", "test")
os.environ.setdefault("DANVAN_VAR_DIR", tempfile.mkdtemp(prefix="danvan-test-"))

from danvan.settings import *  # noqa: E402,F403

SMS_BACKEND = "danvan.core.verification.LocmemSMSBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Threads of the live server (browser tests) must not keep connections that would block
# dropping the PostgreSQL test database at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
