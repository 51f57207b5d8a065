"""The demonstration: the Sananwetan sample loaded across every app, on top of all of them.

Nothing imports this package but the entry points (``cli.py``, ``settings.INSTALLED_APPS``);
it calls each app's own sample loader in order (see ``sampel.muat_sampel``).
"""
