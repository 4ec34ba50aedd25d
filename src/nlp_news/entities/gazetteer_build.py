"""Compile the shipped place gazetteer (``models/gazetteer.tsv``) from ``../shared/data/gazetteer``.

Sources (credited in the TSV header):

* ``wilayah_kepmendagri2025/provinces.csv`` and ``regencies_cities.csv``: Indonesian provinces,
  regencies and cities with their Kemendagri codes (Kepmendagri No. 300.2.2-2138 Tahun 2025, via
  github.com/yonatanyl/KODE-WILAYAH-KEPMENDAGRI-2025, CC BY 4.0);
* ``countries_id_umpirsky/country.csv``: country names in Indonesian with ISO 3166-1 alpha-2 codes
  (github.com/umpirsky/country-list, MIT, CLDR-derived);
* the ``[gazetteer_aliases]`` table of the lexicon: usual short names ("Jabar", "DKI Jakarta",
  "Palestina", "AS").

One row per name: ``name, place_type (country|province|regency|city), region_code, official``.
A bare name shared by several places ("Bandung": the city and the regency) goes to the first of
province, country, city, regency; the prefixed names ("Kabupaten Bandung") stay exact.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .. import lexicon

COLUMNS = ("name", "place_type", "region_code", "official")
HEADER = (
    "# nlp_news place gazetteer, built by `python -m nlp_news.training gazetteer`.\n"
    "# Indonesian provinces, regencies and cities: Kepmendagri No. 300.2.2-2138 Tahun 2025, via\n"
    "#   github.com/yonatanyl/KODE-WILAYAH-KEPMENDAGRI-2025 (CC BY 4.0); names reformatted.\n"
    "# Country names in Indonesian: github.com/umpirsky/country-list (MIT, from Unicode CLDR).\n"
    "# Extra aliases: nlp_news lexicon [gazetteer_aliases].\n"
)
_PRIORITY = {"province": 0, "country": 1, "city": 2, "regency": 3}
_REGENCY_PREFIXES = {"regency": ("Kabupaten", "Kab."), "city": ("Kota",)}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _entries(src_dir: Path) -> tuple[list[tuple[str, str, str, str, bool]], dict[str, tuple]]:
    """``(name, type, code, official, exact)`` rows before de-duplication, and official rows.

    ``exact`` names are never shadowed; bare names are resolved by priority.
    """
    wilayah = src_dir / "wilayah_kepmendagri2025"
    rows: list[tuple[str, str, str, str, bool]] = []
    official: dict[str, tuple[str, str]] = {}
    for prov in _read_csv(wilayah / "provinces.csv"):
        name, code = prov["nama_provinsi"], prov["kode_provinsi"]
        official[name] = ("province", code)
        rows.append((name, "province", code, name, True))
        rows.append((f"Provinsi {name}", "province", code, name, True))
    for reg in _read_csv(wilayah / "regencies_cities.csv"):
        full, code = reg["nama_kabupaten_kota"], reg["kode_kabupaten_kota"]
        if not full or not code:
            continue
        kind = "city" if reg["jenis"].lower() == "kota" else "regency"
        official[full] = (kind, code)
        rows.append((full, kind, code, full, True))
        word = "Kota" if kind == "city" else "Kabupaten"
        bare = full[len(word):].strip() if full.startswith(word + " ") else full
        if bare.startswith("Administrasi "):
            bare = bare[len("Administrasi "):]
            rows.append((f"{word} {bare}", kind, code, full, True))
        for prefix in _REGENCY_PREFIXES[kind]:
            rows.append((f"{prefix} {bare}", kind, code, full, True))
        rows.append((bare, kind, code, full, False))
    for country in _read_csv(src_dir / "countries_id_umpirsky" / "country.csv"):
        name, code = country["value"], country["id"]
        official[name] = ("country", code)
        rows.append((name, "country", code, name, False))
    return rows, official


def build_rows(src_dir: Path) -> list[tuple[str, str, str, str]]:
    """The gazetteer rows, sorted by name."""
    entries, official = _entries(Path(src_dir))
    chosen: dict[str, tuple[str, str, str, str]] = {}
    exact = {e[0] for e in entries if e[4]}
    ranked = sorted(entries, key=lambda e: (not e[4], _PRIORITY[e[1]], e[2]))
    for name, kind, code, off, is_exact in ranked:
        if name in chosen or (not is_exact and name in exact):
            continue
        chosen[name] = (name, kind, code, off)
    for alias, target in lexicon.table("gazetteer_aliases").items():
        if target not in official:
            raise ValueError(f"gazetteer alias {alias!r}: unknown place {target!r}")
        kind, code = official[target]
        chosen[alias] = (alias, kind, code, target)
    return sorted(chosen.values(), key=lambda r: (r[0].lower(), r[0]))


def build_gazetteer(src_dir: Path, out_path: Path) -> dict:
    """Write the gazetteer TSV to ``out_path``; return a summary (rows per type, bytes)."""
    rows = build_rows(Path(src_dir))
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(out_path.suffix + ".partial")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")
    tmp.replace(out_path)
    by_type: dict[str, int] = {}
    for row in rows:
        by_type[row[1]] = by_type.get(row[1], 0) + 1
    return {"path": str(out_path), "rows": len(rows), "by_type": by_type,
            "bytes": out_path.stat().st_size}


if __name__ == "__main__":  # pragma: no cover - convenience
    import json
    import sys

    print(json.dumps(build_gazetteer(Path(sys.argv[1]), Path(sys.argv[2])), indent=2))
