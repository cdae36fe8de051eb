import type { SynthesizedCluster } from '../synth/collect';
import { externalIndexOf } from './external';
import type { Finding } from './finding';
import { keyOf, namespaceOf } from './manifest';
import { indexOf } from './object-index';
import { secretProducers } from './secret-producers';

/**
 * Every Secret a platform component reads by name (Grafana's admin, Renovate's token, a runner scale set's
 * GitHub credentials) is made by the repository (a SealedSecret, SopsSecret or ExternalSecret of its
 * namespace) or declared external: otherwise its pods wait for it for ever, and nothing tells the owner
 * to make it. Those the owner makes by hand with a step of the component's own (`secretsMadeByHand`) pass.
 */
export function checkComponentSecrets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const made = new Set(secretProducers(index).map((producer) => keyOf(namespaceOf(producer.object), producer.name)));
  const declared = externalIndexOf(cluster).secrets;
  const findings: Finding[] = [];
  for (const component of cluster.chart.platform.components) {
    const byHand = new Set(component.props.secretsMadeByHand ?? []);
    for (const name of (component.props.readsSecrets ?? []).filter((secret) => !byHand.has(secret))) {
      const key = keyOf(component.namespace, name);
      if (made.has(key) || declared.has(key)) {
        continue;
      }
      findings.push({
        layer: 'references', severity: 'error', constructPath: component.node.path, field: `readsSecrets.${name}`,
        message: `component ${component.name} reads Secret ${component.namespace}/${name}, which nothing in the repository makes or declares; its pods would wait for it`,
        hint: `make it with a SealedSecret, SopsSecret or ExternalSecret in namespace ${component.namespace}, or declareExternal(scope, { secrets: [{ namespace: '${component.namespace}', name: '${name}' }] }) when it is made by hand`,
      });
    }
  }
  return findings;
}
