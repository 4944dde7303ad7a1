# ruff: noqa: PLR0912, F841 - kept close to the project's scorer it extends
"""Score partycases' text parser against gold fact annotations.

Usage: python score_facts.py DIR [--doc NAME] [--json] [--show] [--ext html]
(A copy of the project's scorer that also reads saved web pages: with ``--ext html`` the flat
layout scores NAME.html through partycases.load instead of NAME.txt through parse_text.)
DIR holds NAME.txt + NAME.json pairs (like ../shared/probes), or docs/NAME.txt + gold/NAME.json.
The gold format is described in ../shared/probes/README.md.
Runs in an environment where the project under test is importable. For each
docs/NN.txt with a gold/NN.json (and the seed via gold/00-seed.json when the seed
text is given with --seed PATH), it calls partycases.parse_text, dumps the case
with partycases.dumps, and compares facts category by category.
Prints per-category precision/recall/F1, crashes, and a last line
'facts F1 <overall> crashes <n> mean-doc <m> documents <k>'.
"""

from __future__ import annotations

import argparse
import difflib
import json
import pathlib
import re
import sys
import time
import traceback
import unicodedata

QUOTES = "「」『』“”‘’\"'《》〈〉()（）[]【】 \t\r\n,，。.;；:：、!！?？·・-—"


def norm(s: object) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s))
    return "".join(ch for ch in s if ch not in QUOTES)


