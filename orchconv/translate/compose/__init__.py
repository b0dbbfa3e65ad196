"""Docker Compose (compose-spec and v3.x) loader and emitter."""
