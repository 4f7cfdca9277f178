"""The contract: spec loading, checking and the validators built from the specs.

The sandbox and the conformance checker both use this package, so there is
one truth about what a request or response may look like.
"""
