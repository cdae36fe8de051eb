import type { SynthesizedCluster } from '../synth/collect';
import { externalIndexOf } from './external';
import type { Finding } from './finding';
import { keyOf } from './manifest';
import { indexOf } from './object-index';
import { type SecretProducer, secretProducers } from './secret-producers';
import type { SecretKeysRead } from '../platform/component';
import { platformReading } from './platform-reading';

/**
 * Every Secret a platform component reads by name (Grafana's admin, Renovate's token, a runner scale set's
 * GitHub credentials) is made by the repository (a SealedSecret, SopsSecret or ExternalSecret of its
 * namespace) or declared external: otherwise its pods wait for it for ever, and nothing tells the owner
 * to make it. Those the owner makes by hand with a step of the component's own (`secretsMadeByHand`) pass.
 * One the repository makes holds the keys the component reads of it (`readsSecretKeys`).
 */
export function checkComponentSecrets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const producers = new Map(secretProducers(index).map((producer) => [keyOf(producer.namespace, producer.name), producer]));
  const declared = externalIndexOf(cluster).secrets;
  const findings: Finding[] = [];
  for (const component of platformReading(cluster).components) {
    const byHand = new Set(component.props.secretsMadeByHand ?? []);
    for (const name of (component.props.readsSecrets ?? []).filter((secret) => !byHand.has(secret))) {
      const key = keyOf(component.namespace, name);
      const producer = producers.get(key);
      const keysRead = component.props.readsSecretKeys?.[name];
      if (producer !== undefined && keysRead !== undefined) {
        findings.push(...missingKeyFindings(component.node.path, component.name, name, producer, keysRead));
      }
      if (producer !== undefined || declared.has(key)) {
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

/**
 * The finding of a Secret the repository makes for a component without any whole set of the keys the
 * component reads (`oneOf`), or none when its keys are not knowable (an ExternalSecret's `dataFrom`). Pure.
 */
function missingKeyFindings(constructPath: string, component: string, name: string, producer: SecretProducer, read: SecretKeysRead): Finding[] {
  const held = producer.keys;
  if (held === undefined || read.oneOf.some((keys) => keys.every((k) => held.includes(k)))) {
    return [];
  }
  const sets = read.oneOf.map((keys) => `key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`);
  const usual = read.oneOf[0].filter((k) => !held.includes(k));
  const maker = `${String(producer.object.manifest.kind)} ${producer.object.constructPath.replace(/\/resource$/i, '')}`;
  const holds = held.length === 0 ? 'no key' : `key${held.length > 1 ? 's' : ''} ${[...held].sort().join(', ')}`;
  return [{
    layer: 'references', severity: 'error', constructPath, field: `readsSecrets.${name}`,
    message: `component ${component} reads ${sets.join(', or ')} of Secret ${name} (its ${read.option}), but ${maker} makes that Secret with ${holds}: its pods would start without the value, or not at all`,
    hint: `add ${usual.join(', ')} to ${maker}, named as the component reads ${usual.length > 1 ? 'them' : 'it'}, or name in ${read.option} a Secret that holds ${usual.length > 1 ? 'them' : 'it'}`,
  }];
}
