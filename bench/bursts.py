"""Benchmark of the burst detector (kalm.bursts.detect): detection delay and false alarms.

    .venv/bin/python bench/bursts.py [--seeds 3] [--weeks 8] [--products 200] [--no-nab]
    .venv/bin/python bench/bursts.py --tune      # the topic threshold sweep (templated texts)
    .venv/bin/python bench/bursts.py --write-csv bench/data/bursts_sample.csv

Synthetic streams with known onsets: Poisson background per product (weekday x hour
seasonality: office hours busy, nights and Sundays quiet), spread over batches and channels,
with Dutch and English complaint texts from templates; injected bursts of 5, 10, 20 and 40
events about one product batch (mostly the exploding bottle, also other topics), spread over
~12 hours after the onset. Reported per burst size: detection rate, median and p90 delay
(first alert's detected_at minus the true onset), then false alarms per key per week and the
throughput in events per second (with and without embedding the texts).

Then, evaluation only (never used for tuning): NAB's Twitter volume series
(../shared/data/nab/data/realTweets, 5-minute mention counts with labelled anomaly windows):
each series fed as counts per 5-minute bucket; a window counts as detected when an alert's
detected_at falls inside it; alerts outside every window are false alarms.
Prints a table and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import numpy as np  # noqa: E402

from kalm.bursts.detect import (  # noqa: E402 (after the path set-up above)
    TOPIC_THRESHOLD,
    BurstDetector,
    Event,
    Settings,
    TopicClusters,
    detect,
)

NAB = REPO.parent / "shared" / "data" / "nab"
AMS = ZoneInfo("Europe/Amsterdam")
SIZES = (5, 10, 20, 40)
CHANNELS = {"web": 0.35, "email": 0.3, "phone": 0.15, "social": 0.1, "chat": 0.1}

# Complaint templates per topic, Dutch and English; {p} is the product name.
TOPICS: dict[str, list[str]] = {
    "bottle": [
        "bottle exploded",
        "fles ontploft",
        "glas gesprongen",
        "The bottle of {p} exploded when I opened the fridge, glass everywhere.",
        "My glass bottle of {p} burst in my hand while opening it.",
        "De fles {p} is ontploft in de koelkast, overal glasscherven.",
        "Het glas van de fles {p} is gesprongen toen ik hem opende.",
        "Fles {p} knalde uit elkaar in de kast, mijn kind stond ernaast!",
        "A bottle of {p} shattered on its own in the cupboard.",
        "De fles barstte open en de scherven vlogen in het rond.",
        "Exploding bottle! The {p} bottle just blew up on the table.",
        "Mijn fles {p} is vanzelf ontploft, er zit glas in de keuken.",
    ],
    "late": [
        "levering te laat",
        "delivery was late",
        "My order of {p} still has not arrived, it was due three days ago.",
        "Mijn bestelling {p} is nog steeds niet bezorgd.",
        "Het pakket komt al een week te laat.",
        "The parcel is late again and nobody tells me when it will come.",
        "Bezorging duurt veel te lang, waar blijft mijn pakket?",
        "Where is my delivery? Tracking has not changed for days.",
    ],
    "taste": [
        "het smaakt raar",
        "tastes strange",
        "The {p} tastes sour and smells off even though it is not expired.",
        "De {p} smaakt bedorven terwijl de datum nog goed is.",
        "Vieze smaak, alsof de {p} over de datum is.",
        "The {p} had a weird metallic taste.",
        "Rare bijsmaak aan de {p}, mijn man werd er misselijk van.",
    ],
    "invoice": [
        "factuur klopt niet",
        "wrong invoice amount",
        "I was charged twice for the same order.",
        "Er is twee keer geld afgeschreven voor één bestelling.",
        "Het bedrag op de factuur is hoger dan in de winkelwagen.",
        "The invoice shows a higher price than the website said.",
    ],
    "object": [
        "There was a piece of plastic in my {p}.",
        "Ik vond een stukje metaal in de {p}.",
        "Er zat een haar in mijn {p}.",
        "Found a small stone in the bag of {p}.",
        "Glassplinter in de {p} gevonden!",
    ],
    "login": [
        "I cannot log in to the app, it keeps saying wrong password.",
        "Inloggen in de app lukt niet meer sinds de update.",
        "De website geeft een foutmelding bij het inloggen.",
        "The website shows an error when I try to sign in.",
    ],
    "leak": [
        "The {p} package was leaking when it arrived.",
        "De verpakking van de {p} lekte, alles was nat.",
        "Lekkende verpakking, de doos was doorweekt.",
        "The carton of {p} was torn and leaking.",
    ],
}
OPENERS = ["", "", "Hallo, ", "Goedemiddag, ", "Hi, ", "Dear Kalm team, ", "Beste, "]
CLOSERS = ["", "", " Graag een reactie.", " Please help.", " Wat gaan jullie doen?", " Groet."]


def _profile() -> np.ndarray:
    """Relative rate per weekday x hour: busy office hours, quiet nights, a slower weekend."""
    hours = np.array(
        [0.15] * 7
        + [0.6, 1.2, 1.6, 1.7, 1.6, 1.4, 1.5, 1.5, 1.4, 1.2, 1.0]
        + [1.0, 1.1, 0.9, 0.6, 0.4, 0.25]
    )
    days = np.array([1.2, 1.1, 1.0, 1.0, 0.9, 0.6, 0.5])
    profile = np.outer(days, hours).ravel()
    return profile / profile.mean()


def _text(rng: random.Random, topic: str, product: str) -> str:
    body = rng.choice(TOPICS[topic]).format(p=product)
    return f"{rng.choice(OPENERS)}{body}{rng.choice(CLOSERS)}"


def generate(
    seed: int, *, weeks: int = 8, products: int = 200, per_day: float = 3.0
) -> tuple[list[Event], list[dict]]:
    """Background events plus injected bursts; returns (events, bursts with their case ids)."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    start = datetime(2026, 1, 5, tzinfo=AMS)  # a Monday
    profile = _profile()
    rates = nrng.lognormal(mean=0.0, sigma=1.0, size=products)
    rates = rates / rates.mean() * per_day / 24  # events per hour, mean per_day a day
    names = [f"P{i:03d}" for i in range(products)]
    batches = {name: [f"L{i:03d}{b}" for b in "ABC"] for i, name in enumerate(names)}
    background_topics = [t for t in TOPICS if t != "bottle"] + ["bottle"]
    topic_weights = [1.0] * (len(background_topics) - 1) + [0.15]  # bottles break, rarely
    events: list[Event] = []
    hours = weeks * 7 * 24
    for hour in range(hours):
        at = start + timedelta(hours=hour)
        slot = at.weekday() * 24 + at.hour
        counts = nrng.poisson(rates * profile[slot])
        for p in np.flatnonzero(counts):
            for _ in range(counts[p]):
                name = names[p]
                topic = rng.choices(background_topics, topic_weights)[0]
                events.append(
                    Event(
                        timestamp=at + timedelta(seconds=rng.uniform(0, 3600)),
                        product=name,
                        batch=rng.choice(batches[name]),
                        channel=rng.choices(list(CHANNELS), list(CHANNELS.values()))[0],
                        text=_text(rng, topic, name),
                    )
                )
    bursts: list[dict] = []
    # Bursts after a two-week warm-up, at least four days apart per product, any hour.
    for size in SIZES:
        for _ in range(6):
            p = rng.randrange(products)
            onset = start + timedelta(hours=rng.uniform(14 * 24, hours - 3 * 24))
            topic = "bottle" if rng.random() < 0.6 else rng.choice(["taste", "object", "leak"])
            batch = batches[names[p]][0]
            burst = {
                "size": size,
                "product": names[p],
                "batch": batch,
                "onset": onset,
                "topic": topic,
                "events": [],
            }
            for k in range(size):
                # The first event is the onset; the rest follow within ~12 hours.
                delay = 0.0 if k == 0 else min(rng.expovariate(1 / 4.0), 12.0)
                event = Event(
                    timestamp=onset + timedelta(hours=delay),
                    product=names[p],
                    batch=batch,
                    channel=rng.choices(list(CHANNELS), list(CHANNELS.values()))[0],
                    text=_text(rng, topic, names[p]),
                )
                events.append(event)
                burst["events"].append(event)
            bursts.append(burst)
    events.sort(key=lambda e: e.timestamp)
    numbered = [replace(e, case_id=str(i)) for i, e in enumerate(events)]
    ids = {id(e): n.case_id for e, n in zip(events, numbered, strict=True)}
    for burst in bursts:
        burst["case_ids"] = {ids[id(e)] for e in burst["events"]}
        del burst["events"]
    return numbered, bursts


