#!/usr/bin/env python3
"""What the Kubernetes HPA does with this service's replicas when the load steps up and back down.

Replicas warm up the way bench/warmup.sh measured one: ready some seconds after launch, then a capacity (requests/s)
and a CPU use that climb with age, window by window. The load is offered to the ready replicas evenly (a Service
spreads connections, it does not balance by load); what a replica cannot serve waits in a backlog that is offered
again the next second. The autoscaler is the HPA controller's algorithm (pkg/controller/podautoscaler of
kubernetes/kubernetes, as the "Horizontal Pod Autoscaling" page documents it): a sync every 15 s, a 10 % tolerance,
the behavior's stabilization windows and rate policies; for the CPU target the metrics-server's 15 s windows, pods
not yet ready or whose metric window began before they turned ready (within the 5-minute CPU initialization period)
counted at 0 % on a scale-up, pods without a metric at 0 % on a scale-up and 100 % on a scale-down; for the
requests-per-replica target KEDA's external metric (a Prometheus rate over 1 minute of 15 s scrapes, summed over the
pods, divided by the target per replica: no per-pod readiness handling, as for any External metric).

  bench/hpa_sim.py                                 # the committed curve (bench/warmup-curve.csv)
  bench/hpa_sim.py --run bench/results/warmup-LABEL   # a bench/warmup.sh run's curve.dat and steady state
  bench/hpa_sim.py --plot docs/autoscaling.png     # also plot (needs matplotlib: see --help)

Prints, per signal, the replicas, the offered and served load and the backlog every 15 s, and a summary line.
Standard library only, except for --plot.
"""

import argparse
import csv
import math
import os
import sys
from dataclasses import dataclass, field

SYNC_PERIOD = 15  # --horizontal-pod-autoscaler-sync-period
TOLERANCE = 0.1  # --horizontal-pod-autoscaler-tolerance
CPU_INITIALIZATION_PERIOD = 300  # --horizontal-pod-autoscaler-cpu-initialization-period
INITIAL_READINESS_DELAY = 30  # --horizontal-pod-autoscaler-initial-readiness-delay
METRICS_RESOLUTION = 15  # metrics-server's --metric-resolution: the CPU window and how often it is taken
SCRAPE_INTERVAL = 15  # Prometheus
RATE_WINDOW = 60  # the ScaledObject's rate(...[1m])
CPU_REQUEST, CPU_LIMIT = 1.0, 2.0  # k8s/deployment.yaml
RISE_AT, FALL_AT = 120, 600  # the load's step up (over 30 s) and back down


# ---- the controller's arithmetic (replica_calculator.go and horizontal.go)


@dataclass
class PodSample:
    """One pod as the replica calculator sees it. value is None when the pod has no metric."""

    value: float | None
    ready: bool = True
    pending: bool = False
    started: float = 0.0  # pod start time
    ready_since: float = 0.0  # last transition of the Ready condition
    metric_time: float = 0.0  # the metric's timestamp (end of its window)
    metric_window: float = METRICS_RESOLUTION


def group_pods(pods, now, cpu):
    """groupPods: which pods count as ready, which are unready (set aside) and which miss a metric."""
    ready, unready, missing = [], [], []
    for pod in pods:
        if pod.pending:
            unready.append(pod)
        elif pod.value is None:
            missing.append(pod)
        elif cpu and _cpu_sample_unready(pod, now):
            unready.append(pod)
        else:
            ready.append(pod)
    return ready, unready, missing


def _cpu_sample_unready(pod, now):
    if pod.started + CPU_INITIALIZATION_PERIOD > now:
        # Within the initialization period: set aside unless one whole metric window followed readiness.
        return not pod.ready or pod.metric_time < pod.ready_since + pod.metric_window
    # Later, only a pod that has never been ready is set aside.
    return not pod.ready and pod.started + INITIAL_READINESS_DELAY > pod.ready_since


