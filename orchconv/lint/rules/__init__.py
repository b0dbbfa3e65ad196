"""The lint rules: one module per rule, each defining one `Rule` subclass.

orchconv.lint.registry finds them by listing this package; nothing here is
imported until a lint runs.
"""
