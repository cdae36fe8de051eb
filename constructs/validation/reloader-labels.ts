import type { ForeignForm } from './known-props';

/**
 * Stakater Reloader's annotations (`reloader.stakater.com/auto`, `configmap.reloader.stakater.com/reload`,
 * `secret.reloader.stakater.com/auto`, …), as an app-template release sets them on its controller. Reloader reads
 * a workload's annotations, never its labels.
 */
const RELOADER_KEY = /^(?:(?:configmap|secret|configmaps\.exclude|secrets\.exclude)\.)?reloader\.stakater\.com\//i;

/** What an App says in place of Reloader's annotations. */
export const RELOADER_HINT = 'write restartOnConfigChange: true, which annotates the workload with reloader.stakater.com/auto and installs Reloader';

/**
 * Reloader's annotations given among an app's `labels`, as one error on the first: as labels they restart
 * nothing, and no Reloader runs unless an app asks for it. Undefined for labels without such keys. Pure.
 */
export function reloaderLabelsForm(labels: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  const keys = Object.keys(labels).filter((key) => RELOADER_KEY.test(key));
  if (keys.length === 0) {
    return undefined;
  }
  return {
    message: `${keys[0]} is an annotation Stakater Reloader reads on a workload; as a label of the app it restarts nothing when a ConfigMap or Secret changes`,
    hint: `${RELOADER_HINT} (it restarts the pods on a change of any ConfigMap or Secret they use; drop the reloader labels)`,
    key: keys[0], keys,
  };
}
