import { ApiObject } from 'cdk8s';
import { App, AppDevice, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// A new user puts a home lab on the internet from the README alone: docker-mailserver behind a load balancer, a
// WireGuard server (wg-easy), Headscale for a tailnet of their own, and public names from external-dns. Each mistake
// passed synthesis and then left a pod that stops as it starts, a defence that does nothing, or a name that reaches nothing.

const MAIL_IMAGE = 'ghcr.io/docker-mailserver/docker-mailserver:15.0.2';
/** The exemptions docker-mailserver's Kubernetes guide gives it; `capabilities` replace its added capabilities. */
const mailExemptions = (capabilities = ['CHOWN', 'FOWNER', 'MKNOD', 'SETGID', 'SETUID', 'DAC_OVERRIDE', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL']) => ({
  runAsRoot: 'supervisord starts Postfix and Dovecot as root', writableRootFilesystem: 'its start scripts rewrite /etc',
  privilegeEscalation: "Postfix's postdrop is set-group-id", addCapabilities: { capabilities, reason: 'its daemons switch users and chroot' },
});
/** docker-mailserver serving SMTP, submission and IMAPS on a load balancer that keeps each sender's address; `props` override. */
const mailServer = (env: Record<string, string>, props: Partial<AppProps> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'mail', {
  image: MAIL_IMAGE,
  ports: [{ name: 'smtp', port: 25 }, { name: 'submissions', port: 465 }, { name: 'submission', port: 587 }, { name: 'imaps', port: 993 }],
  env: { OVERRIDE_HOSTNAME: 'mail.lab.test', ...env },
  loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), externalTrafficPolicy: 'Local' },
  exemptions: mailExemptions(),
  ...props,
}));
/** wg-easy of `image` with WireGuard on UDP 51820 and its web UI on 51821, `exposed` on a load balancer; `env` its settings. */
const wgEasy = (image: string, env: Record<string, unknown>, exposed: string[] | 'all' = ['wireguard']) => guarded((cluster: ClusterChart) => new App(cluster, 'wg-easy', {
  image, ports: [{ name: 'wireguard', port: 51820, protocol: 'UDP' }, { name: 'http', port: 51821 }], env: env as AppProps['env'],
  sysctls: { 'net.ipv4.ip_forward': '1' }, devices: [AppDevice.hostDevice('/dev/net/tun')],
  loadBalancer: { address: lab.pools.vips.at('10.0.8.13'), ports: exposed === 'all' ? undefined : exposed },
  exemptions: {
    runAsRoot: 'wg-quick configures the interface as root', hostPath: 'the tunnel device', privileged: 'the forwarding sysctl is not a safe one',
    addCapabilities: { capabilities: ['NET_ADMIN'], reason: 'creates the WireGuard interface' },
  },
}));
/** Headscale serving its API on 8080, run with `args`. */
const headscale = (args?: string[]) => guarded((cluster: ClusterChart) => new App(cluster, 'headscale', {
  image: 'headscale/headscale:0.26.1', args, ports: [{ name: 'http', port: 8080 }],
}));
/** A LoadBalancer Service written by hand as external-dns' Cloudflare guide writes it, proxied, serving `ports`. */
const proxiedService = (ports: Array<Record<string, unknown>>) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('edge');
  new ApiObject(cluster, 'public', {
    apiVersion: 'v1', kind: 'Service',
    metadata: {
      name: 'public', namespace: 'edge',
      annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'mail.lab.test', 'external-dns.alpha.kubernetes.io/cloudflare-proxied': 'true' },
    },
    spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: { app: 'public' }, ports },
  });
});
/** Headscale run to serve, its configuration `config.yaml` mounted from the ConfigMap `headscale-config`. */
const headscaleConfigured = (config: string) => guarded((cluster: ClusterChart) => {
  cluster.namespaces.ensure('headscale');
  new ApiObject(cluster, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'headscale-config', namespace: 'headscale' }, data: { 'config.yaml': config } });
  new App(cluster, 'headscale', {
    image: 'headscale/headscale:0.26.1', args: ['serve'], ports: [{ name: 'http', port: 8080 }],
    persistence: { config: { volume: AppVolume.configMap('headscale-config'), mountPath: '/etc/headscale' } }, route: { host: 'headscale' },
  });
});
const PROXIED = 'metadata.annotations.external-dns.alpha.kubernetes.io/cloudflare-proxied';

