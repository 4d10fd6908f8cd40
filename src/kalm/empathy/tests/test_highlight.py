"""The highlight filter: the whole text escaped, trigger words marked at the stored offsets,
spans that do not fit the text left out."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from kalm.empathy.templatetags.empathy_tags import highlight, highlight_text

MARK = re.compile(r'<mark class="signal signal-(\w+)" title="([^"]*)">(.*?)</mark>', re.S)


def _analysis(evidence, signals=None):
    return SimpleNamespace(evidence=evidence, signals=signals or {})


def test_it_marks_the_trigger_words_at_their_offsets(english):
    text = "De fles ontplofte en ik heb brandwonden."
    evidence = {"injury": [[8, 17, "ontplofte"], [28, 39, "brandwonden"]]}
    out = highlight(text, _analysis(evidence, {"injury": 0.923}))
    assert out == (
        'De fles <mark class="signal signal-injury" title="Injury/safety 92%">ontplofte</mark>'
        ' en ik heb <mark class="signal signal-injury" title="Injury/safety 92%">brandwonden'
        "</mark>."
    )


def test_it_keeps_a_script_in_the_message_escaped():
    text = '<script>alert("x")</script> mijn advocaat & ik'
    start = text.index("advocaat")
    out = highlight(text, _analysis({"legal": [[start, start + 8, "advocaat"]]}, {"legal": 1.0}))
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "&amp; ik" in out
    assert MARK.search(out).group(3) == "advocaat"


def test_it_escapes_inside_a_mark_too():
    text = "a <b>boos</b> c"
    out = highlight(text, _analysis({"aggression": [[2, 13, "<b>boos</b>"]]}, {"aggression": 0.8}))
    assert MARK.search(out).group(3) == "&lt;b&gt;boos&lt;/b&gt;"


def test_it_ignores_spans_that_do_not_fit_the_text():
    text = "kort bericht"
    evidence = {
        "injury": [[0, 400, "kort"], [-3, 2, "ko"], [5, 12, "anders!"], ["x", 2, "ko"]],
        "unknown": [[0, 4, "kort"]],
        "legal": [[5, 4, "b"]],
    }
    assert highlight(text, _analysis(evidence)) == "kort bericht"


def test_overlapping_spans_keep_the_first():
    text = "juridische stappen"
    evidence = {"legal": [[0, 18, "juridische stappen"]], "churn": [[11, 18, "stappen"]]}
    out = highlight(text, _analysis(evidence, {"legal": 0.9, "churn": 0.6}))
    assert [m.group(1) for m in MARK.finditer(out)] == ["legal"]


def test_without_an_analysis_it_only_escapes():
    assert highlight("<i>hi</i>", None) == "&lt;i&gt;hi&lt;/i&gt;"


def test_in_a_template_line_breaks_survive_and_nothing_is_escaped_twice():
    template = Template("{% load empathy_tags %}{{ body|highlight:a|linebreaksbr }}")
    body = "Eerste regel & meer\nmijn advocaat"
    start = body.index("advocaat")
    a = _analysis({"legal": [[start, start + 8, "advocaat"]]}, {"legal": 0.97})
    out = template.render(Context({"body": body, "a": a}))
    assert out.startswith('Eerste regel &amp; meer<br>mijn <mark class="signal signal-legal"')
    assert "&amp;amp;" not in out


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(-5, len(text) + 5))
        end = draw(st.integers(-5, len(text) + 5))
        word = text[start:end] if draw(st.booleans()) else draw(st.text(max_size=5))
        spans.append([start, end, word])
    signal = draw(st.sampled_from(["injury", "legal", "media", "aggression", "nonsense"]))
    return text, {signal: spans}


def _expected(text, evidence):
    """The spec: spans that fit the text, first-starting (then longest) wins an overlap."""
    fitting = sorted(
        {
            (s, e)
            for name, spans in evidence.items()
            if name != "nonsense"
            for s, e, w in spans
            if 0 <= s < e <= len(text) and text[s:e] == w
        },
        key=lambda span: (span[0], -span[1]),
    )
    kept = []
    for s, e in fitting:
        if not kept or s >= kept[-1][1]:
            kept.append((s, e))
    return kept


@given(text_and_spans())
def test_property_the_text_survives_and_marks_sit_at_the_spans(case):
    text, evidence = case
    out = str(highlight_text(text, evidence, {name: 0.75 for name in evidence}))
    pieces = re.split(r"(<mark [^>]*>.*?</mark>)", out, flags=re.S)
    plain, marks = "", []
    for piece in pieces:
        match = MARK.fullmatch(piece)
        if match is None:
            assert "<" not in piece and ">" not in piece  # everything else is escaped
            plain += html.unescape(piece)
        else:
            word = html.unescape(match.group(3))
            assert "<" not in match.group(3)
            marks.append((len(plain), len(plain) + len(word)))
            plain += word
    assert plain == text
    assert marks == _expected(text, evidence)
