"""Property tests: the parent's readers of worker messages fail only in their own way.

Whatever a worker sends — any JSON value in any position, any bytes on the channel — the
decoder raises WireError or returns plain data, the outcome builder returns an Outcome, and
the judge returns a CaseResult. None of them may raise anything else (that would stop a batch).
"""

from __future__ import annotations

import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.core.results import CaseResult, Outcome
from autograder.engine.judge import judge_case
from autograder.engine.run import _outcome, clean_load_errors
from autograder.exercises import get_exercise
from autograder.runtime import wire

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)
tags = st.sampled_from(["__nd__", "__float__", "__tuple__", "__dict__", "__opaque__", "shape", "data", "x"])
tagged = st.dictionaries(tags, json_values, min_size=1, max_size=4)
anything = st.one_of(json_values, tagged, st.lists(tagged, max_size=3))
CASES = get_exercise("loss_functions").cases(hidden=True)


@given(anything)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_decode_raises_only_wire_errors(data):
    try:
        wire.decode(data)
    except wire.WireError:
        pass


@given(st.binary(max_size=200))
def test_loads_raises_only_wire_errors(raw):
    try:
        wire.loads(raw)
    except wire.WireError:
        pass


@given(st.dictionaries(st.sampled_from(["status", "value", "calls", "message", "type", "where", "trace"]),
                       anything, max_size=7))  # fmt: skip
@settings(max_examples=300)
def test_any_result_message_becomes_an_outcome_and_a_case_result(msg):
    outcome = _outcome(msg, 0.1)
    assert isinstance(outcome, Outcome)
    for case in CASES[:3]:
        result = judge_case(case, outcome, 0.5, "task", None, None, ())
        assert isinstance(result, CaseResult)
        assert result.points in (0.0, case.points)


@given(anything)
def test_any_load_report_becomes_a_list_of_bounded_dicts(errors):
    cleaned = clean_load_errors(errors)
    assert isinstance(cleaned, list)
    assert all(isinstance(e, dict) and isinstance(e["message"], str) for e in cleaned)


def test_an_oversized_frame_is_refused_on_its_header():
    buffer = wire.FrameBuffer(cap=1000)
    try:
        buffer.feed((10**6).to_bytes(4, "big") + b"{")
    except wire.WireError as exc:
        assert "too long" in str(exc)
    else:
        raise AssertionError("an oversized frame was accepted")


def test_arrays_beyond_the_dimension_cap_or_with_lying_shapes_are_refused():
    for bad in (
        {"__nd__": "<f8", "shape": [0] * 65, "data": ""},
        {"__nd__": "<f8", "shape": [3], "data": ""},
        {"__nd__": "|O", "shape": [1], "data": "AAAAAAAAAAA="},
        {"__nd__": "<f8", "shape": [-1], "data": ""},
        {"__nd__": "<f8", "shape": ["3"], "data": ""},
    ):
        try:
            wire.decode(bad)
        except wire.WireError:
            continue
        raise AssertionError(f"accepted {bad}")


def test_huge_integers_are_refused_but_plain_ones_pass():
    assert wire.decode(2**62) == 2**62
    for big in (10**400, -(2**63)):
        try:
            wire.decode(big)
        except wire.WireError:
            continue
        raise AssertionError("accepted a huge integer")


def test_a_round_trip_keeps_arrays_exact():
    arr = np.arange(12, dtype=np.float32).reshape(3, 4)
    back = wire.decode(json.loads(wire.dumps({"v": wire.to_plain(arr)}))["v"])
    assert back.dtype == arr.dtype and np.array_equal(back, arr)


def test_a_ragged_or_huge_learning_curve_is_dropped_or_downsampled_not_a_crash():
    from autograder.engine.curves import CURVE_POINTS, _curve_in

    assert _curve_in({"cost_": [[1.0, 2.0], 3.0]}) is None  # a plain student bug: ragged
    assert _curve_in({"cost_": ["a", "b"]}) is None
    assert _curve_in({"cost_": np.array([1, 2, 3])}) is None  # integers are no curve
    key, points = _curve_in({"fit": {"cost_": np.linspace(1.0, 0.0, 4_000_000)}})
    assert key == "cost_" and len(points) == CURVE_POINTS
    assert points[0] == 1.0 and points[-1] == 0.0


# ---- issue 16: valid text at the entry, a budget per submission ---------------------------

any_text = st.text(st.characters(exclude_categories=()), max_size=12)  # lone surrogates included
texts_anywhere = st.recursive(
    st.none() | st.floats(allow_nan=False, allow_infinity=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=20,
)


def _strings(value):
    todo, found = [value], []
    while todo:
        node = todo.pop()
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, (list, tuple)):
            todo += list(node)
        elif isinstance(node, dict):
            todo += list(node) + list(node.values())
    return found


@given(st.dictionaries(any_text, texts_anywhere, max_size=5))
@settings(max_examples=300)
def test_every_string_a_worker_sends_arrives_as_text_a_writer_can_encode(message):
    parsed = wire.loads(wire.frame(message)[4:], wire.Budget())
    for text in _strings(parsed):
        text.encode("utf-8")  # a lone surrogate would raise UnicodeEncodeError here


@given(any_text, any_text, st.lists(any_text, max_size=3))
@settings(max_examples=200)
def test_messages_values_and_judged_results_are_valid_text(message, trace, items):
    error = {"event": "result", "status": "error", "type": "ValueError", "message": message,
             "where": {"file": trace, "line": 3, "code": trace}, "trace": trace}  # fmt: skip
    ok = {"event": "result", "status": "ok", "value": wire.to_plain({message: (items, trace)}), "calls": []}
    for sent in (error, ok):
        outcome = _outcome(wire.loads(wire.frame(sent)[4:], wire.Budget()), 0.1)
        assert outcome.status in ("ok", "error")
        for text in _strings([outcome.value, outcome.error]):
            text.encode("utf-8")
        result = judge_case(CASES[0], outcome, 0.5, "task", None, None, ())
        (result.message.ko + result.message.en).encode("utf-8")


