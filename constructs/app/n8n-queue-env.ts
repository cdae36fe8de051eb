import type { PropProblem } from '../validation/known-props';
import { N8N_IMAGE } from './household-app-images';
import type { PropContainerMounts } from './prop-containers';
import { hostWithExtras } from './teslamate-env';

// n8n in queue mode runs as several processes, each its own pod: the main process enqueues every execution in Redis,
// workers (`n8n worker`) take them from there and read the workflow from the database, and webhook processors
// (`n8n webhook`) take production webhook calls. A worker switches itself to queue mode, but a webhook processor
// refuses to start without `EXECUTIONS_MODE=queue` ("Webhook processes can only run with execution mode as queue").
// The processes share one database: left at n8n's default, SQLite, each pod keeps its own file, so a worker never
// finds the execution the main process stored. The Redis host is a host name alone (its port is
// QUEUE_BULL_REDIS_PORT): a URL or `host:port` there is looked up as a name and the queue never connects.

/** Which n8n process a container runs: `worker` or `webhook` where its command line says so, else the main one. Pure. */
export function n8nProcess(container: { readonly command?: unknown; readonly args?: unknown }): 'main' | 'worker' | 'webhook' {
  const words = [container.command, container.args].flatMap((given) => (Array.isArray(given) ? given : []));
  return words.includes('worker') ? 'worker' : words.includes('webhook') ? 'webhook' : 'main';
}

/** The env of a container's props as a record (an absent or malformed one as empty). Pure. */
function envOf(container: { readonly env?: unknown }): Record<string, unknown> {
  return container.env !== null && typeof container.env === 'object' && !Array.isArray(container.env) ? container.env as Record<string, unknown> : {};
}

/** Settings that may carry n8n's configuration from elsewhere (a config file, or a value read from a file). */
const CONFIG_ELSEWHERE = ['N8N_CONFIG_FILES', 'EXECUTIONS_MODE_FILE', 'DB_TYPE_FILE', 'QUEUE_BULL_REDIS_HOST_FILE'];

/**
 * Containers of n8n's image whose queue-mode settings stop a process or keep the processes apart: a webhook processor
 * without `EXECUTIONS_MODE: 'queue'`, a process in queue mode on n8n's own SQLite (no `DB_TYPE`, or `sqlite`), and a
 * `QUEUE_BULL_REDIS_HOST` holding a scheme or a port. A value read from a Secret or ConfigMap, or settings given by a
 * config file, are left alone. Pure.
 */
export function n8nQueueEnvProblems(list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !N8N_IMAGE.test(container.image)) {
      return [];
    }
    const env = envOf(container);
    if (CONFIG_ELSEWHERE.some((name) => env[name] !== undefined)) {
      return [];
    }
    const role = n8nProcess(container);
    const mode = env.EXECUTIONS_MODE;
    const problems: PropProblem[] = [];
    if (role === 'webhook' && (mode === undefined || (typeof mode === 'string' && mode !== 'queue'))) {
      problems.push({
        field: `${prefix}env.EXECUTIONS_MODE`,
        message: `n8n's webhook processor runs ${mode === undefined ? 'without EXECUTIONS_MODE, so in regular mode' : `with EXECUTIONS_MODE "${String(mode)}"`}: it refuses to start outside queue mode ("Webhook processes can only run with execution mode as queue"), so the pod restarts forever`,
        hint: "set EXECUTIONS_MODE: 'queue' on the webhook processor, as on the main process and the workers",
      });
    }
    const database = env.DB_TYPE;
    if ((role !== 'main' || mode === 'queue') && (database === undefined || database === 'sqlite')) {
      problems.push({
        field: `${prefix}env.DB_TYPE`,
        message: `n8n's ${role === 'main' ? 'main process' : role} runs in queue mode on ${database === undefined ? "n8n's default database, SQLite" : 'SQLite'}: each pod keeps its own database file, so a worker never finds the execution the main process stored, and queue mode does not support SQLite`,
        hint: "give every n8n process of the instance the one PostgreSQL database: DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST, DB_POSTGRESDB_DATABASE, DB_POSTGRESDB_USER and DB_POSTGRESDB_PASSWORD",
      });
    }
    const redisHost = env.QUEUE_BULL_REDIS_HOST;
    const extras = typeof redisHost === 'string' ? hostWithExtras(redisHost) : undefined;
    if (extras !== undefined) {
      problems.push({
        field: `${prefix}env.QUEUE_BULL_REDIS_HOST`,
        message: `QUEUE_BULL_REDIS_HOST "${String(redisHost)}" is a host name with ${/:\/\//.test(String(redisHost)) ? 'a scheme' : 'a port'} in it: n8n hands the whole text to its Redis client as a host name, which resolves to nothing, so the queue never connects`,
        hint: `write the host alone and its port apart: QUEUE_BULL_REDIS_HOST: '${extras.host}', QUEUE_BULL_REDIS_PORT: '${extras.port ?? '6379'}'`,
      });
    }
    return problems;
  });
}
