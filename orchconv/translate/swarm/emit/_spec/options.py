"""What a caller chooses about the stack file written."""

from __future__ import annotations

from dataclasses import dataclass

# docker/cli's own default, and the first version that admits every key the IR
# can carry to swarm (healthcheck.start_interval, service network driver_opts, ...).
DEFAULT_STACK_VERSION = "3.13"


@dataclass(frozen=True, slots=True)
class SwarmEmitOptions:
    """`stack_version`: the `version` written and the schema it must pass.

    `image_prefix`: a service that only has `build` gets the image
    `<image_prefix><project>-<service>`, which the user builds and pushes.
    """

    stack_version: str = DEFAULT_STACK_VERSION
    image_prefix: str | None = None
