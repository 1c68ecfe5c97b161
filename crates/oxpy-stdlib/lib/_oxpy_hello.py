"""A bundled Python-source module (proves the mechanism)."""
GREETING = "hello from a bundled module"
