"""TeSLA state and rules: one module per resource group over one shared store.

Every resource is a :class:`~edumock.platforms.tesla.models.base.Resource`: the
generic DRF behaviour (pagination, search, ordering, filters, create/update/
delete semantics, nested 404s) lives in the base; each resource states its
fields, scope, permissions and validation rules.
"""
