"""The trained attribution model (src/fogwatch/nlp/attribution_model): it loads, finds who said what
in plain reporting sentences, invents nothing in a bare statement of fact, and keeps offsets right
in texts long enough to be read in pieces."""
from __future__ import annotations

import shutil

import numpy as np
import pytest
from conftest import extract_text

from fogwatch.nlp import span_tagger as T
from fogwatch.nlp.attribution import (
    MODEL_DIR,
    AttributionModelMissing,
    _undated,
    bylines,
    find_attributions,
    load,
    parse,
)
from fogwatch.nlp.span_tagger import PIECE


def parts(text: str) -> list[tuple[str | None, str, str | None]]:
    """(source, cue, content) texts of each attribution found in `text`."""
    def cut(extent):
        return text[extent[0]:extent[1]] if extent else None

    return [(cut(a.source), cut(a.cue), cut(a.content)) for a in find_attributions(text)]


@pytest.mark.parametrize("text, expected", [
    ("The ministry said on Tuesday that 12 soldiers were killed.",
     ("The ministry", "said", "that 12 soldiers were killed")),
    ("'We will not retreat,' the commander told reporters.",
     ("the commander", "told", "We will not retreat")),
    ("According to the governor, the bridge was destroyed.",
     ("the governor", "According to", "the bridge was destroyed")),
])
def test_finds_source_cue_and_content(text, expected):
    (found,) = parts(text)
    source, cue, content = expected
    assert found[0] == source
    assert found[1].startswith(cue)  # PolNeAR cues sometimes take an adverb or object along
    assert found[2] == content


@pytest.mark.parametrize("text, source", [
    ("BRUSSELS - European leaders said on Friday that they would send more air defence systems to Ukraine.",
     "European leaders"),
    ("CHARLOTTE - The wife of a man shot by police said she had recorded the encounter.",
     "The wife of a man shot by police"),
    ("WASHINGTON - NATO said it would send more troops.", "NATO"),
])
def test_a_dateline_is_not_part_of_the_source(text, source):
    assert [found[0] for found in parts(text)] == [source]


@pytest.mark.parametrize("text, source", [
    ("NEW YORK, Feb 24 (Reuters) - \u201cOfficials in Kyiv", "Officials in Kyiv"),
    ("Strikes go on\n\nLONDON/KYIV - Ukraine's air force", "Ukraine's air force"),
    ("MANCHESTER, N.H. -- The governor", "The governor"),
    ("US- and EU-led negotiators", "US- and EU-led negotiators"),  # not a dateline
    ("NATO officials", "NATO officials"),
    ("Talks end\nA title\nA subtitle\nBy a reporter\nKYIV — Officials", "KYIV — Officials"),  # too far down
    ("Officials in BRUSSELS - and elsewhere", "Officials in BRUSSELS - and elsewhere"),
])
def test_a_source_loses_a_dateline_only_where_a_story_opens(text, source):
    start = text.rfind("\n") + 1
    kept = _undated(text, (start, len(text)))
    assert text[kept[0]:kept[1]] == source


def test_a_bare_statement_of_fact_has_no_attribution():
    assert parts("The bridge was destroyed on Tuesday.") == []