export const CASES: BadInput[] = [
  { name: 'docker-mailserver run with the secure defaults, as a non-root user', build: mailServer({}, { exemptions: undefined }), layer: 'props', path: 'mail', field: 'image', hint: /runAsRoot: .*'SYS_CHROOT'/ },
  { name: 'docker-mailserver without OVERRIDE_HOSTNAME, named by its pod', build: mailServer({}, { env: { ENABLE_CLAMAV: '0' } }), layer: 'props', path: 'mail', field: 'env', hint: /OVERRIDE_HOSTNAME: 'mail\.example\.com'/ },
  { name: 'docker-mailserver given its short name as OVERRIDE_HOSTNAME', build: mailServer({ OVERRIDE_HOSTNAME: 'mail' }), layer: 'props', path: 'mail', field: 'env.OVERRIDE_HOSTNAME' },
  { name: "docker-mailserver's Fail2Ban turned on without NET_ADMIN", build: mailServer({ ENABLE_FAIL2BAN: '1' }), layer: 'props', path: 'mail', field: 'env.ENABLE_FAIL2BAN', hint: /'NET_ADMIN', 'NET_RAW'/ },
  { name: "docker-mailserver's Fail2Ban given NET_ADMIN but not NET_RAW", build: mailServer({ ENABLE_FAIL2BAN: '1' }, { exemptions: mailExemptions(['CHOWN', 'FOWNER', 'SETGID', 'SETUID', 'DAC_OVERRIDE', 'KILL', 'NET_ADMIN']) }), layer: 'props', path: 'mail', field: 'env.ENABLE_FAIL2BAN', message: /needs NET_RAW,/ },
  { name: "docker-mailserver's SSL_TYPE manual without the files' paths", build: mailServer({ SSL_TYPE: 'manual' }), layer: 'props', path: 'mail', field: 'env.SSL_TYPE', hint: /SSL_CERT_PATH: '\/secrets\/tls\/tls\.crt'/ },
  { name: "docker-mailserver's SSL_TYPE named after cert-manager", build: mailServer({ SSL_TYPE: 'cert-manager' }), layer: 'props', path: 'mail', field: 'env.SSL_TYPE', hint: /SSL_TYPE: 'manual'/ },
  {
    name: "docker-mailserver's certificate path outside every volume it mounts",
    build: mailServer({ SSL_TYPE: 'manual', SSL_CERT_PATH: '/secrets/ssl/rsa/tls.crt', SSL_KEY_PATH: '/secrets/ssl/rsa/tls.key' }),
    layer: 'props', path: 'mail', field: 'env.SSL_CERT_PATH', hint: /mountPath: '\/secrets\/ssl\/rsa'/,
  },
  { name: "wg-easy 15 given the PASSWORD_HASH of a guide written for 14", build: wgEasy('ghcr.io/wg-easy/wg-easy:15.1.0', { PASSWORD_HASH: SecretReference.external('wg-easy', 'wg-easy', 'password-hash') }), layer: 'props', path: 'wg-easy', field: 'env.PASSWORD_HASH', hint: /INIT_PASSWORD/ },
  { name: "wg-easy 15's web UI published on its load balancer over plain HTTP", build: wgEasy('ghcr.io/wg-easy/wg-easy:15.1.0', { INIT_ENABLED: 'true' }, 'all'), layer: 'props', path: 'wg-easy', field: 'loadBalancer', hint: /ports: \['wireguard'\]/ },
  { name: 'wg-easy 14 without WG_HOST', build: wgEasy('ghcr.io/wg-easy/wg-easy:14', { WG_DEFAULT_DNS: '10.0.4.53' }), layer: 'props', path: 'wg-easy', field: 'env', hint: /WG_HOST: 'vpn\.example\.com'/ },
  { name: 'Headscale run without its serve command', build: headscale(), layer: 'props', path: 'headscale', field: 'args', hint: /args: \['serve'\]/ },
  { name: "Headscale given compose's `headscale serve` as its args", build: headscale(['headscale', 'serve']), layer: 'props', path: 'headscale', field: 'args', message: /unknown command/ },
  {
    name: "Headscale's example configuration kept listening on the loopback",
    build: headscaleConfigured('server_url: https://headscale.lab.test\nlisten_addr: 127.0.0.1:8080\nmetrics_listen_addr: 127.0.0.1:9090\n'),
    layer: 'references', path: 'config', field: 'data.config.yaml', hint: /listen_addr: 0\.0\.0\.0:8080/,
  },
  { name: 'a mail server Service published proxied by Cloudflare', build: proxiedService([{ name: 'smtp', port: 25 }, { name: 'imaps', port: 993 }]), layer: 'references', path: 'public', field: PROXIED, message: /serves 25\/TCP/ },
  { name: 'a WireGuard Service published proxied by Cloudflare', build: proxiedService([{ name: 'wireguard', port: 51820, protocol: 'UDP' }]), layer: 'references', path: 'public', field: PROXIED, message: /51820\/UDP/ },
];
