import { AUTHENTIK_IMAGE } from '../app/authentik-settings';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { containersOf, podTemplates } from './pod-spec';

// Authentik's server and worker sign and check sessions, tokens and the outposts' keys with one secret key, and
// both read one database: a worker given another key (a second generated Secret, another key of it) or none
// writes what the server cannot read, and the other way round. Synthesis compares the keys of one namespace.

/** How a container is given AUTHENTIK_SECRET_KEY, as text to compare and to show: a Secret's key, or none. */
function secretKeySource(container: Record<string, unknown>): { source: string; at?: number } {
  const env = list(container.env);
  const at = env.findIndex((entry) => entry.name === 'AUTHENTIK_SECRET_KEY');
  if (at < 0) {
    return { source: 'none' };
  }
  const ref = fields(fields(env[at].valueFrom).secretKeyRef);
  const name = text(ref.name);
  return { source: name === undefined ? 'a value of its own' : `key "${text(ref.key) ?? ''}" of Secret ${name}`, at };
}

/**
 * Containers of Authentik's server image in one namespace (its `server` and its `worker`) given
 * AUTHENTIK_SECRET_KEY from different sources, or one of them none: an error on each container whose source
 * differs from the first one's that has a key, whose hint names that source.
 */
export function checkAuthentikSecretKeys(cluster: SynthesizedCluster): Finding[] {
  const byNamespace = new Map<string, Array<{ template: ReturnType<typeof podTemplates>[number]; path: string; source: string; at?: number }>>();
  for (const template of podTemplates(cluster.objects)) {
    for (const { container, path, init } of containersOf(template)) {
      if (!init && AUTHENTIK_IMAGE.test(text(container.image) ?? '')) {
        const entries = byNamespace.get(template.namespace) ?? [];
        entries.push({ template, path, ...secretKeySource(container) });
        byNamespace.set(template.namespace, entries);
      }
    }
  }
  const findings: Finding[] = [];
  for (const entries of byNamespace.values()) {
    const first = entries.find((entry) => entry.source !== 'none');
    if (first === undefined || entries.length < 2) {
      continue;
    }
    const firstName = text(fields(first.template.object.manifest.metadata).name);
    for (const entry of entries.filter((other) => other.source !== first.source)) {
      findings.push(objectFinding(entry.template.object, {
        layer: 'references', severity: 'error',
        field: entry.at === undefined ? `${entry.path}.env` : `${entry.path}.env[${entry.at}]`,
        message: `Authentik's ${firstName} is given AUTHENTIK_SECRET_KEY from ${first.source}, and this one from ${entry.source}: server and worker sign and check sessions and tokens with one key, so what one writes the other refuses`,
        hint: `give every Authentik container of the namespace the same key: AUTHENTIK_SECRET_KEY from ${first.source}`,
      }));
    }
  }
  return findings;
}
