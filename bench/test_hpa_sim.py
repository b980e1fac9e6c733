"""The HPA arithmetic of bench/hpa_sim.py against the worked examples of the Kubernetes documentation
("Horizontal Pod Autoscaling", kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/, and its
walkthrough). Run: python3 -m unittest discover -s bench -p 'test_*.py' (about a second; .ci/run runs it)."""

import os
import unittest

import hpa_sim
from hpa_sim import Behavior, Policy, PodSample, Rules

DEFAULT_UP = Rules(0, [Policy("Percent", 100, 15), Policy("Pods", 4, 15)], "Max")
DEFAULT_DOWN = Rules(300, [Policy("Percent", 100, 15)], "Max")


def ready_pods(*values, started=-1000.0):
    return [PodSample(v, started=started, ready_since=started, metric_time=0.0) for v in values]


class ReplicaCalculation(unittest.TestCase):

    def test_the_ratio_scales_the_replicas(self):
        # "if the current metric value is 200m, and the desired value is 100m, the number of replicas will be
        # doubled ... If the current value is instead 50m, you'll halve the number of replicas"
        self.assertEqual(hpa_sim.pod_metric_replicas(ready_pods(200, 200), 100, 2, 0.0, cpu=False), 4)
        self.assertEqual(hpa_sim.pod_metric_replicas(ready_pods(50, 50, 50, 50), 100, 4, 0.0, cpu=False), 2)

    def test_the_walkthrough_scales_one_replica_at_305_percent_to_seven(self):
        # php-apache walkthrough: target 50 %, one pod at 305 % of its request: 7 replicas (ceil(6.1)).
        self.assertEqual(hpa_sim.pod_metric_replicas(ready_pods(305), 50, 1, 0.0, cpu=True), 7)

    def test_a_ratio_within_the_tolerance_changes_nothing(self):
        # "the control plane skips any scaling action if the ratio is sufficiently close to 1.0 (within a
        # configurable tolerance, 0.1 by default)"
        self.assertEqual(hpa_sim.pod_metric_replicas(ready_pods(76, 76, 76), 70, 3, 0.0, cpu=True), 3)
        self.assertEqual(hpa_sim.pod_metric_replicas(ready_pods(78, 78, 78), 70, 3, 0.0, cpu=True), 4)

    def test_on_a_scale_up_pods_without_metrics_count_as_zero_and_may_cancel_it(self):
        # "if any pod has missing metrics ... assumed to be consuming ... 0% of the desired value in the case of a
        # scale up"; then "if the new ratio reverses the scale direction, or is within the tolerance, the control
        # plane skips any scaling action".
        pods = ready_pods(100, 100) + [PodSample(None, started=-1000.0)]
        self.assertEqual(hpa_sim.pod_metric_replicas(pods, 70, 3, 0.0, cpu=True), 3)  # 200/3 = 67 % of 70 %
        pods = ready_pods(140, 140) + [PodSample(None, started=-1000.0)]
        self.assertEqual(hpa_sim.pod_metric_replicas(pods, 70, 3, 0.0, cpu=True), 4)  # 280/3/70 * 3 = 4

    def test_on_a_scale_down_pods_without_metrics_count_as_fully_used(self):
        # "... 100% of the desired value in the case of a scale down": with the CPU resource, 100 % of the request.
        pods = ready_pods(20, 20) + [PodSample(None, started=-1000.0)]
        self.assertEqual(hpa_sim.pod_metric_replicas(pods, 70, 3, 0.0, cpu=True), 2)  # 140/3/70*3 = 2

    def test_cpu_of_a_pod_whose_metric_window_began_before_it_was_ready_is_set_aside(self):
        # Within --horizontal-pod-autoscaler-cpu-initialization-period (5 min) a sample counts only once a whole
        # metric window followed readiness; set aside, the pod counts as 0 % on a scale-up.
        warm = ready_pods(140, 140)
        fresh = PodSample(200, started=100.0, ready_since=110.0, metric_time=120.0)
        self.assertEqual(hpa_sim.pod_metric_replicas(warm + [fresh], 70, 3, 120.0, cpu=True), 4)
        counted = PodSample(200, started=100.0, ready_since=110.0, metric_time=125.0)
        self.assertEqual(hpa_sim.pod_metric_replicas(warm + [counted], 70, 3, 125.0, cpu=True), 7)  # 160/70 * 3
        # Later than the period, a ready pod always counts.
        late = PodSample(200, started=100.0, ready_since=399.0, metric_time=405.0)
        self.assertEqual(hpa_sim.pod_metric_replicas(warm + [late], 70, 3, 405.0, cpu=True), 7)

    def test_pending_pods_count_as_zero_on_a_scale_up(self):
        pods = ready_pods(140, 140) + [PodSample(None, pending=True, started=10.0)]
        self.assertEqual(hpa_sim.pod_metric_replicas(pods, 70, 3, 20.0, cpu=True), 4)

    def test_an_external_average_value_target_divides_the_total(self):
        # KEDA's HPA: an External metric with an AverageValue target: ceil(total / target), outside the tolerance.
        self.assertEqual(hpa_sim.external_average_value_replicas(5000, 1000, 2), 5)
        self.assertEqual(hpa_sim.external_average_value_replicas(2100, 1000, 2), 2)
        self.assertEqual(hpa_sim.external_average_value_replicas(500, 1000, 4), 1)


