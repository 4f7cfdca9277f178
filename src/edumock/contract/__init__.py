"""What the specs say: loading them, the operation table every request is resolved against,
the compiled schema checks, and the bounded memory their remembered answers share.

The server and the conformance checker both read the specs through this package, so there is
one truth about which operation a request exercises and what it may look like.
"""
