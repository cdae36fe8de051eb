import { serverStopSeconds, stopGracePeriod } from '../app/minecraft-server';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { objectFinding } from './manifest';
import { containersOf, podTemplates } from './pod-spec';

/** The grace period the API server gives a pod that sets none, in seconds. */
const DEFAULT_GRACE_SECONDS = 30;

/**
 * Pods of a server that saves its world as it stops (itzg's Minecraft Java image, whose runner waits
 * `STOP_DURATION` seconds for it) with a `terminationGracePeriodSeconds` (30 unless set) at or below that wait: the
 * kubelet kills the server while it may still write the world, at every update and node drain. One error per pod
 * template, on its grace period. An App gives such a pod the wait and a margin itself, so this meets a patched or
 * hand-written one.
 */
export function checkStopGracePeriods(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    const stop = containersOf(template).filter((ref) => !ref.init)
      .map(({ container }) => serverStopSeconds(container.image, container.env))
      .reduce<number | undefined>((longest, seconds) => (seconds === undefined || (longest !== undefined && longest >= seconds) ? longest : seconds), undefined);
    const written = template.spec.terminationGracePeriodSeconds;
    const grace = typeof written === 'number' ? written : DEFAULT_GRACE_SECONDS;
    if (stop === undefined || grace > stop) {
      continue;
    }
    findings.push(objectFinding(template.object, {
      layer: 'policy', severity: 'error', field: `${template.specPath}.terminationGracePeriodSeconds`,
      message: `the pod runs the Minecraft Java server, whose runner waits up to ${stop} seconds (STOP_DURATION) for it to save the world and stop, `
        + `and the pod's grace period is ${grace} seconds${typeof written === 'number' ? '' : ' (the default)'}: the kubelet would kill the server while it writes the world`,
      hint: `give the pod terminationGracePeriodSeconds: ${stopGracePeriod(stop)} (an App sets it itself: drop the patch), or a shorter STOP_DURATION below the grace period`,
    }));
  }
  return findings;
}