class ScalingBehavior(unittest.TestCase):

    def test_the_default_scale_up_doubles_or_adds_four_whichever_is_more(self):
        behavior = Behavior(DEFAULT_UP, DEFAULT_DOWN, 1, 100)
        self.assertEqual(behavior.normalize(0.0, 2, 20), 6)  # 2 + 4 > 2 * 2
        behavior = Behavior(DEFAULT_UP, DEFAULT_DOWN, 1, 100)
        self.assertEqual(behavior.normalize(0.0, 10, 40), 20)  # 10 * 2 > 10 + 4

    def test_changes_within_the_period_count_against_its_limit(self):
        behavior = Behavior(Rules(0, [Policy("Pods", 4, 60)]), DEFAULT_DOWN, 1, 100)
        self.assertEqual(behavior.normalize(0.0, 2, 20), 6)
        behavior.record(0.0, 2, 6)
        self.assertEqual(behavior.normalize(15.0, 6, 20), 6)  # the 4 of this minute are used up
        self.assertEqual(behavior.normalize(61.0, 6, 20), 10)

    def test_the_scale_down_example_removes_eight_of_eighty_then_eight_of_seventy_two(self):
        # Docs: policies Pods 4 and Percent 10 per 60 s, "if the current replicas are 80 and the target has to be
        # scaled down to 10 replicas then during the first step 8 replicas will be reduced. In the next iteration
        # when the number of replicas is 72, 10% of the pods is 7.2 but the number is rounded up to 8."
        down = Rules(0, [Policy("Pods", 4, 60), Policy("Percent", 10, 60)], "Max")
        behavior = Behavior(DEFAULT_UP, down, 1, 100)
        self.assertEqual(behavior.normalize(0.0, 80, 10), 72)
        behavior.record(0.0, 80, 72)
        self.assertEqual(behavior.normalize(61.0, 72, 10), 64)

    def test_select_policy_min_takes_the_smallest_change(self):
        down = Rules(0, [Policy("Pods", 4, 60), Policy("Percent", 10, 60)], "Min")
        self.assertEqual(Behavior(DEFAULT_UP, down, 1, 100).normalize(0.0, 80, 10), 76)

    def test_the_scale_down_window_keeps_the_highest_recommendation_of_the_last_five_minutes(self):
        # "the algorithm ... chooses the highest recommendation from within that window"
        behavior = Behavior(DEFAULT_UP, DEFAULT_DOWN, 1, 100)
        self.assertEqual(behavior.normalize(0.0, 5, 5), 5)
        self.assertEqual(behavior.normalize(15.0, 5, 2), 5)
        self.assertEqual(behavior.normalize(299.0, 5, 2), 5)
        self.assertEqual(behavior.normalize(301.0, 5, 2), 2)  # the recommendation of 5 left the window

    def test_a_scale_up_window_takes_the_lowest_recommendation(self):
        behavior = Behavior(Rules(60, DEFAULT_UP.policies), DEFAULT_DOWN, 1, 100)
        behavior.normalize(0.0, 2, 3)
        self.assertEqual(behavior.normalize(15.0, 2, 8), 3)

    def test_min_and_max_replicas_bound_the_result(self):
        self.assertEqual(Behavior(DEFAULT_UP, DEFAULT_DOWN, 2, 10).normalize(0.0, 8, 30), 10)
        self.assertEqual(Behavior(DEFAULT_UP, Rules(0, DEFAULT_DOWN.policies), 2, 10).normalize(0.0, 4, 1), 2)


class TheShippedManifest(unittest.TestCase):

    def test_the_committed_curve_scales_up_on_the_step_and_back_down_to_the_minimum(self):
        here = os.path.dirname(os.path.abspath(__file__))
        curve = hpa_sim.read_csv(os.path.join(here, "warmup-curve.csv"))
        for signal in ("cpu", "requests"):
            behavior = Behavior(DEFAULT_UP, Rules(300, [Policy("Percent", 25, 60)], "Min"), 2, 10)
            rows = hpa_sim.simulate(curve, signal, behavior, 70, curve.steady_rps * 0.7,
                                    lambda t: curve.steady_rps * 0.7 * hpa_sim.step_load(t, 2, 4, 120, 30, 600, 30),
                                    1500, 3.0)
            self.assertGreaterEqual(max(r[1] for r in rows), 4, signal)
            self.assertEqual(rows[-1][1], 2, signal)
            self.assertLess(rows[-1][5], 1, signal)

    def test_the_hpa_reader_reads_k8s_hpa_yaml(self):
        here = os.path.dirname(os.path.abspath(__file__))
        min_replicas, max_replicas, target, behavior = hpa_sim.read_hpa(os.path.join(here, "..", "k8s", "base", "hpa.yaml"))
        self.assertEqual((min_replicas, max_replicas), (2, 10))
        self.assertGreater(target, 0)
        rules = hpa_sim.behavior_of(behavior, min_replicas, max_replicas)
        self.assertEqual(rules.down.window, 300)
        self.assertEqual([p.kind for p in rules.up.policies], ["Percent", "Pods"])


if __name__ == "__main__":
    unittest.main()
