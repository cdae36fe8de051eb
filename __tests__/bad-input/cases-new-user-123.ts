import { App, AppVolume, ClusterChart, declareExternal, hostPlacement, kubePrometheusStack, rootInitExemption, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A new user lets the apps mail password resets and alerts from the README alone: a boky/postfix relay in the cluster
// that forwards to the provider's submission port with a password from a Secret, and the apps pointed at it or
// straight at the provider, and Alertmanager mailing its alerts. Each mistake passed synthesis and then lost every mail
// the apps sent.

/** The relay in namespace `mail`, forwarding to the provider as `relay` says, open to Vaultwarden and Paperless-ngx. */
const relay = (cluster: ClusterChart, env: AppProps['env'] = {}) => {
  declareExternal(cluster, { secrets: [{ namespace: 'mail', name: 'relay' }] });
  return new App(cluster, 'postfix', {
    namespace: 'mail', image: 'boky/postfix:v4.4.0', ports: [{ name: 'smtp', port: 587 }],
    env: {
      RELAYHOST: '[smtp.fastmail.com]:587', RELAYHOST_USERNAME: 'me@lab.test', RELAYHOST_PASSWORD: SecretReference.external('mail', 'relay', 'password'),
      ALLOWED_SENDER_DOMAINS: 'lab.test', POSTFIX_smtp_tls_security_level: 'encrypt', ...env,
    },
    allowFrom: [{ namespace: 'vaultwarden' }, { namespace: 'paperless' }],
    egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 587 }, { port: 465 }] }],
    exemptions: {
      runAsRoot: "Postfix's master is root by design", addCapabilities: rootInitExemption('supervisor', "Postfix's master runs its daemons as postfix"),
      writableRootFilesystem: 'its start scripts write /etc/postfix',
    },
  });
};

/** Vaultwarden mailing with `smtp`, its data on a claim. */
const vaultwarden = (cluster: ClusterChart, smtp: Record<string, string>) => new App(cluster, 'vaultwarden', {
  image: 'vaultwarden/server:1.33.2', ports: [{ name: 'http', port: 8080 }], route: { host: 'vault' }, egress: 'any',
  env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.lab.test', ...smtp },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
});

export const CASES: BadInput[] = [
  {
    name: "Vaultwarden sent to the provider's port 465 with SMTP_SECURITY left at starttls",
    build: guarded((cluster: ClusterChart) => vaultwarden(cluster, { SMTP_HOST: 'smtp.fastmail.com', SMTP_PORT: '465', SMTP_SECURITY: 'starttls', SMTP_FROM: 'vault@lab.test' })),
    layer: 'props', path: 'vaultwarden', field: 'env.SMTP_SECURITY', hint: /SMTP_SECURITY: 'force_tls'/,
  },
  {
    name: "the relay's RELAYHOST on port 465 without Postfix's wrapper mode",
    build: guarded((cluster: ClusterChart) => relay(cluster, { RELAYHOST: '[smtp.fastmail.com]:465' })),
    layer: 'props', path: 'postfix', field: 'env.RELAYHOST', hint: /POSTFIX_smtp_tls_wrappermode: 'yes'/,
  },
  {
    name: "Vaultwarden sending through the relay as an address of the provider's domain",
    build: guarded((cluster: ClusterChart) => {
      relay(cluster);
      vaultwarden(cluster, { SMTP_HOST: 'postfix.mail', SMTP_PORT: '587', SMTP_SECURITY: 'off', SMTP_FROM: 'me@gmail.com' });
    }),
    layer: 'references', path: 'vaultwarden', field: 'env.SMTP_FROM', hint: /SMTP_FROM: 'noreply@lab\.test'/,
  },
  {
    name: "Alertmanager's smarthost written as the relay's host alone",
    build: guarded((cluster: ClusterChart) => {
      const stack = cluster.platform.require(kubePrometheusStack({ placement: hostPlacement(gpu1), grafanaAdminSecret: 'grafana-admin' }));
      declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'grafana-admin' }] });
      stack.addValues({
        alertmanager: {
          config: {
            global: { smtp_smarthost: 'postfix.mail', smtp_from: 'alerts@lab.test' },
            route: { receiver: 'mail', routes: [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }] },
            receivers: [{ name: 'null' }, { name: 'mail', email_configs: [{ to: 'me@lab.test' }] }],
          },
        },
      });
    }),
    layer: 'props', path: 'platform/installs/kube-prometheus-stack', field: 'addValues.alertmanager.config.global.smtp_smarthost', hint: /'postfix\.mail:587'/,
  },
];
