import { ApiObject } from 'cdk8s';
import { App, AppVolume, ClusterChart, rootInitExemption, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab } from './lab';

// A lab's network services moved onto the cluster from the README alone: Kea for DHCP, netboot.xyz for PXE behind a
// load balancer, chrony serving NTP, and LLDAP with LDAPS from a cert-manager certificate. Each mistake passed
// synthesis and then booted no machine, served no time or never started its directory.

/** An app `id` in namespace `network`, `props` its own. */
const service = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  namespace: 'network', ...props,
} as AppProps));

/** netboot.xyz behind a load balancer with its TFTP, assets and web ports; `props` adds to its own. */
const netboot = (props: Partial<AppProps>) => service('netbootxyz', {
  image: 'ghcr.io/netbootxyz/netbootxyz:0.7.6-nbxyz3',
  ports: [{ name: 'web', port: 3000 }, { name: 'assets', port: 80 }, { name: 'tftp', port: 69, protocol: 'UDP' }],
  exemptions: {
    runAsRoot: 'its init adds its user and supervisord runs nginx, dnsmasq and the web app', writableRootFilesystem: 'its init script adds its user to /etc/passwd',
    addCapabilities: rootInitExemption('supervisor', 'supervisord stays root and runs the web app and dnsmasq as PUID:PGID'),
  },
  persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
  ...props,
});

/** A case of netboot.xyz given `env`, refused on `field` with `hint`. */
const tftpCase = (name: string, env: Record<string, string>, field: string, hint: RegExp): BadInput => ({ name, build: netboot({ env }), layer: 'props', path: 'netbootxyz', field, hint });

/** chrony serving NTP on UDP 123; `props` adds to its own. */
const chrony = (props: Partial<AppProps>) => service('chrony', {
  image: 'dockurr/chrony:4.6.1', ports: [{ name: 'ntp', port: 123, protocol: 'UDP' }],
  exemptions: { runAsRoot: 'its entrypoint writes chrony.conf and chronyd drops to the chrony user', addCapabilities: rootInitExemption('exec', 'chronyd drops to the chrony user', ['NET_BIND_SERVICE']) },
  probes: { readiness: { command: ['chronyc', 'tracking'] } },
  ...props,
});

/** Kea on the host's network handing out `options` in its one subnet, from a ConfigMap `kea-config`. */
const kea = (subnet: Record<string, unknown>) => (cluster: ClusterChart) => {
  cluster.namespaces.ensure('network');
  new ApiObject(cluster, 'kea-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kea-config', namespace: 'network' },
    data: { 'kea-dhcp4.conf': JSON.stringify({ Dhcp4: { 'interfaces-config': { interfaces: ['eth0'] }, subnet4: [{ id: 1, subnet: '10.0.0.0/16', pools: [{ pool: '10.0.9.1 - 10.0.9.200' }], ...subnet }] } }, null, 2) },
  });
  new App(cluster, 'kea', {
    namespace: 'network', image: 'docker.cloudsmith.io/isc/docker/kea-dhcp4:2.6.1', ports: [{ name: 'dhcp', port: 67, protocol: 'UDP' }],
    placement: { host: gpu1 }, probes: { readiness: { command: ['pgrep', 'kea-dhcp4'] } },
    exemptions: { hostNetwork: 'DHCP answers broadcasts on the LAN', runAsRoot: 'Kea opens raw sockets', addCapabilities: { capabilities: ['NET_BIND_SERVICE', 'NET_RAW'], reason: 'DHCP on port 67 over raw sockets' } },
    persistence: { config: { volume: AppVolume.configMap('kea-config'), mounts: [{ mountPath: '/etc/kea/kea-dhcp4.conf', subPath: 'kea-dhcp4.conf' }] } },
  });
};

