import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding } from './manifest';
import { indexOf } from './object-index';

/** How often the CronJob controller looks for schedules it must start, in seconds. */
const CRONJOB_CONTROLLER_PERIOD_SECONDS = 10;

/**
 * A CronJob whose `startingDeadlineSeconds` is shorter than the controller's period may never start: the
 * controller checks every 10 seconds, and a start it finds later than the deadline counts as missed
 * (the Kubernetes CronJob documentation warns of this). A warning; the API server takes any value of 0 or more.
 */
export function checkCronJobDeadlines(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (let n = 0, cronJobs = indexOf(cluster.objects).of('CronJob'); n < cronJobs.length; n++) {
    const deadline = fields(cronJobs[n].manifest.spec).startingDeadlineSeconds;
    if (typeof deadline === 'number' && deadline >= 0 && deadline < CRONJOB_CONTROLLER_PERIOD_SECONDS) {
      findings.push(objectFinding(cronJobs[n], {
        layer: 'policy', severity: 'warning', field: 'spec.startingDeadlineSeconds',
        message: `a starting deadline of ${deadline}s is shorter than the ${CRONJOB_CONTROLLER_PERIOD_SECONDS}s between the CronJob controller's checks, so the job may never start`,
        hint: `give startingDeadlineSeconds of at least ${CRONJOB_CONTROLLER_PERIOD_SECONDS} (e.g. 300), or leave it out`,
      }));
    }
  }
  return findings;
}
