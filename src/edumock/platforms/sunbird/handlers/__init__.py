"""Thin handlers for specs/sunbird-course.yaml: unwrap ``request``, call a model, wrap the
answer in the envelope."""
