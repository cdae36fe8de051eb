import type { PropProblem } from '../validation/known-props';
import { givenSettings } from './image-settings';
import { imageTag } from './image-tag';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';

// Keycloak's image (Quarkus, from release 17) runs `kc.sh` with the command it is given. `start`, the production
// command, refuses to run without a hostname, serves HTTPS alone unless HTTP is turned on, reads no proxy
// headers unless told which, and from release 25 answers its health endpoints on the management port (9000)
// alone, and only with health turned on. Each of these is a pod that never starts, or never gets ready, or a
// login page that answers 403 behind the route: synthesis says so on the setting to write.

/** Keycloak's image, by repository, with or without its registry. */
export const KEYCLOAK_IMAGE = /^(quay\.io\/)?keycloak\/keycloak(?=[:@]|$)/;

/** Where `start --import-realm` reads realm files, and the folders above it that a volume may hold it in. */
const IMPORT_FOLDERS = ['/opt/keycloak/data/import', '/opt/keycloak/data', '/opt/keycloak'];

/** What the app's props hold beside its containers that these checks read: its probes and its route. */
interface KeycloakAppProps extends PropContainersProps {
  readonly probes?: unknown;
  readonly route?: unknown;
}

/** The major release of a Keycloak tag (`26.0.5` → 26), or undefined for a moving tag (`latest`), read as current. Pure. */
function majorRelease(image: string): number | undefined {
  const major = /^(\d+)(?:\.|$|-)/.exec(imageTag(image) ?? '');
  return major === null ? undefined : Number(major[1]);
}

/** The value `kc.sh` takes for option `option` (`hostname` from `KC_HOSTNAME` or `--hostname`), last one written wins. Pure. */
function option(container: PropContainerMounts['container'], name: string): unknown {
  const given = givenSettings(container, { env: [`KC_${name.toUpperCase().replace(/-/g, '_')}`], flags: [`--${name}`] });
  return given[given.length - 1];
}

/**
 * Whether an option may be on: given the text `true`, or read from a Secret or a ConfigMap, whose value synthesis
 * cannot read and which is left alone as given.
 */
const mayBeOn = (value: unknown): boolean => value !== undefined && (typeof value !== 'string' || value.trim().toLowerCase() === 'true');
const isFalse = (value: unknown): boolean => typeof value === 'string' && value.trim().toLowerCase() === 'false';

/**
 * The mistakes of Keycloak containers (release 17 or later) started with `start`, each on the setting to write:
 * - no `hostname` (nor the older `hostname-url`, and `hostname-strict` not turned off): Keycloak stops as it starts,
 *   as it cannot name itself in the issuer of its tokens;
 * - HTTP not turned on (`http-enabled`, or the older `proxy=edge`) and no certificate of its own: it stops with
 *   "Key material not provided to setup HTTPS" (the route ends TLS at the ingress, which then speaks HTTP to it);
 * - a route and no `proxy-headers` (nor the older `proxy`): it reads neither the forwarded host nor scheme, and
 *   answers requests that check their origin (logins, the admin console) with 403;
 * - a probe of a `/health` path on another port than the management port (release 25 on, 9000 unless moved), or
 *   with `health-enabled` not turned on: the probe never passes, so the pod is never ready;
 * - `--import-realm` with nothing mounted at `/opt/keycloak/data/import`: no realm is imported.
 * A setting read from a Secret or a ConfigMap may hold the right value and is left alone. Only the main container
 * reads probes and a route. `app` is its name. Pure.
 */
