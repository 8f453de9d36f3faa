"""Whole-folder analysis: what a script imports from the pushed folder's own modules counts.

Real projects build the network in ``model.py`` and train it in ``train.py``; they bring Keras
names in with ``from __init__ import *`` or ``from model_layers import *``; packages re-export
builders through ``__init__.py`` and relative imports. Detection therefore resolves every import
of a module that exists in the pushed folder (absolute from the importing file's folder up to the
root, relative, wildcard, ``import pkg`` then ``pkg.f``; a name found nowhere else falls back to
the one file in the folder with that name), with cycles cut where they close.

A module of the folder is named ``@N`` internally (``@3.build_model`` is the function
``build_model`` of the fourth module analysed). What such an object builds is brought into the
importing file as :class:`~pipeline_lib.detect.scan.Use` records placed on the line where the file
uses it (so liveness and "what does ``model.fit`` train" work as for local code) and carrying their
real ``origin`` (file and line) for the evidence. Importing a module also runs its top-level code,
so that code's uses arrive at the import line.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline_lib.detect.imports import ImportTable
from pipeline_lib.detect.recover import Parsed, parse_file
from pipeline_lib.detect.scan import Facts, Use, scan
from pipeline_lib.detect.symbols import is_known

__all__ = ["MARK", "SKIP_DIRS", "Module", "Project", "python_files"]

MARK = "@"

#: Directories that hold other people's code or tool state, never the user's scripts.
SKIP_DIRS = frozenset({".git", "venv", ".venv", "env", "site-packages", "__pycache__",
                       "node_modules", ".ipynb_checkpoints", ".tox", ".nox", ".mypy_cache",
                       ".pytest_cache", ".ruff_cache", ".eggs", ".hg", ".svn"})

#: Top-level names that are libraries, never a module of the pushed folder (a stray ``keras.py``
#: in the folder is far likelier a notebook export than a shadowing package).
_LIBRARIES = frozenset({"keras", "tensorflow", "tf_keras", "sklearn", "torch", "torchvision",
                        "numpy", "pandas", "scipy", "matplotlib", "seaborn", "cv2", "PIL", "os",
                        "sys", "math", "random", "json", "re", "time", "pathlib", "typing"})


def python_files(root: Path) -> list[Path]:
    """Every ``.py`` under ``root``, skipping tool/venv folders (a folder with pyvenv.cfg too)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                         and not (Path(folder, d) / "pyvenv.cfg").exists())
        found.extend(Path(folder, f) for f in files if f.endswith(".py"))
    return found


@dataclass
class Module:
    """One ``.py`` file of the folder and what is known of it so far.

    Attributes:
        index: its number; ``@index`` names it in symbols.
        path: the file.
        display: path relative to the root, as reported.
        parsed: the parse (a tree, or why not).
        table: its import table once linked to the folder's other modules.
        facts: its scan, with other modules' uses brought in.
        state: 0 not analysed, 1 being analysed (an import cycle stops here), 2 done.
    """

    index: int
    path: Path
    display: str
    parsed: Parsed
    table: ImportTable | None = None
    facts: Facts | None = None
    state: int = 0

    @property
    def mark(self) -> str:
        return f"{MARK}{self.index}"


def _top_level_names(tree: ast.Module) -> set[str]:
    """Names a module binds at its top level by assignment (what ``from m import *`` exports)."""
    names: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            for sub in ast.walk(target):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
    return names