def sim(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if (a in b or b in a) and min(len(a), len(b)) / max(len(a), len(b)) >= 0.6:
        return 0.9
    return difflib.SequenceMatcher(None, a, b).ratio()


def partial(x: object) -> str | None:
    """Any partial-date shape -> 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
    if x is None:
        return None
    if isinstance(x, dict):
        for key in ("start", "from", "begin"):
            if key in x and isinstance(x[key], (str, dict)):
                return partial(x[key])
        y = x.get("year")
        if y is None:
            return None
        out = f"{int(y):04d}"
        if x.get("month"):
            out += f"-{int(x['month']):02d}"
            if x.get("day"):
                out += f"-{int(x['day']):02d}"
        return out
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(x))
    if not m:
        return None
    out = m.group(1)
    if m.group(2):
        out += f"-{int(m.group(2)):02d}"
        if m.group(3):
            out += f"-{int(m.group(3)):02d}"
    return out


def match(gold: list, pred: list, key, threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by similarity of key(item)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = sim(key(g, True), key(p, False))
            if s >= threshold:
                pairs.append((s, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


class Tally:
    def __init__(self) -> None:
        self.tp = self.gold = self.pred = 0

    def add(self, tp: int, gold: int, pred: int) -> None:
        self.tp += tp
        self.gold += gold
        self.pred += pred

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def score_doc(gold: dict, case: dict, t: dict[str, Tally]) -> None:
    orgs = case.get("organisations") or []
    names = {o.get("id"): o.get("name") for o in orgs}

    # scalar facts
    t["title"].add(
        int(bool(gold.get("title")) and sim(gold.get("title"), case.get("title")) >= 0.9),
        1 if gold.get("title") else 0,
        1 if case.get("title") else 0,
    )
    if gold.get("published"):
        got = partial(case.get("published_at"))
        t["published"].add(int(got == gold["published"]), 1, 1 if got else 0)
    if gold.get("source"):
        src = case.get("source") or {}
        pub = src.get("publisher") if isinstance(src, dict) else src
        if isinstance(pub, dict):
            pub = pub.get("name") or names.get(pub.get("id"))
        if pub in names:
            pub = names[pub]
        t["source"].add(int(sim(gold["source"], pub) >= 0.8), 1, 1 if pub else 0)

    # section headings (top level)
    # A section with no heading (lead paragraphs before the first heading) is not a heading.
    heads = [s.get("heading") for s in case.get("sections") or [] if s.get("heading")]
    gh = gold.get("section_headings") or []
    m = match(gh, heads, lambda x, g: x, 0.8)
    t["sections"].add(len(m), len(gh), len(heads))

    # organisations + their attributes
    go = gold.get("organisations") or []
    m = match(go, orgs, lambda x, g: x.get("name"), 0.75)
    t["organisations"].add(len(m), len(go), len(orgs))
    for gi, pi in m:
        g, p = go[gi], orgs[pi]
        if g.get("founded"):
            got = partial(p.get("founded"))
            t["founded"].add(int(got == g["founded"]), 1, 1 if got else 0)
        elif p.get("founded"):
            t["founded"].add(0, 0, 1)
        if g.get("member_count"):
            mc = p.get("member_count") or {}
            val = mc.get("value") if isinstance(mc, dict) else mc
            t["member_count"].add(
                int(val == g["member_count"]["value"]), 1, 1 if val is not None else 0
            )
    for gi, g in enumerate(go):
        if gi not in {a for a, _ in m}:
            if g.get("founded"):
                t["founded"].add(0, 1, 0)
            if g.get("member_count"):
                t["member_count"].add(0, 1, 0)

    # honours: title match, then year and awarding bodies
    gho = gold.get("honours") or []
    pho = case.get("honours") or []
    m = match(gho, pho, lambda x, g: x.get("title"), 0.6)
    t["honours"].add(len(m), len(gho), len(pho))
    for gi, pi in m:
        g, p = gho[gi], pho[pi]
        year = (partial(p.get("date")) or "")[:4] or None
        if g.get("year"):
            t["honour_year"].add(int(year == g["year"]), 1, 1 if year else 0)
        gb = g.get("awarded_by") or []
        pb = [names.get(i, i) for i in (p.get("awarded_by") or [])]
        mb = match(gb, pb, lambda x, gg: x, 0.75)
        t["honour_awarded_by"].add(len(mb), len(gb), len(pb))
    for gi, g in enumerate(gho):
        if gi not in {a for a, _ in m}:
            if g.get("year"):
                t["honour_year"].add(0, 1, 0)
            t["honour_awarded_by"].add(0, len(g.get("awarded_by") or []), 0)

    # activities: fuzzy name, then date
    ga = gold.get("activities") or []
    pa = case.get("activities") or []
    m = match(ga, pa, lambda x, g: x.get("name"), 0.5)
    t["activities"].add(len(m), len(ga), len(pa))
    for gi, pi in m:
        if ga[gi].get("date"):
            got = partial(pa[pi].get("date"))
            t["activity_date"].add(int(got == ga[gi]["date"]), 1, 1 if got else 0)

    # works
    gw = gold.get("works") or []
    pw = case.get("works") or []
    m = match(gw, pw, lambda x, g: x.get("title"), 0.9)
    t["works"].add(len(m), len(gw), len(pw))


CATS = [
    "title",
    "published",
    "source",
    "sections",
    "organisations",
    "founded",
    "member_count",
    "honours",
    "honour_year",
    "honour_awarded_by",
    "activities",
    "activity_date",
    "works",
]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("heldout", metavar="DIR")
    ap.add_argument("--seed", help=argparse.SUPPRESS)
    ap.add_argument("--doc")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="print each parsed case")
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument(
        "--ext", default="txt", choices=["txt", "html"], help="flat layout: which documents"
    )
    a = ap.parse_args()
    import orjson

    import partycases

    if a.case:
        gold = json.loads(
            (pathlib.Path(a.heldout) / "gold/00-seed.json").read_text(encoding="utf-8")
        )
        d = orjson.loads(partycases.dumps(partycases.load(a.case)))
        t = {c: Tally() for c in CATS}
        score_doc(gold, d, t)
        for c in CATS:
            p, r, f = t[c].prf()
            print(f"{c:20s} {p:5.2f} {r:5.2f} {f:5.2f}  {t[c].tp}/{t[c].gold}/{t[c].pred}")
        rec = [t[c].prf()[1] for c in CATS if t[c].gold]
        print(f"example recall {sum(rec) / len(rec):.2f}")
        return 0

    root = pathlib.Path(a.heldout)
    jobs = []
    if a.seed and (root / "gold/00-seed.json").exists():
        jobs.append(("00-seed", pathlib.Path(a.seed), root / "gold/00-seed.json"))
    for doc in sorted((root / "docs").glob("*.txt")):
        gold = root / "gold" / (doc.stem + ".json")
        if gold.exists():
            jobs.append((doc.stem, doc, gold))
    for doc in sorted(root.glob(f"*.{a.ext}")):  # flat layout: NAME.txt beside NAME.json
        gold = doc.with_suffix(".json")
        if gold.exists():
            jobs.append((doc.stem, doc, gold))
    var = root / "variants"
    if var.exists():
        for doc in sorted(var.glob("*.txt")):
            gold = var / (doc.stem + ".json")
            if not gold.exists() and doc.stem.endswith("gb18030"):
                gold = var / "seed-hans-fullwidth-crlf.json"
            if gold.exists():
                jobs.append(("v-" + doc.stem, doc, gold))
    if a.doc:
        jobs = [j for j in jobs if j[0] == a.doc]
    total = {c: Tally() for c in CATS}
    known = {c: Tally() for c in CATS}  # the seed and its variants, scored apart
    doc_f1: list[float] = []
    crashes = 0
    per_doc = {}
    t0 = time.perf_counter()
    nbytes = 0
    for name, doc, goldp in jobs:
        raw = doc.read_bytes()
        nbytes += len(raw)
        gold = json.loads(goldp.read_text(encoding="utf-8"))
        try:
            if name.startswith("v-") or doc.suffix == ".html":
                case = partycases.load(doc)  # the path API: encoding, CRLF, BOM handling
            else:
                case = partycases.parse_text(raw.decode("utf-8"))
            d = orjson.loads(partycases.dumps(case))
        except Exception as e:  # a crash is a finding
            crashes += 1
            per_doc[name] = f"CRASH {type(e).__name__}: {e}"
            if name != "00-seed" and not name.startswith("v-"):
                doc_f1.append(0.0)
            if a.show:
                traceback.print_exc()
            continue
        if a.show:
            print(json.dumps(d, ensure_ascii=False, indent=1)[:6000])
        t = {c: Tally() for c in CATS}
        score_doc(gold, d, t)
        real = name != "00-seed" and not name.startswith("v-")
        for c in CATS:
            (total if real else known)[c].add(t[c].tp, t[c].gold, t[c].pred)
        fs = [t[c].prf()[2] for c in CATS if t[c].gold or t[c].pred]
        per_doc[name] = f"F1 {sum(fs) / len(fs):.2f}"
        if real:
            doc_f1.append(sum(fs) / len(fs))
    dt = time.perf_counter() - t0
    rows = {c: total[c].prf() for c in CATS}
    if a.json:
        print(
            json.dumps(
                {"per_doc": per_doc, "categories": rows, "crashes": crashes}, ensure_ascii=False
            )
        )
    else:
        for k, v in per_doc.items():
            print(f"{k:10s} {v}")
        print(f"{'category':20s} {'P':>5s} {'R':>5s} {'F1':>5s}  tp/gold/pred")
        for c in CATS:
            p, r, f = rows[c]
            print(
                f"{c:20s} {p:5.2f} {r:5.2f} {f:5.2f}  {total[c].tp}/{total[c].gold}/{total[c].pred}"
            )
    used = [rows[c][2] for c in CATS if total[c].gold or total[c].pred]
    overall = sum(used) / len(used) if used else 0.0
    kused = [known[c].prf()[2] for c in CATS if known[c].gold or known[c].pred]
    koverall = sum(kused) / len(kused) if kused else 0.0
    mean_doc = sum(doc_f1) / len(doc_f1) if doc_f1 else 0.0
    print(f"docs {len(jobs)} bytes {nbytes} seconds {dt:.3f}")
    # Headline: the mean over categories of each category's F1 (micro over documents),
    # then the mean of the per-document F1s.
    print(
        f"facts F1 {overall:.2f} crashes {crashes} mean-doc {mean_doc:.2f} documents {len(doc_f1)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
