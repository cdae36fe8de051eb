import type { SynthesizedCluster } from '../synth/collect';
import { programName } from './command-secrets';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';

// Redis' and Valkey's Sentinel read a configuration file they also write (what they learn of the replicas, the
// failovers), and take an address, not a host name, for the primary they monitor unless told to resolve names. A
// Sentinel started on a ConfigMap's file, read-only, exits at once ("config file … is not writable"); one told to
// monitor `redis-0.redis-headless` without `sentinel resolve-hostnames yes` refuses its configuration.

const layer = 'references' as const;

/** A `sentinel monitor <name> <host> <port> <quorum>` line, with its host. */
const MONITOR_LINE = /^\s*sentinel\s+monitor\s+\S+\s+(\S+)\s+\d+\s+\d+\s*$/im;
/** The line that lets Sentinel take host names. */
const RESOLVE_HOSTNAMES = /^\s*sentinel\s+resolve-hostnames\s+yes\s*$/im;
/** An IPv4 or IPv6 address, which Sentinel takes without resolving names. */
const ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)$/i;

/** Sentinel's configurations in ConfigMaps that monitor a primary by host name without `sentinel resolve-hostnames yes`. */
function unresolvedMonitors(cluster: SynthesizedCluster): Finding[] {
  return indexOf(cluster.objects).of('ConfigMap').flatMap((configMap) => Object.entries(fields(configMap.manifest.data)).flatMap(([key, file]) => {
    const host = typeof file === 'string' ? MONITOR_LINE.exec(file)?.[1] : undefined;
    if (host === undefined || ADDRESS.test(host) || RESOLVE_HOSTNAMES.test(file as string)) {
      return [];
    }
    return [objectFinding(configMap, {
      layer, severity: 'error', field: `data.${key}`,
      message: `Sentinel is told to monitor ${host}, a host name, which it refuses unless told to resolve names: it stops at its configuration ("Can't resolve instance hostname")`,
      hint: 'add the line sentinel resolve-hostnames yes (and sentinel announce-hostnames yes, so that clients are sent the names too)',
    })];
  }));
}

/** The Sentinel programs and the flag that makes a Redis or Valkey server one. */
const SENTINEL_PROGRAMS = new Set(['redis-sentinel', 'valkey-sentinel']);
const SERVER_PROGRAMS = new Set(['redis-server', 'valkey-server']);

/** Containers that start Sentinel on a file of a ConfigMap's, Secret's or projected volume, which the kubelet mounts read-only. */
function readOnlyConfigFiles(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    const volumes = new Map(list(template.spec.volumes).map((volume) => [text(volume.name), volume]));
    for (const ref of containersOf(template)) {
      const command = Array.isArray(ref.container.command) ? ref.container.command as unknown[] : [];
      const words = [...command, ...(Array.isArray(ref.container.args) ? ref.container.args as unknown[] : [])].map((word) => (typeof word === 'string' ? word : ''));
      const start = words.findIndex((word) => SENTINEL_PROGRAMS.has(programName(word)) || (SERVER_PROGRAMS.has(programName(word)) && words.includes('--sentinel')));
      const at = start < 0 ? -1 : words.findIndex((word, i) => i > start && word.startsWith('/') && word.endsWith('.conf'));
      const mount = at < 0 ? undefined : list(ref.container.volumeMounts)
        .filter((m) => typeof m.mountPath === 'string' && (words[at] === m.mountPath || words[at].startsWith(`${String(m.mountPath).replace(/\/$/, '')}/`)))
        .sort((a, b) => String(b.mountPath).length - String(a.mountPath).length)[0];
      const volume = mount === undefined ? undefined : volumes.get(text(mount.name));
      const source = volume === undefined ? undefined : ['configMap', 'secret', 'projected'].find((kind) => volume[kind] !== undefined);
      if (source === undefined) {
        continue;
      }
      findings.push(objectFinding(template.object, {
        layer, severity: 'error', field: at < command.length ? `${ref.path}.command[${at}]` : `${ref.path}.args[${at - command.length}]`,
        message: `Sentinel is started on ${words[at]}, a file of a ${source} volume, which the kubelet mounts read-only: Sentinel writes its configuration file as it learns of replicas and failovers, and exits at once when it may not ("is not writable")`,
        hint: `copy the file into a writable volume first (an init container running cp ${words[at]} /data/sentinel.conf, with an emptyDir or the claim at /data) and start Sentinel on the copy`,
      }));
    }
  }
  return findings;
}

/** Sentinel's configurations that keep it from starting: on a read-only file, or monitoring a host name it will not resolve. */
export function checkRedisSentinels(cluster: SynthesizedCluster): Finding[] {
  return [...unresolvedMonitors(cluster), ...readOnlyConfigFiles(cluster)];
}
