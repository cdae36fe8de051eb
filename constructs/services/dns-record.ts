import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { requireProps } from '../validation/known-props';
import { DNS_RECORD_PROPS_SHAPE } from '../validation/service-props-shapes';

/** One DNS record that external-dns keeps. */
export interface DnsRecordProps {
  /** Fully qualified name, e.g. `m4.jax-lab.dev`. */
  readonly name: string;
  /** Targets: addresses for `A`, a name for `CNAME`. */
  readonly targets: string[];
  /** Record type. @default 'A' */
  readonly recordType?: 'A' | 'AAAA' | 'CNAME' | 'TXT';
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
    const cluster = ClusterChart.of(this);
    const namespace = props.namespace ?? 'external-dns';
    cluster.namespaces.ensure(namespace);
    // The kind comes with external-dns' CRD, so the object belongs to the config layer.
    new ApiObject(cluster.platform.configScope('dns-records'), id, {
      apiVersion: 'externaldns.k8s.io/v1alpha1', kind: 'DNSEndpoint',
      metadata: { name: id, namespace },
      spec: {
        endpoints: [{ dnsName: props.name, recordType: props.recordType ?? 'A', recordTTL: props.ttl ?? 300, targets: props.targets }],
      },
    });
  }
}