def pod_metric_replicas(pods, target, current_replicas, now, cpu):
    """calcPlainMetricReplicas: replicas for a per-pod target (CPU utilization, or a Pods metric's average)."""
    ready, unready, missing = group_pods(pods, now, cpu)
    if not ready:
        return current_replicas  # "did not receive metrics for targeted pods": the controller does not scale
    usage_ratio = _usage(sum(p.value for p in ready) / len(ready), cpu) / target
    scale_up_with_unready = bool(unready) and usage_ratio > 1.0
    if not scale_up_with_unready and not missing:
        if abs(1.0 - usage_ratio) <= TOLERANCE:
            return current_replicas
        return math.ceil(usage_ratio * len(ready))
    values = [p.value for p in ready]
    # Missing metrics: 100 % of the target (at least 100 % of the request) on a scale-down, 0 on a scale-up.
    values += [(max(100.0, target) if cpu else target) if usage_ratio < 1.0 else 0.0] * len(missing)
    if scale_up_with_unready:
        values += [0.0] * len(unready)
    new_ratio = _usage(sum(values) / len(values), cpu) / target
    if (abs(1.0 - new_ratio) <= TOLERANCE or (usage_ratio < 1.0 < new_ratio) or (usage_ratio > 1.0 > new_ratio)):
        return current_replicas
    replicas = math.ceil(new_ratio * len(values))
    if (new_ratio < 1.0 and replicas > current_replicas) or (new_ratio > 1.0 and replicas < current_replicas):
        return current_replicas
    return replicas


def _usage(average, cpu):
    # GetResourceUtilizationRatio works in whole percent of the request (integer division of millicores).
    return math.floor(average) if cpu else average


def external_average_value_replicas(total, target_per_pod, status_replicas):
    """GetExternalPerPodMetricReplicas: an External metric with an AverageValue target (what KEDA's HPA has)."""
    usage_ratio = total / (target_per_pod * status_replicas)
    if abs(1.0 - usage_ratio) > TOLERANCE:
        return math.ceil(round(total / target_per_pod, 6))  # metric values are milli-units, not floats
    return status_replicas


@dataclass
class Policy:
    kind: str  # "Pods" or "Percent"
    value: int
    period: int


@dataclass
class Rules:
    window: int
    policies: list
    select: str = "Max"


@dataclass
class Behavior:
    """The HPA's spec.behavior with the controller's memory: its recommendations and its scale events."""

    up: Rules
    down: Rules
    min_replicas: int
    max_replicas: int
    recommendations: list = field(default_factory=list)  # (time, replicas)
    up_events: list = field(default_factory=list)  # (time, replicas added)
    down_events: list = field(default_factory=list)  # (time, replicas removed)

    def normalize(self, now, current, desired):
        """normalizeDesiredReplicasWithBehaviors: stabilize, then limit the rate, then min/max."""
        stabilized = self._stabilize(now, current, desired)
        return self._limit_rate(now, current, stabilized)

    def _stabilize(self, now, current, desired):
        up_recommendation = down_recommendation = desired
        for time, replicas in self.recommendations:
            if time > now - self.up.window:
                up_recommendation = min(up_recommendation, replicas)
            if time > now - self.down.window:
                down_recommendation = max(down_recommendation, replicas)
        self.recommendations = [r for r in self.recommendations
                                if r[0] > now - max(self.up.window, self.down.window)]
        self.recommendations.append((now, desired))
        return min(max(current, up_recommendation), down_recommendation)

    def _limit_rate(self, now, current, desired):
        if desired > current:
            limit = max(self._limit(now, current, self.up, +1), current)
            return min(desired, self.max_replicas, limit)
        if desired < current:
            limit = min(self._limit(now, current, self.down, -1), current)
            return max(desired, self.min_replicas, limit)
        return desired

    def _limit(self, now, current, rules, direction):
        proposals = []
        for policy in rules.policies:
            added = sum(n for t, n in self.up_events if t > now - policy.period)
            removed = sum(n for t, n in self.down_events if t > now - policy.period)
            start = current - added + removed
            if policy.kind == "Pods":
                proposals.append(start + direction * policy.value)
            elif direction > 0:
                proposals.append(math.ceil(start * (1 + policy.value / 100)))
            else:
                proposals.append(int(start * (1 - policy.value / 100)))
        if rules.select == "Disabled":
            return current
        most_change = max if direction > 0 else min
        least_change = min if direction > 0 else max
        return (most_change if rules.select == "Max" else least_change)(proposals)

    def record(self, now, before, after):
        if after > before:
            self.up_events.append((now, after - before))
        elif after < before:
            self.down_events.append((now, before - after))


def behavior_of(spec, min_replicas, max_replicas):
    """Behavior from an HPA spec's behavior mapping (as k8s/base/hpa.yaml writes it, parsed)."""

    def rules(r):
        return Rules(int(r["stabilizationWindowSeconds"]),
                     [Policy(p["type"], int(p["value"]), int(p["periodSeconds"])) for p in r["policies"]],
                     r.get("selectPolicy", "Max"))

    return Behavior(rules(spec["scaleUp"]), rules(spec["scaleDown"]), min_replicas, max_replicas)


