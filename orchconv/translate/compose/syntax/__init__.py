"""Compose short syntax and Go-formatted scalars, read the way compose-go reads them.

One module per syntax, as compose-go splits format/, transform/ and types/:
golang (Go's %v, strconv and path.Clean), located (YMap/YSeq helpers), scalars,
durations, sizes, shellwords, ports, volumes, devices, mappings, lists,
references (depends_on, networks, env_file, secrets/configs) and build.

Each parser takes one value as the user wrote it (after interpolation) and
returns the long form `docker compose config` prints.  When the input carries
positions (YMap/YSeq) the results are YMap/YSeq with the same positions, so
later stages still point at file:line:col.  Bad input raises a located InputError.

The reference is compose-go v2.6.0, the version docker compose v2.35.1 builds
with, and the Go libraries it relies on: go-connections/nat (ports), go-units
(byte sizes), str2duration and time.Duration (durations), go-shellwords
(command strings).  Their quirks are kept on purpose; each is named where it happens.
"""
