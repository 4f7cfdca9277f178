"""One package per platform; platforms never import each other."""
