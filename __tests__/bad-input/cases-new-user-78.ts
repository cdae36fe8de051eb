import { ApiObject } from 'cdk8s';
import { App, AppVolume, ClusterChart, rootInitExemption, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A lab's network services moved onto the cluster from the README alone: netboot.xyz for PXE behind a load balancer,
// chrony serving NTP, and LLDAP with LDAPS from a cert-manager certificate. Each mistake passed synthesis and then
// booted no machine, served no time or never started its directory.

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
];
