"""The layers run one way: language and models → extract and normalize →
pipeline, batch, dataset → cli. Inside the four lower packages every import of
the project is relative, so the folder tree is the import tree for editors."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"lang": "vnlegal.lang", "models": "vnlegal.models", "extract": "vnlegal.extract",
           "normalize": "vnlegal.normalize", "vnlegal": "vnlegal"}
# what each package may import from the project, besides itself
ALLOWED = {
    "vnlegal.lang": set(),
    "vnlegal.models": {"vnlegal.lang"},
    "vnlegal.extract": {"vnlegal.lang", "vnlegal.models"},
    "vnlegal.normalize": {"vnlegal.lang", "vnlegal.models"},
}
TOP = {"vnlegal.cli": 3}  # the doors: cli on top, the rest of vnlegal/ under it


def modules():
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT / folder).with_suffix("")
            parts = [p for p in rel.parts if p != "__init__"]
            yield path, ".".join([package, *parts]), path.name == "__init__.py"


def imports(path: Path, name: str, is_package: bool):
    """(line, absolute module imported, written relative?) for project imports."""
    here = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                yield node.lineno, target, True
            elif node.module and node.module.split(".")[0] == "vnlegal":
                yield node.lineno, node.module, False
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "vnlegal":
                    yield node.lineno, alias.name, False


def package_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) >= 2 and f"vnlegal.{parts[1]}" in ALLOWED:
        return f"vnlegal.{parts[1]}"
    return "vnlegal"


def test_imports_run_one_way():
    wrong = []
    for path, name, is_package in modules():
        mine = package_of(name)
        for line, target, _ in imports(path, name, is_package):
            theirs = package_of(target)
            if mine in ALLOWED:
                if theirs != mine and theirs not in ALLOWED[mine]:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
            elif theirs == "vnlegal" and TOP.get(target, 2) > TOP.get(name, 2):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {target}, which sits above it")
    assert not wrong, "imports running back up:\n" + "\n".join(wrong)


def test_lower_packages_import_each_other_relatively():
    absolute = [f"{path.relative_to(ROOT)}:{line} {target}"
                for path, name, is_package in modules() if package_of(name) in ALLOWED
                for line, target, relative in imports(path, name, is_package) if not relative]
    assert not absolute, "write these imports relative (from ..lang.text import clean):\n" + "\n".join(absolute)


def test_the_checker_sees_a_wrong_import(tmp_path):
    # the walk itself must catch an upward import, or the two tests above prove nothing
    bad = tmp_path / "meta.py"
    bad.write_text("from ..extract.pdf import read_pdf\nfrom vnlegal.pipeline import normalize\n")
    found = list(imports(bad, "vnlegal.normalize.meta", False))
    assert found == [(1, "vnlegal.extract.pdf", True), (2, "vnlegal.pipeline", False)]
    assert package_of(found[0][1]) not in ALLOWED["vnlegal.normalize"] | {"vnlegal.normalize"}
