import { scaledCount } from './workload-rules';

/**
 * Pods a Deployment's rollout must add before it may take one down: with a RollingUpdate strategy (the
 * default) whose `maxUnavailable` (default 25 %, rounded down) comes to 0, its `maxSurge` (default 25 %,
 * rounded up); 0 for Recreate, or when the rollout may take a pod down first. Pure.
 */
export function stalledSurge(strategy: Readonly<Record<string, any>>, replicas: number): number {
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return 0;
  }
  const rolling = strategy.rollingUpdate ?? {};
  const unavailable = scaledCount(rolling.maxUnavailable ?? '25%', replicas, false) ?? 0;
  return unavailable > 0 ? 0 : scaledCount(rolling.maxSurge ?? '25%', replicas, true) ?? 0;
}
