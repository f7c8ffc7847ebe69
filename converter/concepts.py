"""Concept declarations shipped in ``taxonomy/``: us-gaap 2023 subset, dei 2023, extensions.

``taxonomy/us-gaap-2023/concepts.csv`` holds, per concept, the attributes of its declaration in
the official schema (type, period type, balance) and its standard label; the schema and label
files we ship for offline validation are generated from it (``taxonomy_files``). dei concepts come
from the official ``dei-2023.xsd``, shipped unchanged.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import TaxonomyError
from .records import Concept
from .resources import taxonomy_dir

US_GAAP_NS = "http://fasb.org/us-gaap/2023"
DEI_NS = "http://xbrl.sec.gov/dei/2023"
US_GAAP_URL = "https://xbrl.fasb.org/us-gaap/2023/elts/us-gaap-2023.xsd"
US_GAAP_LABELS_URL = "https://xbrl.fasb.org/us-gaap/2023/elts/us-gaap-lab-2023.xml"
DEI_URL = "https://xbrl.sec.gov/dei/2023/dei-2023.xsd"
DTR_TYPES_NS = "http://www.xbrl.org/dtr/type/2022-03-31"

MONETARY = "xbrli:monetaryItemType"
SHARES = "xbrli:sharesItemType"
PER_SHARE = "dtr-types:perShareItemType"
_VALID_TYPES = {MONETARY, SHARES, PER_SHARE, "dtr-types:percentItemType", "xbrli:pureItemType",
                "xbrli:decimalItemType", "xbrli:integerItemType", "xbrli:stringItemType",
                "xbrli:nonNegativeIntegerItemType", "xbrli:dateItemType", "dtr-types:areaItemType",
                "dtr-types:energyItemType", "dtr-types:volumeItemType", "dtr-types:massItemType",
                "xbrli:durationItemType", "dtr-types:flowItemType", "dtr-types:monetaryPerVolumeItemType",
                "dtr-types:monetaryPerEnergyItemType", "dtr-types:monetaryPerMassItemType"}


@lru_cache(maxsize=None)
def us_gaap() -> dict[str, Concept]:
    path = taxonomy_dir() / "us-gaap-2023" / "concepts.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise TaxonomyError(f"cannot read concept data: {exc}", path=str(path)) from exc
    concepts = {}
    for line, row in enumerate(rows, start=2):
        concept = Concept(prefix="us-gaap", name=row["name"].strip(), namespace=US_GAAP_NS,
                          type=row["type"].strip(), period_type=row["period_type"].strip(),
                          balance=row.get("balance", "").strip(), label=row.get("label", "").strip())
        problem = check_concept(concept)
        if problem:
            raise TaxonomyError(f"line {line}: {problem}", path=str(path))
        concepts[concept.name] = concept
    return concepts


def check_concept(concept: Concept) -> str | None:
    """Why a declaration is impossible, or None."""
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", concept.name):
        return f"bad concept name {concept.name!r}"
    if concept.type not in _VALID_TYPES:
        return f"{concept.name}: unknown type {concept.type!r}"
    if concept.period_type not in ("instant", "duration"):
        return f"{concept.name}: period type must be instant or duration, not {concept.period_type!r}"
    if concept.balance not in ("", "debit", "credit"):
        return f"{concept.name}: balance must be debit, credit or empty, not {concept.balance!r}"
    if concept.balance and concept.type != MONETARY:
        return f"{concept.name}: only monetary concepts have a balance"
    return None


@lru_cache(maxsize=None)
def dei() -> dict[str, Concept]:
    path = taxonomy_dir() / "dei-2023" / "dei-2023.xsd"
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise TaxonomyError(f"cannot read the dei schema: {exc}", path=str(path)) from exc
    concepts = {}
    xbrli = "{http://www.xbrl.org/2003/instance}"
    for el in tree.getroot().iter("{http://www.w3.org/2001/XMLSchema}element"):
        name = el.get("name")
        if not name or el.get("abstract") == "true":
            continue
        concepts[name] = Concept(prefix="dei", name=name, namespace=DEI_NS, type=el.get("type", ""),
                                 period_type=el.get(f"{xbrli}periodType", ""),
                                 balance=el.get(f"{xbrli}balance", ""))
    return concepts


def get(name: str) -> Concept:
    """A us-gaap concept by local name (``TaxonomyError`` when it is not declared)."""
    try:
        return us_gaap()[name]
    except KeyError:
        raise TaxonomyError(f"concept us-gaap:{name} is not declared in taxonomy/us-gaap-2023/concepts.csv") from None


def search(query: str, limit: int = 25) -> list[Concept]:
    """Concepts whose name or label contains every word of ``query``, best first."""
    words = [w for w in re.split(r"\W+", query.lower()) if w]
    scored = []
    for concept in list(us_gaap().values()) + list(dei().values()):
        haystack = f"{concept.name} {_split_camel(concept.name)} {concept.label}".lower()
        if all(w in haystack for w in words):
            exact = concept.name.lower() == query.lower().replace(" ", "")
            scored.append((not exact, len(concept.name), concept.name, concept))
    return [c for *_, c in sorted(scored, key=lambda s: s[:3])][:limit]


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)


def extension_name(label: str, taken: set[str]) -> str:
    """An element name made from a printed label: "Due to factor" -> "DueToFactor"."""
    words = re.findall(r"[A-Za-z0-9]+", label.replace("&", " and "))
    if len(words) == 1 and re.fullmatch(r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+", words[0]):
        words = re.findall(r"[A-Z][a-z0-9]*", words[0])  # already CamelCase: keep its words
    name = "".join(w[:1].upper() + w[1:].lower() if not w.isupper() or len(w) > 4 else w for w in words)[:80]
    if not name or not name[0].isalpha():
        name = "Item" + name
    base, n = name, 2
    while name in taken:
        name = f"{base}{n}"
        n += 1
    taken.add(name)
    return name


def taxonomy_root() -> Path:
    return taxonomy_dir()
