import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { MANAGED_RECORD_TYPES } from '../platform/components/external-dns';
import { claimedHostNames, outsideExternalDnsDomain } from '../platform/route-claims';
import { isPublicIpv4, parseIpv4 } from '../inventory/ip';
import { DNS_NAME, nameProblem } from '../validation/dns-names';
import { reportFinding } from '../validation/finding';
import { PropProblem, rejectPropProblems, requireProps } from '../validation/known-props';
import { isIpv6Address } from '../validation/schema/formats';
import { DNS_RECORD_PROPS_SHAPE } from '../validation/service-props-shapes';

/** One DNS record that external-dns keeps. */
export interface DnsRecordProps {
  /**
   * Fully qualified name, e.g. `m4.jax-lab.dev`: under the cluster's domain, which its split horizon's
   * external-dns writes alone, and neither a route's host nor the name (of that type) of another record.
   */
  readonly name: string;
  /** Targets: addresses for `A`, a name for `CNAME`, the text for `TXT`, `'<preference> <mail host>'` for `MX` (`'10 mx.lab.example.com'`). */
  readonly targets: string[];
  /**
   * Record type. A `TXT` or `CNAME` record may have a name of underscore labels (DKIM's
   * `default._domainkey.lab.example.com`, `_dmarc.lab.example.com`).
   * @default 'A'
   */
  readonly recordType?: 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX';
  /** Time to live in seconds. @default 300 */
  readonly ttl?: number;
  /** Namespace of the DNSEndpoint object. @default 'external-dns' */
  readonly namespace?: string;
}

/**
 * A DNS record no Ingress or Service describes, kept by external-dns from a `DNSEndpoint` object. Where
 * external-dns owns a zone (the AdGuard Home provider takes over matching rewrites), hand-made records
 * must be objects too, or external-dns deletes them.
 */
export class DnsRecord extends Construct {
  constructor(scope: Construct, id: string, props: DnsRecordProps) {
    super(scope, id);
    requireProps(this, 'DnsRecord', props, DNS_RECORD_PROPS_SHAPE, {
      required: [
        ['name', "give the fully qualified name, e.g. 'nas.lab.example.com'"],
        ['targets', "list the addresses (A) or the one name (CNAME) it points at"],
      ],
    });
    rejectPropProblems(this, 'DnsRecord', dnsRecordProblems(props));
    const cluster = ClusterChart.of(this);
    const namespace = props.namespace ?? 'external-dns';
    cluster.namespaces.ensure(namespace);
    // Once the user's code has added what it adds: external-dns may come as a component or preinstalled.
    cluster.onPrepare(() => {
      // A route publishes its host's address alone: text and mail records of that name are the record's own.
      const unkept = unkeptDnsName(cluster, props.name, `record ${props.name}`, props.recordType !== 'TXT' && props.recordType !== 'MX');
      if (unkept?.field === 'scope') {
        // A cluster that gives dns but is refused its external-dns is told why on its dns props: the record, not
        // rendered without the CRD, is no second mistake.
        if (cluster.dns === undefined) {
          reportFinding(this, { layer: 'references', severity: 'error', ...unkept });
        }
        return;
      }
      const unreachable = privateTargetProblem(cluster, props);
      if (unreachable) {
        reportFinding(this, { layer: 'references', severity: 'error', ...unreachable });
        return;
      }
      const clash = unkept ?? recordClash(cluster, props, this.node.path);
      if (clash) {
        reportFinding(this, { layer: 'references', severity: 'error', field: 'name', ...clash });
        return;
      }
      // The kind comes with external-dns' CRD, so the object belongs to the config layer.
      new ApiObject(cluster.platform.configScope('dns-records'), id, {
        apiVersion: `${DNS_ENDPOINT.group}/v1alpha1`, kind: DNS_ENDPOINT.kind,
        metadata: { name: id, namespace },
        spec: {
          endpoints: [{ dnsName: props.name, recordType: props.recordType ?? 'A', recordTTL: props.ttl ?? 300, targets: props.targets }],
        },
      });
    });
  }
}

