import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ExternalHost } from '../inventory/host';
import { ClusterChart } from '../platform/cluster-chart';
import { rejectPropProblems } from '../validation/known-props';
import { undeclaredHostProblems } from '../validation/undeclared-hosts';

/** A service of a machine outside the cluster, given a stable in-cluster name. */
export interface ExternalServiceProps {
  /** The machine that runs it, from the inventory. */
  readonly host: ExternalHost;
  /** The service's name in the host's inventory `ports`; also the Service port's name. @default - the construct id */
  readonly service?: string;
  /** Namespace of the Service. @default - the construct id */
  readonly namespace?: string;
  /** Name of the Service port. @default 'api' */
  readonly portName?: string;
}

/**
 * An `ExternalName` Service that points at a machine of the inventory (an inference server on a Mac, say),
 * so workloads address it like any in-cluster service.
 */
export class ExternalService extends Construct {
  constructor(scope: Construct, id: string, props: ExternalServiceProps) {
    super(scope, id);
    const cluster = ClusterChart.of(this);
    const namespace = props.namespace ?? id;
    cluster.namespaces.ensure(namespace);
    const port = props.host.port(props.service ?? id);
    rejectPropProblems(this, 'ExternalService', undeclaredHostProblems('host', props.host, Object.values(cluster.site.externalHosts), cluster.externalHosts));
    new ApiObject(this, 'service', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: id, namespace, labels: { 'app.kubernetes.io/name': id } },
      spec: {
        type: 'ExternalName',
        externalName: cluster.site.fqdn(props.host),
        ports: [{ name: props.portName ?? 'api', port }],
      },
    });
  }
}
