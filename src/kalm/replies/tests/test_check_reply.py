from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalm.replies import check as check_module
from kalm.replies.check import CHECKS, check_reply, score

FRAGMENTS = [
    "Beste",
    "Sanne",
    "de Vries",
    "wij bellen u",
    "donderdag",
    "3 december",
    "binnen 2 werkdagen",
    "u had moeten",
    "zoals al eerder vermeld",
    "SLA",
    "ticket",
    "K26-ABCDEF",
    "K-2026-000123",
    "(",
    ")",
    "?",
    "{",
    "}",
    "\u2019",
    "I'm sorry",
    "you should have",
    "we will",
    "tomorrow",
    "waiting_us",
    "@",
    "www.",
    "\n",
    ">",
    "é",
    "ü",
    "0",
    "31-02-2026",
    "2026-13-45",
    "in 999 days",
]


def test_it_runs_every_check_once_in_order(chat_case):
    results = check_reply(draft="Beste Sanne, wij bellen u morgen.", case=chat_case)
    assert [r.code for r in results] == [
        "name",
        "feeling",
        "blame",
        "next_step",
        "patience",
        "jargon",
        "questions",
        "language",
        "crisis",
    ]
    assert len(results) == len(CHECKS)


def test_the_score_counts_passed_and_not_needed_checks(chat_case):
    results = check_reply(draft="Stuur de fles op.", case=chat_case)
    passed, total = score(results)
    assert total == 9
    assert passed == sum(1 for r in results if r.passed)
    assert passed < total


def test_a_good_reply_passes_everything(chat_case):
    draft = (
        "Beste Sanne de Vries, wat ontzettend vervelend dat de fles in uw hand is ontploft; ik "
        "begrijp dat u geschrokken bent. Ik bel u morgen om te horen hoe het met uw vinger gaat."
    )
    results = check_reply(draft=draft, case=chat_case)
    assert [r.code for r in results if not r.passed] == []


def test_checks_are_a_plain_list_of_functions(chat_case, monkeypatch):
    def always(draft, facts):
        return check_module.CheckResult("extra", False, "Extra", "Added by a test.")

    monkeypatch.setattr(check_module, "CHECKS", [*check_module.CHECKS, always])
    assert check_reply(draft="Hallo", case=chat_case)[-1].code == "extra"


@settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    draft=st.one_of(
        st.text(max_size=400),
        st.lists(st.sampled_from(FRAGMENTS), max_size=30).map(" ".join),
        st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=20).map(
            "".join
        ),
    )
)
def test_it_never_raises_on_any_text(chat_case, draft):
    results = check_reply(draft=draft, case=chat_case)
    assert len(results) == len(CHECKS)
    for result in results:
        for detail in result.details:
            if detail.start is not None:
                assert draft[detail.start : detail.end].replace(
                    "\u2019", "'"
                ) == detail.text.replace("\u2019", "'")
