"""The issue's bar, checked the way a user would: the CLI against the server, scored by ../shared's scorer."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO, SHARED, subprocess_env

TEASERS_IN_OTHER_LANGUAGES = {"Zlatý oříšek je soutěž": "cs", "“Dos medias verdades": "es", "ปชป. ยกทัพใหญ่": "th"}


def test_seeds_through_the_cli_reach_the_macro_f1_bar(server_address, tmp_path):
    seeds = sorted(str(p.relative_to(REPO)) for p in (REPO / "seeds").glob("*.txt"))
    out = subprocess.run([sys.executable, "-m", "winnow_client.cli", "classify", "--address", server_address,
                          "--format", "jsonl", *seeds], cwd=REPO, env=subprocess_env(),
                         capture_output=True, text=True, timeout=120, check=True)
    predictions = tmp_path / "seeds.jsonl"
    predictions.write_text(out.stdout, encoding="utf-8")
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [d["document"] for d in docs] == seeds

    teasers = {}
    for doc in docs:
        for block in doc["blocks"]:
            for start in TEASERS_IN_OTHER_LANGUAGES:
                if block["text"].startswith(start):
                    teasers[start] = (block["role"], block["language"])
    assert teasers == {start: ("RELATED_TEASER", lang) for start, lang in TEASERS_IN_OTHER_LANGUAGES.items()}

    gold = {json.loads(p.read_text(encoding="utf-8"))["document"]: json.loads(p.read_text(encoding="utf-8"))
            for p in (REPO / "seeds" / "gold").glob("*.json")}
    for doc in docs:
        wanted = gold[doc["document"].rsplit("/", 1)[-1]]["blocks"]
        got = {b["text"]: b["role"] for b in doc["blocks"]}
        for block in wanted:
            if block["role"] == "RELATED_TEASER":
                assert got[block["text"]] == "RELATED_TEASER", block["text"]

    scored = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(REPO / "seeds" / "gold"),
                             "--pred", str(predictions), "--min", "macro_f1=0.90"],
                            capture_output=True, text=True, check=False)
    assert scored.returncode == 0, scored.stdout + scored.stderr