class Project:
    """The pushed folder: modules parsed on demand, each analysed once.

    Args:
        root: the folder; modules outside it are never resolved.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root = os.path.abspath(root)
        self._located: dict[tuple[str, Path], tuple[Path, list[str]] | None] = {}
        self._modules: dict[Path, Module] = {}
        self._by_index: list[Module] = []
        self._stems: dict[str, list[Path]] | None = None
        self._files: set[str] = set()
        self._cache: dict[str, list[Use]] = {}
        self._users: dict[str, set[str]] | None = None

    def load(self, path: Path) -> Module:
        """The module for ``path`` (parsed once)."""
        key = Path(os.path.abspath(path))
        if key not in self._modules:
            try:
                display = path.relative_to(self.root).as_posix()
            except ValueError:
                display = path.name
            module = Module(len(self._by_index), path, display, parse_file(path, display))
            self._modules[key] = module
            self._by_index.append(module)
        return self._modules[key]

    def users(self, display: str) -> set[str]:
        """The analysed files that use something built in module ``display`` (call this once all
        files are analysed: the index is built on the first call)."""
        if self._users is None:
            self._users = {}
            for module in self._by_index:
                for use in module.facts.uses if module.facts is not None else ():
                    if use.origin is not None and use.origin[0] != module.display:
                        self._users.setdefault(use.origin[0], set()).add(module.display)
        return self._users.get(display, set())

    def analyse(self, module: Module) -> Facts | None:
        """Link, scan and enrich ``module``; None if it does not parse (or, in a cycle, yet)."""
        if module.state:
            return module.facts
        module.state = 1
        tree = module.parsed.tree
        if tree is not None:
            module.table = ImportTable.build(tree)
            self._link(module, module.table)
            module.facts = scan(tree, is_known, module.table)
            self._attach(module)
        module.state = 2
        return module.facts

    # -- finding modules -------------------------------------------------------------------

    def _inside(self, path: Path) -> bool:
        full = os.path.abspath(path)
        if full != self._root and not full.startswith(self._root + os.sep):
            return False
        return not any(part in SKIP_DIRS for part in Path(full[len(self._root):]).parts)

    def _index(self) -> dict[str, list[Path]]:
        """The folder's ``.py`` files by module name (the package name for ``__init__.py``),
        walked once; :attr:`_files` holds their absolute paths."""
        if self._stems is None:
            self._stems = {}
            for path in python_files(self.root):
                stem = path.parent.name if path.name == "__init__.py" else path.stem
                self._stems.setdefault(stem, []).append(path)
                self._files.add(os.path.abspath(path))
        return self._stems

    def _is_module(self, path: Path) -> bool:
        return bool(self._index()) and os.path.abspath(path) in self._files

    def _stem_match(self, name: str) -> Path | None:
        matches = self._index().get(name, [])
        return matches[0] if len(matches) == 1 else None

    def locate(self, dotted: str, importer: Module) -> tuple[Module, list[str]] | None:
        """The folder module an import path names and the attribute path after it, or None."""
        key = (dotted, importer.path.parent)
        if key not in self._located:
            self._located[key] = self._find(dotted, importer.path.parent)
        found = self._located[key]
        return (self.load(found[0]), list(found[1])) if found is not None else None

    def _find(self, dotted: str, folder: Path) -> tuple[Path, list[str]] | None:
        level = len(dotted) - len(dotted.lstrip("."))
        parts = [p for p in dotted[level:].split(".") if p]
        if level:
            base = folder
            for _ in range(level - 1):
                base = base.parent
            bases = [base]
        else:
            if not parts or parts[0] in _LIBRARIES:
                return None
            bases = [folder, *folder.parents]
        for base in bases:
            if not self._inside(base):
                break
            for i in range(len(parts), 0, -1):
                stem = base.joinpath(*parts[:i])
                for file in (stem.with_name(stem.name + ".py"), stem / "__init__.py"):
                    if self._is_module(file):
                        return file, parts[i:]
            if level and not parts and self._is_module(base / "__init__.py"):
                return base / "__init__.py", []
        found = None if level else self._stem_match(parts[0])
        return (found, parts[1:]) if found is not None else None

    # -- linking names ---------------------------------------------------------------------

    def _resolve(self, dotted: str, importer: Module) -> str | None:
        """``dotted`` rewritten to a folder symbol (``@N.attr``) or to what a re-export names."""
        found = self.locate(dotted, importer)
        if found is None:
            return None
        module, attrs = found
        if not attrs:
            return module.mark
        self.analyse(module)  # its own imports first, so re-exports resolve (a cycle: as far as known)
        table = module.table
        if table is not None and attrs[0] in table.names and attrs[0] not in table.local:
            return ".".join([table.names[attrs[0]], *attrs[1:]])
        return ".".join([module.mark, *attrs])

    def _exports(self, module: Module) -> dict[str, str]:
        """What ``from module import *`` binds: its imports, definitions and top-level names."""
        table, tree = module.table, module.parsed.tree
        if table is None or tree is None:
            return {}
        out = {n: q for n, q in table.names.items() if not n.startswith("_")}
        for name in table.local | _top_level_names(tree):
            if not name.startswith("_"):
                out[name] = f"{module.mark}.{name}"
        return out

    def _link(self, module: Module, table: ImportTable) -> None:
        """Point the table's names at the folder's modules and expand their ``*`` imports."""
        for name, qualified in list(table.names.items()):
            target = self._resolve(qualified, module)
            if target is not None:
                table.names[name] = target
        kept: list[str] = []
        for wildcard in table.wildcards:
            found = self.locate(wildcard, module)
            if found is None or found[1]:
                kept.append(wildcard)
                continue
            other = found[0]
            self.analyse(other)
            for name, qualified in self._exports(other).items():
                if name not in table.local and name not in table.names:
                    table.names[name] = qualified
                    table.via[name] = wildcard
            kept.extend(other.table.wildcards if other.table is not None else [])
        table.wildcards = kept

    # -- bringing uses in -----------------------------------------------------------------

    def _module_of(self, symbol: str) -> tuple[Module, list[str]]:
        head, *attrs = symbol.split(".")
        return self._by_index[int(head[len(MARK):])], attrs

    def _key(self, symbol: str) -> str:
        """The object a folder symbol uses: ``@N.name``, or ``@N`` for a module itself.

        ``pkg.sub.build`` after ``import pkg.sub`` reaches into the submodule file when ``sub``
        is not a name the package itself defines.
        """
        module, attrs = self._module_of(symbol)
        while attrs and module.path.name == "__init__.py" and self.analyse(module) is not None \
                and module.table is not None \
                and attrs[0] not in module.table.local and attrs[0] not in module.table.names:
            found = self._find("." + attrs[0], module.path.parent)
            if found is None or found[1]:
                break
            module, attrs = self.load(found[0]), attrs[1:]
        return ".".join([module.mark, *attrs[:1]])

    def _running(self, module: Module) -> list[Use]:
        """Uses in code that runs when ``module`` is imported, with their origin set."""
        return self._brought(module.mark)

    def _brought(self, key: str) -> list[Use]:
        """What a module (``@N``: its top-level code) or an object of it (``@N.name``) stands for.

        A function or class stands for its body and the bodies of the module's own functions it
        calls; any other name (a model built at the top level) for the module's top-level code.
        Results are kept once the module is fully analysed (in a cycle it may not be yet).
        """
        if key in self._cache:
            return self._cache[key]
        module, attrs = self._module_of(key)
        facts = self.analyse(module)
        if facts is None or module.table is None:
            return []
        if attrs and attrs[0] in module.table.local:
            lines = self._scope_lines(facts, module.table.local, attrs[0])
            uses = [u for u in facts.uses if any(a <= u.line <= b for a, b in lines)]
        else:
            uses = [u for u in facts.uses if facts.runs_at(u.line) is not None]
        brought = [u if u.origin else replace(u, origin=(module.display, u.line))
                   for u in uses if not u.symbol.startswith(MARK)]
        if module.state == 2:
            self._cache[key] = brought
        return brought

    @staticmethod
    def _scope_lines(facts: Facts, local: set[str], name: str) -> list[tuple[int, int]]:
        """Line ranges of function/class ``name`` and of the module's functions it calls."""
        pending, done, lines = [name], set(), []
        while pending:
            current = pending.pop()
            done.add(current)
            ranges = [(s.start, s.end) for s in facts.scopes if s.name == current]
            lines.extend(ranges)
            for other, used in facts.references.items():
                if other not in done and other in local and \
                        any(a <= at <= b for at in used for a, b in ranges):
                    pending.append(other)
        return lines

    def _attach(self, module: Module) -> None:
        """Add the uses of the folder modules and objects ``module`` imports and uses.

        Each module or object arrives once, on the first line using it in code that runs (else
        the first line using it): that line decides whether it runs and what ``fit`` trains.
        """
        facts, table = module.facts, module.table
        assert facts is not None and table is not None
        arrivals: dict[str, list[int]] = {}
        for node in table.statements:
            for target in self._imported_modules(node, module):
                arrivals.setdefault(target.mark, []).append(node.lineno)
        for use in facts.uses:
            if use.symbol.startswith(MARK):
                key = self._key(use.symbol)
                arrivals.setdefault(key, []).append(use.line)
                facts.foreign[use.symbol] = frozenset(u.symbol for u in self._brought(key))
        for name, qualified in table.names.items():
            if qualified.startswith(MARK):
                key = self._key(qualified)
                facts.foreign.setdefault(name, frozenset(u.symbol for u in self._brought(key)))
        def first(lines: list[int]) -> tuple[bool, int]:
            return min((facts.runs_at(at) is None, at) for at in lines)

        seen = {(u.origin, u.symbol) for u in facts.uses}
        for key, (_, line) in sorted(((k, first(v)) for k, v in arrivals.items()), key=lambda kv: kv[1]):
            for use in self._brought(key):
                if (use.origin, use.symbol) not in seen:
                    seen.add((use.origin, use.symbol))
                    facts.uses.append(replace(use, line=line))
        facts.uses.sort(key=lambda u: u.line)

    def _imported_modules(self, node: ast.Import | ast.ImportFrom, module: Module) -> list[Module]:
        """The folder modules an import statement loads (and so runs)."""
        if isinstance(node, ast.Import):
            paths = [alias.name for alias in node.names]
        else:
            base = "." * node.level + (node.module or "")
            paths = [base] + [f"{base}{'' if base.endswith('.') else '.'}{a.name}"
                              for a in node.names if a.name != "*"]
        out = []
        for dotted in paths:
            found = self.locate(dotted, module)
            if found is not None and not found[1] and found[0] is not module:
                out.append(found[0])
        return out
