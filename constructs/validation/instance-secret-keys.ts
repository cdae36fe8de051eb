import { AUTHENTIK_IMAGE } from '../app/authentik-settings';
import { N8N_IMAGE } from '../app/household-app-images';
import { n8nProcess } from '../app/n8n-queue-env';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { containersOf, podTemplates } from './pod-spec';

// Apps whose processes of one instance share one secret key, each in its own pod: Authentik's server and worker sign
// and check sessions, tokens and the outposts' keys with it; n8n's main process and its queue-mode workers encrypt and
// decrypt the stored credentials with it. A second process given another key (a second generated Secret, another key
// of it) or none writes what the first cannot read, or the other way round. Synthesis compares the keys of one namespace.

/** An app whose containers of one namespace share the key of `variable`. */
interface InstanceKey {
  readonly image: RegExp;
  readonly variable: string;
  /** How messages name the app. */
  readonly app: string;
  /** Whether a container of the image is one process of a shared instance (n8n's in queue mode alone). */
  readonly shares: (container: Record<string, unknown>) => boolean;
  /** What happens when the keys differ. */
  readonly consequence: string;
}

/** Whether an n8n container runs in queue mode: `EXECUTIONS_MODE: queue`, or started as a worker or webhook process. */
function n8nQueueMode(container: Record<string, unknown>): boolean {
  return list(container.env).some((entry) => entry.name === 'EXECUTIONS_MODE' && text(entry.value) === 'queue') || n8nProcess(container) !== 'main';
}

const INSTANCE_KEYS: readonly InstanceKey[] = [
  {
    image: AUTHENTIK_IMAGE, variable: 'AUTHENTIK_SECRET_KEY', app: 'Authentik', shares: () => true,
    consequence: 'server and worker sign and check sessions and tokens with one key, so what one writes the other refuses',
  },
  {
    image: N8N_IMAGE, variable: 'N8N_ENCRYPTION_KEY', app: 'n8n', shares: n8nQueueMode,
    consequence: 'the main process and its workers encrypt and decrypt the stored credentials with one key: a worker with another fails each execution that uses a credential, and one with none stops at its start ("missing encryption key")',
  },
];

/** How a container is given the key of `variable`, as text to compare and to show: a Secret's key, or none. */
function secretKeySource(container: Record<string, unknown>, variable: string): { source: string; at?: number } {
  const env = list(container.env);
  const at = env.findIndex((entry) => entry.name === variable);
  if (at < 0) {
    return { source: 'none' };
  }
  const ref = fields(fields(env[at].valueFrom).secretKeyRef);
  const name = text(ref.name);
  return { source: name === undefined ? 'a value of its own' : `key "${text(ref.key) ?? ''}" of Secret ${name}`, at };
}

/**
 * Containers of an {@link INSTANCE_KEYS} image in one namespace (Authentik's `server` and `worker`, n8n's main process
 * and workers) given its key from different sources, or one of them none: an error on each container whose source
 * differs from the first one's that has a key, whose hint names that source.
 */
export function checkInstanceSecretKeys(cluster: SynthesizedCluster): Finding[] {
  const byInstance = new Map<string, { known: InstanceKey; entries: Array<{ template: ReturnType<typeof podTemplates>[number]; path: string; source: string; at?: number }> }>();
  for (const template of podTemplates(cluster.objects)) {
    for (const { container, path, init } of containersOf(template)) {
      const image = text(container.image) ?? '';
      const known = init ? undefined : INSTANCE_KEYS.find((k) => k.image.test(image) && k.shares(container));
      if (known !== undefined) {
        const key = `${known.variable}\n${template.namespace}`;
        const instance = byInstance.get(key) ?? { known, entries: [] };
        instance.entries.push({ template, path, ...secretKeySource(container, known.variable) });
        byInstance.set(key, instance);
      }
    }
  }
  const findings: Finding[] = [];
  for (const { known, entries } of byInstance.values()) {
    const first = entries.find((entry) => entry.source !== 'none');
    if (first === undefined || entries.length < 2) {
      continue;
    }
    const firstName = text(fields(first.template.object.manifest.metadata).name);
    for (const entry of entries.filter((other) => other.source !== first.source)) {
      findings.push(objectFinding(entry.template.object, {
        layer: 'references', severity: 'error',
        field: entry.at === undefined ? `${entry.path}.env` : `${entry.path}.env[${entry.at}]`,
        message: `${known.app} container ${firstName} is given ${known.variable} from ${first.source}, and this one from ${entry.source}: ${known.consequence}`,
        hint: `give every ${known.app} container of the namespace the same key: ${known.variable} from ${first.source}`,
      }));
    }
  }
  return findings;
}
