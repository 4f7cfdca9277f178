"""ASGI middleware inserted into Connexion's stack at named positions."""
