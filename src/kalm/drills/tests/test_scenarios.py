from __future__ import annotations

import pytest

from kalm.drills.scenarios import (
    SCENARIOS,
    Params,
    ScenarioError,
    history_build,
    onset_seconds,
    scenario_get,
    script_build,
)


def test_there_are_three_scenarios_modelled_on_known_cases():
    assert {"tampering", "flights", "bottles"} <= set(SCENARIOS)
    for scenario in SCENARIOS.values():
        assert scenario.product_name.startswith("[DRILL] ")
        for language in ("nl", "en"):
            assert scenario.wave_subjects[language] and scenario.wave_facts[language]
            assert any(f.startswith("!") for f in scenario.wave_facts[language])  # injuries


@pytest.mark.parametrize("key", sorted(SCENARIOS))
def test_the_script_is_deterministic_from_the_seed(key):
    scenario = scenario_get(key)
    one = script_build(scenario, Params(), 42)
    assert one == script_build(scenario, Params(), 42)
    assert one != script_build(scenario, Params(), 43)
    assert [e["at"] for e in one] == sorted(e["at"] for e in one)
    assert history_build(scenario, Params(), 42, 21) == history_build(scenario, Params(), 42, 21)


def test_the_wave_ramps_after_a_quiet_onset():
    scenario = scenario_get("bottles")
    script = script_build(scenario, Params(), 5)
    onset = onset_seconds(script)
    assert onset is not None and onset >= scenario.onset_minutes * 60
    wave = [e for e in script if e["kind"] == "wave"]
    start = scenario.onset_minutes * 60
    first_hour = [e for e in wave if e["at"] < start + 3600]
    peak = [
        e
        for e in wave
        if scenario.onset_minutes * 60 + scenario.ramp_hours * 3600
        <= e["at"]
        < scenario.onset_minutes * 60 + scenario.ramp_hours * 3600 + 3600
    ]
    assert len(peak) > 2 * max(len(first_hour), 1)
    assert all(e["at"] < scenario.onset_minutes * 60 for e in script if e["at"] < onset)


def test_volume_multiplies_the_wave_only():
    scenario = scenario_get("tampering")
    normal = script_build(scenario, Params(volume=1), 3)
    loud = script_build(scenario, Params(volume=4), 3)
    waves = [sum(e["kind"] == "wave" for e in s) for s in (normal, loud)]
    assert waves[1] > 3 * waves[0]


def test_shares_of_angry_and_threatening_consumers():
    params = Params(volume=15, angry_share=0.4, threat_share=0.2)
    script = script_build(scenario_get("flights"), params, 11)
    assert len(script) > 800
    tones = [e["tone"] for e in script]
    assert abs(tones.count("angry") / len(tones) - 0.4) < 0.05
    assert abs(tones.count("threat") / len(tones) - 0.2) < 0.04
    threats = [e for e in script if e["tone"] == "threat"]
    assert {e["threat"] for e in threats} == {"legal", "media", "aggression"}
    assert all(e["threat"] == "" for e in script if e["tone"] != "threat")
    calm = script_build(scenario_get("flights"), Params(angry_share=0, threat_share=0), 11)
    assert {e["tone"] for e in calm} == {"calm"}


def test_both_languages_and_the_texts_name_product_and_batch():
    scenario = scenario_get("bottles")
    script = script_build(scenario, Params(volume=3), 8)
    assert {e["language"] for e in script} == {"nl", "en"}
    dutch = next(e for e in script if e["language"] == "nl" and e["kind"] == "wave")
    english = next(e for e in script if e["language"] == "en" and e["kind"] == "wave")
    assert "fles" in (dutch["subject"] + dutch["text"]).lower()
    assert "bottle" in (english["subject"] + english["text"]).lower()
    for event in script:
        if event["kind"] == "wave":
            assert event["batch"] == scenario.batch
    named = [e for e in script if e["kind"] == "wave" and scenario.batch in e["text"]]
    assert len(named) > len([e for e in script if e["kind"] == "wave"]) / 2
    only_english = script_build(scenario, Params(languages=("en",)), 8)
    assert {e["language"] for e in only_english} == {"en"}


def test_threatening_texts_carry_the_threat():
    script = script_build(
        scenario_get("bottles"), Params(volume=5, threat_share=1.0, angry_share=0), 2
    )
    legal = next(e for e in script if e["threat"] == "legal" and e["language"] == "nl")
    assert "advocaat" in legal["text"] or "juridische" in legal["text"]
    media = next(e for e in script if e["threat"] == "media" and e["language"] == "en")
    assert any(w in media["text"] for w in ("newspapers", "social media", "journalist"))


def test_channels_are_only_the_chosen_ones():
    script = script_build(scenario_get("flights"), Params(channels=("email", "social")), 4)
    assert {e["channel"] for e in script} == {"email", "social"}


@pytest.mark.parametrize(
    "params",
    [
        Params(volume=0),
        Params(angry_share=0.8, threat_share=0.3),
        Params(threat_share=-0.1),
        Params(channels=("fax",)),
        Params(languages=("de",)),
        Params(channels=()),
    ],
)
def test_bad_parameters_are_refused(params):
    with pytest.raises(ScenarioError):
        script_build(scenario_get("bottles"), params, 1)


def test_an_unknown_scenario_is_refused():
    with pytest.raises(ScenarioError):
        scenario_get("volcano")