# ---- the manifest (a small reader for the block-style YAML of k8s/base/hpa.yaml, to stay on the standard library)


def read_hpa(path):
    """minReplicas, maxReplicas, the CPU target and the behavior from k8s/base/hpa.yaml."""
    lines = [(len(l) - len(l.lstrip(" ")), l.strip()) for l in open(path) if l.strip() and not l.strip().startswith("#")]
    root, stack = {}, []
    for i, (indent, text) in enumerate(lines):
        while stack and stack[-1][0] >= indent and not (stack[-1][0] == indent and text.startswith("- ")):
            stack.pop()
        parent = stack[-1][1] if stack else root
        if text.startswith("- "):
            item = {}
            parent.append(item)
            indent, text = indent + 2, text[2:]
            stack.append((indent - 1, item))
            parent = item
        key, _, value = text.partition(":")
        value = value.strip()
        if value:
            parent[key] = value
        else:
            next_is_list = i + 1 < len(lines) and lines[i + 1][1].startswith("- ")
            parent[key] = [] if next_is_list else {}
            stack.append((indent, parent[key]))
    spec = root["spec"]
    cpu = next(m for m in spec["metrics"] if m["type"] == "Resource")
    return (int(spec["minReplicas"]), int(spec["maxReplicas"]), float(cpu["resource"]["target"]["averageUtilization"]),
            spec["behavior"])


# ---- a replica's warm-up, from bench/warmup.sh


@dataclass
class WarmUpCurve:
    ready_seconds: float
    windows: list  # (start s since launch, end s, requests/s, API cores)
    steady_rps: float
    steady_cores: float

    def capacity(self, age):
        if age < self.ready_seconds:
            return 0.0
        for start, end, rps, _ in self.windows:
            if age < end:
                return rps
        return self.steady_rps

    def extra_cores(self, age, cpu_limit):
        """The CPU a warming replica uses beyond what its requests would cost at steady state (the JIT, the
        interpreter), taken as independent of its load; a starting JVM uses all it may."""
        if age < self.ready_seconds:
            return cpu_limit
        for start, end, rps, cores in self.windows:
            if age < end:
                return max(0.0, cores - rps * self.steady_cores / self.steady_rps)
        return 0.0


def read_run(directory):
    """A bench/warmup.sh run: curve.dat (with the API's cores per window), ready.value and steady-cpu.txt."""
    windows = []
    for line in open(os.path.join(directory, "curve.dat")):
        fields = line.split()
        if len(fields) < 4:
            sys.exit(f"{directory}/curve.dat has no CPU column: rerun bench/warmup.sh from this commit")
        windows.append((float(fields[0]), float(fields[1]), float(fields[2]), float(fields[3])))
    cores = open(os.path.join(directory, "steady-cpu.txt")).read().split("api=")[1].split()[0]
    return WarmUpCurve(float(open(os.path.join(directory, "ready.value")).read()), windows,
                       float(open(os.path.join(directory, "steady.value")).read()), float(cores))


def read_csv(path):
    """The same from a CSV: kind (ready, window or steady), start_s, end_s, requests_per_s, api_cpu_cores."""
    rows = list(csv.DictReader(line for line in open(path) if not line.startswith("#")))
    windows = [(float(r["start_s"]), float(r["end_s"]), float(r["requests_per_s"]), float(r["api_cpu_cores"]))
               for r in rows if r["kind"] == "window"]
    steady = next(r for r in rows if r["kind"] == "steady")
    ready = next(r for r in rows if r["kind"] == "ready")
    return WarmUpCurve(float(ready["end_s"]), windows, float(steady["requests_per_s"]), float(steady["api_cpu_cores"]))


# ---- the cluster


@dataclass
class Replica:
    created: float
    launched: float  # the JVM starts: the pod is Running
    ready_at: float
    cpu_seconds: float = 0.0
    served_total: float = 0.0
    cpu_history: list = field(default_factory=list)  # (time, cumulative cpu seconds): what cAdvisor exposes
    count_history: list = field(default_factory=list)  # (scrape time, cumulative requests): Prometheus' samples


def step_load(t, low, high, rise_at, rise_seconds, fall_at, fall_seconds):
    """The offered load: low, rising linearly to high over rise_seconds from rise_at, falling back from fall_at."""
    if t < rise_at:
        return low
    if t < rise_at + rise_seconds:
        return low + (high - low) * (t - rise_at) / rise_seconds
    if t < fall_at:
        return high
    if t < fall_at + fall_seconds:
        return high - (high - low) * (t - fall_at) / fall_seconds
    return low


