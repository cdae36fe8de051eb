import type { PropProblem } from '../validation/known-props';
import { resolveProbes } from './probes';
import type { ProbeProps, ProbesProps } from './probes';

// OpenBao and Vault answer GET /v1/sys/health with a status that says their state: 200 when active, 429 for a standby,
// 501 before `bao operator init`, 503 while sealed. The kubelet counts 200–399 alone as healthy, so a probe of the bare
// path fails on every server that is not the active one, unless its query maps the other states to a 2xx code
// (`standbyok=true`, `sealedcode=204`, `uninitcode=204`).

/** OpenBao's images (Docker Hub, Quay, GitHub's registry; the UBI builds) and HashiCorp's Vault (`hashicorp/vault`, the older `vault`). */
const VAULT_IMAGE = /^(((docker\.io|quay\.io|ghcr\.io)\/)?openbao\/openbao(-ubi)?|(docker\.io\/)?(hashicorp\/vault(-enterprise)?|(library\/)?vault))(?=[:@]|$)/;

/** The health endpoint of the HTTP API. */
const HEALTH_PATH = /^\/v1\/sys\/health\/?(?:\?(.*))?$/;

/** Go's `strconv.ParseBool` false words: a parameter given one of these keeps the default code. */
const FALSE_WORDS = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

/** A state of the server, the parameter that maps its code, and the code it answers without one. */
interface ServerState {
  readonly what: string;
  readonly code: number;
  readonly parameter: string;
  readonly ok: (query: URLSearchParams) => boolean;
}

/** Whether the query sets `name` to a status code the kubelet counts as success. */
const successCode = (name: string) => (query: URLSearchParams) => /^[23]\d\d$/.test(query.get(name) ?? '');

const STANDBY: ServerState = {
  what: 'a standby', code: 429, parameter: 'standbyok=true',
  ok: (query) => (query.has('standbyok') && !FALSE_WORDS.has(query.get('standbyok')!)) || successCode('standbycode')(query),
};
const SEALED: ServerState = { what: 'a sealed server', code: 503, parameter: 'sealedcode=204', ok: successCode('sealedcode') };
const UNINITIALIZED: ServerState = { what: 'a server not yet initialized', code: 501, parameter: 'uninitcode=204', ok: successCode('uninitcode') };

/** The query of an HTTP probe of the health endpoint, or undefined for any other probe. */
function healthQuery(probe: ProbeProps | false | undefined): URLSearchParams | undefined {
  const match = probe && probe.command === undefined && typeof probe.httpPath === 'string' ? HEALTH_PATH.exec(probe.httpPath) : null;
  return match === null ? undefined : new URLSearchParams(match[1] ?? '');
}

/**
 * The HTTP probes of OpenBao's or Vault's image on `/v1/sys/health` that fail on a state every server of the app
 * passes through. A liveness probe (the one written, or the readiness probe it copies when none is) that does not
 * map the sealed and uninitialized states to success restarts a server before anyone can initialize or unseal it,
 * and then after every restart, as a restarted server is sealed again. A readiness probe of an app of several
 * replicas (integrated raft storage, or another HA backend) that does not take a standby as ready leaves every
 * server but the active one unready: the StatefulSet creates no next pod and rolls out no further, and the
 * disruption budget blocks each drain. One problem on the prop that wrote the probe. Pure.
 */
export function vaultHealthProbeProblems(image: unknown, replicas: unknown, probes: ProbesProps | undefined): PropProblem[] {
  if (typeof image !== 'string' || !VAULT_IMAGE.test(image) || (probes !== undefined && (probes === null || typeof probes !== 'object'))) {
    return [];
  }
  const several = typeof replicas === 'number' && replicas > 1;
  const resolved = resolveProbes(probes);
  const livenessCopied = probes?.liveness === undefined;
  const problems: PropProblem[] = [];
  const readiness = healthQuery(resolved.readiness);
  const liveness = healthQuery(resolved.liveness);
  if (liveness !== undefined) {
    const failing = [SEALED, UNINITIALIZED, ...(several ? [STANDBY] : [])].filter((state) => !state.ok(liveness));
    if (failing.length > 0) {
      const path = (resolved.liveness as ProbeProps).httpPath!;
      problems.push({
        field: livenessCopied ? 'probes.readiness.httpPath' : 'probes.liveness.httpPath',
        message: `the liveness probe${livenessCopied ? ', a copy of the readiness probe as none is given,' : ''} asks ${path}, which answers `
          + `${failing.map((state) => `${state.code} for ${state.what}`).join(', ')}: the kubelet restarts the server before it can be `
          + 'initialized or unsealed, and again after each restart, as every restart seals it',
        hint: `give the liveness probe its own path that takes those states as alive: liveness: { httpPath: '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204' }`,
      });
    }
  }
  if (several && readiness !== undefined && !STANDBY.ok(readiness)) {
    problems.push({
      field: 'probes.readiness.httpPath',
      message: `the readiness probe asks ${(resolved.readiness as ProbeProps).httpPath}, which a standby answers 429: of ${replicas as number} replicas only the active `
        + 'server is ever ready, so the StatefulSet creates no next pod and rolls out no further, and the disruption budget blocks every drain',
      hint: `take a standby as ready: readiness: { httpPath: '/v1/sys/health?standbyok=true' } (a sealed server stays unready)`,
    });
  }
  return problems;
}
