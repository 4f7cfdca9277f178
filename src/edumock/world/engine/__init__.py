"""World state kept in a shared Valkey/Redis engine (``serve --store``), so many worker
processes and hosts serve one sandbox."""
