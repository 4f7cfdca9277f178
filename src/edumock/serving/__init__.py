"""The serving machinery: the request path from the socket to a handler and back.

Connexion's app and middleware, edumock's own steps around them (routing by the operation
table, world choice, body limit, faults, ``Prefer``, journaling, the admin guard), the error
router that answers in each platform's format, and the adapters Connexion is given
(validators, security handlers, resolver, JSON). The :class:`~edumock.serving.sandbox.Sandbox`
is what the running server holds: its platforms, its operation table and its worlds.
"""
