"""The ledger, the export format and the CLI's documentation."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from fogwatch.cli import app
from fogwatch.records import Claim

runner = CliRunner()
CLAIM_FIELDS = {f for f in Claim.__dataclass_fields__} | {"schema"}


def test_demo_runs_and_shows_figures(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "fogwatch.db").exists()
    assert "Battles / Armed clash" in result.stdout and "identity: who the fighters are" in result.stdout
    assert "Traceback" not in result.output
    again = runner.invoke(app, ["demo"])
    assert "0 new articles, 12 already" in again.stderr


def test_export_is_the_interchange_format(tmp_path, seeds_jsonl):
    db = str(tmp_path / "x.db")
    assert runner.invoke(app, ["ingest", str(seeds_jsonl), "--db", db]).exit_code == 0
    out = tmp_path / "claims.jsonl"
    result = runner.invoke(app, ["export", "--what", "claims", "--format", "jsonl", "-o", str(out), "--db", db])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(set(r) == CLAIM_FIELDS for r in rows)
    assert all(r["schema"] == "fogwatch/1" and len(r["span"]) == 2 for r in rows)
    articles = runner.invoke(app, ["export", "--what", "articles", "--db", db]).stdout.splitlines()
    assert {json.loads(a)["published"] for a in articles} == {"2024-03", "2023-05"}
    actors = [json.loads(a) for a in runner.invoke(app, ["export", "--what", "actors", "--db", db]).stdout.splitlines()]
    assert any(a["actor_id"] == "ua-frl" and "Liberty of Russia Legion" in a["aliases"] for a in actors)


def test_tables(tmp_path, seeds_jsonl):
    db = str(tmp_path / "x.db")
    runner.invoke(app, ["ingest", str(seeds_jsonl), "--db", db])
    claims = runner.invoke(app, ["claims", "--predicate", "killed", "--db", db], env={"COLUMNS": "200"})
    assert claims.exit_code == 0 and "101" in claims.stdout
    actors = runner.invoke(app, ["actors", "--db", db], env={"COLUMNS": "200"})
    assert "Freedom of Russia Legion" in actors.stdout


def test_bad_database_url_is_one_line(tmp_path):
    result = runner.invoke(app, ["claims", "--db", str(tmp_path / "missing" / "x.db")])
    assert result.exit_code == 1 and "does not exist" in result.stderr and "Traceback" not in result.output


def test_user_registry_extends_and_bad_registry_is_reported(tmp_path):
    good = tmp_path / "actors.yaml"
    good.write_text("actors:\n  - id: test-brigade\n    name: Test Brigade\n    aliases: [Brigade Test]\n"
                    "    kind: armed_group\n    side: XX\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("The Brigade Test said on Monday that it had captured two villages near the river.", encoding="utf-8")
    db = str(tmp_path / "x.db")
    assert runner.invoke(app, ["ingest", str(text), "--db", db, "--actors", str(good)]).exit_code == 0
    rows = [json.loads(l) for l in runner.invoke(app, ["export", "--db", db]).stdout.splitlines()]
    assert any(r["speaker"] and r["speaker"]["actor_id"] == "test-brigade" for r in rows)
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - name: no id\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(text), "--db", db, "--actors", str(bad)])
    assert result.exit_code == 1 and "needs at least 'id' and 'name'" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "demo", "claims", "actors", "export", "reconcile", "events", "disputes",
                                     "serve", "watch", "eval attribution", "eval ecbplus", "eval extraction"])
def test_every_command_is_documented(command):
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0 and len(result.stdout) > 100
    readme = (__import__("pathlib").Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"fogwatch {command}" in readme


def test_missing_model_is_a_clear_error(monkeypatch):
    from fogwatch import nlp
    from fogwatch.errors import ModelNotInstalled

    with pytest.raises(ModelNotInstalled, match="pip install"):
        nlp.load("no_such_model_xx")
