import { App, ciliumLoadBalancer, ClusterChart, CROSSPLANE_PROVIDERS, CrossplaneProviders, gatewayApi, RequiredPodLabels, Tenant } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, lab } from './lab';

const web = { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] };

export const CASES: BadInput[] = [
  {
    name: 'pod template without the owner label the cluster requires',
    build: (cluster) => {
      new RequiredPodLabels(cluster, 'owner-label', { labels: ['owner'] });
      new App(cluster, 'web', web);
    },
    layer: 'policy', path: 'web', field: 'labels.owner',
  },
  {
    name: 'tenant quota exceeded by its own apps\' requests',
    build: (cluster) => {
      const tenant = new Tenant(cluster, 'team', { namespace: 'team', owner: 'team', quota: { requestsMemory: '1Gi', limitsMemory: '4Gi', pods: 10 } });
      new App(cluster, 'web', { ...web, namespace: 'team', labels: tenant.labels, replicas: 3, resources: { memoryRequest: '512Mi', memoryLimit: '512Mi' } });
    },
    layer: 'policy', path: 'team', field: 'quota.requestsMemory',
  },
  {
    name: 'second LoadBalancer when the Cilium pool has one address',
    build: (_cluster, app) => {
      const cilium = new ClusterChart(app, 'cilium', {
        site: lab, hosts: [gpu1, arm1],
        routes: gatewayApi({ gatewayClassName: 'cilium' }),
        loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.dns] }),
      });
      new App(cilium, 'dns', { ...web, loadBalancer: { address: lab.pools.dns.at('10.0.4.53') } });
      new App(cilium, 'second', { ...web, loadBalancer: {} });
    },
    layer: 'inventory', path: 'second/load-balancer', field: 'spec.type',
  },
  {
    name: "Cilium L2 lease whose renew deadline is not shorter than the lease, which Cilium's agent refuses",
    build: guarded((_cluster, app) => {
      new ClusterChart(app, 'cilium', {
        site: lab, hosts: [gpu1, arm1],
        routes: gatewayApi({ gatewayClassName: 'cilium' }),
        loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.dns], lease: { duration: '3s', renewDeadline: '3s', retryPeriod: '200ms' } }),
      });
    }),
    layer: 'props', path: 'cilium', field: 'loadBalancer.lease.renewDeadline',
  },
  {
    name: "AWS provider's ProviderConfig for an S3-compatible store whose endpoint lists no services, so its calls go to AWS",
    build: guarded((cluster) => new CrossplaneProviders(cluster, 'xp', [CROSSPLANE_PROVIDERS.awsS3]).addProviderConfig({
      name: 'ceph-rgw', apiVersion: 'aws.upbound.io/v1beta1',
      spec: { credentials: { source: 'Secret', secretRef: { namespace: 'crossplane-system', name: 'rgw', key: 'credentials' } }, endpoint: { url: { type: 'Static', static: 'https://s3.example.org' } } },
    })),
    layer: 'props', path: 'xp', field: 'addProviderConfig(ceph-rgw).spec.endpoint.services', hint: /services: \['s3'/,
  },
];
