"""The PolNeAR harness: its BRAT reader, its scoring on hand-made spans, and fogwatch's floors on dev."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogwatch.eval.polnear import (BadCorpus, Relation, annotation_files, evaluate, max_matching, normalize,
                                   read_ann, render, score_doc)
from fogwatch.records import Claim, Extraction, Span

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "eval" / "polnear"
BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 40\tthe plan will fail badly\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 50 61\tis believed\n"
    "T6\tContent 62 80\tthat prices\n"
    "fell sharply\n"  # BRAT writes a newline inside a span's text as is
    "T7\tAttribution-no-source 50 61\tis believed\n"
    "E2\tAttribution-no-source:T7 \n"  # an editor leftover: no arguments
    "E3\tAttribution-no-source:T7 Cue:T5 Content:T6 Content2:T9\n"
    "T8\tDiscuss 90 95\thmm\n"
    "T9\tContent 82 88\tagain\n"
    "#1\tAnnotatorNotes T8\tnot sure\n"
)


def test_read_ann_joins_fragments_and_keeps_relations_without_source(tmp_path):
    path = tmp_path / "doc_4b22.ann"
    path.write_text(ANN, encoding="utf-8")
    assert read_ann(path) == (
        Relation(source=((0, 5),), cue=((6, 10),), content=((11, 20), (25, 40))),
        Relation(source=None, cue=((50, 61),), content=((62, 80), (82, 88))),
    )


def test_read_ann_names_the_line_of_a_dangling_argument(tmp_path):
    path = tmp_path / "doc_4b22.ann"
    path.write_text("T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Cue:T1 Source:T7\n", encoding="utf-8")
    with pytest.raises(BadCorpus, match=r"doc_4b22.ann:2: argument Source:T7"):
        read_ann(path)


def test_the_lexicographically_first_annotator_is_chosen(tmp_path):
    for name in ("doc_ef2d.ann", "doc_4b22.ann", "doc_6b86.ann", "other_d473.ann"):
        (tmp_path / name).write_text("", encoding="utf-8")
    chosen = annotation_files(tmp_path)
    assert {doc: annotator for doc, (annotator, _) in chosen.items()} == {"doc": "4b22", "other": "d473"}


def test_normalize_strips_outer_quotes_and_punctuation_alike_and_joins_whitespace_gaps():
    text = 'PENCE:  "We will win."  he said,\nand then\n"again."'
    at = text.index
    quote = ((at('"We'), at("  he")),)
    assert normalize(text, quote) == ((at("We"), at('."  he')),)
    assert normalize(text, ((at("PENCE:") + 5, at("PENCE:") + 6),)) == ((5, 6),)  # a colon cue stays a colon
    assert normalize(text, ((at("said"), at(",\nand")), (at("and"), at("\n\"again")))) == \
        ((at("said"), at(",\nand")), (at("and"), at("\n\"again")))  # the comma is not whitespace
    assert normalize(text, ((at("and"), at(" then")), (at("then"), at("then") + 4))) == \
        ((at("and"), at("then") + 4),)
    assert normalize(text, ((6, 8),)) is None


def test_matching_is_one_to_one_and_maximal():
    overlap = lambda p, g: bool(p & g)  # noqa: E731
    # Greedy in order would give the first prediction the first gold span and leave the second unmatched.
    assert max_matching([{1, 2}, {1}], [{1}, {2}], overlap) == 2
    # One long prediction over two gold spans matches only one of them.
    assert max_matching([{1, 2, 3}], [{1}, {3}], overlap) == 1


TEXT = ('Smith said the plan "will fail." Jones told reporters that taxes rose. '
        "It is believed that prices fell. The mayor believes it.")


def at(phrase: str, last: bool = False) -> tuple[tuple[int, int], ...]:
    start = TEXT.rindex(phrase) if last else TEXT.index(phrase)
    return ((start, start + len(phrase)),)


def test_scores_on_hand_made_spans():
    gold = [
        Relation(at("Smith"), at("said"), at('the plan "will fail."')),
        Relation(at("Jones"), at("told"), at("that taxes rose")),
        Relation(None, at("is believed"), at("that prices fell")),
    ]
    pred = [
        Relation(at("Smith"), at("said"), at('the plan "will fail')),  # exact once normalised
        Relation(at("Smith"), at("said"), at('the plan "will fail')),  # a second claim of the same attribution
        Relation(at("Jones"), at("told reporters"), at("taxes rose")),  # overlaps only
        Relation(at("The mayor"), at("believes"), at("it", last=True)),  # not in gold
    ]
    scores = score_doc(TEXT, gold, pred).scores()
    expected = {
        "source": (2 / 3, 1.0), "source_overlap": (2 / 3, 1.0), "source_tokens": (2 / 4, 2 / 2),
        "cue": (1 / 3, 1 / 3), "cue_overlap": (2 / 3, 2 / 3), "cue_tokens": (2 / 4, 2 / 4),
        "content": (1 / 3, 1 / 3), "content_overlap": (2 / 3, 2 / 3),
        "relation": (2 / 3, 2 / 3), "relation_exact": (1 / 3, 1 / 3),
    }
    for metric, (p, r) in expected.items():
        assert scores[f"{metric}_precision"] == pytest.approx(p), metric
        assert scores[f"{metric}_recall"] == pytest.approx(r), metric
        assert scores[f"{metric}_f1"] == pytest.approx(2 * p * r / (p + r)), metric
    # Content tokens (a quote mark is one): gold 5 + 3 + 3, predicted 5 + 2 + 1, shared 5 + 2.
    assert scores["content_tokens_precision"] == pytest.approx(7 / 8)
    assert scores["content_tokens_recall"] == pytest.approx(7 / 11)


def test_relation_needs_an_absent_source_on_both_sides():
    gold = [Relation(None, at("is believed"), at("that prices fell"))]
    with_source = [Relation(at("It"), at("is believed"), at("that prices fell"))]
    without = [Relation(None, at("believed"), at("prices fell"))]
    assert score_doc(TEXT, gold, with_source).scores()["relation_f1"] == 0.0
    assert score_doc(TEXT, gold, without).scores()["relation_f1"] == 1.0


def _claim(article_id: str, n: int, source, cue, content, speaker=None) -> Claim:
    span = lambda s: Span(article_id, *s[0]) if s else None  # noqa: E731
    return Claim(claim_id=f"{article_id}-{n}", article_id=article_id, span=Span(article_id, 0, len(TEXT)),
                 text=TEXT, speaker=speaker, via=(), cue=None, hedge="asserted", predicate="stated",
                 source_span=span(source), cue_span=span(cue), content_span=span(content))


def test_evaluate_reads_the_layout_scores_per_outlet_and_renders(tmp_path):
    (tmp_path / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\ttitle\n"
        "dev\ta\tnyt\tA\n"
        "dev\tb\tbreitbart\t\"B\" quoted\n", encoding="utf-8")
    for folder in ("dev/text", "dev/attributions"):
        (tmp_path / folder).mkdir(parents=True)
    for doc in "ab":
        (tmp_path / f"dev/text/{doc}.txt").write_text(TEXT, encoding="utf-8")
    smith = ("T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 32\tx\n"
             "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n")
    (tmp_path / "dev/attributions/a_4b22.ann").write_text(smith, encoding="utf-8")
    (tmp_path / "dev/attributions/a_ef2d.ann").write_text("", encoding="utf-8")  # not the first annotator
    (tmp_path / "dev/attributions/b_5fec.ann").write_text(smith, encoding="utf-8")

    def fake_extract(articles):
        for article in articles:
            aid = article.article_id
            claims = [_claim(aid, 0, None, None, at("Jones told reporters"))]  # the outlet's own voice
            if aid == "a":
                claims += [_claim(aid, n, at("Smith"), at("said"), at('the plan "will fail')) for n in (1, 2)]
            else:
                claims += [_claim(aid, 1, None, at("believes"), at("it", last=True))]
            yield Extraction(article=article, claims=tuple(claims))

    result = evaluate(tmp_path, "dev", extractor=fake_extract)
    assert result["docs"] == 2 and result["gold_attributions"] == 2 and result["predicted_attributions"] == 2
    assert result["cue_f1"] == pytest.approx(0.5) and result["relation_f1"] == pytest.approx(0.5)
    assert result["per_outlet"]["nyt"]["relation_f1"] == 1.0
    assert result["per_outlet"]["breitbart"]["relation_f1"] == 0.0
    assert result["gold_without_source"] == 0
    assert evaluate(tmp_path, "dev", limit=1, extractor=fake_extract)["docs"] == 1
    report = render(result)
    assert "breitbart" in report and "nyt" in report and "relation" in report
    json.dumps(result)  # the CLI prints it as JSON


def test_a_missing_split_is_a_named_error(tmp_path):
    with pytest.raises(BadCorpus, match="test/text is missing"):
        evaluate(tmp_path, "test", extractor=lambda articles: iter(()))


@pytest.mark.slow
def test_fogwatch_stays_above_its_polnear_dev_floors():
    if not (POLNEAR / "dev").is_dir():
        pytest.skip(f"needs {POLNEAR / 'dev'} (the shared evaluation data beside the repository)")
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["polnear_dev"]
    result = evaluate(POLNEAR, "dev")
    assert result["docs"] == 84
    below = {k: (round(result[k], 4), floor) for k, floor in floors.items() if result[k] < floor}
    assert not below, f"PolNeAR dev scores fell below their floors (score, floor): {below}\n{render(result)}"
