"""The published schema in other tools: Python and TypeScript code generators, and Ajv.

Each generator must make one type per value type and model from
docs/schema/case.schema.json: no numbered copies (``Span1``), no private names
(``_QuantityDict``), no type per field (``MemberCount``).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partycases.schema import example_case
from tests.conftest import EXAMPLE_CASES, ROOT

SCHEMA = ROOT / "docs" / "schema" / "case.schema.json"
#: The types a generator should make: every model and value type, nothing else.
TYPES = {
    "Activity", "ActivityKind", "Case", "DateRange", "Honour", "HonourKind", "HonourLevel",
    "Identifier", "IdentifierScheme", "JsonValue", "Name", "NameKind", "Organisation",
    "OrganisationKind", "Paragraph", "PartialDate", "Person", "Qualifier", "Quantity", "Role",
    "Section", "SectionKind", "Series", "Source", "Span", "Timestamp", "Work", "WorkKind",
}  # fmt: skip
NPM_PACKAGES = ["json-schema-to-typescript@15", "ajv@8", "ajv-formats@3"]


@pytest.fixture(scope="module")
def generated_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Python models generated from the committed schema by datamodel-code-generator."""
    codegen = shutil.which("datamodel-codegen", path=str(Path(sys.executable).parent))
    if codegen is None:
        pytest.skip("datamodel-code-generator is not installed (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("codegen") / "case_models.py"
    subprocess.run(
        [
            codegen, "--input", str(SCHEMA), "--input-file-type", "jsonschema",
            "--output-model-type", "pydantic_v2.BaseModel", "--output", str(out),
        ],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def node_modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary folder with json-schema-to-typescript and Ajv installed by npm."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are not installed; the TypeScript and Ajv checks need them")
    folder = tmp_path_factory.mktemp("npm")
    installed = subprocess.run(
        [npm, "install", "--prefer-offline", "--no-audit", "--no-fund", "--silent",
         "--prefix", str(folder), *NPM_PACKAGES],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if installed.returncode != 0:
        pytest.skip(f"npm could not install {NPM_PACKAGES}: {installed.stderr.strip()[-300:]}")
    return folder


def _node(folder: Path, script: str, *args: str) -> str:
    """Run an ES module ``script`` with node inside ``folder``; return its standard output."""
    path = folder / "script.mjs"
    path.write_text(script, encoding="utf-8")
    done = subprocess.run(
        ["node", str(path), *args], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_python_models_have_one_class_per_type(generated_python: Path) -> None:
    """datamodel-code-generator makes exactly one class per model and value type."""
    source = generated_python.read_text(encoding="utf-8")
    classes = set(re.findall(r"^class (\w+)\(", source, flags=re.MULTILINE))
    assert classes == TYPES
    assert not re.search(r"^class \w+\d\(", source, flags=re.MULTILINE)


def test_generated_python_models_read_every_example(
    generated_python: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generated models validate the example cases and the schema's own example."""
    spec = importlib.util.spec_from_file_location("case_models", generated_python)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "case_models", module)  # pydantic resolves names there
    spec.loader.exec_module(module)
    for path in EXAMPLE_CASES:
        case = module.Case.model_validate_json(path.read_bytes())
        assert case.id
    case = module.Case.model_validate(example_case())
    assert type(case.organisations[0].evidence[0]).__name__ == "Span"
    assert type(case.organisations[1].member_count).__name__ in {"Quantity", "NoneType"}


def test_typescript_has_one_type_per_value_type(node_modules: Path) -> None:
    """json-schema-to-typescript declares each model and value type once, with no numbered copies."""
    script = """
import { compileFromFile } from "json-schema-to-typescript";
process.stdout.write(await compileFromFile(process.argv[2], { bannerComment: "" }));
"""
    typescript = _node(node_modules, script, str(SCHEMA))
    names = re.findall(r"^export (?:interface|type) (\w+)", typescript, flags=re.MULTILINE)
    assert len(names) == len(set(names))
    assert set(names) == TYPES
    assert "evidence?: Span[];" in typescript
    assert "member_count?: Quantity | null;" in typescript


def test_ajv_accepts_the_examples(node_modules: Path) -> None:
    """Ajv (draft 2020-12, formats asserted) compiles the schema and accepts every example."""
    script = """
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const schema = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const validate = ajv.compile(schema);
const results = {};
for (const path of process.argv.slice(3)) {
  const doc = JSON.parse(fs.readFileSync(path, "utf8"));
  results[path] = validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}
results.schema_example = validate(schema.examples[0]) ? [] : validate.errors;
results.rejects_unknown = !validate({ ...schema.examples[0], colour: "red" });
process.stdout.write(JSON.stringify(results));
"""
    out = json.loads(_node(node_modules, script, str(SCHEMA), *map(str, EXAMPLE_CASES)))
    assert out.pop("rejects_unknown") is True
    assert out == {key: [] for key in out}
