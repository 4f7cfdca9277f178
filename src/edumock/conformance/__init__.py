"""The conformance checker: judge recorded or live HTTP exchanges against a platform's specs.

Built on the same spec files the sandbox serves, so the sandbox and the
checker share one truth. :mod:`exchange` is what is judged, :mod:`contract`
finds the declared operation, :mod:`checker` applies the rules, :mod:`report`
gathers verdicts and coverage, and the front ends (HAR files, the proxy, the
probe) only produce exchanges.
"""
