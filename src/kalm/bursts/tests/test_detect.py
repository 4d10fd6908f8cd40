"""The detector on plain rows: known onsets, a quiet seasonal series, re-arming, topics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from kalm.bursts.detect import BurstDetector, Event, Settings, TopicClusters, detect

START = datetime(2026, 1, 5, tzinfo=UTC)  # a Monday


def _profile() -> np.ndarray:
    hours = np.array([0.2] * 7 + [1.0] * 11 + [0.6] * 6)
    days = np.array([1.2, 1.1, 1.0, 1.0, 0.9, 0.5, 0.4])
    return np.outer(days, hours).ravel()


def _seasonal_events(seed: int, *, weeks: int, rate: float, key: str = "P1") -> list[Event]:
    """Poisson events for one product at `rate` per hour times a weekday x hour profile."""
    rng = np.random.default_rng(seed)
    profile = _profile()
    events = []
    for hour in range(weeks * 7 * 24):
        at = START + timedelta(hours=hour)
        for _ in range(rng.poisson(rate * profile[at.weekday() * 24 + at.hour])):
            offset = timedelta(seconds=float(rng.uniform(0, 3600)))
            events.append(Event(timestamp=at + offset, product=key, channel="web"))
    return events


def _burst(onset: datetime, size: int, *, minutes: int = 120, key: str = "P1") -> list[Event]:
    step = timedelta(minutes=minutes / size)
    return [
        Event(timestamp=onset + i * step, product=key, channel="web", case_id=f"b{i}")
        for i in range(size)
    ]


def test_it_finds_a_known_onset_within_two_hours():
    onset = START + timedelta(days=23, hours=10, minutes=7)
    events = _seasonal_events(1, weeks=4, rate=0.3) + _burst(onset, 12)
    alerts = [a for a in detect(events, topics=False).alerts if a.key == "product:P1"]
    assert len(alerts) == 1
    alert = alerts[0]
    assert onset - timedelta(hours=3) <= alert.start <= onset
    assert timedelta(0) <= alert.detected_at - onset <= timedelta(hours=2)
    assert alert.count >= 4
    assert alert.expected < alert.count
    assert {f"b{i}" for i in range(3)} <= set(alert.case_ids)


def test_it_stays_quiet_on_a_stationary_seasonal_series():
    events = _seasonal_events(7, weeks=8, rate=0.5)
    assert detect(events, topics=False).alerts == []


def test_a_busy_channel_is_judged_against_its_own_hours():
    # 20 an hour in office hours and 4 at night is normal for this key: no alert.
    events = _seasonal_events(3, weeks=4, rate=20.0)
    assert detect(events, topics=False).alerts == []


def test_it_alerts_once_per_burst_and_rearms_after_it_ends():
    first = START + timedelta(days=10, hours=9)
    second = START + timedelta(days=20, hours=14)
    events = (
        _seasonal_events(2, weeks=4, rate=0.2)
        + _burst(first, 30, minutes=600)  # one long burst: still a single alert
        + _burst(second, 10)
    )
    alerts = [a for a in detect(events, topics=False).alerts if a.key == "product:P1"]
    assert [a.detected_at.date() for a in alerts] == [first.date(), second.date()]
    assert alerts[0].ended_at is not None
    assert alerts[0].total_count >= 25


def test_no_alert_during_warmup():
    # The baseline has seen nothing yet: a crowd in the first hour is not news.
    assert detect(_burst(START, 20), topics=False).alerts == []


def test_bucket_counts_can_be_fed_directly():
    detector = BurstDetector(Settings(bucket=timedelta(minutes=5)))
    rng = np.random.default_rng(0)
    onset = 12 * 24 * 8 + 30  # day 8, 02:30
    for i in range(12 * 24 * 9):
        at = START + timedelta(minutes=5 * i)
        burst = 60 if onset <= i < onset + 10 else 0
        detector.observe_bucket("series", at, int(rng.poisson(20)) + burst)
    detector.finish()
    assert len(detector.alerts) == 1
    assert detector.alerts[0].start == START + timedelta(minutes=5 * onset)
    assert detector.alerts[0].detected_at <= START + timedelta(minutes=5 * (onset + 2))


def test_alert_json_has_exactly_the_contract_keys():
    onset = START + timedelta(days=9, hours=11)
    events = _seasonal_events(4, weeks=2, rate=0.2) + _burst(onset, 10)
    alert = detect(events, topics=False).alerts[0]
    assert set(alert.as_json()) == {
        "start",
        "detected_at",
        "key",
        "count",
        "expected",
        "score",
        "case_ids",
    }


@pytest.fixture(scope="module")
def encoder():
    from kalm.empathy.features import embed

    return embed


def test_the_bottle_phrases_form_one_cluster_and_a_late_delivery_another(encoder):
    texts = ["bottle exploded", "fles ontploft", "glas gesprongen", "levering te laat"]
    clusters = TopicClusters()
    assigned = [
        clusters.assign(vector, text) for vector, text in zip(encoder(texts), texts, strict=True)
    ]
    assert assigned[0] == assigned[1] == assigned[2]
    assert assigned[3] != assigned[0]


def test_a_multilingual_topic_burst_is_one_alert_with_a_readable_label(encoder):
    background = [
        Event(
            timestamp=START + timedelta(hours=5 * i),
            product=f"P{i % 7}",
            channel="email",
            text=text,
        )
        for i, text in enumerate(
            ["levering te laat", "factuur klopt niet", "delivery was late", "wrong invoice"] * 30
        )
    ]
    onset = START + timedelta(days=20, hours=10)
    phrases = [
        "De fles is ontploft in de koelkast",
        "bottle exploded in my hand",
        "fles ontploft",
        "My bottle exploded, glass everywhere",
        "de fles ontplofte in de kast",
        "glass bottle exploded",
    ]
    burst = [
        Event(
            timestamp=onset + timedelta(minutes=10 * i),
            product=f"P{i}",  # different products: only the topic ties them together
            channel="web",
            text=text,
            case_id=f"b{i}",
        )
        for i, text in enumerate(phrases)
    ]
    result = detect(background + burst, embed=encoder)
    topics = [a for a in result.alerts if a.key.startswith("topic:")]
    assert len(topics) == 1
    assert topics[0].start == onset
    assert set(topics[0].case_ids) <= {f"b{i}" for i in range(6)}
    assert any(word in topics[0].label for word in ("fles", "bottle", "ontploft", "exploded"))
