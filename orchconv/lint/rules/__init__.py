"""The lint rules: one module per rule, each defining one `Rule` subclass.

orchconv.lint.registry finds them by listing this package; nothing here is
imported until a lint runs.

What several rules need lives once, in the `_private` helper modules:
`_compose` (services, ports, mounts of Compose and stack files) and `_k8s`
(objects, pods, containers, selectors); `_images`, `_capabilities` and
`_host_paths` for the checks both formats make; `_order` for the style
rules.  A Kubernetes rule imports no Compose helper or rule module, and a
Compose rule no Kubernetes one.
"""
