import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppDevice, AppVolume, ClusterChart, declareExternal, flux, host, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import { shownFindings } from './support/lab-output';

// A lab that faces the internet, written as the services' own guides write it: docker-mailserver with its TLS
// certificate from a Secret and Fail2Ban, wg-easy 15 set up unattended, and Headscale. It synthesizes without a
// finding on any of them.

function internetLab(scope: Construct): void {
  const node = host('edge-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.10' });
  const lab = site('edge', {
    domain: 'edge.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/edge.git' },
    pools: { public: { first: '192.168.60.100', last: '192.168.60.109' } },
  });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], routes: traefik({ address: lab.pools.public.at('192.168.60.100') }),
    loadBalancer: metalLb({ pools: [lab.pools.public] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'mail', name: 'mail-tls' }, { namespace: 'wg-easy', name: 'wg-easy' }] });
  new App(cluster, 'mail', {
    image: 'ghcr.io/docker-mailserver/docker-mailserver:15.0.2',
    ports: [{ name: 'smtp', port: 25 }, { name: 'submissions', port: 465 }, { name: 'submission', port: 587 }, { name: 'imaps', port: 993 }],
    env: { OVERRIDE_HOSTNAME: 'mail.edge.jdoe.dev', ENABLE_FAIL2BAN: '1', SSL_TYPE: 'manual', SSL_CERT_PATH: '/secrets/ssl/rsa/tls.crt', SSL_KEY_PATH: '/secrets/ssl/rsa/tls.key' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/mail' },
      tls: { volume: AppVolume.secret('mail-tls'), mountPath: '/secrets/ssl/rsa' },
    },
    loadBalancer: { address: lab.pools.public.at('192.168.60.101'), externalTrafficPolicy: 'Local' },
    exemptions: {
      runAsRoot: 'supervisord starts Postfix and Dovecot as root', writableRootFilesystem: 'its start scripts rewrite /etc',
      privilegeEscalation: "Postfix's postdrop is set-group-id",
      addCapabilities: { capabilities: ['CHOWN', 'FOWNER', 'MKNOD', 'SETGID', 'SETUID', 'DAC_OVERRIDE', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'NET_ADMIN', 'NET_RAW'], reason: 'its daemons switch users and chroot; Fail2Ban writes its bans into the firewall' },
    },
  });
  new App(cluster, 'wg-easy', {
    image: 'ghcr.io/wg-easy/wg-easy:15.1.0',
    ports: [{ name: 'wireguard', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }],
    env: {
      INIT_ENABLED: 'true', INIT_USERNAME: 'admin', INIT_PASSWORD: SecretReference.external('wg-easy', 'wg-easy', 'password'),
      INIT_HOST: 'vpn.edge.jdoe.dev', INIT_PORT: '51820',
    },
    sysctls: { 'net.ipv4.ip_forward': '1' }, devices: [AppDevice.hostDevice('/dev/net/tun')],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/wireguard' } },
    loadBalancer: { address: lab.pools.public.at('192.168.60.102'), ports: ['wireguard'] },
    route: { host: 'vpn-admin' },
    exemptions: {
      runAsRoot: 'wg-quick configures the interface as root', hostPath: 'the tunnel device', privileged: 'the forwarding sysctl is not a safe one',
      addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the WireGuard interface' },
    },
  });
  cluster.namespaces.ensure('headscale');
  new ApiObject(cluster, 'headscale-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'headscale-config', namespace: 'headscale' },
    data: { 'config.yaml': 'server_url: https://headscale.edge.jdoe.dev\nlisten_addr: 0.0.0.0:8080\nmetrics_listen_addr: 127.0.0.1:9090\n' },
  });
  new App(cluster, 'headscale', {
    image: 'headscale/headscale:0.26.1', args: ['serve'], ports: [{ name: 'http', port: 8080 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/headscale' },
      config: { volume: AppVolume.configMap('headscale-config'), mountPath: '/etc/headscale' },
    },
    route: { host: 'headscale' },
  });
}

test('a lab of a mail server, a WireGuard server and Headscale synthesizes without a finding', () => {
  expect(shownFindings(internetLab)).toEqual([]);
});

/** The lab's cluster with a rate-limit Middleware for its admin pages; `local` keeps the clients' addresses at Traefik. */
function rateLimitedLab(local: boolean, sourceCriterion?: Record<string, unknown>): (scope: Construct) => void {
  return (scope) => {
    const node = host('edge-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.60.10' });
    const lab = site('edge', { domain: 'edge.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/edge.git' }, pools: { public: { first: '192.168.60.100', last: '192.168.60.109' } } });
    const cluster = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node], routes: traefik({ address: lab.pools.public.at('192.168.60.100') }),
      loadBalancer: metalLb({ pools: [lab.pools.public] }), storage: { fast: localPathStorage() }, gitops: flux(),
    });
    if (local) {
      cluster.platform.get('traefik')!.addValues({ service: { spec: { externalTrafficPolicy: 'Local' } } });
    }
    cluster.namespaces.ensure('admin');
    new ApiObject(cluster, 'limit', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'limit', namespace: 'admin' },
      spec: { rateLimit: { average: 10, burst: 20, ...(sourceCriterion === undefined ? {} : { sourceCriterion }) } },
    });
  };
}

test("a rate limit that counts by the client's address, behind a Traefik that keeps none, is a warning on it", () => {
  expect(shownFindings(rateLimitedLab(false))).toEqual(['warning main/limit spec.rateLimit']);
  expect(shownFindings(rateLimitedLab(true))).toEqual([]);
  expect(shownFindings(rateLimitedLab(false, { requestHeaderName: 'X-Api-Key' }))).toEqual([]);
});
