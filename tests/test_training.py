"""Training is a deterministic command over licensed data; the generator keeps to its sources."""
from __future__ import annotations

import hashlib
import subprocess
import sys

from conftest import SEEDS, SHARED, subprocess_env
from winnow.training.generate import LANGUAGES, generate

CORPUS = SHARED / "corpora" / "sentences"


def _digests(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_training_twice_with_one_seed_gives_identical_models(tmp_path):
    # Two processes with different hash seeds: nothing may depend on set or dict-of-str order.
    for run, hash_seed in (("a", "1"), ("b", "2")):
        env = {**subprocess_env(), "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "winnow.training.train", "--corpus", str(CORPUS), "--documents", "60",
                        "--seed", "5", "--out", str(tmp_path / run)], env=env, check=True, capture_output=True)
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert set(first) == {"roles.stage1.ftz", "roles.stage2.ftz", "roles.json"}
    assert first == second


def test_generated_documents_use_training_sentences_only():
    dev = set()
    for path in list(CORPUS.glob("*.dev.txt")) + list((SHARED / "corpora" / "sentences-nc").glob("*.txt")):
        dev.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    # The labeling guide quotes some stock phrases as examples ("Your email address will not
    # be published"); the phrase banks may use what the guide gives, not what only a seed says.
    guide = (SEEDS.parent / "docs" / "LABELING.md").read_text(encoding="utf-8")
    seed_lines = {line.strip() for p in SEEDS.glob("*.txt") for line in p.read_text(encoding="utf-8").splitlines()
                  if len(line.strip()) > 40 and line.strip().rstrip(".!") not in guide}
    docs = generate(CORPUS, 150, seed=3)  # enough that every language (the rarest at 5 %) is drawn
    texts = [b.text for d in docs for b in d.blocks]
    assert {d.language for d in docs} == set(LANGUAGES)
    assert {b.role for d in docs for b in d.blocks} == {
        "ARTICLE_BODY", "NAVIGATION", "RELATED_TEASER", "DONATION_APPEAL", "OTHER_BOILERPLATE"}
    assert not any(s in t for t in texts for s in seed_lines)
    body = [b.text for d in docs for b in d.blocks if b.role == "ARTICLE_BODY" and len(b.text) > 60]
    assert not [t for t in body if t in dev]


def test_the_same_seed_generates_the_same_documents():
    first, second = generate(CORPUS, 5, seed=11), generate(CORPUS, 5, seed=11)
    assert [d.gold() for d in first] == [d.gold() for d in second]
    assert [d.gold() for d in first] != [d.gold() for d in generate(CORPUS, 5, seed=12)]


def test_shipped_role_models_were_trained_from_the_current_inputs():
    """Editing features, the generator or the banks without `winnow-train` would ship stale models."""
    import json

    from winnow.training.train import training_inputs_digest

    shipped = json.loads((SEEDS.parent / "server" / "winnow" / "engine" / "models" / "roles.json").read_text())
    assert shipped["inputs_sha256"] == training_inputs_digest(CORPUS), "run winnow-train and commit the models"


def test_shipped_language_model_was_trained_from_the_current_inputs():
    """Editing the language training, its sentences or the phrase banks needs `winnow-train-language`."""
    import json

    from winnow.training.train_language import inputs_digest

    shipped = json.loads((SEEDS.parent / "server" / "winnow" / "engine" / "models" / "winnow-lang.json").read_text())
    assert shipped["inputs_sha256"] == inputs_digest(CORPUS), "run winnow-train-language and commit the model"


def test_shipped_article_corrector_was_trained_from_the_current_inputs():
    """Retraining the role models, or editing the corrector, needs `winnow-train-corrector`."""
    from winnow.engine import Engine
    import json

    from winnow.engine.article_corrector import DEFAULT_MODEL, ArticleCorrector, record_path
    from winnow.training.train_corrector import inputs_digest

    shipped = json.loads(record_path(DEFAULT_MODEL).read_text(encoding="utf-8"))
    engine = Engine(corrector=ArticleCorrector.off())
    assert shipped["role_model"] == engine.roles.version, "run winnow-train-corrector after winnow-train"
    assert shipped["inputs_sha256"] == inputs_digest(engine), "run winnow-train-corrector and commit the models"


def test_training_the_corrector_twice_gives_identical_models(tmp_path):
    for run, hash_seed in (("a", "1"), ("b", "2")):
        env = {**subprocess_env(), "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "winnow.training.train_corrector", "--limit", "25",
                        "--out", str(tmp_path / run)], env=env, check=True, capture_output=True)
    first, second = _digests(tmp_path / "a"), _digests(tmp_path / "b")
    assert "article_corrector.bin" in first and "article_corrector.fold4.bin" in first
    assert first == second
