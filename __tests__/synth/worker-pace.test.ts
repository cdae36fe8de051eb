import { workersWorthIt } from '../../constructs/synth/threads';

// The main thread's pace decides when worker threads start. The first cluster's time includes the run's
// one-time costs, so an estimate from it alone must reach twice as far as one from later clusters.

test('the real sites stay on one thread: their first cluster is slow only for the one-time costs', () => {
  // Measured on a two-core VM: 190 ms for the first of seven clusters, 12–72 ms for the others.
  expect(workersWorthIt({ firstClusterMs: 190, elapsedMs: 190, built: 1, left: 6 })).toBe(false);
  // Even a first cluster half again as slow, as on a busy machine, does not start a worker.
  expect(workersWorthIt({ firstClusterMs: 290, elapsedMs: 290, built: 1, left: 6 })).toBe(false);
  expect(workersWorthIt({ firstClusterMs: 190, elapsedMs: 190 + 72, built: 2, left: 5 })).toBe(false);
});

test('a large fleet starts its workers after the first cluster', () => {
  // 5 000 apps in twelve clusters: 729 ms for the first, some 550 ms for each later one.
  expect(workersWorthIt({ firstClusterMs: 729, elapsedMs: 729, built: 1, left: 11 })).toBe(true);
});

test('later clusters decide at their own pace, the first left out', () => {
  // A first cluster of 260 ms is not enough alone for eleven clusters left (3 000 ms needed) ...
  expect(workersWorthIt({ firstClusterMs: 260, elapsedMs: 260, built: 1, left: 11 })).toBe(false);
  // ... but a second one of 160 ms is: ten clusters left at 160 ms are 1 600 ms.
  expect(workersWorthIt({ firstClusterMs: 260, elapsedMs: 420, built: 2, left: 10 })).toBe(true);
  // A fast second cluster outweighs a slow first one: the first's one-time costs do not count again.
  expect(workersWorthIt({ firstClusterMs: 2000, elapsedMs: 2100, built: 2, left: 10 })).toBe(false);
});
