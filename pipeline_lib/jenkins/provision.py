"""Provision the rendered items on a Jenkins server, idempotently.

Decide, then execute: :func:`plan` compares every rendered item with the server's copy and
says create, update or skip; :func:`apply` carries the plan out; ``--dry-run`` stops after
the plan. Seeding twice changes nothing the second time.

Why compare by containment rather than text: Jenkins re-serialises what it stores. A view's
config.xml comes back with every field of the class, ``plugin="name@version"`` attributes
and another XML declaration; a job's comes back so once anyone saves it (a declarative build
adds its own actions and properties). So an item is unchanged when every element, attribute
(bar ``plugin``) and text of the rendered config is found at the same place in the server's.
The rendered description carries a digest of the whole rendered config, so a change that
only removes an element still shows as a difference.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal

from pipeline_lib.console import Say, say
from pipeline_lib.errors import RemoteError, UserInputError
from pipeline_lib.jenkins.client import JenkinsClient
from pipeline_lib.jenkins.render import RenderedItem, Rendering

__all__ = ["Action", "PlanStep", "SeedReport", "apply", "config_difference", "format_plan",
           "missing_plugins", "plan", "seed"]

Action = Literal["create", "update", "skip"]


@dataclass(frozen=True)
class PlanStep:
    """What seeding does to one item, and why."""

    item: RenderedItem
    action: Action
    reason: str


@dataclass(frozen=True)
class SeedReport:
    """The outcome of one seed: who, what was (or would be) done, which plugins are missing."""

    url: str
    user: str
    steps: tuple[PlanStep, ...]
    missing_plugins: tuple[str, ...]
    dry_run: bool

    def counts(self) -> dict[Action, int]:
        """Number of items per action."""
        return {action: sum(1 for s in self.steps if s.action == action)
                for action in ("create", "update", "skip")}


def _parse(xml: str, where: str) -> ET.Element:
    try:
        return ET.fromstring(xml.encode("utf-8"))
    except ET.ParseError as exc:
        raise RemoteError(f"{where}: the config is not well-formed XML ({exc})",
                          hint="the server answered something other than a config.xml") from exc


def _text(element: ET.Element) -> str:
    return (element.text or "").replace("\r\n", "\n").strip()


def _where_texts_differ(have: str, want: str) -> str:
    start = next((i for i, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))
    start = max(0, start - 20)
    return f"{have[start:start + 50]!r} on the server, {want[start:start + 50]!r} rendered"


def _difference(want: ET.Element, have: ET.Element, path: str) -> str | None:
    if want.tag != have.tag:
        return f"{path}: <{have.tag}> on the server"
    for key, value in want.attrib.items():
        if key != "plugin" and have.attrib.get(key) != value:
            return f"{path}/@{key}: {have.attrib.get(key)!r} on the server, {value!r} rendered"
    if len(want) == 0:
        # An empty rendered element (<actions/>) accepts whatever Jenkins keeps inside it.
        if _text(want) != _text(have) and (_text(want) or len(have) == 0):
            return f"{path}: {_where_texts_differ(_text(have), _text(want))}"
        return None
    used: set[int] = set()
    # The description (with the config digest) last: a real difference is the better report.
    for child in sorted(want, key=lambda c: c.tag == "description"):
        candidates = [i for i, c in enumerate(have) if c.tag == child.tag and i not in used]
        child_path = f"{path}/{child.tag}"
        if not candidates:
            return f"{child_path}: missing on the server"
        match = next((i for i in candidates if _difference(child, have[i], child_path) is None), None)
        if match is None:
            return _difference(child, have[candidates[0]], child_path)
        used.add(match)
    return None


def config_difference(wanted: str, actual: str) -> str | None:
    """Where the server's config ``actual`` lacks something of ``wanted``; None when it has it all."""
    want = _parse(wanted, "rendered config")
    return _difference(want, _parse(actual, "server config"), want.tag)


