"""Permanent agents on this machine for the live tests: the command-launcher plugin starts ``java -jar agent.jar``.

Each agent has its own remote root (workspace) under a temp folder and writes its pid there, so a test
can kill exactly the agent process it caused to start. The launch command must be approved once (script
security): an admin does that under Manage Jenkins > In-process Script Approval; here the script console.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from pipeline_lib.images import TOOLS_IMAGE
from tests.jenkins.live import Live, _groovy_string, poll

__all__ = ["Agent", "kill_containers_of", "remove_agent", "start_agents", "stop_agents"]


@dataclass
class Agent:
    name: str
    root: Path

    @property
    def pid(self) -> int:
        return int((self.root / "agent.pid").read_text().strip())

    def kill(self) -> None:
        """SIGKILL the agent's JVM (by the pid it wrote), as when its machine goes away."""
        with contextlib.suppress(ProcessLookupError, FileNotFoundError, ValueError):
            os.kill(self.pid, signal.SIGKILL)


def start_agents(live: Live, names: list[str], label: str, base: Path) -> list[Agent]:
    """Create (or recreate) one permanent agent per name with ``label`` and wait until all are online."""
    jar = requests.get(live.url + "/jnlpJars/agent.jar", timeout=60)
    jar.raise_for_status()
    agents = []
    for name in names:
        root = base / name
        root.mkdir(parents=True, exist_ok=True)
        (root / "agent.jar").write_bytes(jar.content)
        command = f"sh -c 'echo $$ > {root}/agent.pid; exec java -jar {root}/agent.jar'"
        live.script(f"""
import hudson.slaves.*
import jenkins.model.Jenkins
import org.jenkinsci.plugins.scriptsecurity.scripts.ScriptApproval
def j = Jenkins.get()
def old = j.getNode({_groovy_string(name)})
if (old != null) {{ j.removeNode(old) }}
def agent = new DumbSlave({_groovy_string(name)}, {_groovy_string(str(root))}, new CommandLauncher({_groovy_string(command)}))
agent.numExecutors = 1
agent.labelString = {_groovy_string(label)}
agent.mode = hudson.model.Node.Mode.EXCLUSIVE
agent.retentionStrategy = new RetentionStrategy.Always()
j.addNode(agent)
def approval = ScriptApproval.get()
approval.pendingScripts.findAll {{ it.script == {_groovy_string(command)} }}.each {{ approval.approveScript(it.hash) }}
j.getComputer({_groovy_string(name)}).connect(true)
println 'ok'
""")
        agents.append(Agent(name, root))
    for agent in agents:
        poll(f"agent {agent.name} online", lambda a=agent: live.json(f"/computer/{a.name}/api/json")["offline"] is False,
             120, every=1.0)
    return agents


def remove_agent(live: Live, name: str) -> None:
    """Delete the node: what an elastic cloud does when its machine is gone (the build's branch is re-queued)."""
    live.script(f"""
def j = jenkins.model.Jenkins.get()
def node = j.getNode({_groovy_string(name)})
if (node != null) {{ j.removeNode(node) }}
println 'ok'
""")


def kill_containers_of(agent: Agent) -> list[str]:
    """Remove the containers ``agent``'s builds started: its tools containers and the sandboxes they started.

    A tools container mounts the agent's workspace; a sandbox is labelled with its worker token, which
    starts with the agent's name (``NAME-bN-aN``).
    """
    listed = subprocess.run(["docker", "ps", "-q"], capture_output=True, text=True, check=False).stdout.split()
    killed = []
    for container in listed:
        seen = subprocess.run(["docker", "inspect", "-f",
                               "{{range .Mounts}}{{.Source}} {{end}}|{{index .Config.Labels \"mlops.worker\"}}",
                               container], capture_output=True, text=True, check=False).stdout
        mounts, _, worker = seen.partition("|")
        if str(agent.root) in mounts or f".{agent.name}-b" in worker:
            subprocess.run(["docker", "rm", "-f", container], capture_output=True, check=False)
            killed.append(container)
    return killed


def stop_agents(live: Live, agents: list[Agent]) -> None:
    """Remove the nodes, kill the agent processes and the tools containers their lost builds left."""
    for agent in agents:
        with contextlib.suppress(Exception):
            remove_agent(live, agent.name)
        agent.kill()
    time.sleep(1.0)
    # docker.inside's container of a branch whose agent was killed is never stopped by that agent.
    found = subprocess.run(["docker", "ps", "-aq", "--filter", f"ancestor={TOOLS_IMAGE}"], capture_output=True,
                           text=True, check=False).stdout.split()
    for container in found:
        mounts = subprocess.run(["docker", "inspect", "-f", "{{range .Mounts}}{{.Source}} {{end}}", container],
                                capture_output=True, text=True, check=False).stdout
        if any(str(agent.root) in mounts for agent in agents):
            subprocess.run(["docker", "rm", "-f", container], capture_output=True, check=False)
