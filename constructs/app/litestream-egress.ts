import type { PropProblem } from '../validation/known-props';
import type { LitestreamConfig } from './litestream-command';
import { reachesPublicAddresses } from './downloader-egress';

// Litestream streams the database to its replica from the app's own pod: a replica of a public cloud's object store
// (`s3://bucket/path` with no `endpoint`, which is Amazon S3; `gs://`, `abs://`) is reached on the internet. An app
// whose `egress` list reaches no public address lets no upload leave the pod: `replicate` retries and logs timeouts
// forever, and `restore` cannot reach the replica either. A container told a proxy by `HTTPS_PROXY` reaches the
// store through it, and its egress needs the proxy alone.

/** The schemes of replicas a public cloud serves. */
const PUBLIC_SCHEMES = new Set(['s3', 'gs', 'abs']);

/** The replicas of a database of a Litestream configuration: `replica`, and the older `replicas` list. Pure. */
function replicasOf(db: unknown): Array<Record<string, unknown>> {
  const { replica, replicas } = (db ?? {}) as { replica?: unknown; replicas?: unknown };
  return [replica, ...(Array.isArray(replicas) ? replicas : [])].filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object');
}

/** The URL (or `type` and `bucket`) of a replica on a public cloud, or undefined for one elsewhere or of an endpoint of its own. Pure. */
function publicReplica(replica: Record<string, unknown>): string | undefined {
  if (replica.endpoint !== undefined) {
    return undefined;
  }
  const url = typeof replica.url === 'string' ? replica.url : undefined;
  const scheme = url?.match(/^([a-z0-9]+):\/\//i)?.[1].toLowerCase() ?? (typeof replica.type === 'string' ? replica.type.toLowerCase() : undefined);
  if (scheme === undefined || !PUBLIC_SCHEMES.has(scheme) || url?.includes('$') || (url !== undefined && /[?&]endpoint=/.test(url))) {
    return undefined;
  }
  return url ?? `${scheme}://${String(replica.bucket ?? '<bucket>')}`;
}

/**
 * An app whose Litestream configurations (`configs`, as `litestreamConfigs` gives them) send a database to a public
 * cloud's object store, and whose listed `egress` reaches no public address: one problem on `egress`. An app on the
 * host's network, and a container that goes through an HTTPS proxy, are left alone. Pure.
 */
export function litestreamEgressProblems(configs: readonly LitestreamConfig[], egress: unknown, hostNetwork: boolean): PropProblem[] {
  if (!Array.isArray(egress) || hostNetwork || egress.some((peer) => peer !== null && typeof peer === 'object' && reachesPublicAddresses((peer as { cidr?: unknown }).cidr))) {
    return [];
  }
  // The replicating container first: it is the one that sends every write.
  for (const { container, subcommand, config } of configs.filter((c) => !c.proxied).sort((a, b) => Number(a.subcommand === 'restore') - Number(b.subcommand === 'restore'))) {
    const replica = (Array.isArray(config.dbs) ? config.dbs : []).flatMap(replicasOf).map(publicReplica).find((url) => url !== undefined);
    if (replica !== undefined) {
      return [{
        field: 'egress',
        message: `container ${container} ${subcommand === 'replicate' ? 'streams the database to' : 'restores the database from'} ${replica}, an object store on the internet, and egress lists no address outside the home: `
          + 'the policy refuses every connection to it, so nothing is replicated, and a restore cannot reach it either',
        hint: "add { cidr: '0.0.0.0/0', ports: [{ port: 443 }] } to egress (and '::/0' for IPv6), or leave egress out",
      }];
    }
  }
  return [];
}
