import { App, ciliumLoadBalancer, ClusterChart, gatewayApi } from '../../constructs';
import * as kplus from 'cdk8s-plus-30';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded, lab, labApp } from './lab';

// Habits carried over from other tools, and mistakes reported where the user wrote them.

/** An App `kuma` routed at `status` whose one rule sets `headers`. */
const settingHeaders = (headers: Record<string, string>) => guarded(labApp('kuma', { route: { host: 'status', rules: [{ path: '/', requestHeaders: { set: headers } }] } }));

/** An App `api` in namespace `web` with `props`; a rejected App is reported, not thrown. */
const app = (props: Record<string, unknown>) => guarded(labApp('api', { namespace: 'web', ...props }));

export const CASES: BadInput[] = [
  // A load-balancer address the pool does not hold, on the prop that names it rather than on the Service's annotation.
  {
    name: 'an App loadBalancer.address outside its pool',
    // The address is taken as the case is built: a pool records an address outside it.
    build: (cluster) => labApp('dns', { loadBalancer: { address: lab.pools.vips.at('10.0.8.98') } })(cluster),
    layer: 'inventory', path: 'dns', field: 'loadBalancer.address', hint: /between 10\.0\.8\.10 and 10\.0\.8\.20/,
  },
  {
    name: 'an App loadBalancer.address from a pool Cilium LB-IPAM does not serve',
    build: (_cluster, cdkApp) => {
      const cilium = new ClusterChart(cdkApp, 'cilium', { site: lab, hosts: [gpu1, arm1], routes: gatewayApi({ gatewayClassName: 'cilium' }), loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.dns] }) });
      new App(cilium, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], loadBalancer: { address: lab.pools.vips.at('10.0.8.12') } });
    },
    layer: 'inventory', path: 'web', field: 'loadBalancer.address', hint: /dns 10\.0\.4\.53-10\.0\.4\.53/,
  },
  // Kubernetes' requests and limits: one error on resources, whose hint writes the user's amounts flat.
  {
    name: "an App's resources in Kubernetes' requests/limits form",
    build: app({ resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } } }),
    layer: 'props', path: 'api', field: 'resources', hint: /cpuRequest: '250m', memoryRequest: '256Mi', memoryLimit: '512Mi'/,
  },
  {
    name: "a sidecar's resources in Kubernetes' limits form",
    build: app({ sidecars: [{ name: 'sync', image: 'busybox:1.36', resources: { limits: { cpu: '1' } } }] }),
    layer: 'props', path: 'api', field: 'sidecars[0].resources', hint: /cpuLimit: '1'/,
  },
  // nginx's websocket lines, written as fixed text: sent on every request.
  {
    name: "a route setting nginx's literal Connection: upgrade and Upgrade: websocket",
    build: settingHeaders({ Connection: 'upgrade', Upgrade: 'websocket' }),
    layer: 'props', path: 'kuma', field: 'route.rules[0].requestHeaders.set.Connection', hint: /websockets need nothing/,
  },
  {
    name: 'a route setting Upgrade: websocket alone',
    build: settingHeaders({ Upgrade: 'websocket' }),
    layer: 'props', path: 'kuma', field: 'route.rules[0].requestHeaders.set.Upgrade', hint: /leave the Upgrade and Connection headers out/,
  },
  // cdk8s-plus writes allowPrivilegeEscalation: false unless told, which a privileged container may not have.
  {
    name: 'a privileged cdk8s-plus container with its exemption declared, escalation left to cdk8s-plus',
    build: (cluster) => {
      cluster.namespaces.ensure('hw', { podSecurity: 'privileged', reason: 'drives the host hardware' });
      const deployment = new kplus.Deployment(cluster, 'hw', {
        metadata: { namespace: 'hw' },
        containers: [{ image: 'nginxinc/nginx-unprivileged:1.27.0', portNumber: 8080, securityContext: { privileged: true, user: 1000, group: 1000 } }],
      });
      deployment.podMetadata.addAnnotation('security.homelab.dev/privileged', 'drives the host hardware directly');
    },
    layer: 'schema', path: 'hw', field: 'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation',
    hint: /cdk8s-plus writes allowPrivilegeEscalation: false unless told: give the container securityContext: \{ privileged: true, allowPrivilegeEscalation: true \}/,
  },
];
