"""The stack-file emitter: one module per family of keys, `stack.emit_stack` on top."""
