import { ApiObject } from 'cdk8s';
import { AppController, AppVolume, ClusterChart, declareExternal, HomelabApp, hostPlacement, kubePrometheusStack } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab } from './lab';

// A new user watches the hardware and the network gear of a home lab from the README alone: Scrutiny's collector on
// every node, the Omada controller, NetBox behind its route, ntopng on a mirror port and the SNMP exporter scraped by
// the monitoring stack. Each mistake passed synthesis and then found no disk, adopted no device, answered every page
// with 400 Bad Request, captured nothing or showed every switch as down.

/** An App `id` of the lab whose props are `props`. */
const app = (id: string, props: AppProps) => guarded((cluster: ClusterChart) => new HomelabApp(cluster, id, props));

/** NetBox's web App behind its route `netbox`, with `ALLOWED_HOSTS` as given and `probes`. */
const netbox = (allowedHosts: string, probes?: AppProps['probes']) => app('netbox', {
  namespace: 'netbox', image: 'netboxcommunity/netbox:v4.1.7', ports: [{ name: 'http', port: 8080 }], runAsUser: 999, runAsGroup: 0,
  env: { DB_HOST: 'netbox-postgres.netbox.svc.cluster.local', REDIS_HOST: 'netbox-redis.netbox.svc.cluster.local', ALLOWED_HOSTS: allowedHosts },
  route: { host: 'netbox' }, probes,
});

/** ntopng with `props` over a web port on 3000. */
const ntopng = (props: Partial<AppProps>) => app('ntopng', {
  namespace: 'ntopng', image: 'ntop/ntopng:6.2', ports: [{ name: 'http', port: 3000 }], ...props,
} as AppProps);

/** The monitoring stack, the SNMP exporter (admitting `allowFrom`) and a ScrapeConfig that scrapes two switches through it. */
const snmpScrape = guarded((cluster: ClusterChart) => {
  cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }, { namespace: 'exporters', name: 'snmp-auth' }] });
  new HomelabApp(cluster, 'snmp-exporter', {
    namespace: 'exporters', image: 'prom/snmp-exporter:v0.28.0', ports: [{ name: 'http', port: 9116 }],
    args: ['--config.file=/etc/snmp_exporter/snmp.yml', '--config.file=/config/auth.yml'],
    persistence: { auth: { volume: AppVolume.secret('snmp-auth'), mountPath: '/config' } },
    egress: [{ cidr: '10.0.1.0/24', ports: [{ port: 161, protocol: 'UDP' }] }],
  });
  new ApiObject(cluster, 'switches', {
    apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'ScrapeConfig', metadata: { name: 'switches', namespace: 'exporters' },
    spec: {
      staticConfigs: [{ targets: ['10.0.1.2', '10.0.1.3'] }], metricsPath: '/snmp', params: { module: ['if_mib'], auth: ['lab_v3'] },
      relabelings: [
        { sourceLabels: ['__address__'], targetLabel: '__param_target' },
        { sourceLabels: ['__param_target'], targetLabel: 'instance' },
        { targetLabel: '__address__', replacement: 'snmp-exporter.exporters:9116' },
      ],
    },
  });
});

