"""Frozen records passed between pipeline stages.

    read_filing  -> Filing(documents=(Document, ...))
    cover        -> CoverFacts
    find_tables  -> RawTable(rows=(RawRow, ...))
    parse_table  -> StatementTable(columns, rows=(Row, ...), calcs)
    map_concepts -> MappedTable(rows=(MappedRow, ...))
    build_facts  -> Report(contexts, units, facts, extensions, calc arcs)

Values are ``Decimal``; every number keeps the ``SourceSpan`` of the characters it came from.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class SourceSpan:
    """Characters of the input: document id, 1-based line in the input file, column span.

    Columns count with tabs expanded to 8. For HTML, ``path`` is the element's path in the
    parsed document (lxml), ``line`` its source line and ``start``/``end`` the offsets of the
    number in the element's text.
    """

    document: str
    line: int
    start: int
    end: int
    text: str
    path: str = ""

    def __repr__(self) -> str:
        return f"<SourceSpan {self.document} L{self.line}:{self.start}-{self.end} {self.text!r}>"


@dataclass(frozen=True)
class Problem:
    """Something doubtful, skipped or wrong; ``code`` is a stable dotted name."""

    level: str  # "error" | "warning" | "info"
    code: str
    message: str
    source: SourceSpan | None = None

    def __repr__(self) -> str:
        return f"<Problem {self.level} {self.code}: {self.message}>"


# --- read_filing ------------------------------------------------------------------------------

@dataclass(frozen=True)
class HeaderFields:
    """Fields of an EDGAR <SEC-HEADER> / <IMS-HEADER> envelope (empty string when absent)."""

    accession: str = ""
    form_type: str = ""
    period: dt.date | None = None
    filed: dt.date | None = None
    company_name: str = ""
    cik: str = ""
    irs_number: str = ""
    state_of_incorporation: str = ""
    file_number: str = ""
    fiscal_year_end: str = ""  # MMDD


@dataclass(frozen=True)
class Document:
    """One <DOCUMENT> of a submission (or the whole file for a bare document)."""

    index: int
    type: str
    sequence: str
    filename: str
    description: str
    text: str
    first_line: int  # 1-based line of the input file where ``text`` begins
    is_html: bool

    @property
    def id(self) -> str:
        return f"d{self.index}"

    def __repr__(self) -> str:
        kind = "html" if self.is_html else "text"
        return f"<Document {self.id} {self.type} {kind} {len(self.text)} chars>"


@dataclass(frozen=True)
class Filing:
    path: str
    stem: str
    encoding: str
    header: HeaderFields | None
    documents: tuple[Document, ...]
    problems: tuple[Problem, ...] = ()

    def __repr__(self) -> str:
        return f"<Filing {self.stem} {len(self.documents)} documents>"


# --- cover ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CoverFacts:
    """dei values; ``sources`` maps a dei name to where its value was read."""

    values: tuple[tuple[str, str], ...]
    sources: tuple[tuple[str, str], ...]
    cik: str
    period_end: dt.date | None
    fiscal_year_end: str = ""
    dateline: dt.date | None = None  # first date printed in the main document (press releases)

    def get(self, name: str) -> str | None:
        return dict(self.values).get(name)


# --- find_tables ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RawCell:
    """A printed value cell: ``text`` is the number as printed, ``span`` its characters."""

    text: str
    span: SourceSpan


@dataclass(frozen=True)
class RawRow:
    label: str
    indent: int
    cells: tuple[RawCell | None, ...]
    line: int
    label_span: SourceSpan | None = None
    rule_above: bool = False  # an underline (----, ====, <HR>) separates it from the row above
    bold: bool = False


@dataclass(frozen=True)
class HeaderCell:
    text: str
    first: int  # first and last column covered (inclusive)
    last: int


@dataclass(frozen=True)
class RawTable:
    """A block of aligned columns as found in the document, before interpretation."""

    document: str
    kind: str  # "text" | "html"
    index: int
    title: tuple[str, ...]  # nearby lines above the table: headings, scale notes
    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[RawRow, ...]
    n_columns: int
    first_line: int
    last_line: int
    context: tuple[str, ...] = ()  # prose just above the title (used to classify continuations)
    problems: tuple[Problem, ...] = ()  # doubtful reading of the layout (a value off its column)

    def __repr__(self) -> str:
        title = " / ".join(t for t in self.title if t)[-60:]
        return (f"<RawTable {self.document}#{self.index} L{self.first_line}-{self.last_line} "
                f"{len(self.rows)}x{self.n_columns} {title!r}>")


# --- parse_table ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    end: dt.date
    start: dt.date | None = None  # None: an instant at the end of ``end``
    months: int = 0

    @property
    def is_instant(self) -> bool:
        return self.start is None

    def __repr__(self) -> str:
        if self.is_instant:
            return f"<Period I:{self.end}>"
        return f"<Period {self.start}..{self.end} ({self.months}m)>"


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    period: Period | None  # None: not a period column (percent, change): never tagged
    note: str = ""


@dataclass(frozen=True)
class Amount:
    """A parsed cell: ``value`` in printed units with the printed sign."""

    value: Decimal
    decimals: int  # digits after the decimal point as printed
    dash: bool  # printed as a dash / nil: zero
    raw: RawCell


@dataclass(frozen=True)
class Row:
    index: int
    label: str
    section: tuple[str, ...]
    indent: int
    values: tuple[Amount | None, ...]
    kind: str  # "amount" | "shares" | "per_share" | "percent" | "count" (stores, employees: not tagged)
    scale: int  # power of ten to apply to printed values
    line: int
    label_spans: tuple[SourceSpan, ...] = ()
    rule_above: bool = False
    header_only: bool = False  # a label line with no values (section heading)

    def __repr__(self) -> str:
        vals = " ".join(str(a.value) if a else "." for a in self.values)
        return f"<Row {self.index} {self.label[:40]!r} [{vals}]>"


@dataclass(frozen=True)
class Calc:
    """A total row and its components with the weights that make the printed numbers add up."""

    total: int
    components: tuple[int, ...]
    weights: tuple[int, ...]
    exact: bool = True


@dataclass(frozen=True)
class StatementTable:
    raw: RawTable
    statement: str  # balance | income | cashflow | equity | other
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    scale: int
    calcs: tuple[Calc, ...] = ()
    classification_confidence: float = 1.0
    shares_scale: int = 0  # power of ten the heading gives share counts
    currency: str = "USD"  # ISO 4217 code the heading states ("in thousands of Canadian dollars")

    def __repr__(self) -> str:
        return (f"<StatementTable {self.statement} {self.title[:50]!r} "
                f"{len(self.rows)} rows x {len(self.columns)} cols>")


# --- map_concepts ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Concept:
    prefix: str
    name: str
    namespace: str
    type: str  # e.g. xbrli:monetaryItemType
    period_type: str  # instant | duration
    balance: str = ""  # debit | credit | ""
    label: str = ""
    abstract: bool = False

    @property
    def qname(self) -> str:
        return f"{self.prefix}:{self.name}"

    @property
    def is_extension(self) -> bool:
        return self.prefix not in ("us-gaap", "dei")

    def __repr__(self) -> str:
        return f"<Concept {self.qname} {self.period_type} {self.balance or '-'}>"


@dataclass(frozen=True)
class MappedRow:
    row: int
    concept: Concept | None
    confidence: float
    reason: str
    alternatives: tuple[str, ...] = ()
    sign: int = 1  # XBRL value = sign * printed value
    role: str = "component"  # total | component | standalone


@dataclass(frozen=True)
class MappedTable:
    statement: StatementTable
    rows: tuple[MappedRow, ...]
    weights: tuple[tuple[int, int, int], ...] = ()  # (total row, component row, calculation weight)


# --- build_facts ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    id: str
    entity_scheme: str
    entity_id: str
    period: Period

    def __repr__(self) -> str:
        return f"<Context {self.id} {self.period!r}>"


@dataclass(frozen=True)
class Unit:
    id: str
    measure: str  # e.g. iso4217:USD, xbrli:shares
    denominator: str = ""  # e.g. xbrli:shares for USD/shares


@dataclass(frozen=True)
class Fact:
    id: str
    concept: Concept
    context: str
    unit: str
    value: Decimal  # full units, XBRL sign
    decimals: int
    source: SourceSpan
    scale: int  # ix scale: printed * 10**scale = |value|
    negated: bool  # ix sign="-": printed magnitude is the negative of the value
    format: str  # ixt format local name
    confidence: float = 1.0
    table: int = -1
    row: int = -1

    def __repr__(self) -> str:
        return f"<Fact {self.id} {self.concept.qname} {self.context} {self.value}>"


@dataclass(frozen=True)
class TextFact:
    """A non-numeric (dei) fact shown in the hidden header."""

    id: str
    concept: Concept
    context: str
    value: str


@dataclass(frozen=True)
class CalcArc:
    role: str
    parent: str  # concept qname
    child: str
    weight: int
    order: int


@dataclass(frozen=True)
class PresentationArc:
    role: str
    parent: str
    child: str
    order: int


@dataclass(frozen=True)
class RoleDef:
    id: str
    uri: str
    definition: str


@dataclass(frozen=True)
class Report:
    stem: str
    entity_scheme: str
    entity_id: str
    contexts: tuple[Context, ...]
    units: tuple[Unit, ...]
    facts: tuple[Fact, ...]
    text_facts: tuple[TextFact, ...]
    extensions: tuple[Concept, ...]
    calc_arcs: tuple[CalcArc, ...]
    presentation_arcs: tuple[PresentationArc, ...]
    roles: tuple[RoleDef, ...]
    labels: tuple[tuple[str, str], ...]  # (qname, printed label) for the label linkbase
    extension_namespace: str
    extension_prefix: str
    problems: tuple[Problem, ...] = field(default=())

    def __repr__(self) -> str:
        return f"<Report {self.stem} {len(self.facts)} facts {len(self.contexts)} contexts>"