/** The records of each cluster by name and type, with the path of the DnsRecord that made each. */
const recordsByCluster = new WeakMap<ClusterChart, Map<string, string>>();

/**
 * Why external-dns would not keep a record of `name` that `what` (`record nas.lab.example.com`) asks it for,
 * read once the cluster is complete: the cluster runs no external-dns (field `scope`); the name lies outside
 * the cluster's domain, which the external-dns of its split horizon (`domainFilters`) skips without a word; or
 * it is a route's host, whose address record external-dns writes from the route already (field `name`; an
 * `addressRecord` of false, a TXT or MX record, may share it). Undefined
 * when it would keep it. The one judge of a name asked of external-dns, by a `DnsRecord` or by an object's
 * annotation.
 */
export function unkeptDnsName(cluster: ClusterChart, name: string, what: string, addressRecord = true): { field: 'scope' | 'name'; message: string; hint: string } | undefined {
  if (!cluster.platform.providesKind(DNS_ENDPOINT.group, DNS_ENDPOINT.kind)) {
    return {
      field: 'scope',
      message: `${what} is kept by external-dns, which cluster "${cluster.clusterName}" does not run: it has no split-horizon dns`,
      hint: `give the cluster dns: { publicTarget, cloudflare | adguard }, which installs external-dns, or declare an external-dns of your own: `
        + `preinstalled: [{ source: '…', crds: [{ group: '${DNS_ENDPOINT.group}', kinds: ['${DNS_ENDPOINT.kind}'] }] }]`,
    };
  }
  const lower = name.toLowerCase();
  const domain = cluster.domain.toLowerCase();
  if (outsideExternalDnsDomain(cluster, lower)) {
    return {
      field: 'name',
      message: `${what} lies outside ${domain}, the one domain the external-dns of cluster "${cluster.clusterName}" writes (its domainFilters): it would skip the record without a word`,
      hint: lower.includes('.') ? `keep records of other zones in that zone's own DNS; here, give a name under ${domain}` : `write the fully qualified name: name: '${lower}.${domain}'`,
    };
  }
  if (addressRecord && claimedHostNames(cluster).includes(lower)) {
    return {
      field: 'name',
      message: `${name} is the host of a route of cluster "${cluster.clusterName}", whose record external-dns writes from the route already; two sources of one name leave one of them in DNS`,
      hint: 'leave the record out: the route publishes its host at the ingress address; or give the record another name',
    };
  }
  return undefined;
}

/**
 * An `A` target no one on the internet reaches (a LAN, loopback or CGNAT address) of a record that the cluster's
 * external-dns writes into public DNS, or undefined: every resolver would answer the name with it, so mail and
 * calls from outside go nowhere (and the home's own addresses are published). Pure but for the cluster it reads.
 */
function privateTargetProblem(cluster: ClusterChart, props: DnsRecordProps): PropProblem | undefined {
  if ((props.recordType ?? 'A') !== 'A') {
    return undefined;
  }
  const i = props.targets.findIndex((target) => publicDnsTargetProblem(cluster, props.name, target) !== undefined);
  return i < 0 ? undefined : { field: `targets[${i}]`, ...publicDnsTargetProblem(cluster, props.name, props.targets[i])! };
}

/**
 * Why the IPv4 address `target` cannot be what public DNS answers `name` with, on a cluster whose external-dns
 * writes public DNS (it runs the public target): it is no public address. Undefined for a public address, or
 * anything that is no IPv4 address. The one judge of a record's target and of an object's target annotation.
 */