export function keycloakStartProblems(props: KeycloakAppProps | null | undefined, app: string, containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    const args = Array.isArray(container.args) ? container.args.map(String) : [];
    const release = typeof image === 'string' ? majorRelease(image) : undefined;
    if (typeof image !== 'string' || !KEYCLOAK_IMAGE.test(image) || container.command !== undefined || args[0] !== 'start' || (release !== undefined && release < 17)) {
      return [];
    }
    const problems: PropProblem[] = [];
    const env = (field: string) => `${prefix}env.${field}`;
    // Before release 25 the URL could be given as `hostname-url` as well.
    if (option(container, 'hostname') === undefined && option(container, 'hostname-url') === undefined && !isFalse(option(container, 'hostname-strict'))) {
      problems.push({
        field: env('KC_HOSTNAME'),
        message: `Keycloak's "start" is given no hostname: it stops as it starts ("hostname is not configured"), as it names its URL in the issuer of every token`,
        hint: "give the URL people reach it at, the route's: env: { KC_HOSTNAME: 'https://sso.example.com' }",
      });
    }
    const ownCertificate = ['https-certificate-file', 'https-key-store-file'].some((name) => option(container, name) !== undefined);
    // The older `proxy=edge` (deprecated from release 24) turns HTTP on by itself.
    const edgeProxy = String(option(container, 'proxy') ?? '').trim().toLowerCase() === 'edge';
    if (!mayBeOn(option(container, 'http-enabled')) && !ownCertificate && !edgeProxy) {
      problems.push({
        field: env('KC_HTTP_ENABLED'),
        message: `Keycloak's "start" serves HTTPS alone unless HTTP is turned on, and is given no certificate: it stops as it starts ("Key material not provided to setup HTTPS")`,
        hint: "let the route end TLS and Keycloak speak HTTP behind it: env: { KC_HTTP_ENABLED: 'true' } (with its port { name: 'http', port: 8080 })",
      });
    }
    const ownProps = prefix === '' && props !== null ? props : undefined;
    if (ownProps?.route !== undefined && option(container, 'proxy-headers') === undefined && option(container, 'proxy') === undefined) {
      problems.push({
        field: env('KC_PROXY_HEADERS'),
        message: 'Keycloak is routed through the ingress but reads no proxy headers: it takes every request for one of its own, and answers those that check their origin (logins, the admin console) with 403 Forbidden',
        hint: "read the headers the ingress controller sets: env: { KC_PROXY_HEADERS: 'xforwarded' }",
      });
    }
    if (ownProps !== undefined) {
      problems.push(...healthProbeProblems(ownProps, container, release));
    }
    const importAt = args.findIndex((arg) => arg === '--import-realm' || arg === '--import-realm=true');
    if (importAt >= 0 && !IMPORT_FOLDERS.some((folder) => entry.mountPaths.has(folder))) {
      problems.push({
        field: `${prefix}args[${importAt}]`,
        message: 'Keycloak is told to import realms (--import-realm), which it reads from /opt/keycloak/data/import, where nothing is mounted: it starts with no realm of yours',
        hint: "mount the realm's ConfigMap there: persistence: { realm: { volume: AppVolume.configMap('<realm>'), mountPath: '/opt/keycloak/data/import' } }",
      });
    }
    return problems;
  });
}

/**
 * The probes of a Keycloak main container that ask a `/health` path, where it does not answer: without
 * `health-enabled`, or (release 25 on, while `http-management-health-enabled` is not false) on another port than
 * the management port. A probe without its own port asks the app's first port. Pure.
 */
function healthProbeProblems(props: KeycloakAppProps, container: PropContainerMounts['container'], release: number | undefined): PropProblem[] {
  const probes = props.probes !== null && typeof props.probes === 'object' ? props.probes as Record<string, unknown> : {};
  const ports = Array.isArray(props.ports) ? props.ports as Array<Record<string, unknown>> : [];
  const firstPort = ports.find((port) => port?.protocol !== 'UDP')?.port;
  const managed = (release === undefined || release >= 25) && !isFalse(option(container, 'http-management-health-enabled'));
  // A management port read from a Secret or a ConfigMap is not known, so no probe's port is judged against it.
  const movedPort = option(container, 'http-management-port');
  const managementPort = movedPort === undefined ? 9000 : typeof movedPort === 'string' ? Number(movedPort) : undefined;
  return (['readiness', 'liveness', 'startup'] as const).flatMap((kind) => {
    const probe = probes[kind] !== null && typeof probes[kind] === 'object' ? probes[kind] as Record<string, unknown> : undefined;
    if (probe === undefined || typeof probe.httpPath !== 'string' || !/^\/health(\/|$)/.test(probe.httpPath)) {
      return [];
    }
    if (!mayBeOn(option(container, 'health-enabled'))) {
      return [{
        field: `probes.${kind}.httpPath`,
        message: `the ${kind} probe asks Keycloak's ${probe.httpPath}, which it serves only with health turned on: the probe never passes`,
        hint: "turn its health endpoints on: env: { KC_HEALTH_ENABLED: 'true' }",
      }];
    }
    const port = probe.port ?? firstPort;
    if (managed && managementPort !== undefined && typeof port === 'number' && port !== managementPort) {
      const declared = ports.some((p) => p?.port === managementPort);
      return [{
        field: `probes.${kind}.port`,
        message: `the ${kind} probe asks Keycloak's ${probe.httpPath} on port ${port}, but from release 25 Keycloak answers its health endpoints on its management port, ${managementPort}, alone: the probe never passes`,
        hint: `probe the management port: ${kind}: { httpPath: '${probe.httpPath}', port: ${managementPort} }${declared ? '' : `, and declare it: ports: [..., { name: 'management', port: ${managementPort} }]`}`,
      }];
    }
    return [];
  });
}
