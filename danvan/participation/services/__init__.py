"""Domain operations of grassroots democracy, one module per concept.

Every write runs in ``transaction.atomic`` as the named ``actor`` (audited) and refuses bad input
with a Vietnamese :class:`~danvan.core.errors.UserError` before anything is written.
"""
