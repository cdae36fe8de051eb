import type { k8s } from 'cdk8s-plus-30';
import { intOrString } from './plain';

/** How a probe checks the container. Exactly one of `httpPath`, `tcp` or `command`. */
export interface ProbeProps {
  /** HTTP GET this path; healthy on 2xx/3xx. @default - not an HTTP probe */
  readonly httpPath?: string;
  /** Open a TCP connection. @default - not a TCP probe */
  readonly tcp?: boolean;
  /** Run this command in the container; healthy on exit 0. @default - not a command probe */
  readonly command?: string[];
  /** Port to probe (HTTP and TCP). @default - the app's first port */
  readonly port?: number;
  /** Seconds before the first probe. @default 0 */
  readonly initialDelaySeconds?: number;
  /** Seconds between probes. @default 10 */
  readonly periodSeconds?: number;
  /** Seconds a probe may take. @default 1 */
  readonly timeoutSeconds?: number;
  /** Consecutive failures before the probe counts as failed. @default 3 */
  readonly failureThreshold?: number;
}

/** Probes of the main container; `false` switches one off. */
export interface ProbesProps {
  /** Whether the pod receives traffic. @default - TCP on the first port */
  readonly readiness?: ProbeProps | false;
  /** Whether the container is restarted. @default - same check as readiness, failing after 6 tries */
  readonly liveness?: ProbeProps | false;
  /** Holds off the other probes during a slow first start. @default - none */
  readonly startup?: ProbeProps | false;
}

/** Renders one probe; undefined when off or when there is no port to check. */
export function renderProbe(probe: ProbeProps | false | undefined, defaultPort: number | undefined): k8s.Probe | undefined {
  if (!probe) {
    return undefined;
  }
  const timing = {
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
  if (probe.command) {
    return { ...timing, exec: { command: probe.command } };
  }
  const port = probe.port ?? defaultPort;
  if (port === undefined) {
    return undefined;
  }
  if (probe.httpPath) {
    return { ...timing, httpGet: { path: probe.httpPath, port: intOrString(port) } };
  }
  return { ...timing, tcpSocket: { port: intOrString(port) } };
}

/** The default probes: a TCP check on the first port, liveness more patient than readiness. */
export function resolveProbes(probes: ProbesProps = {}): Required<ProbesProps> {
  const readiness = probes.readiness ?? { tcp: true };
  const liveness = probes.liveness ?? (readiness ? { ...readiness, failureThreshold: 6 } : false);
  return { readiness, liveness, startup: probes.startup ?? false };
}
