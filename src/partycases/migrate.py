"""Schema versions: older case files are upgraded on raw data, one pure step per version.

Every file carries ``schema_version``. A file of an older version is passed
through the registered steps, each a pure ``dict -> dict`` function, until it
is current; the original version and the steps applied are recorded under
``extensions["partycases.migration"]``. A file from a newer major version is
refused with the release of partycases it needs.

Version 0.9 (the draft format before 1.0) differs from 1.0 in three ways:
organisations were listed under ``organizations``; an honour's year was a bare
integer ``year`` rather than a partial date ``date``; a member count was a bare
integer rather than a quantity.

Files written as 1.0 by earlier releases may give an organisation with a credit
code the id ``org:uscc-<code>``. An organisation's id is now always the key of
its name; such files are repaired on reading (:data:`REPAIRS`): the id becomes
the name's key, the code becomes an identifier, and every reference follows.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Final

from partycases.errors import LoadError, Problem
from partycases.ids import LEGACY_ORG_PREFIX

__all__ = ["CURRENT", "MIGRATION_KEY", "REPAIRS", "STEPS", "migrate", "needs_migration"]

CURRENT: Final = "1.0"
#: Where a migrated case records what was done to it.
MIGRATION_KEY: Final = "partycases.migration"
#: The partycases release that first reads each future major version (none yet).
FUTURE: Final[dict[str, str]] = {}

Data = dict[str, Any]


def _both(old: str, new: str, pointer: str) -> LoadError:
    return LoadError(
        [
            Problem(
                f"holds both {old!r} (schema 0.9) and {new!r} (1.0); keep one of them, "
                "nothing is dropped silently",
                pointer,
            )
        ]
    )


def _from_0_9(data: Data) -> Data:
    out = copy.deepcopy(data)
    if "organizations" in out:
        if "organisations" in out:
            raise _both("organizations", "organisations", "/organizations")
        out["organisations"] = out.pop("organizations")
    honours = out.get("honours")
    for index, honour in enumerate(honours if isinstance(honours, list) else []):
        if isinstance(honour, dict) and "year" in honour:
            pointer = f"/honours/{index}/year"
            if "date" in honour:
                raise _both("year", "date", pointer)
            year = honour.pop("year")
            if isinstance(year, bool) or not isinstance(year, (int, str, type(None))):
                raise LoadError([Problem(f"expected a year such as 2017; got {year!r}", pointer)])
            if year is not None:
                honour["date"] = str(year)
    organisations = out.get("organisations")
    for org in organisations if isinstance(organisations, list) else []:
        count = org.get("member_count") if isinstance(org, dict) else None
        if isinstance(count, int) and not isinstance(count, bool):
            org["member_count"] = {"value": count}
    # Anything else malformed (``organizations: 5``) is left for the models to report.
    out["schema_version"] = "1.0"
    return out


#: version -> (next version, step)
STEPS: Final[dict[str, tuple[str, Callable[[Data], Data]]]] = {
    "0.9": ("1.0", _from_0_9),
}


#: The id prefix earlier releases gave an organisation with a credit code.


def _legacy_org_ids(data: Data) -> list[tuple[int, str]]:
    organisations = data.get("organisations")
    if not isinstance(organisations, list):
        return []
    return [
        (index, org["id"])
        for index, org in enumerate(organisations)
        if isinstance(org, dict)
        and isinstance(org.get("id"), str)
        and org["id"].startswith(LEGACY_ORG_PREFIX)
    ]


def _code_identifier(code: str) -> dict[str, str]:
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError as StdnumError

    try:
        return {"scheme": "uscc", "value": uscc.validate(code)}
    except StdnumError:
        return {"scheme": "other", "value": code}


def _replace_references(value: Any, renamed: dict[str, str]) -> Any:
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, list):
        return [_replace_references(item, renamed) for item in value]
    if isinstance(value, dict):
        return {
            # Extension data and the original text are the user's, never references.
            key: item if key in ("extensions", "text") else _replace_references(item, renamed)
            for key, item in value.items()
        }
    return value


def _org_ids_by_name(data: Data) -> Data:
    """Ids ``org:uscc-<code>`` (1.0 files): ids from names, the codes kept as identifiers."""
    from partycases.ids import organisation_id

    legacy = _legacy_org_ids(data)
    organisations = data["organisations"]
    taken = {org.get("id") for org in organisations if isinstance(org, dict)}
    renamed: dict[str, str] = {}
    problems = []
    for index, old in legacy:
        org = organisations[index]
        pointer = f"/organisations/{index}/id"
        name = org.get("name")
        try:
            new = organisation_id(name) if isinstance(name, str) else None
        except ValueError:
            new = None
        if new is None:
            problems.append(Problem(f"{old} has no usable name to make its id from", pointer))
        elif new in taken or new in renamed.values():
            problems.append(
                Problem(f"{old} and another organisation both become {new}; merge them", pointer)
            )
        else:
            renamed[old] = new
    if problems:
        raise LoadError(problems)
    out: Data = _replace_references(data, renamed)
    for index, old in legacy:
        org = out["organisations"][index]
        identifiers = org.get("identifiers")
        identifiers = list(identifiers) if isinstance(identifiers, list) else []
        if not any(isinstance(i, dict) and i.get("scheme") == "uscc" for i in identifiers):
            identifiers.append(_code_identifier(old[len(LEGACY_ORG_PREFIX) :].upper()))
        org["identifiers"] = identifiers
    return out


#: Repairs of current-version data written by earlier releases: (name, applies, step).
REPAIRS: Final[tuple[tuple[str, Callable[[Data], bool], Callable[[Data], Data]], ...]] = (
    ("1.0:org-ids-from-names", lambda data: bool(_legacy_org_ids(data)), _org_ids_by_name),
)


def needs_migration(data: object) -> bool:
    """Whether ``data`` is a mapping of another schema version, or one that needs a repair."""
    if not isinstance(data, dict):
        return False
    if data.get("schema_version", CURRENT) != CURRENT:
        return True
    return any(applies(data) for _, applies, _ in REPAIRS)


def migrate(data: Data) -> Data:
    """Upgrade raw case data to the current version; a :class:`LoadError` if that cannot be done."""
    if not isinstance(data, dict):
        got = type(data).__name__
        raise LoadError([Problem(f"expected a JSON object holding a case, got {got}")])
    version = data.get("schema_version", CURRENT)
    if not isinstance(version, str):
        raise LoadError(
            [Problem(f"schema_version must be text such as {CURRENT!r}", "/schema_version")]
        )
    original, applied = version, []
    while version != CURRENT:
        step = STEPS.get(version)
        if step is None:
            raise LoadError([Problem(_unknown(version), "/schema_version")])
        target, function = step
        try:
            data = function(data)
        except RecursionError:
            raise LoadError([Problem("the data nests too deeply to migrate")]) from None
        applied.append(f"{version}->{target}")
        version = target
    for name, applies, repair in REPAIRS:
        if applies(data):
            data = repair(data)
            applied.append(name)
    if applied:
        extensions = data.get("extensions") or {}
        if not isinstance(extensions, dict):
            got = type(extensions).__name__
            raise LoadError(
                [Problem(f"expected an object of extension data, got {got}", "/extensions")]
            )
        extensions = dict(extensions)
        extensions[MIGRATION_KEY] = {"from": original, "steps": applied}
        data = {**data, "extensions": extensions}
    return data


def _unknown(version: str) -> str:
    major = version.split(".", 1)[0]
    if major.isdigit() and int(major) > int(CURRENT.split(".")[0]):
        needed = FUTURE.get(major, f"a release that reads schema version {major}.x")
        return (
            f"schema version {version} is newer than this partycases reads ({CURRENT}); "
            f"upgrade partycases to {needed}"
        )
    known = ", ".join(sorted([*STEPS, CURRENT]))
    return f"unknown schema version {version!r}; expected one of {known}"
