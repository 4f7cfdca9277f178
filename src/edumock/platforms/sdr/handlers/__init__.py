"""Thin handlers for specs/sdr.yaml: unpack arguments, call SdrBackend, shape the reply."""
