from danvan.notifications.models import Notification

# A notification belongs to its recipient only; tests/test_notifications.py proves it.
PERSONAL_DATA = {Notification}
