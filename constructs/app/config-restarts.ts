import type { AppController } from './controller';
import { RELOADER_AUTO_ANNOTATION } from '../platform/components/reloader';

/** What `restartOnConfigChange` makes of an app: the workload's annotation for Reloader, or why it does nothing. */
export type ConfigRestart =
  | { readonly annotations: Readonly<Record<string, string>> }
  | { readonly problem: { readonly message: string; readonly hint: string } };

/**
 * What restarting an app's pods on a change of its ConfigMaps and Secrets takes under its controller, or
 * undefined when it is not asked for. Reloader restarts a Deployment's, StatefulSet's or DaemonSet's pods; a
 * Job's or CronJob's pod reads them as it starts, and a Knative revision is made anew by Knative alone. Pure.
 */
export function configRestart(controller: AppController, asked: boolean | undefined): ConfigRestart | undefined {
  if (asked !== true) {
    return undefined;
  }
  switch (controller.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return { annotations: { [RELOADER_AUTO_ANNOTATION]: 'true' } };
    case 'Job':
    case 'CronJob':
      return {
        problem: {
          message: `a ${controller.kind}'s pods run to completion and read the ConfigMaps and Secrets they use as each starts: there is no running pod to restart`,
          hint: 'leave restartOnConfigChange out',
        },
      };
    case 'KnativeService':
      return {
        problem: {
          message: 'Reloader restarts no Knative Service: its revision pods keep the ConfigMaps and Secrets they started with until Knative makes a new revision',
          hint: 'leave restartOnConfigChange out, and change the app (an env value) to roll out a new revision',
        },
      };
  }
}