def simulate(curve, signal, behavior, cpu_target, rps_target, load, duration, pod_start_seconds,
             cpu_request=CPU_REQUEST, cpu_limit=CPU_LIMIT):
    """Runs the cluster second by second; returns one row per second."""
    replicas = [Replica(-1000.0, -1000.0, -1000.0 + curve.ready_seconds) for _ in range(behavior.min_replicas)]
    backlog = 0.0
    rows = []
    for t in range(duration):
        offered = load(t)
        ready = [r for r in replicas if r.ready_at <= t]
        demand = offered + backlog
        served = 0.0
        share = demand / len(ready) if ready else 0.0
        for r in replicas:
            age = t - r.launched
            cores = 0.0
            if r in ready:
                done = min(share, curve.capacity(age))
                served += done
                r.served_total += done
                cores = done * curve.steady_cores / curve.steady_rps
            if age >= 0:
                cores = min(cpu_limit, cores + curve.extra_cores(age, cpu_limit))
            r.cpu_seconds += cores
            r.cpu_history.append((t + 1, r.cpu_seconds))
        backlog = demand - served
        capacity = sum(curve.capacity(t - r.launched) for r in ready)
        if (t + 1) % SCRAPE_INTERVAL == 0:
            for r in replicas:
                if r.launched <= t + 1:
                    r.count_history.append((t + 1, r.served_total))
        if t > 0 and t % SYNC_PERIOD == 0:
            now = float(t)
            current = len(replicas)
            # With several metrics the controller takes the largest proposal.
            proposals = []
            if signal in ("cpu", "both"):
                proposals.append(pod_metric_replicas([cpu_sample(r, now, cpu_request) for r in replicas],
                                                     cpu_target, current, now, cpu=True))
            if signal in ("requests", "both"):
                total = sum(prometheus_rate(r, now) for r in replicas)
                proposals.append(external_average_value_replicas(total, rps_target, current))
            desired = max(proposals)
            new = behavior.normalize(now, current, desired)
            behavior.record(now, current, new)
            if new > current:
                replicas += [Replica(now, now + pod_start_seconds, now + pod_start_seconds + curve.ready_seconds)
                             for _ in range(new - current)]
            elif new < current:
                # The ReplicaSet removes the pods that are not ready first, then the youngest.
                replicas.sort(key=lambda r: (r.ready_at <= now, -r.created), reverse=True)
                del replicas[new:]
        rows.append((t, len(replicas), len([r for r in replicas if r.ready_at <= t]), offered, served, backlog,
                     capacity))
    return rows


