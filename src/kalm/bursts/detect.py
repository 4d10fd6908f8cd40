"""Online burst detection over complaint events: count series per key, a seasonal Poisson
baseline, and a one-sided CUSUM that raises one alert per burst.

Pure Python + numpy (no Django), so the management command, the worker and the benchmark run the
very same code on plain rows.

Model, per key ("product:12", "batch:L2611", "channel:social", "topic:3"):
- Counts per bucket (one hour by default). The expected count of a bucket is a weekday x hour
  rate learned online: an exponentially weighted mean of the key's counts in that slot, shrunk
  (prior_weight pseudo-weeks) towards the key's overall level times the whole stream's
  seasonality (hour-of-day factor x weekday factor, each pooled so it is learned within days),
  and never below a floor (a key with no history is "rare", not "impossible"). No alerts in the
  first week (warmup): until every slot was seen once, a morning rush looks like a burst.
- A one-sided CUSUM on the Poisson log-likelihood ratio of "rate lambda1" against "expected rate
  lambda0", with lambda1 = max(RATIO * lambda0, lambda0 + MIN_SHIFT): a doubling for busy keys,
  one extra event per hour for sparse ones. Increments are divided by an online estimate of the
  key's over-dispersion (quasi-Poisson), so a naturally bursty key needs more evidence.
- Within a bucket the statistic is checked at every event with the elapsed part of the bucket's
  drift, so an alert comes at the event that tips it rather than at the hour's end.
- start = the first event of the CUSUM run (its change-point estimate); the alert stays active
  (no second alert) until the statistic returns to zero, then the key is re-armed. Buckets
  inside an alert are not learned, so a long burst does not become the new normal.

Topics: texts are embedded with the multilingual sentence encoder (kalm.empathy.features.embed)
and clustered online: each text joins the most similar cluster centroid when the cosine is at
least TOPIC_THRESHOLD, else it starts a new cluster. The threshold was tuned on the templated
Dutch/English complaints in bench/bursts.py (see `--tune`); labels are a cluster's most frequent
words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

SLOTS = 7 * 24
TOPIC_THRESHOLD = 0.40
DIMENSIONS = ("product", "batch", "channel", "topic")
# A silence longer than this is skipped in one step (see BurstDetector._jump).
JUMP = timedelta(days=14)


@dataclass(frozen=True)
class Settings:
    bucket: timedelta = timedelta(hours=1)
    threshold: float = 10.0  # CUSUM alarm level (log-likelihood units; bench/bursts.py)
    ratio: float = 2.0
    min_shift: float = 1.0  # events per hour
    floor: float = 0.05  # events per hour: the least a key is ever expected to see
    min_count: int = 4  # never alert on fewer events than this since the run began
    # No alerts before the baseline has seen every weekday x hour slot once: a flat first-day
    # baseline takes every morning rush for a burst.
    warmup: timedelta = timedelta(days=7)
    level_half_life: timedelta = timedelta(days=14)
    slot_half_life: float = 8.0  # in observations of the same weekday x hour slot (weeks)
    prior_weight: float = 4.0  # pseudo-weeks: a key's own weekday x hour pattern needs a month
    max_dispersion: float = 5.0
    tz: str = "Europe/Amsterdam"


@dataclass(frozen=True)
class Event:
    timestamp: datetime
    product: str = ""
    batch: str = ""
    channel: str = ""
    text: str = ""
    case_id: str = ""


@dataclass
class Alert:
    """An alert as it was when raised (start .. detected_at), plus how the burst went on."""

    key: str
    label: str
    start: datetime
    detected_at: datetime
    count: int
    expected: float
    score: float
    case_ids: list[str]
    total_count: int = 0
    total_expected: float = 0.0
    all_case_ids: list[str] = field(default_factory=list)
    ended_at: datetime | None = None

    @property
    def dimension(self) -> str:
        return self.key.split(":", 1)[0]

    def as_json(self) -> dict:
        """Exactly the keys of the `kalm detect_bursts` contract."""
        return {
            "start": self.start.isoformat(),
            "detected_at": self.detected_at.isoformat(),
            "key": self.key,
            "count": self.count,
            "expected": round(self.expected, 3),
            "score": round(self.score, 3),
            "case_ids": list(self.case_ids),
        }


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class BurstDetector:
    """Feed events (or whole bucket counts) in time order; read `alerts`.

    State is dense numpy arrays over keys, so closing a bucket is a handful of vector
    operations however many keys there are; a key seen for the first time inherits the
    stream's exposure (it had zero events so far, which is information)."""

    def __init__(self, settings: Settings | None = None, *, start: datetime | None = None):
        self.s = settings or Settings()
        self.tz = ZoneInfo(self.s.tz)
        self.bucket_seconds = self.s.bucket.total_seconds()
        hours = self.bucket_seconds / 3600
        self.floor = self.s.floor * hours
        self.min_shift = self.s.min_shift * hours
        self.q_level = 0.5 ** (self.bucket_seconds / self.s.level_half_life.total_seconds())
        self.q_slot = 0.5 ** (1 / (self.s.slot_half_life * max(1.0, 1 / hours)))
        self.alerts: list[Alert] = []
        self.keys: dict[str, int] = {}
        self.names: list[str] = []
        self.labels: list[str] = []
        self._cap = 4
        self._alloc(self._cap)
        # The stream as a whole: level, hour-of-day and weekday profiles of the total count.
        # Seasonality is their product: pooled over weekdays (and hours), each factor is
        # learned from many buckets, where 168 separate slots would each see one a week.
        self.t_level = np.zeros(2)  # [sum, weight]
        self.t_hour = np.zeros((2, 24))
        self.t_day = np.zeros((2, 7))
        self.t_slot_n = np.zeros(SLOTS)  # exposure per slot, inherited by new keys
        self.origin: datetime | None = None
        self.bucket_start: datetime | None = None
        if start is not None:
            self._begin(_aware(start))
        # Per bucket: events in the stream (each once, for the seasonal profile), and per key:
        # count, first event time, case ids so far.
        self.cur_total = 0
        self.cur_count: dict[int, int] = {}
        self.cur_first: dict[int, datetime] = {}
        self.cur_cases: dict[int, list[str]] = {}
        # The run (S > 0) of each key: start, count, expected, cases; and its active alert.
        self.run: dict[int, dict] = {}
        self.active: dict[int, Alert] = {}

    # -- state -------------------------------------------------------------------------------
    def _alloc(self, cap: int) -> None:
        def grow(old: np.ndarray | None, shape: tuple) -> np.ndarray:
            new = np.zeros(shape)
            if old is not None:
                new[: old.shape[0]] = old
            return new

        self.S = grow(getattr(self, "S", None), (cap,))
        self.level = grow(getattr(self, "level", None), (cap, 2))
        self.slot = grow(getattr(self, "slot", None), (cap, 2, SLOTS))
        self.disp = grow(getattr(self, "disp", None), (cap, 2))
        self._cap = cap

    def _key_index(self, key: str, label: str) -> int:
        index = self.keys.get(key)
        if index is None:
            index = len(self.keys)
            if index >= self._cap:
                self._alloc(self._cap * 2)
            self.keys[key] = index
            self.names.append(key)
            self.labels.append(label or key)
            # Zero events since the stream began: same exposure weights, zero sums.
            self.level[index] = (0.0, self.t_level[1])
            self.slot[index, 0] = 0.0
            self.slot[index, 1] = self.t_slot_n
            self.disp[index] = 0.0
        elif label:
            self.labels[index] = label
        return index

    def _begin(self, at: datetime) -> None:
        seconds = at.timestamp() // self.bucket_seconds * self.bucket_seconds
        self.bucket_start = datetime.fromtimestamp(seconds, tz=UTC)
        self.origin = self.origin or self.bucket_start

    def _slot(self, moment: datetime) -> int:
        local = moment.astimezone(self.tz)
        return local.weekday() * 24 + local.hour

    def expected(self, index: np.ndarray | int, slot: int) -> np.ndarray:
        """lambda0 of a bucket in `slot` for the key(s) `index`."""
        m = self.s.prior_weight
        t_mean = self.t_level[0] / self.t_level[1] if self.t_level[1] else 0.0
        season = 1.0
        if t_mean > 0:
            day, hour = divmod(slot, 24)
            by_hour = (self.t_hour[0, hour] + 2 * t_mean) / (self.t_hour[1, hour] + 2)
            by_day = (self.t_day[0, day] + 2 * t_mean) / (self.t_day[1, day] + 2)
            season = (by_hour / t_mean) * (by_day / t_mean)
        level = self.level[index]
        mean = np.where(level[..., 1] > 0, level[..., 0] / np.maximum(level[..., 1], 1e-12), 0)
        slots = self.slot[index]
        rate = (slots[..., 0, slot] + m * mean * season) / (slots[..., 1, slot] + m)
        return np.maximum(rate, self.floor)

    def _alt(self, lam0: np.ndarray) -> np.ndarray:
        return np.maximum(self.s.ratio * lam0, lam0 + self.min_shift)

    def _phi(self, index: np.ndarray | int) -> np.ndarray:
        d = self.disp[index]
        return np.clip((d[..., 0] + 2.0) / (d[..., 1] + 2.0), 1.0, self.s.max_dispersion)

    def _warm(self, moment: datetime) -> bool:
        return self.origin is not None and moment - self.origin >= self.s.warmup

    # -- feeding -----------------------------------------------------------------------------
    def event(
        self, at: datetime, keys: Sequence[tuple[str, str]], case_id: str = ""
    ) -> list[Alert]:
        """One event under several keys ((key, label) pairs); returns the alerts it raises,
        including any raised by closing the buckets before it."""
        at = _aware(at)
        raised = self.advance(at)
        self.cur_total += 1
        for key, label in keys:
            alert = self.observe(key, at, case_id=case_id, label=label)
            if alert:
                raised.append(alert)
        return raised

    def observe(
        self, key: str, at: datetime, *, case_id: str = "", label: str = "", n: int = 1
    ) -> Alert | None:
        """n events for one `key` at `at` (not counted in the stream total: use `event`);
        returns an alert if this tips the key over."""
        at = _aware(at)
        self.advance(at)
        index = self._key_index(key, label)
        count = self.cur_count.get(index, 0) + n
        self.cur_count[index] = count
        self.cur_first.setdefault(index, at)
        if case_id:
            self.cur_cases.setdefault(index, []).append(case_id)
        if index in self.active:
            return None
        slot = self._slot(self.bucket_start)
        lam0 = float(self.expected(index, slot))
        lam1 = float(self._alt(lam0))
        elapsed = (at - self.bucket_start).total_seconds() / self.bucket_seconds
        step = (count * math.log(lam1 / lam0) - (lam1 - lam0) * elapsed) / float(self._phi(index))
        score = float(self.S[index]) + step
        run = self.run.get(index)
        run_count = (run["count"] if run else 0) + count
        if score > self.s.threshold and run_count >= self.s.min_count and self._warm(at):
            expected = (run["expected"] if run else 0.0) + lam0 * elapsed
            cases = (run["cases"] if run else []) + self.cur_cases.get(index, [])
            start = run["start"] if run else self.cur_first[index]
            return self._raise(index, start, at, run_count, expected, score, cases)
        return None

    def observe_bucket(self, key: str, bucket_start: datetime, count: int, label: str = "") -> None:
        """A whole bucket's count (for series that are already aggregated, e.g. NAB)."""
        bucket_start = _aware(bucket_start)
        self.advance(bucket_start)
        index = self._key_index(key, label)
        self.cur_count[index] = self.cur_count.get(index, 0) + int(count)
        self.cur_first.setdefault(index, bucket_start)
        self.cur_total += int(count)

    def _raise(
        self,
        index: int,
        start: datetime,
        at: datetime,
        count: int,
        expected: float,
        score: float,
        cases: list[str],
    ) -> Alert:
        alert = Alert(
            key=self.names[index],
            label=self.labels[index],
            start=start,
            detected_at=at,
            count=count,
            expected=expected,
            score=score,
            case_ids=list(cases),
            total_count=count,
            total_expected=expected,
            all_case_ids=list(cases),
        )
        self.active[index] = alert
        self.alerts.append(alert)
        return alert

    def advance(self, to: datetime) -> list[Alert]:
        """Close every bucket that ended at or before `to`; returns alerts raised on closing."""
        to = _aware(to)
        if self.bucket_start is None:
            self._begin(to)
            return []
        raised: list[Alert] = []
        step = timedelta(seconds=self.bucket_seconds)
        while to >= self.bucket_start + step:
            if to - self.bucket_start > JUMP and self._idle():
                self._jump(to)
                break
            raised += self._close()
            self.bucket_start += step
        return raised

    def _idle(self) -> bool:
        return not (self.active or self.run or self.cur_count or self.cur_total)

    def _jump(self, to: datetime) -> None:
        """Skip a long silence (no events anywhere, no run open) in one step: the baselines
        decay as if every skipped bucket had been counted as zero, spread evenly over the
        weekday x hour slots. Keeps a file with years between two rows from looping per hour."""
        gap = int((to - self.bucket_start).total_seconds() // self.bucket_seconds)

        def zeros(sums: np.ndarray, weights: np.ndarray, n: float, q: float) -> None:
            sums *= q**n
            weights *= q**n
            weights += (1 - q**n) / (1 - q)

        q, qs = self.q_level, self.q_slot
        k = len(self.keys)
        zeros(self.level[:k, 0], self.level[:k, 1], gap, q)
        zeros(self.slot[:k, 0], self.slot[:k, 1], gap / SLOTS, qs)
        zeros(self.t_level[:1], self.t_level[1:], gap, q)
        zeros(self.t_hour[0], self.t_hour[1], gap / 24, q)
        zeros(self.t_day[0], self.t_day[1], gap / 7, q)
        self.t_slot_n *= qs ** (gap / SLOTS)
        self.t_slot_n += (1 - qs ** (gap / SLOTS)) / (1 - qs)
        self.bucket_start += timedelta(seconds=gap * self.bucket_seconds)

    def finish(self, at: datetime | None = None) -> list[Alert]:
        """Close the current bucket (end of input); alerts still running keep ended_at None."""
        if self.bucket_start is None:
            return []
        end = self.bucket_start + timedelta(seconds=self.bucket_seconds)
        return self.advance(max(_aware(at), end) if at else end)

    def _close(self) -> list[Alert]:
        n = len(self.keys)
        slot = self._slot(self.bucket_start)
        end = self.bucket_start + timedelta(seconds=self.bucket_seconds)
        raised: list[Alert] = []
        if n:
            x = np.zeros(n)
            for index, count in self.cur_count.items():
                x[index] = count
            idx = np.arange(n)
            lam0 = self.expected(idx, slot)
            lam1 = self._alt(lam0)
            phi = self._phi(idx)
            before = self.S[:n].copy()
            after = np.maximum(0.0, before + (x * np.log(lam1 / lam0) - (lam1 - lam0)) / phi)
            self.S[:n] = after
            for index in np.flatnonzero((before > 0) | (after > 0)):
                alert = self._track(int(index), float(after[index]), int(x[index]), lam0, end)
                if alert:
                    raised.append(alert)
            self._learn(n, slot, x, lam0, phi)
        total = self.cur_total
        q, qs = self.q_level, self.q_slot
        self.t_level = np.array([q * self.t_level[0] + total, q * self.t_level[1] + 1])
        day, hour = divmod(slot, 24)
        self.t_hour[:, hour] = (q * self.t_hour[0, hour] + total, q * self.t_hour[1, hour] + 1)
        self.t_day[:, day] = (q * self.t_day[0, day] + total, q * self.t_day[1, day] + 1)
        self.t_slot_n[slot] = qs * self.t_slot_n[slot] + 1
        self.cur_total = 0
        self.cur_count.clear()
        self.cur_first.clear()
        self.cur_cases.clear()
        return raised

    def _track(
        self, index: int, score: float, count: int, lam0: np.ndarray, end: datetime
    ) -> Alert | None:
        """Follow a key's CUSUM run across a bucket boundary: start, grow, alert, or end."""
        if score <= 0:
            self.run.pop(index, None)
            alert = self.active.pop(index, None)
            if alert:
                alert.ended_at = end
            return None
        run = self.run.get(index)
        if run is None:
            start = self.cur_first.get(index, end)
            run = self.run[index] = {"start": start, "count": 0, "expected": 0.0, "cases": []}
        run["count"] += count
        run["expected"] += float(lam0[index])
        run["cases"] += self.cur_cases.get(index, [])
        alert = self.active.get(index)
        if alert:
            alert.total_count = run["count"]
            alert.total_expected = run["expected"]
            alert.all_case_ids = list(run["cases"])
            # Capped, so a key re-arms within a few quiet buckets after a long burst.
            self.S[index] = min(score, 2 * self.s.threshold)
            return None
        if score > self.s.threshold and run["count"] >= self.s.min_count and self._warm(end):
            return self._raise(
                index, run["start"], end, run["count"], run["expected"], score, run["cases"]
            )
        return None

    def _learn(self, n: int, slot: int, x: np.ndarray, lam0: np.ndarray, phi: np.ndarray) -> None:
        """Update the baselines from this bucket, except for keys inside an alert. The count is
        clipped, so a burst that has not (yet) alerted moves the baseline only a little."""
        learn = np.ones(n, dtype=bool)
        learn[list(self.active)] = False
        xl = np.minimum(x, lam0 + 5 * np.sqrt(lam0 * phi) + 2)
        q, qs = self.q_level, self.q_slot
        for target, value, decay in (
            (self.level[:n, 0], xl, q),
            (self.level[:n, 1], 1.0, q),
            (self.slot[:n, 0, slot], xl, qs),
            (self.slot[:n, 1, slot], 1.0, qs),
        ):
            target[learn] = (decay * target + value)[learn]
        # Over-dispersion is only measurable where a bucket expects at least one event: with
        # smaller means the Pearson residual is dominated by the rare single event (a sparse
        # Poisson key would look "bursty" and lose sensitivity).
        busy = learn & (lam0 >= 1.0)
        chi = np.minimum((xl - lam0) ** 2 / lam0, 25.0)
        self.disp[:n, 0][busy] = (q * self.disp[:n, 0] + chi)[busy]
        self.disp[:n, 1][busy] = (q * self.disp[:n, 1] + 1.0)[busy]


# -- topics --------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W\d_]{3,}")
# Function words of Dutch and English, so labels name the complaint, not the grammar.
_STOPWORD_TEXT = """
    the and for was were are with when this that have has had not but you your our from
    they them their there what which who will would can could about into onto just very
    been being its it's than then also only still even again after before while some any
    all one two three now here out off too get got did does doing over under why how ago
    een het de en van dat die niet met voor zijn ook maar als bij nog aan wat dan wel
    heb hebt heeft had hadden ben bent was waren wordt werd worden mijn mij mijn ons onze
    jullie hun zich deze dit daar hier naar door over toen omdat want zodat geen alle
    kan kon kunnen zou zouden moet moeten wil wilde gaat ging gedaan maken gewoon echt
    nou even weer alleen hallo hoi dear hello thanks thank dank bedankt groet groeten
    gr regards beste geachte team please graag
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


class TopicClusters:
    """Online centroid clustering of unit vectors by cosine similarity; a cluster whose
    centroid comes within the threshold of another's is merged into the older one."""

    def __init__(
        self,
        threshold: float = TOPIC_THRESHOLD,
        dims: int = 512,
        merge_threshold: float | None = None,
    ):
        self.threshold = threshold
        # Merging below the join threshold cost purity in the sweep (bench/bursts.py --tune).
        self.merge_threshold = threshold if merge_threshold is None else merge_threshold
        self.sums = np.zeros((16, dims), dtype=np.float32)
        self.centroids = np.zeros((16, dims), dtype=np.float32)
        self.counts = np.zeros(16)
        self.size = 0
        self.words: list[Counter[str]] = []
        self.merged_into: list[int] = []  # -1, or the cluster this one was merged into

    def assign(self, vector: np.ndarray, text: str = "") -> int:
        best = -1
        if self.size:
            sims = self.centroids[: self.size] @ vector
            best = int(np.argmax(sims))
            if sims[best] < self.threshold:
                best = -1
        if best < 0:
            if self.size == len(self.sums):
                self.sums = np.vstack([self.sums, np.zeros_like(self.sums)])
                self.centroids = np.vstack([self.centroids, np.zeros_like(self.centroids)])
                self.counts = np.concatenate([self.counts, np.zeros_like(self.counts)])
            best = self.size
            self.size += 1
            self.words.append(Counter())
            self.merged_into.append(-1)
        self._add(best, self.sums[best] + vector)
        self.words[best].update({w for w in _WORD.findall(text.lower()) if w not in STOPWORDS})
        # A grown centroid may now be as close to another cluster as a member would be: merge
        # them (into the older one), so the order texts arrive in matters less.
        # The test is the mean similarity over all pairs across the two clusters (average
        # linkage), not centroid to centroid: centroids of big clusters drift towards a generic
        # "complaint" direction that is close to everything.
        self.counts[best] += 1
        pairs = (self.sums[: self.size] @ self.sums[best]) / np.maximum(
            self.counts[: self.size] * self.counts[best], 1
        )
        pairs[best] = -1
        other = int(np.argmax(pairs))
        if pairs[other] >= self.merge_threshold:
            keep, gone = min(best, other), max(best, other)
            self._add(keep, self.sums[keep] + self.sums[gone])
            self.words[keep].update(self.words[gone])
            self.counts[keep] += self.counts[gone]
            self.counts[gone] = 0
            self.sums[gone] = 0
            self.centroids[gone] = 0
            self.merged_into[gone] = keep
            best = keep
        return best

    def _add(self, cluster: int, total: np.ndarray) -> None:
        self.sums[cluster] = total
        self.centroids[cluster] = total / (float(np.linalg.norm(total)) or 1.0)

    def label(self, cluster: int, n: int = 3) -> str:
        return ", ".join(word for word, _ in self.words[cluster].most_common(n))


def _default_embed(texts: list[str]) -> np.ndarray:
    from kalm.empathy.features import embed  # heavy (TensorFlow Lite model): load on first use

    return embed(texts)


def event_keys(event: Event, topic: int | None) -> list[str]:
    keys = []
    if event.product:
        keys.append(f"product:{event.product}")
    if event.batch:
        keys.append(f"batch:{event.batch}")
    if event.channel:
        keys.append(f"channel:{event.channel}")
    if topic is not None:
        keys.append(f"topic:{topic}")
    return keys


@dataclass
class Result:
    alerts: list[Alert]
    topics: TopicClusters | None
    detector: BurstDetector
    rows: list[Event] = field(default_factory=list)  # sorted by time
    row_keys: list[list[str]] = field(default_factory=list)  # the keys of each row

    def hourly(self, key: str, since: datetime, until: datetime) -> list[tuple[datetime, int]]:
        """Events per hour for `key` between `since` and `until` (for charts)."""
        since = _aware(since).replace(minute=0, second=0, microsecond=0)
        hours = max(1, math.ceil((_aware(until) - since).total_seconds() / 3600))
        counts = [0] * hours
        for row, keys in zip(self.rows, self.row_keys, strict=True):
            offset = int((_aware(row.timestamp) - since).total_seconds() // 3600)
            if 0 <= offset < hours and key in keys:
                counts[offset] += 1
        return [(since + timedelta(hours=i), n) for i, n in enumerate(counts)]


def detect(
    events: Iterable[Event],
    *,
    settings: Settings | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    topics: bool = True,
    topic_threshold: float = TOPIC_THRESHOLD,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    labels: dict[str, str] | None = None,
) -> Result:
    """Run the detector over `events` (sorted here by time, stable). `start` is when the
    observation window began (the baseline counts the quiet time before the first event);
    `end` closes the buckets up to then. Texts are embedded once per distinct text, in
    batches, then clustered in time order as they would be live."""
    rows = sorted(events, key=lambda e: _aware(e.timestamp))
    detector = BurstDetector(settings, start=start)
    clusters: TopicClusters | None = None
    vectors: dict[str, np.ndarray] = {}
    if topics:
        distinct = list(dict.fromkeys(e.text.strip() for e in rows if e.text.strip()))
        if distinct:
            matrix = (embed or _default_embed)(distinct)
            vectors = dict(zip(distinct, np.asarray(matrix, dtype=np.float32), strict=True))
            clusters = TopicClusters(topic_threshold, dims=matrix.shape[1])
    names = labels or {}
    row_keys: list[list[str]] = []
    for row in rows:
        text = row.text.strip()
        topic = clusters.assign(vectors[text], text) if clusters and text else None
        keys = []
        for key in event_keys(row, topic):
            label = clusters.label(topic) if key.startswith("topic:") and clusters else ""
            keys.append((key, names.get(key, label)))
        row_keys.append([key for key, _ in keys])
        detector.event(row.timestamp, keys, case_id=row.case_id)
    if end is not None:
        detector.advance(end)
    elif rows:
        detector.finish()
    # Topic labels grow with the cluster: give each alert its cluster's final words.
    if clusters:
        for alert in detector.alerts:
            if alert.key.startswith("topic:"):
                alert.label = clusters.label(int(alert.key.split(":", 1)[1]))
    return Result(detector.alerts, clusters, detector, rows, row_keys)
