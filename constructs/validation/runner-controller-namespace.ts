import type { SynthesizedCluster } from '../synth/collect';
import { valueAt } from '../platform/chart-value-at';
import type { Finding } from './finding';

// A runner scale set's chart binds its manager Role to the controller's ServiceAccount, named in its values
// (`controllerServiceAccount`) so that an engine rendering without a cluster (Argo CD) need not look it up. Named in
// another namespace than the controller runs in, the binding reaches no account, and the controller never starts the
// set's listener or runners.

/** The chart each runner scale set is installed from. */
const SCALE_SET_CHART = 'gha-runner-scale-set';

/** The component name of `actionsRunnerController()`. */
const CONTROLLER = 'arc-controller';

/** Each runner scale set of the cluster names the namespace its controller runs in. */
export function checkRunnerControllerNamespace(cluster: SynthesizedCluster): Finding[] {
  const platform = cluster.chart.platform;
  const controller = platform.components.find((component) => component.name === CONTROLLER);
  if (controller === undefined) {
    return [];
  }
  return platform.components.flatMap((component): Finding[] => {
    const install = component.install;
    if (install.type !== 'helm' || install.chart.chart !== SCALE_SET_CHART) {
      return [];
    }
    const named = valueAt(install.values, ['controllerServiceAccount', 'namespace']);
    if (typeof named !== 'string' || named === controller.namespace) {
      return [];
    }
    return [{
      layer: 'references', severity: 'error', constructPath: platform.node.path, field: `components.${component.name}.controllerNamespace`,
      message: `runner scale set ${component.name} binds its manager role to the controller's ServiceAccount in namespace "${named}", but actionsRunnerController() runs in "${controller.namespace}": `
        + 'the controller never gets the role, and starts no listener or runner of the set',
      hint: `runnerScaleSet({ …, controllerNamespace: '${controller.namespace}' })`,
    }];
  });
}
