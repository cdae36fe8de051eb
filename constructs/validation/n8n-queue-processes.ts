import { N8N_IMAGE } from '../app/household-app-images';
import { n8nProcess } from '../app/n8n-queue-env';
import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { containersOf, podTemplates } from './pod-spec';

// n8n's main process hands executions to its workers only in queue mode: in regular mode (the default) it runs every
// execution itself and puts none in Redis, so workers beside it wait for jobs that never come. A worker switches
// itself to queue mode, which hides the mistake: the main process's settings, copied without EXECUTIONS_MODE, leave the
// pods running and the workers idle. A main process and workers are one instance where they open one database (another
// n8n beside them, a sandbox on its own SQLite, is left alone). A lab may run a worker beside a main process it moves to
// queue mode later, so this is a warning.

/** How a container sets EXECUTIONS_MODE: written out (its value), read from elsewhere, or not at all. */
function executionsMode(container: Record<string, unknown>): { value?: string; at?: number; elsewhere: boolean } {
  const env = list(container.env);
  const at = env.findIndex((entry) => entry.name === 'EXECUTIONS_MODE');
  const fromFile = env.some((entry) => entry.name === 'N8N_CONFIG_FILES' || entry.name === 'EXECUTIONS_MODE_FILE');
  if (at < 0) {
    return { elsewhere: fromFile || list(container.envFrom).length > 0 };
  }
  const value = text(env[at].value);
  return { value, at, elsewhere: value === undefined };
}

/** The PostgreSQL database an n8n container opens, as `<host>/<database>`, or undefined for another or one not written out. */
function database(container: Record<string, unknown>): string | undefined {
  const env = new Map(list(container.env).map((entry) => [text(entry.name), entry]));
  const value = (name: string) => (env.has(name) ? text(env.get(name)?.value) : undefined);
  const host = value('DB_POSTGRESDB_HOST');
  return value('DB_TYPE') !== 'postgresdb' || host === undefined ? undefined : `${host}/${value('DB_POSTGRESDB_DATABASE') ?? 'n8n'}`;
}

/**
 * Each n8n main process (run without `worker` or `webhook`) of a namespace that runs n8n workers on its database, left in regular mode
 * (EXECUTIONS_MODE unset or another value than `queue`, and not read from a ConfigMap, Secret or config file): a warning
 * on its EXECUTIONS_MODE that names the workers.
 */
export function checkN8nQueueProcesses(cluster: SynthesizedCluster): Finding[] {
  const mains: Array<{ template: ReturnType<typeof podTemplates>[number]; path: string; container: Record<string, unknown> }> = [];
  const workers = new Map<string, string[]>();
  for (const template of podTemplates(cluster.objects)) {
    for (const { container, path, init } of containersOf(template)) {
      if (init || !N8N_IMAGE.test(text(container.image) ?? '')) {
        continue;
      }
      const role = n8nProcess(container);
      if (role === 'main') {
        mains.push({ template, path, container });
      } else if (role === 'worker' && database(container) !== undefined) {
        const key = `${template.namespace}\n${database(container)}`;
        workers.set(key, [...(workers.get(key) ?? []), text(fields(template.object.manifest.metadata).name) ?? '']);
      }
    }
  }
  return mains.flatMap(({ template, path, container }) => {
    const names = workers.get(`${template.namespace}\n${database(container) ?? ''}`);
    const mode = executionsMode(container);
    if (names === undefined || mode.elsewhere || mode.value === 'queue') {
      return [];
    }
    return [objectFinding(template.object, {
      layer: 'references', severity: 'warning',
      field: mode.at === undefined ? `${path}.env` : `${path}.env[${mode.at}]`,
      message: `n8n's main process runs in regular mode (EXECUTIONS_MODE ${mode.value === undefined ? 'unset' : `"${mode.value}"`}) beside its workers ${[...new Set(names)].join(', ')}: it runs every execution itself and puts none in the queue, so the workers never get a job`,
      hint: "set EXECUTIONS_MODE: 'queue' on the main process, as the workers run",
    })];
  });
}