def cpu_sample(r, now, cpu_request):
    """What metrics-server reports for a pod: CPU utilization over its last 15 s window, taken every 15 s."""
    started, ready = now >= r.launched, now >= r.ready_at
    pending = not started
    last = (now // METRICS_RESOLUTION) * METRICS_RESOLUTION
    # A metric needs two samples of the container's counter: none during its first window.
    if pending or last - METRICS_RESOLUTION < r.launched:
        return PodSample(None, ready=ready, pending=pending, started=r.created, ready_since=max(r.ready_at, r.created))
    cpu = dict(r.cpu_history)
    used = cpu.get(last, 0.0) - cpu.get(last - METRICS_RESOLUTION, 0.0)
    return PodSample(100.0 * used / METRICS_RESOLUTION / cpu_request, ready=ready, started=r.created,
                     ready_since=r.ready_at if ready else r.created, metric_time=last)


def prometheus_rate(r, now):
    """rate(http_server_requests_seconds_count[1m]) of one pod at now: the slope between the first and the last
    scrape within the last minute (Prometheus needs two; its extrapolation to the range's ends changes no slope)."""
    samples = [(t, c) for t, c in r.count_history if now - RATE_WINDOW < t <= now]
    if len(samples) < 2:
        return 0.0
    (t0, c0), (t1, c1) = samples[0], samples[-1]
    return (c1 - c0) / (t1 - t0)


# ---- the report


def summary(rows, rise_at):
    peak = max(r[1] for r in rows)
    t_peak = next(r[0] for r in rows if r[1] == peak)
    top = max(r[3] for r in rows)
    enough = next((f"{r[0] - rise_at} s" for r in rows if r[0] >= rise_at and r[3] >= top and r[6] >= r[3]),
                  "never while it lasted")
    cleared = next((r[0] - rise_at for r in rows if r[0] > rise_at + 30 and r[5] < 1), None)
    return (f"peak replicas {peak} (at {t_peak} s); ready capacity >= the peak load {enough} after the rise "
            f"began, backlog gone after {cleared} s, at most {max(r[5] for r in rows):,.0f} requests; "
            f"{sum(r[1] for r in rows):,} replica-seconds; replicas at the end {rows[-1][1]}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="--plot needs matplotlib: apt-get install python3-matplotlib, then run "
                                            "with /usr/bin/python3 (Debian's; the pyenv python3 does not see it)")
    parser.add_argument("--run", help="a bench/warmup.sh result directory (curve.dat with the CPU column)")
    parser.add_argument("--curve", default=os.path.join(here, "warmup-curve.csv"), help="a curve CSV")
    parser.add_argument("--hpa", default=os.path.join(here, "..", "k8s", "base", "hpa.yaml"))
    parser.add_argument("--rps-target", type=float, help="requests/s per replica (default: the CPU target's share "
                                                        "of the steady capacity)")
    parser.add_argument("--pod-start", type=float, default=3.0, help="seconds from the pod's creation to the JVM's "
                                                                     "launch (scheduling, container start)")
    parser.add_argument("--low", type=float, default=2, help="load before the step, in replicas' worth")
    parser.add_argument("--high", type=float, default=10, help="load after the step, in replicas' worth")
    parser.add_argument("--duration", type=int, default=1500)
    parser.add_argument("--every", type=int, default=15, help="print every N seconds")
    parser.add_argument("--plot", help="write a PNG of both signals")
    args = parser.parse_args()

    curve = read_run(args.run) if args.run else read_csv(args.curve)
    min_replicas, max_replicas, cpu_target, behavior_spec = read_hpa(args.hpa)
    # A replica's worth: what one warm replica carries at the CPU target (of its 1-core request).
    worth = min(curve.steady_rps, cpu_target / 100 * CPU_REQUEST / (curve.steady_cores / curve.steady_rps))
    rps_target = args.rps_target or worth
    print(f"curve: ready {curve.ready_seconds} s, steady {curve.steady_rps:,.0f} requests/s at "
          f"{curve.steady_cores:.2f} cores; CPU target {cpu_target:.0f} % of 1 core; requests target "
          f"{rps_target:,.0f}/s per replica; a replica's worth {worth:,.0f} requests/s; from "
          f"{args.run or args.curve}")

    def load(t):
        return worth * step_load(t, args.low, args.high, RISE_AT, 30, FALL_AT, 30)

    results = {}
    for signal in ("cpu", "requests", "both"):
        behavior = behavior_of(behavior_spec, min_replicas, max_replicas)
        rows = simulate(curve, signal, behavior, cpu_target, rps_target, load, args.duration, args.pod_start)
        results[signal] = rows
        print(f"\n== {signal} target")
        print("t_s replicas ready offered_rps served_rps backlog capacity_rps")
        for t, n, ready, offered, served, backlog, capacity in rows[::args.every]:
            print(f"{t} {n} {ready} {offered:.0f} {served:.0f} {backlog:.0f} {capacity:.0f}")
        print(f"{signal}: {summary(rows, RISE_AT)}")
    if args.plot:
        plot(results, args.plot, cpu_target, rps_target)


def plot(results, path, cpu_target, rps_target):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(2, len(results), figsize=(5 * len(results), 6.5), sharex=True)
    for column, (signal, rows) in enumerate(results.items()):
        t = [r[0] for r in rows]
        top, bottom = axes[0][column], axes[1][column]
        top.plot(t, [r[3] for r in rows], label="offered", color="gray")
        top.plot(t, [r[4] for r in rows], label="served", color="tab:blue")
        backlog = top.twinx()
        backlog.plot(t, [r[5] for r in rows], label="backlog", color="tab:red", linewidth=0.8)
        backlog.set_ylabel("backlog (requests)", color="tab:red", fontsize=8)
        backlog.tick_params(labelsize=7)
        backlog.set_ylim(bottom=0)
        top.set_title({"cpu": f"CPU {cpu_target:.0f} % of the request", "requests": f"{rps_target:,.0f} requests/s per "
                       f"replica (KEDA)", "both": "both metrics (the larger proposal)"}[signal], fontsize=10)
        top.set_ylabel("requests/s")
        top.legend(loc="upper left", fontsize=8)
        bottom.step(t, [r[1] for r in rows], where="post", label="replicas")
        bottom.step(t, [r[2] for r in rows], where="post", label="ready", linestyle="--")
        bottom.set_ylabel("replicas")
        bottom.set_xlabel("seconds")
        bottom.legend(loc="upper right", fontsize=8)
        for axis in (top, bottom):
            axis.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
