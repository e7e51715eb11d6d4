"""Places: the issuer's unit checked against the gazetteer of administrative
units (normalize/data/admin_units.json), before and after the merger of
1 July 2025 (Resolution 202/2025/QH15: 63 provinces and centrally-run cities
became 34, districts were abolished, communes merged).

A decision keeps its locality as printed; the gazetteer says which province it
belonged to on the date of issue and which province holds it today, so that
Hưng Yên 2016 and Hưng Yên 2026 (Hưng Yên and Thái Bình merged) can be told
apart and compared. A name the gazetteer does not know is no place.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..lang.patterns import rx
from ..lang.text import fold, key
from .vocabulary import load

# the day the merged provinces and communes took office, and the districts ended
MERGER_DATE = "2025-07-01"


@dataclass(frozen=True)
class Place:
    name: str
    """The unit's name as the gazetteer spells it, without its kind ("Mê Linh")."""
    province_at_issue: Optional[str]
    """The province or centrally-run city it belonged to on the date of issue."""
    province_today: Optional[str]
    """The province or centrally-run city that holds it since 1 July 2025."""


# runs of white space in a place's key, one space each: "Bà Rịa  - Vũng Tàu" and "Bà Rịa-Vũng Tàu" are one key
_SPACES = rx(r"\s+")


def _match_key(name: str) -> str:
    return _SPACES.sub(" ", key(name).replace("-", " ")).strip()


def _fold_key(name: str) -> str:
    return _SPACES.sub(" ", fold(name).lower().replace("-", " ")).strip()


@lru_cache(maxsize=1)
def _units() -> dict:
    return load("admin_units.json")


def _kind_and_name(full: str) -> tuple[str, str]:
    """("huyện", "Mê Linh") of "Huyện Mê Linh"; the kind is one or two words."""
    for kind in ("thành phố", "thị xã", "thị trấn", "đặc khu", "huyện", "quận", "phường", "xã"):
        if full.lower().startswith(kind + " "):
            return kind, full[len(kind) + 1:]
    return "", full


@lru_cache(maxsize=1)
def _index() -> dict:
    """Lookups by (era, level): matching key → [(spelling, kind, province)], and
    the same by the folded key for a scan's lost tones."""
    data = _units()
    idx: dict = {}

    def add(era, level, full, province):
        kind, name = _kind_and_name(full)
        for k, table in ((_match_key(name), "exact"), (_fold_key(name), "folded")):
            idx.setdefault((era, level, table), {}).setdefault(k, []).append((name, kind, province))

    for province, p in data["before_2025"].items():
        for district, communes in p["districts"].items():
            add("before", "district", district, province)
            for c in communes:
                add("before", "commune", c, province)
    for province, p in data["since_2025"].items():
        for c in p["communes"]:
            add("since", "commune", c, province)
    return idx


@lru_cache(maxsize=4096)
def province_named(name: str) -> Optional[str]:
    """The gazetteer's spelling of a province or centrally-run city of either
    map, matched without tones when the tones were lost ("HỖ CHÍ MINH")."""
    data = _units()
    names = list(data["before_2025"]) + list(data["since_2025"]) + list(data["former_names"])
    for keyer in (_match_key, _fold_key):
        k = keyer(name)
        for n in names:
            if keyer(n) == k:
                return n
    return None


def is_central_city(province: str) -> bool:
    """A centrally-run city (thành phố trực thuộc trung ương) on either map: Hà Nội, Huế, …"""
    data = _units()
    return any(data[era].get(province, {}).get("kind") == "thành phố" for era in ("before_2025", "since_2025"))


def province_today(province: str) -> Optional[str]:
    """The province of the 2025 map that holds ``province`` (a name of either map)."""
    data = _units()
    province = data["former_names"].get(province, province)
    if province in data["since_2025"]:
        return province
    before = data["before_2025"].get(province)
    return before["today"] if before else None


def exists_on(province: str, date: Optional[str]) -> bool:
    """Whether a province of that name existed on ``date`` (unknown date: on either map)."""
    data = _units()
    if date is None:
        return True
    if date >= MERGER_DATE:
        return province in data["since_2025"]
    return province in data["before_2025"] or province in data["former_names"]


def _candidates(level: str, kind: str, name: str, date: Optional[str]) -> list[tuple[str, str, str, str]]:
    """(spelling, kind, province, era) of the units of that level and name; the
    map of the date of issue first, the other when the date is unknown."""
    eras = ["before"] if date and date < MERGER_DATE else ["since"] if date else ["since", "before"]
    if level == "district":
        eras = ["before"]  # no district exists on the 2025 map: a later one is looked up all the same
    idx = _index()
    for table, keyer in (("exact", _match_key), ("folded", _fold_key)):
        found = []
        for era in eras:
            for spelling, k, province in idx.get((era, level, table), {}).get(keyer(name), []):
                if kind in (k, "") or not k:
                    found.append((spelling, k, province, era))
        if found:
            return found
    return []


def locate(level: str, kind: str, name: str, date: Optional[str], within: Optional[str] = None) -> Optional[Place]:
    """The place an issuer of ``level`` ("province", "district", "commune")
    names as "<kind> <name>" ("huyện", "Mê Linh"), on the date of issue;
    ``within`` the province named above it in the header, if any.
    None when the gazetteer has no such unit; the provinces are None when
    several provinces have a unit of that name and nothing tells which."""
    if level == "province":
        province = province_named(name)
        if province is None:
            return None
        return Place(province, province, province_today(province))
    found = _candidates(level, kind, name, date)
    if within:
        # the province itself first, then the old provinces merged into it
        found = [f for f in found if f[2] == within] \
            or [f for f in found if province_today(f[2]) == province_today(within)] or found
    if not found:
        return None
    provinces = {f[2] for f in found}
    if len(provinces) > 1:
        return Place(found[0][0], None, None)
    spelling, _, province, _ = found[0]
    return Place(spelling, province, province_today(province))


def unit_of(province: str, name: str, date: Optional[str] = None) -> bool:
    """Whether ``name`` is a district, commune or ward of ``province`` on the
    date (before 1 July 2025: of that very province; since, or undated: of the
    province that holds it today): a place-and-date line may name the town
    rather than the province."""
    k = _match_key(name)
    before = date is not None and date < MERGER_DATE
    lookups = (("before", "district"), ("before", "commune")) if before else \
        (("before", "district"), ("before", "commune"), ("since", "commune"))
    for era, level in lookups:
        for _, _, p in _index().get((era, level, "exact"), {}).get(k, []):
            if p == province or not before and province_today(p) == province_today(province):
                return True
    return False