def evaluate(alerts: list, bursts: list[dict], *, keys: int, weeks: float) -> dict:
    """Match alerts to bursts: an alert within 72 h after the onset that is about the burst's
    product or batch, or whose cases at detection are mostly the burst's."""
    matched: set[int] = set()
    delays: dict[int, list[float]] = {size: [] for size in SIZES}
    found: dict[int, int] = dict.fromkeys(SIZES, 0)
    for burst in bursts:
        first = None
        for i, alert in enumerate(alerts):
            lag = (alert.detected_at - burst["onset"]).total_seconds() / 3600
            if not -1 <= lag <= 72:
                continue
            ours = sum(c in burst["case_ids"] for c in alert.case_ids)
            about = alert.key in (f"product:{burst['product']}", f"batch:{burst['batch']}")
            if about or ours * 2 >= len(alert.case_ids):
                matched.add(i)
                first = lag if first is None else min(first, lag)
        if first is not None:
            found[burst["size"]] += 1
            delays[burst["size"]].append(max(first, 0.0))
    per_size = {}
    for size in SIZES:
        total = sum(b["size"] == size for b in bursts)
        ds = sorted(delays[size])
        per_size[size] = {
            "bursts": total,
            "detected": round(found[size] / total, 3) if total else None,
            "median_delay_h": round(statistics.median(ds), 2) if ds else None,
            "p90_delay_h": round(ds[min(len(ds) - 1, math.ceil(0.9 * len(ds)) - 1)], 2)
            if ds
            else None,
        }
    false = [a for i, a in enumerate(alerts) if i not in matched]
    by_dim: dict[str, int] = {}
    for alert in false:
        by_dim[alert.dimension] = by_dim.get(alert.dimension, 0) + 1
    return {
        "per_size": per_size,
        "false_alarms": len(false),
        "false_alarms_by_dimension": by_dim,
        "false_alarms_per_key_week": round(len(false) / max(keys * weeks, 1), 5),
    }