def missing_plugins(client: JenkinsClient, rendering: Rendering) -> tuple[str, ...]:
    """The plugins the rendered items need that the server lacks (or has but not active)."""
    installed = client.plugins()
    return tuple(f"{name} (installed but not active)" if name in installed else name
                 for name in rendering.plugins if not (name in installed and installed[name].active))


def _step(client: JenkinsClient, item: RenderedItem) -> PlanStep:
    current = client.config(item.item_type, item.name)
    if current is None:
        return PlanStep(item, "create", "not on the server")
    want, have = _parse(item.xml, item.file), _parse(current, f"{item.item_type} {item.name} on the server")
    if want.tag != have.tag:
        raise UserInputError(f"{item.item_type} {item.name} already exists on {client.url} as a <{have.tag}>, "
                             f"not a <{want.tag}>",
                             hint="rename or delete that item, or seed into another place with --folder or --prefix")
    if item.item_type == "folder":
        return PlanStep(item, "skip", "exists (a folder's config holds its views: never replaced)")
    difference = _difference(want, have, want.tag)
    return PlanStep(item, "update", difference) if difference else PlanStep(item, "skip", "unchanged")


def plan(client: JenkinsClient, rendering: Rendering) -> tuple[PlanStep, ...]:
    """Create, update or skip, per item, in provisioning order (folders, jobs, view)."""
    client.connect()
    return tuple(_step(client, item) for item in rendering.items)


def apply(client: JenkinsClient, steps: tuple[PlanStep, ...], echo: Say = say) -> None:
    """Carry out the plan, then read each changed item back to check Jenkins kept it all."""
    for step in steps:
        item = step.item
        if step.action == "skip":
            continue
        client.save(item.item_type, item.name, item.xml, create=step.action == "create")
        stored = client.config(item.item_type, item.name)
        difference = config_difference(item.xml, stored) if stored is not None else "not found after saving"
        if difference:
            raise RemoteError(f"Jenkins accepted {item.item_type} {item.name} but did not keep its config "
                              f"({difference})",
                              hint="a plugin the item needs is probably missing or too old; see Manage Jenkins > "
                                   "Manage Old Data")
        echo(f"{'created' if step.action == 'create' else 'updated'} {item.item_type} {item.name}")


def seed(client: JenkinsClient, rendering: Rendering, *, dry_run: bool = False,
         echo: Say = say) -> SeedReport:
    """Check the plugins, plan, and (unless ``dry_run``) apply; returns what was decided.

    Raises:
        UserInputError: plugins are missing (before anything is changed; a dry run reports
            them in the returned report instead, so the plan can still be shown).
    """
    me = client.connect()
    missing = missing_plugins(client, rendering)
    if missing and not dry_run:
        raise UserInputError(f"Jenkins at {client.url} lacks plugins the jobs need: {', '.join(missing)}",
                             hint="install them (Manage Jenkins > Plugins > Available plugins), restart "
                                  "Jenkins, then seed again; nothing was changed")
    steps = plan(client, rendering)
    if not dry_run:
        apply(client, steps, echo)
    return SeedReport(client.url, str(me.get("id", client.user)), steps, missing, dry_run)


def format_plan(report: SeedReport) -> str:
    """The plan as an aligned table with a one-line summary."""
    width = max((len(s.item.name) for s in report.steps), default=0)
    lines = [f"Jenkins {report.url} as {report.user}" + (" (dry run: nothing changed)" if report.dry_run else "")]
    lines += [f"  {s.action:<6}  {s.item.item_type:<6}  {s.item.name:<{width}}  {s.reason}" for s in report.steps]
    counts = report.counts()
    if report.dry_run:
        lines.append(f"{counts['create']} to create, {counts['update']} to update, {counts['skip']} unchanged")
    else:
        lines.append(f"{counts['create']} created, {counts['update']} updated, {counts['skip']} unchanged")
    return "\n".join(lines)
