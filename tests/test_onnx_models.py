"""The ONNX files fogwatch ships instead of torch (scripts/export_onnx.py): the MiniLM encoder, its
tokenizer and the attribution taggers load from the package, give vectors of the right shape, and
read a real article as the torch models did before the port (tests/onnx_expectation.json)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import SHARED, need

from fogwatch.nlp import encoder
from fogwatch.nlp import span_tagger as T
from fogwatch.nlp.attribution import MODEL_DIR, find_attributions
from fogwatch.nlp.relevance import embed, score

EXPECTATION = json.loads((Path(__file__).with_name("onnx_expectation.json")).read_text(encoding="utf-8"))


def test_the_encoder_gives_each_word_the_states_of_three_layers():
    words = ["Russian", "missiles", " ", "struck", "Kharkiv", "overnight", "."]
    vectors = T.contextual_vectors(words)
    assert vectors.shape == (len(words), encoder.HIDDEN * len(T.LAYERS)) and vectors.dtype == np.float32
    assert not vectors[2].any()  # whitespace has no word piece
    assert all(np.linalg.norm(v) > 1 for i, v in enumerate(vectors) if i != 2)
    # A word split into several pieces ("Kharkiv") is the mean of its pieces, read in context.
    assert not np.allclose(vectors[4], T.contextual_vectors(["Kharkiv"])[0], atol=1e-2)


def test_a_long_text_is_read_in_windows_that_give_each_word_its_own_context():
    # More word pieces than one encoder window: every word is read, and a passage reads nearly as
    # it does alone (a piece misplaced between windows would take another word's state).
    words = need(SHARED / "eval" / "corpora" / EXPECTATION["article"]).read_text(encoding="utf-8").split()
    assert len(encoder.tokenizer().encode(words, is_pretokenized=True, add_special_tokens=False).ids) > 2 * T.WINDOW
    vectors = T.contextual_vectors(words)
    assert vectors.shape == (len(words), 1152) and all(np.linalg.norm(v) > 1 for v in vectors)
    for lo in (0, len(words) // 2, len(words) - 120):
        alone = T.contextual_vectors(words[lo:lo + 120])
        inner = slice(lo + 30, lo + 90)
        a, b = vectors[inner], alone[30:90]
        cos = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
        assert cos.mean() > 0.8, (lo, cos.mean())  # aligned: 0.86-0.98; one word off: 0.31


def test_paragraph_vectors_are_unit_length_and_place_war_news_together():
    war, war2, cake = embed(["Artillery shelled the town overnight, killing two civilians.",
                             "Missiles hit an apartment block and several people died.",
                             "Whisk the butter and sugar until pale, then fold in the flour."])
    assert np.allclose([np.linalg.norm(v) for v in (war, war2, cake)], 1.0, atol=1e-5)
    assert war @ war2 > war @ cake + 0.2


def test_one_thread_per_process_when_asked(monkeypatch):
    monkeypatch.setenv(encoder.THREADS_VARIABLE, "1")
    assert encoder.options().intra_op_num_threads == 1
    monkeypatch.delenv(encoder.THREADS_VARIABLE)
    assert 1 <= encoder.options().intra_op_num_threads <= 2


def test_a_real_article_reads_as_it_did_with_torch():
    text = need(SHARED / "eval" / "corpora" / EXPECTATION["article"]).read_text(encoding="utf-8")
    # The int8 weights moved the relevance probability by 0.01 at most on 18 real articles.
    assert score(text) == pytest.approx(EXPECTATION["relevance"], abs=0.02)

    def cut(span):
        return text[span[0]:span[1]] if span else None

    found = [{"source": cut(a.source), "cue": cut(a.cue), "content": cut(a.content)} for a in find_attributions(text)]
    expected = EXPECTATION["attributions"]
    same = [a for a in found if a in expected]
    assert len(same) >= 0.8 * len(expected) and len(found) <= len(expected) + 2, (found, expected)
    assert {a["source"] for a in found} >= {"Biden"}


def test_a_tagger_exported_from_other_weights_is_refused(tmp_path):
    for name in ("tagger.onnx", "tagger.json", "grouping.json"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    (tmp_path / "tagger.pt").write_bytes(b"retrained weights, not yet exported")
    with pytest.raises(T.TaggerStale, match="export_onnx.py"):
        T.SpanTagger(tmp_path)


def test_an_exported_tagger_scores_as_its_torch_network():
    torch = pytest.importorskip("torch")  # the `train` extra
    if not (MODEL_DIR / "tagger.pt").is_file():
        pytest.skip("the .pt weights are in the checkout only, not in an installed package")
    config = json.loads((MODEL_DIR / "tagger.json").read_text(encoding="utf-8"))
    net = T.build(config)
    net.load_state_dict(torch.load(MODEL_DIR / "tagger.pt", map_location="cpu", weights_only=True))
    words = "The governor said on Monday that 14 people were killed in the shelling .".split()
    inputs = T.Inputs(T.contextual_vectors(words), ["NN"] * len(words), ["nsubj<"] * len(words),
                      np.zeros((len(words), len(T.FLAGS)), dtype=np.float32), [w.lower() for w in words])
    exported = T.OnnxMember(MODEL_DIR / "tagger.onnx", config)
    reference = T.TorchMember(config, net.eval())
    assert np.allclose(exported.emissions(inputs), reference.emissions(inputs), atol=1e-4)
    assert np.allclose(exported.transitions, reference.transitions, atol=1e-6)