def synthetic(seeds: int, weeks: int, products: int) -> dict:
    runs = []
    for seed in range(seeds):
        events, bursts = generate(seed, weeks=weeks, products=products)
        started = time.perf_counter()
        result = detect(events)
        with_topics = time.perf_counter() - started
        started = time.perf_counter()
        detect(events, topics=False)
        counts_only = time.perf_counter() - started
        keys = len(result.detector.keys)
        figures = evaluate(result.alerts, bursts, keys=keys, weeks=weeks)
        figures.update(
            events=len(events),
            keys=keys,
            topics=result.topics.size if result.topics else 0,
            events_per_s=round(len(events) / with_topics),
            events_per_s_without_topics=round(len(events) / counts_only),
        )
        runs.append(figures)
    summary: dict = {"seeds": seeds, "weeks": weeks, "products": products, "per_size": {}}
    for size in SIZES:
        rows = [r["per_size"][size] for r in runs]
        meds = [r["median_delay_h"] for r in rows if r["median_delay_h"] is not None]
        p90s = [r["p90_delay_h"] for r in rows if r["p90_delay_h"] is not None]
        summary["per_size"][size] = {
            "detected": round(statistics.mean(r["detected"] for r in rows), 3),
            "median_delay_h": round(statistics.mean(meds), 2) if meds else None,
            "p90_delay_h": round(statistics.mean(p90s), 2) if p90s else None,
        }
    for name in (
        "false_alarms_per_key_week",
        "events",
        "keys",
        "topics",
        "events_per_s",
        "events_per_s_without_topics",
        "false_alarms",
    ):
        summary[name] = round(statistics.mean(r[name] for r in runs), 5)
    dims: dict[str, float] = {}
    for r in runs:
        for dim, n in r["false_alarms_by_dimension"].items():
            dims[dim] = dims.get(dim, 0) + n / seeds
    summary["false_alarms_by_dimension"] = dims
    return summary


def nab() -> dict | None:
    folder = NAB / "data" / "realTweets"
    labels_file = NAB / "labels" / "combined_windows.json"
    if not folder.exists() or not labels_file.exists():
        return None
    windows = json.loads(labels_file.read_text())
    settings = Settings(bucket=timedelta(minutes=5))
    total_windows = detected = false_alarms = 0
    weeks = 0.0
    series = {}
    for path in sorted(folder.glob("Twitter_volume_*.csv")):
        detector = BurstDetector(settings)
        with path.open() as handle:
            rows = [
                (datetime.fromisoformat(r["timestamp"]).replace(tzinfo=UTC), int(float(r["value"])))
                for r in csv.DictReader(handle)
            ]
        for at, value in rows:
            detector.observe_bucket(path.stem, at, value)
        detector.finish()
        spans = [
            (
                datetime.fromisoformat(a).replace(tzinfo=UTC),
                datetime.fromisoformat(b).replace(tzinfo=UTC),
            )
            for a, b in windows.get(f"realTweets/{path.name}", [])
        ]
        hit = sum(any(a <= x.detected_at <= b for x in detector.alerts) for a, b in spans)
        outside = sum(not any(a <= x.detected_at <= b for a, b in spans) for x in detector.alerts)
        span_weeks = (rows[-1][0] - rows[0][0]).total_seconds() / (7 * 86400)
        series[path.stem] = {"windows": len(spans), "detected": hit, "false_alarms": outside}
        total_windows += len(spans)
        detected += hit
        false_alarms += outside
        weeks += span_weeks
    return {
        "series": len(series),
        "windows": total_windows,
        "windows_detected": detected,
        "detection_rate": round(detected / total_windows, 3),
        "false_alarms": false_alarms,
        "false_alarms_per_series_week": round(false_alarms / weeks, 3),
        "per_series": series,
    }


