"""Random and mutated YAML thrown at the loader: only packs or clean refusals come back."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.packs import load_files
from game.yamlsafe import Problem

OSMOSIS_LINES = (Path(__file__).resolve().parent.parent / "questions" / "osmosis.yaml") \
    .read_text(encoding="utf-8").splitlines(keepends=True)[:120]

YAML_BITS = ["title: ", "questions:", "\n", "  - ", "prompt: ", "choices: [", "]", "answer: ", "&a ", "*a",
             "!!python/object ", "{", "}", "\t", ": ", "- ", "'", '"', "\\ud800", "no", "1:20", "012",
             "2019-01-01", "<<: ", "? ", "|", ">", "#", "---", "...", "é", "\ufeff", "%YAML 1.1\n"]


def assert_clean(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    library = load_files([path])
    assert len(library.packs) + len(library.refused) == 1
    for refused in library.refused:
        assert refused.problems
        for problem in refused.problems:
            assert isinstance(problem, Problem)
            text = str(problem)
            assert text.startswith(str(path)) and "\n" not in text


common = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@common
@given(st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=8), max_size=40))
def test_random_yaml_fragments(tmp_path, parts):
    assert_clean(tmp_path, "".join(parts).encode("utf-8", "surrogatepass"))


@common
@given(st.binary(max_size=300))
def test_random_bytes(tmp_path, data):
    assert_clean(tmp_path, data)


@common
@given(st.data())
def test_mutated_real_pack(tmp_path, data):
    lines = list(OSMOSIS_LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "tab", "cut", "insert"]))
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "tab":
            lines[index] = "\t" + lines[index].lstrip(" ")
        elif action == "cut":
            lines[index] = lines[index][: data.draw(st.integers(0, len(lines[index])))] + "\n"
        else:
            lines.insert(index, data.draw(st.sampled_from(YAML_BITS)) + "\n")
    assert_clean(tmp_path, "".join(lines).encode("utf-8", "surrogatepass"))
