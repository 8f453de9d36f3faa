"""``mlops images build``, ``list`` and ``prune`` (registered by :func:`add_commands`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pipeline_lib.console import say
from pipeline_lib.containers.recipes import OFFLINE_BASE, ONLINE_BASE, RECIPES

__all__ = ["add_commands", "cmd_build", "cmd_list", "cmd_prune"]


def cmd_build(args: argparse.Namespace) -> int:
    """Build the images that are missing or out of date; prints a table of what happened."""
    from pipeline_lib.containers.build import build_images

    rows = build_images(args.names or None, offline=args.offline, base_image=args.base_image,
                        wheelhouse=Path(args.wheelhouse) if args.wheelhouse else None, force=args.force)
    say("\n| image | result | seconds | size MB | base |\n|---|---|---:|---:|---|")
    for state, result, seconds in rows:
        say(f"| {state.recipe.tag} | {result} | {seconds:.0f} | {state.size_mb:.0f} | {state.base or '-'} |")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """One line per image: present, up to date (same pipeline code and recipe), size, base."""
    from pipeline_lib.containers.build import image_state
    from pipeline_lib.containers.recipes import source_root
    from pipeline_lib.errors import UserInputError
    from pipeline_lib.executors.docker import connect, engine_url

    client = connect()
    try:
        root: Path | None = source_root()
    except UserInputError:
        root = None  # an installed package: only the code digest can be compared
    say(f"engine: {engine_url()}")
    say("| image | state | size MB | built | base |\n|---|---|---:|---|---|")
    usable = 0
    for recipe in RECIPES:
        state = image_state(recipe, client, root)
        usable += state.up_to_date
        shown = "up to date" if state.up_to_date else state.problem
        say(f"| {recipe.tag} | {shown} | {state.size_mb:.0f} | {state.created or '-'} | {state.base or '-'} |")
    if usable < len(RECIPES):
        say("build or refresh them with: mlops images build   (--offline without registry access)")
    return 0


def cmd_prune(args: argparse.Namespace) -> int:
    """Remove the requirement environments beyond the ``--keep`` most recently used; prints what happened."""
    import time

    from pipeline_lib.containers.prune import derived_images, local_environments, plan, prune
    from pipeline_lib.containers.requirements import cache_root
    from pipeline_lib.errors import UserInputError
    from pipeline_lib.executors.docker import EngineUnreachable, connect

    if args.keep < 0:
        raise UserInputError(f"--keep {args.keep}: a count of environments to keep, 0 or more",
                             hint="e.g. mlops images prune --keep 10")
    root = cache_root()
    entries = local_environments(root)
    client = None
    try:
        client = connect()
    except (EngineUnreachable, UserInputError) as exc:  # no engine (or no SDK): the local folders are still pruned
        say(f"images prune: derived images skipped: {exc.message}")
    if client is not None:
        entries += derived_images(client, root)
    decided = plan(entries, args.keep)
    done = [(e, "kept" if stays else "would remove") for e, stays in decided] if args.dry_run \
        else prune(decided, client)
    say("| kind | environment | last used | size MB | result |\n|---|---|---|---:|---|")
    for entry, result in done:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.last_used))
        say(f"| {entry.kind} | {entry.name} | {when} | {entry.size_mb:.0f} | {result} |")
    freed = sum(e.size_mb for e, result in done if result in ("removed", "would remove"))
    say(f"{'would free' if args.dry_run else 'freed'} {freed:.0f} MB; kept the {args.keep} most recently used of "
        f"each kind ({len(done)} found)")
    return 0


def add_commands(subparsers: Any) -> None:
    """Add ``images build``, ``list`` and ``prune`` to the ``mlops`` sub-command parsers."""
    images = subparsers.add_parser("images", help="build and list the training images (Docker)")
    sub = images.add_subparsers(dest="images_command", required=True)

    build = sub.add_parser("build", help="build the images that are missing or out of date",
                           description="Build the training images (keras, sklearn) and the tools image.")
    build.add_argument("names", nargs="*", metavar="NAME",
                       help=f"images to build (default all: {', '.join(r.name for r in RECIPES)})")
    build.add_argument("--offline", action="store_true",
                       help=f"no registry/index in the build: base {OFFLINE_BASE} bootstrapped with "
                            "mmdebstrap, wheels from a wheelhouse prepared on this host")
    build.add_argument("--base-image", metavar="IMG",
                       help=f"base image (default {ONLINE_BASE}; with --offline {OFFLINE_BASE})")
    build.add_argument("--wheelhouse", metavar="DIR",
                       help="wheel folder for --offline (default $MLOPS_WHEELHOUSE or ~/.cache/mlops/wheelhouse)")
    build.add_argument("--force", action="store_true", help="rebuild even when up to date")
    build.set_defaults(func=cmd_build)

    listing = sub.add_parser("list", help="show each image: missing, up to date or stale")
    listing.set_defaults(func=cmd_list)

    pruning = sub.add_parser("prune", help="remove requirement environments no run used lately",
                             description="Remove the derived images (mlops/requirements:<key>) and local "
                                         "environments that pushed requirements.txt files left, beyond the most "
                                         "recently used ones.")
    pruning.add_argument("--keep", type=int, default=10, metavar="N",
                         help="how many of each kind to keep, the most recently used (default 10)")
    pruning.add_argument("--dry-run", action="store_true", help="show what would be removed, remove nothing")
    pruning.set_defaults(func=cmd_prune)
