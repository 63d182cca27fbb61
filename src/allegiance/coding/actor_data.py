"""Reading the actor dictionary's YAML files into plain records, with one-line errors.

The packaged files live in ``allegiance/data/actors/``; each documents its format at the top.
Every file may hold any of the sections ``countries``, ``organisations``, ``groups``,
``persons``, ``sectors``, ``metonyms`` and ``ignore``, so a user file (``Config.actor_files``)
can add to or override any of them. Files are read in order and later files win: an entry
with the same ``code`` (countries, organisations, groups) or ``id`` (persons) replaces the
earlier entry entirely; a sector, metonym or ignore phrase listed again takes the later
meaning. ``ActorData.ordered()`` gives entries in that precedence order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

#: Packaged data files, in load order.
PACKAGED_FILES: tuple[str, ...] = (
    "countries.yaml", "organisations.yaml", "groups.yaml", "sectors.yaml", "metonyms.yaml",
    "persons.yaml", "leaders.yaml", "military_rule.yaml",
)  # fmt: skip
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as strings, so bad dates get our own error message."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}

SECTIONS = ("countries", "organisations", "groups", "persons", "sectors", "metonyms", "ignore",
            "military_rule")


@dataclass(frozen=True)
class Role:
    """One dated role of a person; ``start``/``end`` are inclusive, None means open."""

    code: str
    sector: str | None
    role: str
    start: date | None = None
    end: date | None = None

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    names: tuple[str, ...]
    roles: tuple[Role, ...]

    def role_at(self, when: date | None) -> Role:
        """The role held on ``when`` (see persons.yaml for the rule when none covers it)."""
        by_start = sorted(self.roles, key=lambda r: r.start or date.min)
        if when is None:
            return by_start[-1]
        covering = [r for r in by_start if r.covers(when)]
        if covering:
            return covering[-1]
        ended = [r for r in self.roles if r.end is not None and r.end < when]
        if ended:
            return max(ended, key=lambda r: r.end or date.min)
        return by_start[0]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    demonyms_fr: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    """An organisation (kind 'org') or armed group (kind 'group')."""

    code: str
    name: str
    sector: str | None
    kind: str
    names: tuple[str, ...]
    country: str | None = None
    coded_as: str | None = None

    @property
    def actor_code(self) -> str:
        return self.coded_as or self.code


@dataclass(frozen=True)
class SectorNouns:
    sector: str
    weak: bool
    en: tuple[str, ...]
    fr: tuple[str, ...]


@dataclass(frozen=True)
class Metonym:
    code: str
    sector: str | None
    names: tuple[str, ...]


@dataclass
class ActorData:
    """All entries read so far; ``order`` records precedence (higher = defined later)."""

    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    sectors: list[SectorNouns] = field(default_factory=list)
    metonyms: list[Metonym] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    #: (country code, from, to) periods of military rule, for "the junta" in context
    military_rule: list[tuple[str, date, date | None]] = field(default_factory=list)
    order: dict[int, int] = field(default_factory=dict)  # id(entry) -> sequence number
    _seq: int = 0

    def _stamp(self, entry: object) -> None:
        self._seq += 1
        self.order[id(entry)] = self._seq

    def ordered(self) -> list[object]:
        """Every live entry (ignore phrases as ``str``), earliest-defined first."""
        live: list[object] = [*self.countries.values(), *self.organisations.values(),
                              *self.persons.values(), *self.sectors, *self.metonyms, *self.ignore]
        return sorted(live, key=lambda e: self.order[id(e)])


# ---------------------------------------------------------------------------- reading


def packaged_paths() -> list[Path]:
    """Paths of the packaged YAML files."""
    base = resources.files("allegiance") / "data" / "actors"
    return [Path(str(base / name)) for name in PACKAGED_FILES]


def read_files(paths: Iterable[str | Path]) -> ActorData:
    """Read YAML files in order into one ``ActorData`` (later files override earlier)."""
    data = ActorData()
    for path in paths:
        read_file(Path(path), data)
    return data


def read_file(path: Path, data: ActorData) -> None:
    """Read one YAML file into ``data``; raises ``ConfigError`` naming the file on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"actor file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read actor file ({exc})") from exc
    try:
        doc = yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" line {where.line + 1}" if where is not None else ""
        raise ConfigError(f"{path}:{line} invalid YAML ({getattr(exc, 'problem', exc)})") from exc
    if doc is None:
        return
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}: expected a mapping with sections {', '.join(SECTIONS)}")
    unknown = set(doc) - set(SECTIONS)
    if unknown:
        raise ConfigError(f"{path}: unknown section(s): {', '.join(sorted(map(str, unknown)))}")
    ctx = _Ctx(path)
    for item in _items(ctx, doc, "countries"):
        country = _country(ctx, item)
        data.countries[country.code] = country
        data._stamp(country)
    for section, kind in (("organisations", "org"), ("groups", "group")):
        for item in _items(ctx, doc, section):
            org = _organisation(ctx, item, kind)
            data.organisations[org.code] = org
            data._stamp(org)
    for item in _items(ctx, doc, "persons"):
        person = _person(ctx, item)
        data.persons[person.id] = person
        data._stamp(person)
    for item in _items(ctx, doc, "sectors"):
        nouns = _sector(ctx, item)
        data.sectors.append(nouns)
        data._stamp(nouns)
    for item in _items(ctx, doc, "metonyms"):
        met = _metonym(ctx, item)
        data.metonyms.append(met)
        data._stamp(met)
    for item in _items(ctx, doc, "military_rule"):
        code = item.get("code")
        if not isinstance(code, str) or not code:
            raise ctx.fail(f"military_rule entry without a code: {item}")
        try:
            start = date.fromisoformat(str(item["from"]))
            end = date.fromisoformat(str(item["to"])) if item.get("to") else None
        except (KeyError, ValueError) as exc:
            raise ctx.fail(f"military_rule entry {code}: bad or missing date ({exc})") from exc
        data.military_rule.append((code, start, end))
    ignore = doc.get("ignore") or []
    for phrase in _strings(ctx, ignore, "ignore"):
        text = str(phrase)  # a fresh object per phrase, so its precedence stamp is its own
        data.ignore.append(text)
        data._stamp(text)


