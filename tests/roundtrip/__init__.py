"""The round-trip oracle: is what runs what was deployed, except the reported losses?

Only tests use it (tests/deploy against real engines, tests/k8s against the k8s loader), so it
lives here rather than in the runtime package: `oracle` compares, `canonical` holds each
target's canonical form.
"""