export const CASES: BadInput[] = [
  {
    name: "Scrutiny's collector as a DaemonSet given no disk, as if the web's API were all it needed",
    build: app('scrutiny-collector', {
      namespace: 'scrutiny', image: 'ghcr.io/analogj/scrutiny:v0.8.1-collector', controller: AppController.daemonSet(),
      env: { COLLECTOR_API_ENDPOINT: 'http://scrutiny-web:8080' },
    }),
    layer: 'props', path: 'scrutiny-collector', field: 'image', message: /Scrutiny's collector/, hint: /AppDevice\.hostDevice\('\/dev\/sda'\)/,
  },
  {
    name: "Scrutiny's collector given its disks but not the web's address, which it then looks for at localhost",
    build: app('scrutiny-collector', {
      namespace: 'scrutiny', image: 'ghcr.io/analogj/scrutiny:v0.8.1-collector', controller: AppController.daemonSet(),
      exemptions: { privileged: 'reads the SMART data of the disks', runAsRoot: 'opens the device nodes' },
    }),
    layer: 'props', path: 'scrutiny-collector', field: 'env', hint: /COLLECTOR_API_ENDPOINT/,
  },
  {
    name: "the Omada controller's device discovery (UDP 29810) on a load balancer, as its compose file publishes it",
    build: app('omada', {
      namespace: 'omada', image: 'mbentley/omada-controller:5.15', runAsUser: 508, runAsGroup: 508,
      ports: [{ name: 'manage', port: 8088 }, { name: 'discovery', port: 29810, protocol: 'UDP' }, { name: 'adopt', port: 29814 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/opt/tplink/EAPController/data' } },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.12') },
    }),
    layer: 'references', path: 'omada', field: 'loadBalancer', message: /Omada's device discovery/, hint: /hostNetwork/,
  },
  {
    name: "NetBox's ALLOWED_HOSTS written with a comma, as Django's own list reads",
    build: netbox('netbox.lab.test,localhost'),
    layer: 'props', path: 'netbox', field: 'env.ALLOWED_HOSTS', hint: /ALLOWED_HOSTS: 'netbox\.lab\.test localhost'/,
  },
  {
    name: "NetBox's ALLOWED_HOSTS naming the short host while the route serves the full name",
    build: netbox('netbox localhost'),
    layer: 'props', path: 'netbox', field: 'env.ALLOWED_HOSTS', message: /leaves out netbox\.lab\.test/,
  },
  {
    name: "NetBox's readiness probe asking /login/ as its compose health check does, by the pod's address, which ALLOWED_HOSTS does not take",
    build: netbox('netbox.lab.test', { readiness: { httpPath: '/login/' } }),
    layer: 'props', path: 'netbox', field: 'probes.readiness.httpPath', hint: /httpHost: 'localhost'/,
  },
  {
    name: 'ntopng on the mirror port of the node as root, with every capability dropped',
    build: ntopng({ args: ['-i', 'enp3s0', '-w', '3000'], placement: { host: gpu1 }, exemptions: { hostNetwork: 'reads the mirror port', runAsRoot: 'captures packets' } }),
    layer: 'props', path: 'ntopng', field: 'image', hint: /NET_RAW/,
  },
  {
    name: "ntopng told to read the node's mirror port from the pod network",
    build: ntopng({
      args: ['-i', 'enp3s0'],
      exemptions: { runAsRoot: 'captures packets', addCapabilities: { capabilities: ['NET_RAW'], reason: 'libpcap' } },
    }),
    layer: 'props', path: 'ntopng', field: 'exemptions.hostNetwork', message: /interface enp3s0/,
  },
  {
    name: "the SNMP exporter's auth file with the switches' community string in a ConfigMap",
    build: guarded((cluster: ClusterChart) => {
      new ApiObject(cluster, 'snmp-auth', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'snmp-auth', namespace: 'exporters' },
        data: { 'auth.yml': 'auths:\n  lab_v2:\n    version: 2\n    community: Sw1tchR3adOnly\n' },
      });
      new HomelabApp(cluster, 'snmp-exporter', {
        namespace: 'exporters', image: 'prom/snmp-exporter:v0.28.0', ports: [{ name: 'http', port: 9116 }],
        args: ['--config.file=/etc/snmp_exporter/snmp.yml', '--config.file=/config/auth.yml'],
        persistence: { auth: { volume: AppVolume.configMap('snmp-auth'), mountPath: '/config' } },
      });
    }),
    layer: 'policy', path: 'snmp-auth', field: 'data.auth.yml', message: /sets community on line 4/,
  },
  {
    name: 'the SNMP exporter scraped through a ScrapeConfig while its policy admits nothing from Prometheus',
    build: snmpScrape,
    layer: 'references', path: 'switches', field: 'spec.relabelings[2].replacement', hint: /allowFrom: \[\{ namespace: 'monitoring' \}\]/,
  },
];