def tune() -> dict:
    """Topic threshold sweep: streams of templated background complaints with a burst of one
    topic; for each threshold, the share of burst texts in the burst's largest cluster (recall)
    and the share of that cluster that is the burst's topic (purity)."""
    from kalm.empathy.features import embed

    results = {}
    streams = []
    for seed in range(5):
        rng = random.Random(100 + seed)
        rows = []
        for _ in range(300):
            topic = rng.choice([t for t in TOPICS if t != "bottle"])
            rows.append((topic, _text(rng, topic, f"P{rng.randrange(50):03d}")))
        for i in range(40):
            at = rng.randrange(150, 300 + i)
            rows.insert(at, ("bottle", _text(rng, "bottle", "P007")))
        streams.append(rows)
    texts = sorted({t for rows in streams for _, t in rows})
    vectors = dict(zip(texts, embed(texts), strict=True))
    for threshold in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        recalls, purities, sizes = [], [], []
        for rows in streams:
            clusters = TopicClusters(threshold)
            assigned = [(topic, clusters.assign(vectors[text], text)) for topic, text in rows]
            burst = [c for topic, c in assigned if topic == "bottle"]
            main = max(set(burst), key=burst.count)
            members = [topic for topic, c in assigned if c == main]
            recalls.append(burst.count(main) / len(burst))
            purities.append(members.count("bottle") / len(members))
            sizes.append(clusters.size)
        results[threshold] = {
            "recall": round(statistics.mean(recalls), 3),
            "purity": round(statistics.mean(purities), 3),
            "clusters": round(statistics.mean(sizes), 1),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--no-nab", action="store_true")
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--write-csv", type=Path)
    args = parser.parse_args()
    if args.tune:
        print(f"topic threshold sweep (current {TOPIC_THRESHOLD}):")
        figures = tune()
        for threshold, row in figures.items():
            print(
                f"  {threshold:.2f}  recall {row['recall']:.3f}  purity {row['purity']:.3f}"
                f"  clusters {row['clusters']}"
            )
        print(json.dumps({"tune": figures}))
        return
    if args.write_csv:
        events, _ = generate(0, weeks=3, products=8)
        with args.write_csv.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["timestamp", "product", "batch", "channel", "text", "case_id"])
            for e in events:
                writer.writerow(
                    [e.timestamp.isoformat(), e.product, e.batch, e.channel, e.text, e.case_id]
                )
        print(f"wrote {len(events)} events to {args.write_csv}")
        return
    figures = {"synthetic": synthetic(args.seeds, args.weeks, args.products)}
    s = figures["synthetic"]
    print(
        f"synthetic: {s['seeds']} seeds x {s['weeks']} weeks, {s['events']:.0f} events, "
        f"{s['keys']:.0f} keys, {s['topics']:.0f} topic clusters"
    )
    print("  size  detected  median delay (h)  p90 delay (h)")
    for size, row in s["per_size"].items():
        print(
            f"  {size:>4}  {row['detected']:>8.2f}  {row['median_delay_h']!s:>16}"
            f"  {row['p90_delay_h']!s:>13}"
        )
    print(
        f"  false alarms per key per week: {s['false_alarms_per_key_week']}"
        f" (by dimension, per run: {s['false_alarms_by_dimension']})"
    )
    print(
        f"  throughput: {s['events_per_s']:.0f} events/s with topics,"
        f" {s['events_per_s_without_topics']:.0f} events/s counts only"
    )
    if not args.no_nab:
        figures["nab"] = nab()
        if figures["nab"]:
            n = figures["nab"]
            print(
                f"NAB Twitter volume (evaluation only): {n['windows_detected']}/{n['windows']}"
                f" windows detected, {n['false_alarms']} false alarms"
                f" ({n['false_alarms_per_series_week']} per series-week)"
            )
    print(json.dumps(figures, default=str))


if __name__ == "__main__":
    main()
