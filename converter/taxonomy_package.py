"""The offline taxonomy package: shipped us-gaap subset + dei, mapped from their official URLs.

Arelle takes a taxonomy package **zip** whose single top folder holds ``META-INF/catalog.xml``
rewriting ``https://xbrl.fasb.org/us-gaap/2023/`` and ``https://xbrl.sec.gov/dei/2023/`` to the
shipped files. The us-gaap subset schema and labels are generated from ``concepts.csv``;
``python -m converter.taxonomy_package --write`` refreshes the copies under
``taxonomy/us-gaap-2023/elts/`` (a test checks they agree).
"""
from __future__ import annotations

import argparse
import atexit
import hashlib
import shutil
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

from . import concepts as C
from .render import check_xml, render_template
from .resources import taxonomy_dir

TOP = "legacy2xbrl-taxonomy"
CATALOG = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
<rewriteURI uriStartString="https://xbrl.fasb.org/us-gaap/2023/" rewritePrefix="../us-gaap-2023/"/>
<rewriteURI uriStartString="https://xbrl.sec.gov/dei/2023/" rewritePrefix="../dei-2023/"/>
</catalog>
"""
PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<tp:taxonomyPackage xmlns:tp="http://xbrl.org/2016/taxonomy-package" xml:lang="en">
<tp:identifier>https://legacy2xbrl.invalid/taxonomy/us-gaap-dei-2023-subset</tp:identifier>
<tp:name>legacy2xbrl subset of us-gaap 2023 and dei 2023 (offline validation)</tp:name>
<tp:description>Concept declarations used by legacy2xbrl; not the official FASB taxonomy.</tp:description>
<tp:version>2023</tp:version>
<tp:entryPoints>
<tp:entryPoint>
<tp:name>us-gaap 2023 subset</tp:name>
<tp:entryPointDocument href="https://xbrl.fasb.org/us-gaap/2023/elts/us-gaap-2023.xsd"/>
</tp:entryPoint>
<tp:entryPoint>
<tp:name>dei 2023</tp:name>
<tp:entryPointDocument href="https://xbrl.sec.gov/dei/2023/dei-2023.xsd"/>
</tp:entryPoint>
</tp:entryPoints>
</tp:taxonomyPackage>
"""


def generated_files() -> dict[str, str]:
    """Path inside ``taxonomy/`` -> text of the generated us-gaap subset files."""
    concepts = sorted(C.us_gaap().values(), key=lambda c: c.name)
    values = {"concepts": concepts, "dtr_ns": C.DTR_TYPES_NS, "us_gaap_ns": C.US_GAAP_NS}
    files = {
        "us-gaap-2023/elts/us-gaap-2023.xsd": render_template("us-gaap-subset.xsd.j2", **values),
        "us-gaap-2023/elts/us-gaap-lab-2023.xml": render_template("us-gaap-labels.xml.j2", **values),
    }
    for name, text in files.items():
        check_xml(text, name)
    return files


def package_members() -> dict[str, bytes]:
    members = {f"{TOP}/META-INF/catalog.xml": CATALOG.encode(),
               f"{TOP}/META-INF/taxonomyPackage.xml": PACKAGE.encode()}
    for name, text in generated_files().items():
        members[f"{TOP}/{name}"] = text.encode("utf-8")
    dei_schema = taxonomy_dir() / "dei-2023" / "dei-2023.xsd"
    members[f"{TOP}/dei-2023/dei-2023.xsd"] = dei_schema.read_bytes()
    return members


@lru_cache(maxsize=1)
def package_zip() -> Path:
    """Build the package zip once per process (a private temporary folder, removed at exit)."""
    members = package_members()
    digest = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(members.items()))).hexdigest()[:12]
    folder = Path(tempfile.mkdtemp(prefix="legacy2xbrl-taxonomy-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / f"legacy2xbrl-taxonomy-{digest}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members.items()):
            info = zipfile.ZipInfo(name, date_time=(2023, 1, 1, 0, 0, 0))
            archive.writestr(info, data)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate taxonomy/us-gaap-2023/elts from concepts.csv")
    parser.add_argument("--write", action="store_true", help="write the generated files into taxonomy/")
    args = parser.parse_args(argv)
    stale = []
    for name, text in generated_files().items():
        path = taxonomy_dir() / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if args.write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    print(("written: " if args.write else "out of date: ") + ", ".join(stale) if stale else "up to date")
    return 1 if stale and not args.write else 0


if __name__ == "__main__":
    raise SystemExit(main())