export const CASES: BadInput[] = [
  tftpCase("netboot.xyz's TFTP behind a load balancer, its transfers left on ports of their own", { MENU_VERSION: '2.0.84' }, 'env', /TFTPD_OPTS: '--tftp-single-port'/),
  tftpCase('netboot.xyz given TFTP server options without the single-port one', { TFTPD_OPTS: '--tftp-max=50' }, 'env.TFTPD_OPTS', /TFTPD_OPTS: '--tftp-max=50 --tftp-single-port'/),
  {
    name: "netboot.xyz left to the non-root default, as its compose file's PUID and PGID suggest",
    build: service('netbootxyz', {
      image: 'ghcr.io/netbootxyz/netbootxyz:0.7.6-nbxyz3', ports: [{ name: 'web', port: 3000 }],
      env: { PUID: '1000', PGID: '1000' }, persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    }),
    layer: 'props', path: 'netbootxyz', field: 'image', hint: /runAsRoot/,
  },
  {
    name: 'chrony told to set the clock without the capability to',
    build: chrony({ env: { NTP_SERVERS: 'time.cloudflare.com', ENABLE_SYSCLK: 'true' } }),
    layer: 'props', path: 'chrony', field: 'env.ENABLE_SYSCLK', hint: /SYS_TIME/,
  },
  {
    name: 'chronyd started by its own command line without -x',
    build: chrony({ image: 'alpine:3.21', command: ['chronyd', '-d', '-f', '/etc/chrony/chrony.conf'] }),
    layer: 'props', path: 'chrony', field: 'command[0]', hint: /'chronyd', '-x', '-d'/,
  },
  {
    name: "LLDAP's LDAPS certificate named as its guide names it, in a cert-manager Secret that holds tls.crt",
    build: guarded((cluster: ClusterChart) => {
      cluster.namespaces.ensure('lldap');
      new ApiObject(cluster, 'lldap-tls', {
        apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'lldap-tls', namespace: 'lldap' },
        spec: { secretName: 'lldap-tls', dnsNames: ['ldap.lab.test'], issuerRef: { kind: 'ClusterIssuer', name: 'lab-ca' } },
      });
      new App(cluster, 'lldap', {
        image: 'lldap/lldap:v0.6.1-alpine-rootless', ports: [{ name: 'ldap', port: 3890 }, { name: 'ldaps', port: 6360 }, { name: 'http', port: 17170 }],
        env: {
          LLDAP_LDAP_BASE_DN: 'dc=lab,dc=test', LLDAP_JWT_SECRET: SecretReference.external('lldap', 'lldap', 'jwt-secret'),
          LLDAP_LDAPS_OPTIONS__ENABLED: 'true', LLDAP_LDAPS_OPTIONS__CERT_FILE: '/certs/cert.pem', LLDAP_LDAPS_OPTIONS__KEY_FILE: '/certs/tls.key',
        },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' }, certs: { volume: AppVolume.secret('lldap-tls'), mountPath: '/certs' } },
      });
    }),
    layer: 'references', path: 'lldap', field: 'env.LLDAP_LDAPS_OPTIONS__CERT_FILE', hint: /LLDAP_LDAPS_OPTIONS__CERT_FILE: '\/certs\/tls\.crt'/,
  },
  {
    name: "Kea's next-server at netboot.xyz's load balancer, which exposes its assets but not TFTP",
    build: guarded((cluster: ClusterChart) => {
      kea({ 'next-server': '10.0.8.12', 'boot-file-name': 'netboot.xyz.kpxe' })(cluster);
      netboot({ env: { TFTPD_OPTS: '--tftp-single-port' }, loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['assets'] } })(cluster);
    }),
    layer: 'references', path: 'kea-config', field: 'data.kea-dhcp4.conf', message: /UDP\/69/,
  },
  {
    name: "Kea's ntp-servers option at the DNS server's load balancer, one address off chrony's",
    build: guarded((cluster: ClusterChart) => {
      kea({ 'option-data': [{ name: 'domain-name-servers', data: '10.0.4.53' }, { name: 'ntp-servers', data: '10.0.4.53' }] })(cluster);
      new App(cluster, 'adguard', {
        namespace: 'dns', image: 'adguard/adguardhome:v0.107.57', ports: [{ name: 'http', port: 3000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
        exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
        persistence: { conf: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/opt/adguardhome/conf' }, work: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/opt/adguardhome/work' } },
        loadBalancer: { address: lab.pools.dns.at('10.0.4.53'), ports: ['dns-tcp', 'dns-udp'] },
      });
      chrony({ env: { NTP_SERVERS: 'time.cloudflare.com' }, loadBalancer: { address: lab.pools.vips.at('10.0.8.13') } })(cluster);
    }),
    layer: 'references', path: 'kea-config', field: 'data.kea-dhcp4.conf', message: /ntp-servers|NTP server/, hint: /10\.0\.8\.13/,
  },
];
