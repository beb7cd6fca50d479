"""Words the admin shows that no installed Vietnamese catalogue translates.

Listed with ``gettext_noop`` so ``scripts/make_messages.py`` keeps them in ``locale/vi``, which
Django reads before its own catalogues (LOCALE_PATHS first): the admin's screen-reader headings
of the model table and the facet toggle.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

DJANGO_ADMIN = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
]


# django-axes and django-auditlog ship no Vietnamese catalogue, Django 5.2's leaves its skip
# link and the password-based sign-in switch in English: their words, translated in locale/vi.
VENDOR = [
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop(
        "Account locked: too many login attempts. Contact an admin to unlock your account."
    ),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Audit log"),
    gettext_noop("Audit log: %s"),
    gettext_noop("Changes"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Click to filter by records with this correlation id"),
    gettext_noop("Correlation ID"),
    gettext_noop("Created"),
    gettext_noop("Created {repr:s}"),
    gettext_noop("Deleted {repr:s}"),
    gettext_noop("Error generating challenge: {0}"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Field"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("Get OTP Challenge"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Incorrect authentication code. Please try again."),
    gettext_noop("Invalid token. Please make sure you have entered it correctly."),
    gettext_noop("Locked Out"),
    gettext_noop("Logged {repr:s}"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("No field changes"),
    gettext_noop("No log entries found."),
    gettext_noop("Not set"),
    gettext_noop("OTP Challenge: {0}"),
    gettext_noop("OTP Device:"),
    gettext_noop("OTP Token:"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Please enter your OTP token."),
    gettext_noop("Please enter your authentication code."),
    gettext_noop("Please select a device."),
    gettext_noop("Relationship"),
    gettext_noop("Resource"),
    gettext_noop("Resource Type"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The selected OTP device is not interactive"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Token generation is not allowed at this time"),
    gettext_noop("Updated {repr:s}"),
    gettext_noop("User Agent"),
    gettext_noop("Verification of the token is currently disabled"),
    gettext_noop("access"),
    gettext_noop("access attempt"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("actor email"),
    gettext_noop("additional data"),
    gettext_noop("create"),
    gettext_noop("delete"),
    gettext_noop("object pk"),
    gettext_noop("object representation"),
    gettext_noop("remote address"),
    gettext_noop("remote port"),
    gettext_noop("sent by email"),
    gettext_noop("timestamp"),
    gettext_noop("update"),
    gettext_noop("Skip to main content"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
]


# django-otp's field names and help texts, translated with a context of their own (see
# danvan.accounts.vendor_l10n): listed so that make_messages keeps them.
OTP_FIELDS = [
    pgettext_lazy("two-factor", "user"),
    pgettext_lazy("two-factor", "name"),
    pgettext_lazy("two-factor", "confirmed"),
    pgettext_lazy("two-factor", "throttling failure timestamp"),
    pgettext_lazy("two-factor", "throttling failure count"),
    pgettext_lazy("two-factor", "created at"),
    pgettext_lazy("two-factor", "last used at"),
    pgettext_lazy("two-factor", "key"),
    pgettext_lazy("two-factor", "step"),
    pgettext_lazy("two-factor", "t0"),
    pgettext_lazy("two-factor", "digits"),
    pgettext_lazy("two-factor", "tolerance"),
    pgettext_lazy("two-factor", "drift"),
    pgettext_lazy("two-factor", "last t"),
    pgettext_lazy("two-factor", "device"),
    pgettext_lazy("two-factor", "token"),
    pgettext_lazy("two-factor", "ID"),
    pgettext_lazy("two-factor", "The user that this device belongs to."),
    pgettext_lazy("two-factor", "The human-readable name of this device."),
    pgettext_lazy("two-factor", "Is this device ready for use?"),
    pgettext_lazy(
        "two-factor",
        "A timestamp of the last failed verification attempt. Null if last attempt succeeded.",
    ),
    pgettext_lazy("two-factor", "Number of successive failed attempts."),
    pgettext_lazy(
        "two-factor", "The date and time when this device was initially created in the system."
    ),
    pgettext_lazy("two-factor", "The most recent date and time this device was used."),
    pgettext_lazy("two-factor", "A hex-encoded secret key of up to 40 bytes."),
    pgettext_lazy("two-factor", "The time step in seconds."),
    pgettext_lazy("two-factor", "The Unix time at which to begin counting steps."),
    pgettext_lazy("two-factor", "The number of digits to expect in a token."),
    pgettext_lazy("two-factor", "The number of time steps in the past or future to allow."),
    pgettext_lazy(
        "two-factor", "The number of time steps the prover is known to deviate from our clock."
    ),
    pgettext_lazy(
        "two-factor",
        "The t value of the latest verified token. The next token must be at a higher time step.",
    ),
]
