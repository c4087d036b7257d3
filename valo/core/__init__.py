"""core: base models, the change log, roles and scopes, request ids, shared view and API base classes.

core imports no domain app; the directory app plugs the user's scope in through VALO_ACCESS_PROVIDER.
"""
