import type { SynthesizedCluster } from '../synth/collect';
import { ChartRelease } from '../platform/chart-release';
import { valueAt } from '../platform/chart-value-at';
import { isCrowdSecChart } from '../platform/host-agent-charts';
import type { Finding } from './finding';
import { list, text } from './manifest';

// CrowdSec's agent learns of web attacks from Traefik's access log, one line per request, which it reads from the
// Traefik pods' output (`agent.acquisition` with `program: traefik`). Traefik writes no access log unless told to,
// and its chart leaves it off (`logs.access.enabled: false`): the agent then reads only Traefik's own messages, no
// HTTP scenario ever sees a request, and the bouncer in front of every route lets every attacker through.

/** Traefik's own flag that turns the access log on, among the chart's `additionalArguments`. */
const ACCESS_LOG_FLAG = /^--accesslog(=true)?$/i;

/** Where Traefik's values send the access log: the pods' output, a file, or nowhere. Pure. */
export function traefikAccessLogOutput(values: Readonly<Record<string, unknown>>): 'stdout' | 'file' | 'off' {
  const flags: unknown[] = Array.isArray(values.additionalArguments) ? values.additionalArguments : [];
  const flagged = flags.some((flag) => typeof flag === 'string' && ACCESS_LOG_FLAG.test(flag.trim()));
  if (valueAt(values, ['logs', 'access', 'enabled']) !== true && !flagged) {
    return 'off';
  }
  const filePath = valueAt(values, ['logs', 'access', 'filePath']);
  return typeof filePath === 'string' && filePath.trim() !== '' && filePath.trim() !== '/dev/stdout' ? 'file' : 'stdout';
}

/**
 * Each CrowdSec release of the cluster that reads the library's Traefik's pods (`program: traefik`) while Traefik
 * writes no access log to them: an error on that acquisition entry, whose hint turns the log on. A Traefik the
 * library does not install (K3s' own) is configured elsewhere, and left alone.
 */
export function checkCrowdSecTraefikLogs(cluster: SynthesizedCluster): Finding[] {
  const traefik = cluster.chart.platform.get('traefik');
  if (traefik === undefined || traefik.install.type !== 'helm') {
    return [];
  }
  const output = traefikAccessLogOutput(traefik.values);
  if (output === 'stdout') {
    return [];
  }
  const releases = cluster.chart.node.findAll().filter((c): c is ChartRelease => c instanceof ChartRelease);
  return releases.filter((release) => release.install.type === 'helm' && isCrowdSecChart(release.install.chart)).flatMap((release) => {
    const entries = list(valueAt(release.values, ['agent', 'acquisition']));
    const at = entries.findIndex((entry) => text(entry.program)?.toLowerCase() === 'traefik');
    if (at < 0 || valueAt(release.values, ['agent', 'enabled']) === false) {
      return [];
    }
    const where = output === 'off'
      ? "Traefik writes no access log (its chart's logs.access.enabled is false unless given)"
      : `Traefik writes its access log to the file ${String(valueAt(traefik.values, ['logs', 'access', 'filePath']))}, not to its pods' output`;
    return [{
      layer: 'references', severity: 'error', constructPath: release.node.path, field: `values.agent.acquisition[${at}]`,
      message: `CrowdSec's agent reads Traefik's pods for its access log, and ${where}: no HTTP scenario sees a request, so CrowdSec bans no attacker of the routes`,
      hint: output === 'off'
        ? "turn Traefik's access log on: cluster.platform.get('traefik')?.addValues({ logs: { access: { enabled: true } } })"
        : "leave logs.access.filePath out of Traefik's values, so that its access log goes to its pods' output",
    } satisfies Finding];
  });
}
