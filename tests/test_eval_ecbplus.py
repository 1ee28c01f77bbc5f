"""ECB+ event coreference: the scorers on hand-made clusterings, and the floors on the dev topics."""
from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from fogwatch.eval.coref_metrics import _max_assignment, b_cubed, ceaf_e, muc, score
from fogwatch.eval.ecbplus import DEV_TOPICS, BadTopics, evaluate, parse_topics, read_document

ECBPLUS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "ecbplus"
BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"

# Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions", figure 1:
# key {a b c} {d e f g}; response {a b} {c d} {f g h i} (h and i are not in the key).
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_identical_clusterings_score_100():
    clusters = [{1, 2, 3}, {4}, {5, 6}]
    result = score(clusters, [set(c) for c in clusters])
    for metric in (result.muc, result.b3, result.ceafe):
        assert (metric.precision, metric.recall, metric.f1) == pytest.approx((100, 100, 100))
    assert result.conll_f1 == pytest.approx(100)


def test_muc_counts_links():
    # Vilain et al. (1995): one key chain of 4 split in two keeps 2 of its 3 links.
    split = muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])
    assert split.recall == pytest.approx(200 / 3) and split.precision == pytest.approx(100)
    example = muc(KEY, RESPONSE)
    assert (example.recall, example.precision) == pytest.approx((40, 40))


def test_muc_ignores_singletons():
    assert muc([{1}, {2}], [{1}, {2}]).f1 == 0.0  # no links on either side
    assert muc([{1, 2}, {3}], [{1, 2}, {3}]).f1 == pytest.approx(100)


def test_b_cubed_classic_example():
    # Bagga & Baldwin (1998): merging two chains of 5 that the key keeps apart.
    key = [set(range(1, 6)), {6, 7}, set(range(8, 13))]
    response = [set(range(1, 6)) | set(range(8, 13)), {6, 7}]
    result = b_cubed(key, response)
    assert result.recall == pytest.approx(100)
    assert result.precision == pytest.approx(100 * 7 / 12)


def test_b_cubed_with_mentions_on_one_side_only():
    result = b_cubed(KEY, RESPONSE)
    assert result.recall == pytest.approx(100 * (5 / 3 + 5 / 4) / 7)
    assert result.precision == pytest.approx(100 * 4 / 8)


def test_ceaf_e_example():
    result = ceaf_e(KEY, RESPONSE)
    # best alignment: {a b c}-{a b} (phi4 0.8) and {d e f g}-{f g h i} (0.5)
    assert result.recall == pytest.approx(100 * 1.3 / 2)
    assert result.precision == pytest.approx(100 * 1.3 / 3)


def test_conll_is_the_mean_of_the_three():
    result = score(KEY, RESPONSE)
    assert result.conll_f1 == pytest.approx((result.muc.f1 + result.b3.f1 + result.ceafe.f1) / 3)


def test_mention_in_two_clusters_is_rejected():
    with pytest.raises(ValueError):
        b_cubed([{1, 2}, {2, 3}], [{1, 2, 3}])


def test_assignment_is_optimal():
    rng = random.Random(7)
    for _ in range(200):
        rows, cols = rng.randint(1, 6), rng.randint(1, 6)
        matrix = [[rng.choice([0.0, 0.0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
        if rows <= cols:
            best = max(sum(matrix[i][p[i]] for i in range(rows)) for p in itertools.permutations(range(cols), rows))
        else:
            best = max(sum(matrix[p[j]][j] for j in range(cols)) for p in itertools.permutations(range(rows), cols))
        assert _max_assignment(matrix) == pytest.approx(best)


def test_parse_topics():
    assert parse_topics("2,5,12") == [2, 5, 12]
    assert parse_topics("36-45") == list(range(36, 46))
    assert parse_topics(" 3-4, 1 ,4") == [1, 3, 4]
    for bad in ("", "a", "5-2", "1,,x"):
        with pytest.raises(BadTopics):
            parse_topics(bad)


def test_read_document(tmp_path):
    xml = """<Document doc_name="9_1ecbplus.xml" doc_id="X">
<token t_id="1" sentence="0" number="0">http</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">arrested</token>
<token t_id="4" sentence="1" number="2">him</token>
<token t_id="5" sentence="2" number="0">He</token>
<token t_id="6" sentence="2" number="1">fled</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="2"><token_anchor t_id="6"/></NEG_ACTION_OCCURRENCE>
<HUMAN_PART_ORG m_id="3"><token_anchor t_id="2"/></HUMAN_PART_ORG>
<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t9_arrest" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/></CROSS_DOC_COREF>
</Relations>
</Document>"""
    path = tmp_path / "9_1ecbplus.xml"
    path.write_text(xml, encoding="utf-8")
    doc = read_document(path, {1, 2})
    assert (doc.topic, doc.subtopic, doc.first_text_sentence) == (9, "9ecbplus", 1)
    assert [(m.mention_id, m.positions, m.chain) for m in doc.events] == [
        ("9_1ecbplus:1", (1,), "ACT1"), ("9_1ecbplus:2", (1,), "9_1ecbplus:2")]
    assert [m.tag for m in doc.participants] == ["HUMAN_PART_ORG"]
    # only the listed sentences count
    assert [m.mention_id for m in read_document(path, {2}).events] == ["9_1ecbplus:2"]


def test_dev_topics_meet_the_floors():
    if not ECBPLUS.is_dir():
        pytest.skip(f"needs the ECB+ corpus at {ECBPLUS} (shared/eval beside the repository)")
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["ecbplus_dev"]
    result = evaluate(ECBPLUS, list(DEV_TOPICS))
    assert result["topics"] == list(DEV_TOPICS)
    assert (result["docs"], result["mentions"]) == (197, 1245)
    assert result["conll_f1"] >= floors["conll_f1"], result
    assert result["doc_b3_f1"] >= floors["doc_b3_f1"], result
    assert result["conll_f1"] - result["baseline_lemma_conll_f1"] >= floors["margin_over_lemma"], result


def test_encoder_puts_event_synonyms_close():
    # The pair score relies on this: the lemma groups miss synonyms that the embeddings link.
    from fogwatch.eval.ecbplus import ENCODER

    vectors = ENCODER(["kill", "murder", "win", "victory", "arrive"])
    assert vectors["kill"] @ vectors["murder"] > vectors["kill"] @ vectors["arrive"]
    assert vectors["win"] @ vectors["victory"] > vectors["win"] @ vectors["murder"]
    assert abs(float(vectors["win"] @ vectors["win"]) - 1) < 1e-4
