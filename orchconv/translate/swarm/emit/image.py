"""`image` and `build`: swarm runs images, it never builds them.

`build` is dropped with a loss that says which image to build and push.  A
service with only `build` gets `<image_prefix><service>:latest` when an image
prefix is given (for example "registry.example.com/team/"), and no image
otherwise, which `docker stack deploy` then refuses.
"""

from __future__ import annotations

from orchconv.ir.service import Service
from orchconv.translate.swarm.emit.context import Data, StackContext

HANDLES = frozenset({"image", "build"})


def derived_image(service: Service, prefix: str) -> str:
    return f"{prefix}{service.name}:latest"


def emit_image(service: Service, out: Data, ctx: StackContext) -> None:
    image = service.image
    prefix = ctx.options.image_prefix
    if image is None and service.build is not None and prefix is not None:
        image = derived_image(service, prefix)
    if image is not None:
        out["image"] = image
    if service.build is not None:
        if image is not None:
            reason = f"swarm does not build images: build {image} and push it before deploying"
        else:
            reason = ("swarm does not build images and the service has no image: "
                      "set one, or pass an image prefix")
        ctx.lose_key(service, "build", reason)
    elif image is None:
        ctx.lose_key(service, "image", "the service has no image, which swarm needs")
