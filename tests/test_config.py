from pathlib import Path

import pytest

from allegiance.config import Config
from allegiance.errors import ConfigError


def test_defaults(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALLEGIANCE_DB", raising=False)
    cfg = Config.load()
    assert cfg.db == "allegiance.duckdb"
    assert cfg.languages == ["en", "fr"]


def test_file_env_and_overrides(monkeypatch, tmp_path: Path):
    (tmp_path / "extra.yaml").write_text("verbs: {}\n", encoding="utf-8")
    cfg_file = tmp_path / "allegiance.toml"
    cfg_file.write_text('db = "x.duckdb"\nactor_files = ["extra.yaml"]\nbatch_size = 8\n',
                        encoding="utf-8")
    monkeypatch.delenv("ALLEGIANCE_DB", raising=False)
    cfg = Config.load(cfg_file)
    assert cfg.db == "x.duckdb" and cfg.batch_size == 8
    assert cfg.actor_files == [str((tmp_path / "extra.yaml").resolve())]
    monkeypatch.setenv("ALLEGIANCE_DB", "env.duckdb")
    assert Config.load(cfg_file).db == "env.duckdb"
    assert Config.load(cfg_file, db="cli.duckdb").db == "cli.duckdb"


@pytest.mark.parametrize("body, message", [("db = [\n", "invalid TOML"),
                                           ("colour = 'red'\n", "unknown setting")])
def test_bad_files(tmp_path: Path, body, message):
    f = tmp_path / "c.toml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Config.load(f)


def test_missing_explicit_file(tmp_path: Path):
    with pytest.raises(ConfigError, match="not found"):
        Config.load(tmp_path / "nope.toml")