export function publicDnsTargetProblem(cluster: ClusterChart, name: string, target: string): { message: string; hint: string } | undefined {
  const value = parseIpv4(target);
  if (!cluster.runsPublicTarget || value === undefined || isPublicIpv4(value)) {
    return undefined;
  }
  const publicTarget = cluster.dns!.publicTarget;
  return {
    message: `${target} is no public address, and cluster "${cluster.clusterName}" runs the public target of its split horizon, whose external-dns writes ${name} into public DNS: `
      + 'every resolver of the internet would answer with an address it cannot reach',
    hint: `point the public record at the public address the router forwards from${publicTarget?.publicAddress ? ` (host ${publicTarget.name}'s ${publicTarget.publicAddress})` : ''}; `
      + 'keep LAN addresses in the AdGuard Home of a cluster off the public target',
  };
}

/**
 * A name and type another record of the cluster has, which external-dns would keep one of, or undefined.
 * Each record is counted once the cluster is complete.
 */
function recordClash(cluster: ClusterChart, props: DnsRecordProps, path: string): { message: string; hint: string } | undefined {
  const name = props.name.toLowerCase();
  const records = recordsByCluster.get(cluster) ?? new Map<string, string>();
  recordsByCluster.set(cluster, records);
  const key = `${name} ${props.recordType ?? 'A'}`;
  const earlier = records.get(key);
  if (earlier !== undefined) {
    return {
      message: `${props.name} has a${(props.recordType ?? 'A') === 'A' || props.recordType === 'AAAA' ? 'n' : ''} ${props.recordType ?? 'A'} record from ${earlier} already; external-dns would keep one of the two`,
      hint: 'list every target in one DnsRecord (targets: [...]), or give this one another name',
    };
  }
  records.set(key, path);
  return undefined;
}

/** The mail host of an MX target, `'<preference> <host>'` with a preference of 0–65535, or undefined. Pure. */
function mailExchange(target: string): string | undefined {
  const written = /^(\d{1,5}) ([^ ]+)$/.exec(target);
  return written !== null && Number(written[1]) <= 65535 && nameProblem(written[2], DNS_NAME) === undefined && parseIpv4(written[2]) === undefined ? written[2] : undefined;
}

/** The custom resource external-dns reads hand-made records from. */
const DNS_ENDPOINT = { group: 'externaldns.k8s.io', kind: 'DNSEndpoint' } as const;

/** The record types a `DnsRecord` publishes: those the external-dns of the `dns` choice keeps. */
const RECORD_TYPES: ReadonlyArray<NonNullable<DnsRecordProps['recordType']>> = MANAGED_RECORD_TYPES;

/**
 * What external-dns would refuse or publish wrongly in a record: a name that is no DNS name, an `A` target
 * that is no IPv4 address, an `AAAA` target that is no IPv6 address, a `CNAME` with other than one name,
 * no target at all, a record type it does not know, a TTL that is no whole number of seconds. Pure.
 */
export function dnsRecordProblems(props: DnsRecordProps): PropProblem[] {
  const problems: PropProblem[] = [];
  // A wildcard record (`*.lab.example.com`) is a name too; so, for text and aliases, is one of service labels
  // (`default._domainkey.…`, `_dmarc.…`), as DKIM, DMARC and their delegations write them.
  const serviceLabels = props.recordType === 'TXT' || props.recordType === 'CNAME';
  const problem = nameProblem((serviceLabels ? props.name.replace(/(^|\.)_(?=[a-z0-9])/g, '$1') : props.name).replace(/^\*\./, ''), DNS_NAME);
  if (problem) {
    const written = writtenName(props.name);
    problems.push({
      field: 'name', message: `record name ${problem}`,
      hint: written !== undefined ? `write name: '${written}' (in lower case, without a zone file's trailing dot)` : "write the fully qualified name in lower case, e.g. 'nas.lab.example.com'",
    });
  }
  const recordType = props.recordType ?? 'A';
  if (!RECORD_TYPES.includes(recordType)) {
    problems.push({
      field: 'recordType', message: `record type ${JSON.stringify(recordType)} is not one of ${RECORD_TYPES.join(', ')}`,
      hint: typeof recordType === 'string' && RECORD_TYPES.includes(recordType.toUpperCase() as typeof recordType) ? `write it as '${recordType.toUpperCase()}': case counts`
        : (recordType as string) === 'PTR'
        ? "reverse DNS of an address is kept by whoever holds the address (the ISP for a home line, a VPS provider's panel), not in the lab's own zone, which external-dns writes"
        : 'use A for IPv4 addresses, AAAA for IPv6, CNAME for a name, TXT for text, MX for a mail host',
    });
    return problems;
  }
  if (props.ttl !== undefined && (!Number.isInteger(props.ttl) || props.ttl < 1)) {
    problems.push({ field: 'ttl', message: `TTL ${JSON.stringify(props.ttl)} is not a whole number of seconds above 0`, hint: 'give the TTL in seconds, e.g. 300' });
  }
  if (props.targets.length === 0) {
    problems.push({ field: 'targets', message: 'the record has no target', hint: 'list the addresses (A) or the one name (CNAME) it points at' });
  }
  props.targets.forEach((target, i) => {
    const valid = recordType === 'A' ? parseIpv4(target) !== undefined
      : recordType === 'AAAA' ? isIpv6Address(target)
        // An address passes as a name of digits, but a CNAME with one publishes a name that resolves nowhere.
        : recordType === 'CNAME' ? nameProblem(target, DNS_NAME) === undefined && parseIpv4(target) === undefined
          : recordType === 'MX' ? mailExchange(target) !== undefined
            : true;
    if (!valid) {
      problems.push({
        field: `targets[${i}]`, message: `"${target}" is no target of a${recordType === 'A' || recordType === 'AAAA' || recordType === 'MX' ? 'n' : ''} ${recordType} record`,
        hint: targetHint(recordType, target),
      });
    }
  });
  if (recordType === 'CNAME' && props.targets.length > 1) {
    problems.push({ field: 'targets', message: `a CNAME record points at one name, not ${props.targets.length}`, hint: 'keep one target' });
  }
  return problems;
}

/** `name` in lower case without a zone file's trailing dot, when that makes it a DNS name; undefined otherwise. Pure. */
function writtenName(name: string): string | undefined {
  const written = name.toLowerCase().replace(/\.$/, '');
  return written !== name && nameProblem(written.replace(/^\*\./, ''), DNS_NAME) === undefined ? written : undefined;
}

/** How to write `target` of a `recordType` record that does not take it: the record type it fits, or the name as written. Pure. */
function targetHint(recordType: NonNullable<DnsRecordProps['recordType']>, target: string): string {
  const isAddress = parseIpv4(target) !== undefined || isIpv6Address(target);
  const written = writtenName(target);
  if (recordType === 'MX') {
    return `an MX target is a preference and the mail host's name, e.g. '10 ${written ?? (isAddress ? 'mx.lab.example.com' : target.replace(/^\d+\s*/, '') || 'mx.lab.example.com')}' (an address goes into the mail host's own A record)`;
  }
  if (recordType === 'CNAME') {
    // A CNAME with an address would publish a name that resolves nowhere.
    return isAddress ? `a CNAME points at a name; for an address use recordType: '${parseIpv4(target) !== undefined ? 'A' : 'AAAA'}'`
      : written !== undefined ? `write '${written}' (in lower case, without a zone file's trailing dot)` : 'give the one name it points at, in lower case';
  }
  if (recordType === 'A' && isIpv6Address(target)) {
    return "an IPv6 address goes into an AAAA record: recordType: 'AAAA'";
  }
  if (recordType === 'AAAA' && parseIpv4(target) !== undefined) {
    return "an IPv4 address goes into an A record: leave out recordType (A is the default)";
  }
  // Digits and dots alone are an address mistyped (`192.168.1.500`, three numbers), never a name meant for a CNAME.
  if (recordType === 'A' && /^[\d.]+$/.test(target)) {
    return `${target} is no IPv4 address, which is four numbers of 0 to 255 joined by dots: give the address the machine has, e.g. 192.168.1.20`;
  }
  if (!isAddress && (written ?? target) !== '' && nameProblem(written ?? target, DNS_NAME) === undefined) {
    return `a name as target makes a CNAME record: recordType: 'CNAME', targets: ['${written ?? target}']`;
  }
  return recordType === 'A' ? 'give IPv4 addresses, e.g. 192.168.1.20' : 'give IPv6 addresses';
}
