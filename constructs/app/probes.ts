import type { k8s } from 'cdk8s-plus-30';
import { intOrString, setPresent } from './plain';

/** How a probe checks the container. Exactly one of `httpPath`, `tcp` or `command`. */
export interface ProbeProps {
  /** HTTP GET this path; healthy on 2xx/3xx. @default - not an HTTP probe */
  readonly httpPath?: string;
  /**
   * Host header of the HTTP probe, for a server that answers only the names it serves (Nextcloud's
   * trusted domains turn `status.php` into a 400 for any other host once it is installed).
   * @default - the kubelet's own: the pod's IP and port
   */
  readonly httpHost?: string;
  /** Open a TCP connection. @default - not a TCP probe */
  readonly tcp?: boolean;
  /** Run this command in the container; healthy on exit 0. @default - not a command probe */
  readonly command?: string[];
  /** Port to probe (HTTP and TCP), a TCP port of the container. @default - the container's first TCP port; a probe that needs one on a container without is an error */
  readonly port?: number;
  /** Seconds before the first probe. @default 0 */
  readonly initialDelaySeconds?: number;
  /** Seconds between probes, at least 1 (the API server reads 0 as its default). @default 10 */
  readonly periodSeconds?: number;
  /** Seconds a probe may take, at least 1. @default 1 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures before the probe counts as failed, at least 1. @default 3 */
  readonly failureThreshold?: number;
}

/** Probes of the main container; `false` switches one off. */
export interface ProbesProps {
  /** Whether the pod receives traffic. @default - TCP on the first TCP port (none when the app has only UDP ports) */
  readonly readiness?: ProbeProps | false;
  /** Whether the container is restarted. @default - same check as readiness, failing after 6 tries (none when the readiness probe has a mistake, which is reported once) */
  readonly liveness?: ProbeProps | false;
  /** Holds off the other probes during a slow first start. @default - none */
  readonly startup?: ProbeProps | false;
}

/**
 * Renders one probe; undefined when off or when there is no port to check. An HTTP probe of one of
 * `httpsPorts` (container ports that serve HTTPS) asks over HTTPS, which the kubelet does not verify.
 */
export function renderProbe(probe: ProbeProps | false | undefined, defaultPort: number | undefined, httpsPorts: readonly number[] = []): k8s.Probe | undefined {
  if (!probe) {
    return undefined;
  }
  const port = probe.port ?? defaultPort;
  if (!probe.command && port === undefined) {
    return undefined;
  }
  // Keys in sorted order, absent values left out: the form synthesis writes, which it keeps as it is.
  const json: Record<string, unknown> = {};
  if (probe.command) {
    json.exec = { command: probe.command };
  }
  json.failureThreshold = probe.failureThreshold ?? 3;
  if (!probe.command && probe.httpPath) {
    const httpGet: Record<string, unknown> = {};
    // The kubelet sends a Host header it is given as the request's host.
    setPresent(httpGet, 'httpHeaders', probe.httpHost === undefined ? undefined : [{ name: 'Host', value: probe.httpHost }]);
    httpGet.path = probe.httpPath;
    httpGet.port = intOrString(port!);
    setPresent(httpGet, 'scheme', httpsPorts.includes(port!) ? 'HTTPS' : undefined);
    json.httpGet = httpGet;
  }
  if (probe.initialDelaySeconds !== undefined && probe.initialDelaySeconds !== null) {
    json.initialDelaySeconds = probe.initialDelaySeconds;
  }
  json.periodSeconds = probe.periodSeconds ?? 10;
  if (!probe.command && !probe.httpPath) {
    json.tcpSocket = { port: intOrString(port!) };
  }
  json.timeoutSeconds = probe.timeoutSeconds ?? 1;
  return json as k8s.Probe;
}

/** The default probes: a TCP check on the first port, liveness more patient than readiness. */
export function resolveProbes(probes: ProbesProps = {}): Required<ProbesProps> {
  const readiness = probes.readiness ?? { tcp: true };
  const liveness = probes.liveness ?? (readiness ? { ...readiness, failureThreshold: 6 } : false);
  return { readiness, liveness, startup: probes.startup ?? false };
}

/**
 * Probes written `{ tcp: false }` with no other check: such a probe still checks TCP (the default), which
 * is seldom what was meant; `false` in place of the probe switches it off. And an `httpHost` on a probe
 * that is not HTTP, which the kubelet would never send. Pure.
 */
export function probeSwitchProblems(probes: unknown, field: string): Array<{ field: string; message: string; hint: string }> {
  if (probes === null || typeof probes !== 'object') {
    return [];
  }
  return (['readiness', 'liveness', 'startup'] as const).flatMap((name) => {
    const probe = (probes as Record<string, unknown>)[name] as ProbeProps | undefined;
    if (!probe || typeof probe !== 'object') {
      return [];
    }
    if (probe.tcp === false && probe.httpPath === undefined && probe.command === undefined) {
      return [{ field: `${field}.${name}.tcp`, message: 'tcp: false leaves the probe with no other check, so it would still check TCP', hint: `switch the probe off with ${name}: false, or give httpPath or command` }];
    }
    return probe.httpHost !== undefined && probe.httpPath === undefined
      ? [{ field: `${field}.${name}.httpHost`, message: 'httpHost is the Host header of an HTTP probe, and this probe has no httpPath', hint: 'give the path the probe asks for as httpPath, or leave httpHost out' }]
      : [];
  });
}
