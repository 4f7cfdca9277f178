"""Thin handlers for specs/tesla.yaml: one module per resource group, bound to its resource."""
