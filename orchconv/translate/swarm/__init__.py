"""Docker Swarm stack files: a loader with docker/cli's rules and an emitter.

`loader.load_stack` reads stack files as `docker stack deploy` does;
`emit.stack.emit_stack` writes the IR as a stack file it accepts without a
warning.  Nothing is imported here, so the emitter never pulls in the Compose
loader that `load_stack` builds on.
"""
