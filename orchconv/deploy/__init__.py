"""Deploy backends: apply converted files to a real engine or cluster, wait, read back.

One module per target (compose, swarm, kubernetes), each with the same four
steps (see base.Backend).  Nothing here is imported by the converters; the CLI
imports it lazily, so `orchconv convert` never pays for it.
"""