def test_offsets_stay_right_across_pieces():
    filler = "The weather in the valley was mild and the roads were open.\n\n" * (2 * PIECE // 12)
    text = filler + "The ministry said on Tuesday that 12 soldiers were killed.\n"
    assert len(text.split()) > 2 * PIECE
    found = [a for a in find_attributions(text) if text[a.cue[0]:a.cue[1]].startswith("said")]
    assert len(found) == 1
    a = found[0]
    assert text[a.source[0]:a.source[1]] == "The ministry"
    assert text[a.content[0]:a.content[1]] == "that 12 soldiers were killed"


def test_a_missing_model_folder_is_a_named_error(tmp_path):
    with pytest.raises(AttributionModelMissing, match="scripts/train_attribution.py"):
        load(tmp_path)


# --- the model inside `extract` (the code path of `fogwatch ingest` and `fogwatch eval attribution`) ---

def cut(text: str, span) -> str | None:
    return text[span.start:span.end] if span is not None else None


def test_both_halves_of_an_interrupted_quote_are_the_speakers():
    # The grouping may join the halves into one content in two fragments (`content_parts`) or keep
    # two claims; either way no half is lost or given to nobody.
    text = "“We will hold the bridge,” the commander told reporters on Sunday, “whatever it costs us.”"
    claims = [c for c in extract_text(text) if c.cue_span is not None]
    assert {cut(text, c.source_span) for c in claims} == {"the commander"}
    said = [cut(text, p) for c in claims for p in (c.content_parts or (c.content_span,))]
    assert any("We will hold the bridge" in x for x in said) and any("whatever it costs us" in x for x in said)


def test_a_belief_is_an_attribution_that_the_rules_alone_miss():
    text = "Local officials believe the ferry will resume service next week."
    (claim,) = [c for c in extract_text(text) if c.cue_span is not None]
    assert claim.predicate == "stated"
    assert cut(text, claim.source_span) == "Local officials"
    assert cut(text, claim.cue_span) == "believe"
    assert cut(text, claim.content_span) == "the ferry will resume service next week"


def test_a_rule_claim_takes_the_model_spans_and_keeps_its_reading():
    text = "The regional governor said on Monday that 14 people were killed in the shelling."
    (claim,) = [c for c in extract_text(text) if c.predicate == "killed"]
    assert claim.quantity is not None and (claim.quantity.low, claim.quantity.high) == (14, 14)
    assert cut(text, claim.source_span) == "The regional governor"
    assert cut(text, claim.cue_span).startswith("said")
    assert cut(text, claim.content_span) == "that 14 people were killed in the shelling"


def test_a_second_member_in_the_model_folder_votes(tmp_path):
    # An ensemble member is the same network from another seed: `tagger-<name>.onnx` / `.json`.
    # Two identical members must read exactly as one; two different ones read as their mean.
    def folder(name: str, members: dict[str, str]):
        path = tmp_path / name
        path.mkdir()
        shutil.copy(MODEL_DIR / "grouping.json", path / "grouping.json")
        for target, source in members.items():
            for ext in (".onnx", ".json"):
                shutil.copy(MODEL_DIR / f"{source}{ext}", path / f"{target}{ext}")
        return T.SpanTagger(path)

    one, other = folder("one", {"tagger": "tagger"}), folder("other", {"tagger": "tagger-s3"})
    same, pair = folder("same", {"tagger": "tagger", "tagger-b": "tagger"}), \
        folder("pair", {"tagger": "tagger", "tagger-b": "tagger-s3"})
    assert (len(one.members), len(pair.members)) == (1, 2)

    article = next(parse(["The ministry said on Tuesday that 12 soldiers were killed."]))
    inputs = T.Inputs.of(article.doc, article.breaks())
    assert np.allclose(one.logprobs(inputs), same.logprobs(inputs), atol=1e-5)
    assert not np.allclose(one.logprobs(inputs), other.logprobs(inputs), atol=1e-3)
    assert np.allclose(pair.logprobs(inputs), (one.logprobs(inputs) + other.logprobs(inputs)) / 2, atol=1e-5)
    assert np.allclose(pair.transitions, (one.transitions + other.transitions) / 2, atol=1e-6)


@pytest.mark.parametrize("text, hedge", [
    ("The ferry will not run next week, according to local media.", "reported"),
    ("The ferry will not run next week, according to the port authority.", "asserted"),
])
def test_according_to_is_a_report_only_when_the_source_is_one(text, hedge):
    # The same reading whether the rules or the model found the cue (lexicon.according_to_hedge).
    (claim,) = [c for c in extract_text(text) if c.cue_span is not None]
    assert cut(text, claim.cue_span).lower().startswith("according to")
    assert claim.hedge == hedge


# Reader voices and pull quotes are signed with a dash after the quotation (PolNeAR annotates the
# dash as the cue); the quotation may hold quotes of its own, or open with the wrong curly mark.
VOICES = ("Readers answered the paper's call.\n"
          "“The bridge was the only way out, and now it is gone.” ― Olena Kovalenko\u00a0\n"
          "”Nobody told us the ‘corridor’ was closed.”\u00a0― Petro Marchuk, Kherson\n"
          "\"We counted 40 shells in one night.\"\n\n- Iryna Bondar.\n\n"
          "The mayor -- and two of his deputies -- left the city on Monday.\n"
          "Jan. 5 — The ministry said the road was open.")


@pytest.mark.parametrize("text, expected", [
    ("“Go home.” ― Ann Lee, Kyiv; “Stay.” ― Bo Kim", [("Ann Lee", "“Go home.”"), ("Bo Kim", "“Stay.”")]),
    ("“Nie wiem.” ― Łukasz Żak\n", [("Łukasz Żak", "“Nie wiem.”")]),
    ('"We held the line."\r\n- Sanders\r\n', [("Sanders", '"We held the line."')]),
    ('"Great speech."\n\n-President Obama, tweeting after the speech.', [("President Obama", '"Great speech."')]),
    ("She called it “a disaster” — Monday, officials said.", []),
    ("“We will win.” — Officials said.", []),
    ("The senator -- and two aides -- left.\nJan. 5 — The ministry said so.", []),
    ("- Sanders", []),
    # A quotation is signed only if it is the whole line: not a quote inside a sentence, inside
    # the quotation, or the last of two.
    ('They were told to expect "a little war."\n\n- However, nobody was ready.', []),
    ('The agency quoted him calling it "my friend."\n\n- Reuters', []),
    ("“Likewise, the “Great Three” – Stalin, Roosevelt and Churchill, who met there.", []),
    ('"No," he said. "We stay" - Added.', []),
    ("“We must act,” he said, citing the “Minsk format” – Ukraine, Russia, Germany and France.", []),
    ("“Go.” ― Jane Doe; and then he said “Stay.” ― Bo Kim", [("Jane Doe", "“Go.”")]),
    ("“Go.” ― Jane Doe, who later told us of the “deal” ― Bo Kim.", [("Jane Doe", "“Go.”")]),
    ("He wrote " + "a" * 500 + " “" + "y" * 1998 + "” ― Jane Doe", []),
    ("“They said ‘evil’ and meant it.” ― Jan Kos", [("Jan Kos", "“They said ‘evil’ and meant it.”")]),
])
def test_bylines(text, expected):
    assert [(text[a.source[0]:a.source[1]], text[a.content[0]:a.content[1]]) for a in bylines(text)] == expected


def test_a_quotation_signed_with_a_dash_is_attributed_to_the_name():
    found = [(s, c, q) for s, c, q in parts(VOICES) if c in ("―", "-", "--", "—")]
    assert found == [
        ("Olena Kovalenko", "―", "“The bridge was the only way out, and now it is gone.”"),
        ("Petro Marchuk", "―", "”Nobody told us the ‘corridor’ was closed.”"),
        ("Iryna Bondar", "-", "\"We counted 40 shells in one night.\""),
    ]


def test_a_signed_quotation_becomes_a_claim_of_the_signer():
    signed = {c.via[0].speaker: c for c in extract_text(VOICES) if c.cue in ("―", "-")}
    # The speaker is the name the model marked, not the noun phrase the parse makes of "Name, Place".
    for name, quote in [("Olena Kovalenko", "The bridge was the only way out"), ("Petro Marchuk", "Nobody told us"),
                        ("Iryna Bondar", "We counted 40 shells")]:
        claim = signed[name]
        assert claim.speaker is not None and claim.speaker.name == name
        assert (claim.predicate, claim.hedge) == ("stated", "asserted")
        assert quote in VOICES[claim.content_span.start:claim.content_span.end]


def test_a_speaker_label_in_a_transcript_is_a_colon_cue():
    # PolNeAR annotates the colon of "PENCE: ..." as the cue. Training once trimmed punctuation-only
    # spans away, and the tagger never marked a colon.
    text = ("MODERATOR: Will the ceasefire hold through the weekend?\n\n"
            "SPOKESMAN: It will hold if the other side stops firing.")
    assert ("MODERATOR", ":", "Will the ceasefire hold through the weekend") in parts(text)


def test_a_statement_that_rules_and_model_both_find_is_one_claim():
    # The rule claim takes the model's spans (`adopt_spans`) and then says what the model's own
    # claim says; the ledger must not count it twice.
    claims = extract_text("Readers answered the paper's call.\n“The bridge was the only way out.” ― Olena Kovalenko")
    said = [(c.predicate, c.cue_span, c.content_span) for c in claims]
    assert len(said) == len(set(said))
    assert "―" in [c.cue for c in claims]
