import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppVolume, caIssuer, ClusterChart, ClusterIssuer, flux, host, localPathStorage, metalLb, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { aboutTheLab, manifestsOf, synthInMemory } from './support/synth';

// A newcomer moves the lab's network services onto the cluster from the README alone: Kea for DHCP on the
// host's network, chrony serving NTP, netboot.xyz for PXE, FreeRADIUS for WPA2-Enterprise, Vector receiving
// the router's syslog and sending it to Loki, and LLDAP as the directory the others bind to.

const node = host('nu78-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.78.10' });
const lab = site('nu78', {
  domain: 'lab.nu78.example.net', hosts: [node], git: { url: 'https://github.com/nu78/lab.git' },
  pools: { services: { first: '192.168.78.200', last: '192.168.78.220' } },
});
const claim = (size: string) => AppVolume.claim({ tier: 'fast', size });
const configMap = (cluster: ClusterChart, namespace: string, name: string, data: Record<string, string>) => {
  cluster.namespaces.ensure(namespace);
  return new ApiObject(cluster, `${namespace}-${name}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
};

const certificate = (cluster: ClusterChart, namespace: string, secretName: string, dnsNames: string[]) => {
  cluster.namespaces.ensure(namespace);
  return new ApiObject(cluster, secretName, {
    apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: secretName, namespace },
    spec: { secretName, dnsNames, issuerRef: { kind: 'ClusterIssuer', name: 'lab-ca' } },
  });
};

const KEA = JSON.stringify({
  Dhcp4: {
    'interfaces-config': { interfaces: ['eno1'] },
    'lease-database': { type: 'memfile', persist: true, name: '/var/lib/kea/dhcp4.leases' },
    'valid-lifetime': 86400,
    subnet4: [{
      id: 1, subnet: '192.168.78.0/24', pools: [{ pool: '192.168.78.100 - 192.168.78.199' }],
      'next-server': '192.168.78.202', 'boot-file-name': 'netboot.xyz.kpxe',
      'option-data': [
        { name: 'routers', data: '192.168.78.1' },
        { name: 'domain-name-servers', data: '192.168.78.1' },
        { name: 'ntp-servers', data: '192.168.78.201' },
      ],
    }],
  },
}, null, 2);

const VECTOR = `sources:
  syslog_udp:
    type: syslog
    mode: udp
    address: 0.0.0.0:514
sinks:
  loki:
    type: loki
    inputs: [syslog_udp]
    endpoint: http://loki.monitoring:3100
    encoding:
      codec: json
    labels:
      host: "{{ host }}"
`;

const CLIENTS = `client aps {
  ipaddr = 192.168.78.0/24
  secret = $ENV{RADIUS_AP_SECRET}
}
`;

/** Props added to the lab's apps, by their ids. */
interface Parts { readonly [id: string]: Partial<AppProps> }

/** The lab; `parts` adds to each app's props by its id. */
const defineLab = (parts: Parts = {}) => (scope: Construct) => {
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], routes: traefik({ address: lab.pools.services.at('192.168.78.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.services] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new ClusterIssuer(cluster, 'lab-ca', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }) });
  certificate(cluster, 'lldap', 'lldap-tls', ['lldap.lldap.svc', 'ldap.lab.nu78.example.net']);
  certificate(cluster, 'freeradius', 'radius-tls', ['radius.lab.nu78.example.net']);
  configMap(cluster, 'kea', 'kea-config', { 'kea-dhcp4.conf': KEA });
  new App(cluster, 'kea', {
    image: 'docker.cloudsmith.io/isc/docker/kea-dhcp4:2.6.1', ports: [{ name: 'dhcp', port: 67, protocol: 'UDP' }],
    placement: { host: node }, probes: { readiness: { command: ['pgrep', 'kea-dhcp4'] } },
    exemptions: {
      hostNetwork: 'DHCP answers broadcasts on the LAN', runAsRoot: 'Kea opens raw sockets',
      addCapabilities: { capabilities: ['NET_BIND_SERVICE', 'NET_RAW'], reason: 'DHCP on port 67 over raw sockets' },
    },
    persistence: {
      config: { volume: AppVolume.configMap('kea-config'), mounts: [{ mountPath: '/etc/kea/kea-dhcp4.conf', subPath: 'kea-dhcp4.conf' }] },
      leases: { volume: claim('1Gi'), mountPath: '/var/lib/kea' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/run/kea' },
    },
    ...parts.kea,
  } as AppProps);
  new App(cluster, 'chrony', {
    image: 'cturra/ntp:4.6-r0', ports: [{ name: 'ntp', port: 123, protocol: 'UDP' }],
    env: { NTP_SERVERS: 'time.cloudflare.com,pool.ntp.org' },
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'NTP is served on port 123' } },
    persistence: {
      conf: { volume: AppVolume.emptyDir(), mountPath: '/etc/chrony' },
      lib: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/chrony' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/run/chrony' },
    },
    probes: { readiness: { command: ['chronyc', 'tracking'] } },
    loadBalancer: { address: lab.pools.services.at('192.168.78.201') },
    ...parts.chrony,
  } as AppProps);
  new App(cluster, 'netbootxyz', {
    image: 'ghcr.io/netbootxyz/netbootxyz:0.7.6-nbxyz3',
    ports: [{ name: 'web', port: 3000 }, { name: 'assets', port: 80 }, { name: 'tftp', port: 69, protocol: 'UDP' }],
    env: { MENU_VERSION: '2.0.84', TFTPD_OPTS: '--tftp-single-port' },
    exemptions: {
      runAsRoot: 'its init adds its user and supervisord runs nginx, dnsmasq and the web app', writableRootFilesystem: 'its init script adds its user to /etc/passwd',
      addCapabilities: rootInitExemption('supervisor', 'supervisord stays root and runs the web app and dnsmasq as PUID:PGID'),
    },
    persistence: { config: { volume: claim('1Gi'), mountPath: '/config' }, assets: { volume: claim('20Gi'), mountPath: '/assets' } },
    route: { host: 'netboot', port: 3000 },
    loadBalancer: { address: lab.pools.services.at('192.168.78.202'), ports: ['tftp', 'assets'] },
    ...parts.netbootxyz,
  } as AppProps);
  configMap(cluster, 'freeradius', 'raddb', { 'clients.conf': CLIENTS });
  new App(cluster, 'freeradius', {
    image: 'freeradius/freeradius-server:3.2.6',
    ports: [{ name: 'auth', port: 1812, protocol: 'UDP' }, { name: 'acct', port: 1813, protocol: 'UDP' }],
    exemptions: { runAsRoot: 'radiusd starts as root and drops to freerad' },
    env: { RADIUS_AP_SECRET: SecretReference.external('freeradius', 'radius-secrets', 'ap-secret') },
    persistence: {
      clients: { volume: AppVolume.configMap('raddb'), mounts: [{ mountPath: '/etc/raddb/clients.conf', subPath: 'clients.conf' }] },
      certs: { volume: AppVolume.secret('radius-tls'), mountPath: '/etc/raddb/certs/lab' },
    },
    probes: { readiness: { command: ['pgrep', 'freeradius'] } },
    loadBalancer: { address: lab.pools.services.at('192.168.78.203'), externalTrafficPolicy: 'Local' },
    ...parts.freeradius,
  } as AppProps);
  configMap(cluster, 'vector', 'vector-config', { 'vector.yaml': VECTOR });
  new App(cluster, 'vector', {
    image: 'timberio/vector:0.43.1-alpine', args: ['--config', '/etc/vector/vector.yaml'],
    ports: [{ name: 'syslog', port: 514, protocol: 'UDP' }],
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'syslog on port 514' } },
    persistence: {
      config: { volume: AppVolume.configMap('vector-config'), mountPath: '/etc/vector' },
      data: { volume: claim('1Gi'), mountPath: '/var/lib/vector' },
    },
    probes: { readiness: { command: ['pgrep', 'vector'] } },
    loadBalancer: { address: lab.pools.services.at('192.168.78.204'), externalTrafficPolicy: 'Local' },
    ...parts.vector,
  } as AppProps);
  new App(cluster, 'loki', {
    namespace: 'monitoring', image: 'grafana/loki:3.3.2', ports: [{ name: 'http', port: 3100 }],
    args: ['-config.file=/etc/loki/local-config.yaml'], runAsUser: 10001,
    persistence: { data: { volume: claim('20Gi'), mountPath: '/loki' } },
    allowFrom: [{ namespace: 'vector' }],
  });
  new App(cluster, 'lldap', {
    image: 'lldap/lldap:v0.6.1-alpine-rootless',
    ports: [{ name: 'ldap', port: 3890 }, { name: 'ldaps', port: 6360 }, { name: 'http', port: 17170 }],
    env: {
      LLDAP_LDAP_BASE_DN: 'dc=nu78,dc=example,dc=net',
      LLDAP_JWT_SECRET: SecretReference.external('lldap', 'lldap', 'jwt-secret'),
      LLDAP_KEY_SEED: SecretReference.external('lldap', 'lldap', 'key-seed'),
      LLDAP_LDAP_USER_PASS: SecretReference.external('lldap', 'lldap', 'admin-password'),
      LLDAP_LDAPS_OPTIONS__ENABLED: 'true',
      LLDAP_LDAPS_OPTIONS__CERT_FILE: '/certs/tls.crt',
      LLDAP_LDAPS_OPTIONS__KEY_FILE: '/certs/tls.key',
    },
    persistence: {
      data: { volume: claim('1Gi'), mountPath: '/data' },
      certs: { volume: AppVolume.secret('lldap-tls'), mountPath: '/certs' },
    },
    route: { host: 'ldap', port: 17170 },
    allowFrom: [{ namespace: 'grafana' }],
    ...parts.lldap,
  } as AppProps);
  new App(cluster, 'grafana', {
    image: 'grafana/grafana:11.4.0', ports: [{ name: 'http', port: 3000 }], runAsUser: 472,
    env: {
      GF_AUTH_LDAP_ENABLED: 'true', GF_AUTH_LDAP_CONFIG_FILE: '/etc/grafana/ldap.toml',
      LDAP_URL: 'ldaps://lldap.lldap:6360', LDAP_BIND_DN: 'uid=admin,ou=people,dc=nu78,dc=example,dc=net',
      LDAP_BIND_PW: SecretReference.external('grafana', 'lldap-bind', 'password'),
    },
    persistence: { data: { volume: claim('1Gi'), mountPath: '/var/lib/grafana' } },
    route: { host: 'grafana' },
    egress: [{ namespace: 'lldap' }],
    ...parts.grafana,
  } as AppProps);
};

describe("a newcomer's network services: DHCP, NTP, PXE, RADIUS, syslog and LDAP", () => {
  const result = synthInMemory(defineLab());
  const objects = manifestsOf(result, 'nu78/main');
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const shown = (parts: Parts) => aboutTheLab(synthInMemory(defineLab(parts)).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}`);

  test('synthesizes without errors or warnings', () => {
    expect(aboutTheLab(result.findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  });

  test("LLDAP's own Secret, made by hand, is no misspelling of its certificate's lldap-tls, which lacks the keys it reads", () => {
    const env = find('Deployment', 'lldap').spec.template.spec.containers[0].env;
    expect(env.filter((e: any) => e.valueFrom).map((e: any) => `${e.name}=${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`)).toEqual([
      'LLDAP_JWT_SECRET=lldap/jwt-secret', 'LLDAP_KEY_SEED=lldap/key-seed', 'LLDAP_LDAP_USER_PASS=lldap/admin-password',
    ]);
  });

  test("netboot.xyz keeps its TFTP transfers on port 69 behind its load balancer; on the host network it needs no option, and Kea's next-server left at the load balancer's address is a warning", () => {
    expect(find('Service', 'netbootxyz-lb').spec.ports.map((p: any) => `${p.protocol ?? 'TCP'}/${p.port}`)).toEqual(['TCP/80', 'UDP/69']);
    expect(shown({ netbootxyz: {
      env: { MENU_VERSION: '2.0.84' }, loadBalancer: undefined,
      exemptions: {
        hostNetwork: 'PXE clients fetch their boot file by TFTP', runAsRoot: 'its init adds its user', writableRootFilesystem: 'its init script adds its user to /etc/passwd',
        addCapabilities: rootInitExemption('supervisor', 'supervisord runs the web app and dnsmasq as PUID:PGID'),
      },
    } })).toEqual(['warning main/kea-kea-config data.kea-dhcp4.conf']);
  });

  test("FreeRADIUS behind a load balancer of policy Cluster is a warning: each access point's address would be a node's", () => {
    expect(shown({ freeradius: { loadBalancer: { address: lab.pools.services.at('192.168.78.203') } } })).toEqual(['warning main/freeradius loadBalancer.externalTrafficPolicy']);
  });

  test('chrony allowed to set the clock with SYS_TIME is left alone', () => {
    expect(shown({ chrony: {
      image: 'dockurr/chrony:4.6.1', env: { NTP_SERVERS: 'time.cloudflare.com', ENABLE_SYSCLK: 'true' },
      exemptions: {
        runAsRoot: 'its entrypoint writes chrony.conf and chronyd drops to the chrony user',
        addCapabilities: rootInitExemption('exec', 'chronyd drops to the chrony user and sets the clock of the node', ['NET_BIND_SERVICE', 'SYS_TIME']),
      },
    } }).filter((f) => f.includes('chrony'))).toEqual([]);
  });
});
