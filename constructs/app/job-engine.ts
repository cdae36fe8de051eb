import type { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { GitOpsEngine } from '../platform/gitops';
import { reportFinding } from '../validation/finding';
import type { AppController } from './controller';

/**
 * What a cluster's GitOps engine means for an app's own Job: the engine marks it to be created again when
 * its (immutable) pod template changes, and a TTL would have the engine create it again, and run it again,
 * after the TTL controller deleted it. A CronJob's Jobs are made by its controller, out of the engine's reach.
 */
export function applyEngineToJob(app: IConstruct, controller: AppController, workload: ApiObject, engine: GitOpsEngine | undefined): void {
  if (controller.kind !== 'Job' || !engine) {
    return;
  }
  engine.replaceWhenChanged?.(workload);
  const ttl = controller.props.ttlSecondsAfterFinished;
  if (ttl !== undefined) {
    reportFinding(app, {
      layer: 'references', severity: 'warning', field: 'controller.props.ttlSecondsAfterFinished',
      message: `the Job is deleted ${ttl}s after it finishes, and ${engine.name} then creates it again from the folder, so it runs again`,
      hint: 'leave ttlSecondsAfterFinished out so the finished Job stays, or run it on a schedule with AppController.cronJob()',
    });
  }
}
