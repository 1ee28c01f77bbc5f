"""Boilerplate rules on cases written for them: what must go, and what must stay."""
from fogwatch.clean import clean_document
from fogwatch.clean.boilerplate import strip_boilerplate
from fogwatch.records import Document

STORY = ("Shelling hit the town of Vovchansk overnight, the regional governor said on Friday. "
         "Two people were wounded.")


def test_trailer_block_is_cut():
    text = f"{STORY}\n\nSecond paragraph of the story goes on for a while longer than forty characters.\n\n" \
           "Related stories\n\nSomething else entirely happened in another country.\n"
    out = strip_boilerplate(text)
    assert "Second paragraph" in out and "Something else" not in out and "Related" not in out


def test_story_starting_with_a_trailer_word_is_kept():
    text = "More from the front: troops advanced near the village, officials said.\n\n" + STORY
    assert strip_boilerplate(text).startswith("More from the front")


def test_credits_and_doubled_captions_go():
    text = ("Soldiers walk past a destroyed building in Bakhmut\nSoldiers walk past a destroyed building in Bakhmut\n"
            "REUTERS/Jane Doe\n" + STORY + "\n(Photo by John Smith/AFP via Getty Images)\nCopyright 2024 Example")
    out = strip_boilerplate(text)
    assert out.strip().splitlines() == [STORY]


def test_read_more_line_inside_story():
    text = STORY + "\nRead more: Why the front line matters\nThe governor added that schools would close."
    out = strip_boilerplate(text)
    assert "Read more" not in out and "schools would close" in out


def test_title_line_is_metadata_and_id_is_content_hash():
    a = clean_document(Document(origin="x", text="A headline\n\n" + STORY, title="A headline"))
    b = clean_document(Document(origin="y", text=STORY + "\n\n"))
    assert a.text == STORY and a.title == "A headline" and a.article_id == b.article_id


def test_a_line_in_capitals_goes_but_a_text_in_capitals_stays():
    story = f"{STORY}\n\nUKRAINE SAYS ITS FORCES RETOOK A VILLAGE NEAR BAKHMUT, OFFICIALS SAY\n\n" \
            "The governor added that schools would close.\n\nNATO UPDATE"
    assert strip_boilerplate(story).splitlines() == [STORY, "", "", "The governor added that schools would close.",
                                                     "", "NATO UPDATE"]
    wire = "KYIV - SHELLING HIT THE TOWN OVERNIGHT, THE GOVERNOR SAID.\n\nTWO PEOPLE WERE WOUNDED.\n\n" \
           "Corrects spelling of the town in paragraph one."
    assert strip_boilerplate(wire) == wire


def test_sentences_glued_by_a_translation_are_read_apart():
    """A Polish-English GDELT body writes "on Tuesday.The presented data": the stored text has the
    space, so the parser reads two sentences; the id is that of the text as it came, so an article
    ingested before this rule is still recognised."""
    from conftest import SHARED, need
    from fogwatch.clean import article_id, normalise

    path = need(SHARED / "eval/corpora/ukraine-war-news/gdelt-articles/20230322T030000Z_PL_en_1148f817a5.txt")
    raw = path.read_text(encoding="utf-8")
    article = clean_document(Document(text=raw, origin=str(path)))
    assert "losses on Tuesday. The presented data shows" in article.text
    assert "tanks and nine artillery systems. The aggressor's army" in article.text
    assert article.article_id == article_id(normalise(raw))
    # Abbreviations, initials and domains stay as written.
    kept = "U.S. officials and Sport-Express.ru said so, as did the A.P. wire."
    assert clean_document(Document(text=kept, origin="x")).text == kept