def test_lone_surrogates_become_the_replacement_character_and_pairs_stay_whole():
    body = b'{"m": "bad \\ud800", "k\\udc00": ["\\ud83d\\ude00", "\\\\ud800"]}'
    assert wire.loads(body, wire.Budget()) == {"m": "bad \ufffd", "k\ufffd": ["\U0001f600", "\\ud800"]}
    assert wire.decode(["x\ud800"]) == ["x\ufffd"]


def test_a_learning_curve_of_huge_values_decodes_as_floats():
    sent = wire.frame({"v": wire.to_plain({"cost_": [1e308, -1e308, 5e-324, float("inf")]})})
    curve = wire.decode(wire.loads(sent[4:], wire.Budget())["v"])["cost_"]
    assert [type(v) for v in curve] == [float] * 4
    assert curve[:2] == [1e308, -1e308] and curve[3] == float("inf")


def _refuses_without_parsing(monkeypatch, body, budget, why):
    parsed = []
    with monkeypatch.context() as patch:
        patch.setattr(wire.json, "loads", lambda *a, **k: parsed.append(a))
        try:
            wire.loads(body, budget)
        except wire.WireError as exc:
            assert why in str(exc)
        else:
            raise AssertionError("an over-budget frame was accepted")
    assert parsed == [], "the frame was parsed before it was refused"


def test_too_many_values_are_refused_before_any_object_is_built(monkeypatch):
    body = b'{"v": [' + b"[[]]," * 5000 + b"[]]}"
    _refuses_without_parsing(monkeypatch, body, wire.Budget(values=1000), "too many values")


def test_deep_nesting_is_refused_before_parsing_but_brackets_in_text_are_no_nesting(monkeypatch):
    assert wire.loads(b'{"m": "' + b"[" * 500 + b'"}', wire.Budget()) == {"m": "[" * 500}
    body = b'{"v": ' + b"[" * 200 + b"]" * 200 + b"}"
    _refuses_without_parsing(monkeypatch, body, wire.Budget(), "nested too deeply")


def test_the_budget_is_the_submissions_across_frames_and_workers(monkeypatch):
    frame = b'{"v": [' + b"1," * 999 + b"1]}"
    budget = wire.Budget(values=2500)
    wire.loads(frame, budget)  # one worker's message
    wire.loads(frame, budget)  # another worker's, same submission
    _refuses_without_parsing(monkeypatch, frame, budget, "too many values in all")
    budget = wire.Budget(size=2 * len(frame) + 10)
    wire.loads(frame, budget)
    wire.loads(frame, budget)
    _refuses_without_parsing(monkeypatch, frame, budget, "too much data in all")


def test_a_popped_frame_is_handed_over_not_kept():
    buffer = wire.FrameBuffer()
    one, two = wire.frame({"a": 1}), wire.frame({"b": 2})
    buffer.feed(one + two[:3])
    assert wire.loads(buffer.pop()) == {"a": 1}
    assert bytes(buffer.data) == two[:3]
    buffer.feed(two[3:])
    assert wire.loads(buffer.pop()) == {"b": 2}
    assert len(buffer.data) == 0 and buffer.pop() is None


# ---- issue 16: "inputs unchanged" from values the parent compares --------------------------


def _records(fn, *args):
    from autograder.runtime.spec import Context

    ctx = Context("case")
    ctx.call(fn, *args)
    return json.loads(wire.dumps({"calls": ctx.calls}))["calls"]  # as the parent receives them


def test_a_changed_input_shows_in_the_values_after_the_call_whatever_the_key_order():
    from autograder.runtime.spec import changed_arguments

    def keeps(a, d):
        return None

    def changes(a, d):
        a[0] += 1.0
        d["k"].append(1)

    args = lambda: (np.arange(5.0), {"k": [1, 2]})  # noqa: E731
    reference = json.loads(json.dumps(_records(keeps, *args()), sort_keys=True))  # as stored
    assert changed_arguments(_records(keeps, *args()), reference) == []
    assert changed_arguments(_records(changes, *args()), reference) == [1, 2]
    forged = [{"after": ["unchanged", "unchanged"]}]
    assert changed_arguments(forged, reference) == [1, 2]
    assert changed_arguments([{"after": ["x"]}], reference) is None  # records that do not fit


def test_a_large_argument_is_recorded_bounded_and_a_change_off_the_sample_still_shows():
    from autograder.runtime.spec import RECORD_ITEMS, changed_arguments

    big = lambda: np.linspace(0.0, 1.0, 300_000)  # noqa: E731
    reference = _records(lambda a: None, big())
    assert len(wire.dumps({"r": reference})) < 16 * RECORD_ITEMS  # about a sample, not the array

    def one_element(a):
        a[1] = 5.0  # index 1 is not in the strided sample; the recorded sum sees it

    assert changed_arguments(_records(one_element, big()), reference) == [1]
    assert changed_arguments(_records(lambda a: None, big()), reference) == []


def test_call_records_from_a_worker_are_checked_before_they_are_kept():
    from autograder.engine.run import clean_calls

    assert clean_calls(None) == ()
    assert clean_calls([{"after": [{"__nd__": "|O", "shape": [1], "data": "AAAAAAAAAAA="}]}]) is None
    assert clean_calls([{"after": [1]}] * 65) is None
    assert clean_calls([{"before": [1]}]) is None
    assert clean_calls([{"after": [1, "x"]}]) == ({"after": [1, "x"]},)
