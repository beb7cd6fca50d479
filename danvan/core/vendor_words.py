"""Words Django's own admin shows that its Vietnamese catalogue (5.2) leaves in English.

Listed with ``gettext_noop`` so ``scripts/make_messages.py`` keeps them in ``locale/vi``, which
Django reads before its own catalogues (LOCALE_PATHS first): the admin's screen-reader headings
of the model table and the facet toggle.
"""

from django.utils.translation import gettext_noop

DJANGO_ADMIN = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
]