# ---------------------------------------------------------------------------- validation


@dataclass
class _Ctx:
    path: Path

    def fail(self, what: str) -> ConfigError:
        return ConfigError(f"{self.path}: {what}")


def _items(ctx: _Ctx, doc: dict, section: str) -> list[dict]:
    items = doc.get(section) or []
    if not isinstance(items, list):
        raise ctx.fail(f"section '{section}' must be a list of entries")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ctx.fail(f"{section} entry #{i + 1} must be a mapping")
    return items


def _check_keys(ctx: _Ctx, item: dict, allowed: Sequence[str], required: Sequence[str],
                what: str) -> None:
    label = item.get("code") or item.get("id") or item.get("sector") or what
    missing = [k for k in required if item.get(k) in (None, "", [])]
    if missing:
        raise ctx.fail(f"{what} '{label}': missing {', '.join(missing)}")
    unknown = sorted(set(map(str, item)) - set(allowed))
    if unknown:
        raise ctx.fail(f"{what} '{label}': unknown key(s) {', '.join(unknown)}")


def _strings(ctx: _Ctx, value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ctx.fail(f"{what} must be a list of strings")
    out = tuple(str(v).strip() for v in value)
    if any(not v for v in out):
        raise ctx.fail(f"{what} contains an empty name")
    return out


def _code(ctx: _Ctx, value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip() or " " in value.strip():
        raise ctx.fail(f"{what}: code must be a non-empty word, got {value!r}")
    return value.strip()


def _opt(value: Any) -> str | None:
    return None if value in (None, "") else str(value).strip()


def _country(ctx: _Ctx, item: dict) -> Country:
    _check_keys(ctx, item, ("code", "name", "names", "demonyms", "demonyms_fr", "capitals"),
                ("code", "names"), "country")
    code = _code(ctx, item["code"], "country")
    names = _strings(ctx, item["names"], f"country {code} names")
    return Country(
        code=code,
        name=str(item.get("name") or names[0]),
        names=names,
        demonyms=_strings(ctx, item.get("demonyms"), f"country {code} demonyms"),
        demonyms_fr=_strings(ctx, item.get("demonyms_fr"), f"country {code} demonyms_fr"),
        capitals=_strings(ctx, item.get("capitals"), f"country {code} capitals"),
    )


def _organisation(ctx: _Ctx, item: dict, kind: str) -> Organisation:
    what = "organisation" if kind == "org" else "group"
    _check_keys(ctx, item, ("code", "name", "sector", "names", "country", "coded_as"),
                ("code", "names"), what)
    code = _code(ctx, item["code"], what)
    names = _strings(ctx, item["names"], f"{what} {code} names")
    coded_as = _opt(item.get("coded_as"))
    return Organisation(
        code=code,
        name=str(item.get("name") or names[0]),
        sector=_opt(item.get("sector")) or ("IGO" if kind == "org" else None),
        kind=kind,
        names=names,
        country=_opt(item.get("country")),
        coded_as=_code(ctx, coded_as, f"{what} {code} coded_as") if coded_as else None,
    )


def _date(ctx: _Ctx, value: Any, what: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ctx.fail(f"{what}: bad date {value!r} (use YYYY-MM-DD)") from None


def _person(ctx: _Ctx, item: dict) -> Person:
    _check_keys(ctx, item, ("id", "name", "names", "roles"), ("names", "roles"), "person")
    names = _strings(ctx, item["names"], "person names")
    pid = str(item.get("id") or names[0])
    raw_roles = item["roles"]
    if not isinstance(raw_roles, list):
        raise ctx.fail(f"person '{pid}': roles must be a list")
    roles = []
    for r in raw_roles:
        if not isinstance(r, dict):
            raise ctx.fail(f"person '{pid}': each role must be a mapping")
        _check_keys(ctx, r, ("code", "sector", "role", "from", "to"), ("code",),
                    f"person '{pid}' role")
        role = Role(
            code=_code(ctx, r["code"], f"person '{pid}' role"),
            sector=_opt(r.get("sector")),
            role=str(r.get("role") or ""),
            start=_date(ctx, r.get("from"), f"person '{pid}' role from"),
            end=_date(ctx, r.get("to"), f"person '{pid}' role to"),
        )
        if role.start and role.end and role.end < role.start:
            raise ctx.fail(f"person '{pid}': role '{role.role}' ends before it starts")
        roles.append(role)
    return Person(id=pid, name=str(item.get("name") or names[0]), names=names,
                  roles=tuple(roles))


def _sector(ctx: _Ctx, item: dict) -> SectorNouns:
    _check_keys(ctx, item, ("sector", "weak", "en", "fr"), ("sector",), "sectors entry")
    sector = _code(ctx, item["sector"], "sectors entry")
    weak = item.get("weak", False)
    if not isinstance(weak, bool):
        raise ctx.fail(f"sectors entry '{sector}': weak must be true or false")
    return SectorNouns(sector=sector, weak=weak,
                       en=_strings(ctx, item.get("en"), f"sector {sector} en"),
                       fr=_strings(ctx, item.get("fr"), f"sector {sector} fr"))


def _metonym(ctx: _Ctx, item: dict) -> Metonym:
    _check_keys(ctx, item, ("code", "sector", "names"), ("code", "names"), "metonym")
    code = _code(ctx, item["code"], "metonym")
    return Metonym(code=code, sector=_opt(item.get("sector")),
                   names=_strings(ctx, item["names"], f"metonym {code} names"))
