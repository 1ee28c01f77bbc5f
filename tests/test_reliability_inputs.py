"""Inputs a hostile or careless corpus brings: links out of the folder, unreadable paths, legacy
encodings, paragraphs too long for the parser. No NLP models."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import SHARED, need
from fogwatch.ingest import expand, read_paths
from fogwatch.nlp import MAX_PIECE, paragraphs
from fogwatch.records import Document, Failure

GDELT = SHARED / "eval" / "corpora" / "ukraine-war-news" / "gdelt-articles"
# A real article with one Latin-1 letter in a sea of English ("Civiltà Cattolica").
CIVILTA = GDELT / "20220701T024500Z_US_en_47225e8c64.txt"


def test_links_that_leave_the_folder_are_not_followed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash and more lines that look like an article body")
    (corpus / "a.txt").write_text(need(CIVILTA).read_text(encoding="utf-8"))
    (corpus / "passwd.txt").symlink_to(secret)
    (corpus / "outside").symlink_to(tmp_path, target_is_directory=True)
    (corpus / "again.txt").symlink_to(corpus / "a.txt")  # stays inside: read
    items = list(expand([corpus]))
    assert [p.name for p in items if isinstance(p, Path)] == ["a.txt", "again.txt"]
    refused = {Path(f.origin).name: f.reason for f in items if isinstance(f, Failure)}
    assert set(refused) == {"passwd.txt", "outside"}
    assert all("--follow-symlinks" in reason for reason in refused.values())
    followed = [p.name for p in expand([corpus], follow_symlinks=True) if isinstance(p, Path)]
    assert "passwd.txt" in followed and "secret.txt" in followed


def test_a_link_loop_ends(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "a.txt").write_text("text")
    assert [p.name for p in expand([corpus], follow_symlinks=True) if isinstance(p, Path)] == ["a.txt"]


def test_an_unreadable_path_named_on_the_command_line_is_one_failure(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(need(CIVILTA).read_text(encoding="utf-8"))
    too_long = tmp_path / ("x" * 300 + ".txt")  # stat() raises ENAMETOOLONG, as EACCES would
    items = list(read_paths([too_long, good]))
    assert isinstance(items[0], Failure) and items[0].origin == str(too_long)
    assert "too long" in items[0].reason.lower()
    assert isinstance(items[1], Document) and "Civiltà" in items[1].text


def test_an_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "locked" / "b.txt").write_text("hidden")
    (corpus / "a.txt").write_text("text")
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without read permission does (the tests run as root)
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(expand([corpus]))
    assert [p.name for p in items if isinstance(p, Path)] == ["a.txt"]
    assert [(Path(f.origin).name, f.reason) for f in items if isinstance(f, Failure)] == \
        [("locked", "cannot read folder: Permission denied")]


def test_latin1_text_is_read_as_latin1_not_as_central_european(tmp_path):
    original = need(CIVILTA).read_text(encoding="utf-8")
    path = tmp_path / "latin1.txt"
    path.write_bytes(original.encode("latin-1"))
    (doc,) = read_paths([path])
    assert doc.text == original and "Civiltŕ" not in doc.text and "Civiltą" not in doc.text
    french = tmp_path / "fr.txt"
    french.write_bytes("Le ministère des Affaires étrangères a confirmé la frappe.".encode("latin-1"))
    (doc,) = read_paths([french])
    assert "ministère" in doc.text and "étrangères" in doc.text


def test_text_in_no_clear_encoding_is_refused_with_the_readings(tmp_path):
    # Kazakh-Cyrillic code pages read these bytes as well as Windows-1251 does only where the
    # letters differ: "троє" (Ukrainian, cp1251) against "троғ" and "троә".
    ukrainian = "Міністерство оборони повідомило, що троє людей загинули внаслідок удару. "
    path = tmp_path / "uk.txt"
    path.write_bytes((ukrainian * 3).encode("cp1251"))
    (doc,) = read_paths([path])
    assert isinstance(doc, Document) and doc.text.startswith("Міністерство")
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(128, 256)) * 4)
    (failure,) = read_paths([noise])
    assert isinstance(failure, Failure) and failure.reason.startswith("cannot decode")


def test_a_paragraph_longer_than_the_parser_takes_is_cut_at_sentence_ends():
    sentence = need(CIVILTA).read_text(encoding="utf-8").split("\n")[0].strip() + " "
    text = "Title\n\n" + sentence * (1_100_000 // len(sentence) + 1) + "\n\nThe last paragraph."
    pieces = paragraphs(text)
    assert max(len(p) for _, p in pieces) <= MAX_PIECE
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    body = [p for _, p in pieces if p.startswith(sentence[:20])]
    assert len(body) > 10 and all(p.rstrip().endswith(sentence.rstrip()[-3:]) for p in body[:-1])
    assert "".join(p for _, p in pieces[1:-1]) == text[len("Title\n\n"):text.index("\n\nThe last")]


@pytest.mark.parametrize("text", ["x" * 250_000, "word " * 60_000])
def test_a_piece_with_no_sentence_end_is_cut_too(text):
    pieces = paragraphs(text)
    assert max(len(p) for _, p in pieces) <= MAX_PIECE and "".join(p for _, p in pieces) == text


def test_a_page_is_read_in_the_encoding_it_declares(tmp_path):
    body = need(CIVILTA).read_text(encoding="utf-8").split("\n")[0]
    # Czech, which charset-normalizer alone reads as cp1252 ("pøi útoku"): the page's word wins.
    czech = "Ministerstvo obrany uvedlo, že při útoku zahynuli tři lidé. Řada domů byla zničena."
    page = (f"<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1250'>"
            f"<title>Atak</title></head><body><article><p>{body}</p><p>{czech}</p></article></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1250", "replace"))
    (doc,) = read_paths([path])
    assert isinstance(doc, Document) and czech in doc.text
