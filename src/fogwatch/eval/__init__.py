"""Evaluation against the public annotated corpora described in ../shared/eval/README.md.

Each module takes a data directory in the layout of ../shared/eval (`--data DIR`), so the same
command runs on the held-out copy. Nothing here is imported by the pipeline.
"""
