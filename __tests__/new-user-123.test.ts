import type { Construct } from 'constructs';
import { AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, rootInitExemption, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { smtpTlsModeProblems } from '../constructs/app/smtp-tls-modes';
import { grafanaSmtpHostProblems, stackSmtpHostProblems } from '../constructs/app/smtp-host-ports';
import { postfixRelayProblems } from '../constructs/app/postfix-relay-warnings';
import { propContainers } from '../constructs/app/prop-containers';
import { senderDomain } from '../constructs/validation/relay-sender-domains';
import { shownFindings } from './support/lab-output';
import { guarded } from './bad-input/lab';

// A new user's mail for the apps, from the README alone: a boky/postfix relay forwarding to the provider's submission
// port with its password from a Secret, the apps of the lab pointed at it (plain text inside the cluster) or straight
// at the provider on 465 or 587 in each one's own words, and the NetworkPolicies between them.

const secret = (ns: string, name: string, key: string) => SecretReference.external(ns, name, key);
const S6 = { runAsRoot: 's6-overlay starts as root', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 's6-overlay' }, writableRootFilesystem: 's6-overlay writes /run' };
const TO_RELAY = [{ namespace: 'mail', podLabels: { 'app.kubernetes.io/name': 'postfix' } }];
const TO_PROVIDER = (port: number) => [{ cidr: '0.0.0.0/0', ports: [{ port }] }];

function mailLab(scope: Construct): void {
  const node = host('nu123-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.123.10' });
  const lab = site('nu123', { domain: 'jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/mail-lab.git' } });
  const cluster = new ClusterChart(scope, 'main', { site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
  const app = (id: string, props: Omit<AppProps, 'image'> & { image: string }) => new HomelabApp(cluster, id, props);
  app('postfix', {
    namespace: 'mail', image: 'boky/postfix:v4.4.0', ports: [{ name: 'smtp', port: 587 }],
    env: {
      RELAYHOST: '[smtp.fastmail.com]:465', POSTFIX_smtp_tls_wrappermode: 'yes', POSTFIX_smtp_tls_security_level: 'encrypt',
      RELAYHOST_USERNAME: 'me@jdoe.dev', RELAYHOST_PASSWORD: secret('mail', 'relay', 'password'), ALLOWED_SENDER_DOMAINS: 'jdoe.dev', DKIM_AUTOGENERATE: 'true',
    },
    persistence: { dkim: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/opendkim/keys' } },
    allowFrom: ['vaultwarden', 'paperless', 'gitea', 'nextcloud'].map((namespace) => ({ namespace })),
    egress: TO_PROVIDER(465),
    exemptions: {
      runAsRoot: "Postfix's master is root by design", addCapabilities: rootInitExemption('supervisor', "Postfix's master runs its daemons as postfix"),
      writableRootFilesystem: 'its start scripts write /etc/postfix',
    },
  });
  // Through the relay: plain text inside the cluster, on the relay's 587.
  app('vaultwarden', {
    image: 'vaultwarden/server:1.33.2', ports: [{ name: 'http', port: 8080 }], route: { host: 'vault' }, egress: TO_RELAY,
    env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.jdoe.dev', SMTP_HOST: 'postfix.mail', SMTP_PORT: '587', SMTP_SECURITY: 'off', SMTP_FROM: 'Vaultwarden <vault@jdoe.dev>' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
  });
  app('paperless', {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7', ports: [{ name: 'http', port: 8000 }], route: { host: 'docs' }, egress: TO_RELAY, exemptions: S6,
    env: { PAPERLESS_URL: 'https://docs.jdoe.dev', PAPERLESS_EMAIL_HOST: 'postfix.mail', PAPERLESS_EMAIL_PORT: '587', PAPERLESS_EMAIL_FROM: 'paperless@jdoe.dev' },
  });
  app('gitea', {
    image: 'gitea/gitea:1.23.1-rootless', ports: [{ name: 'http', port: 3000 }], route: { host: 'git' }, egress: TO_RELAY,
    env: { GITEA__mailer__ENABLED: 'true', GITEA__mailer__PROTOCOL: 'smtp', GITEA__mailer__SMTP_ADDR: 'postfix.mail', GITEA__mailer__SMTP_PORT: '587', GITEA__mailer__FROM: 'Gitea <git@mail.jdoe.dev>' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/gitea' },
      config: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/gitea' },
    },
  });
  app('nextcloud', {
    image: 'nextcloud:30.0.5-apache', ports: [{ name: 'http', port: 80 }], route: { host: 'cloud' }, egress: TO_RELAY,
    exemptions: { runAsRoot: 'Apache starts as root', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint switches to www-data' } },
    env: { SMTP_HOST: 'postfix.mail', SMTP_PORT: '587', MAIL_FROM_ADDRESS: 'cloud', MAIL_DOMAIN: 'jdoe.dev' },
    persistence: {
      html: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/html' },
      apache: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' },
    },
  });
  // Straight to the provider, each in its own words: TLS at once on 465, STARTTLS on 587.
  app('authentik', {
    image: 'ghcr.io/goauthentik/server:2024.12.3', args: ['server'], ports: [{ name: 'http', port: 9000 }], route: { host: 'auth' }, egress: TO_PROVIDER(465),
    env: {
      AUTHENTIK_EMAIL__HOST: 'smtp.fastmail.com', AUTHENTIK_EMAIL__PORT: '465', AUTHENTIK_EMAIL__USE_SSL: 'true', AUTHENTIK_EMAIL__USE_TLS: 'false',
      AUTHENTIK_EMAIL__USERNAME: 'me@jdoe.dev', AUTHENTIK_EMAIL__PASSWORD: secret('authentik', 'smtp', 'password'), AUTHENTIK_EMAIL__FROM: 'auth@jdoe.dev',
      AUTHENTIK_SECRET_KEY: secret('authentik', 'authentik', 'secret-key'),
    },
  });
  app('forgejo', {
    image: 'codeberg.org/forgejo/forgejo:10.0.0-rootless', ports: [{ name: 'http', port: 3000 }], route: { host: 'code' }, egress: TO_PROVIDER(587),
    env: {
      FORGEJO__mailer__ENABLED: 'true', FORGEJO__mailer__PROTOCOL: 'smtp+starttls', FORGEJO__mailer__SMTP_ADDR: 'smtp.fastmail.com', FORGEJO__mailer__SMTP_PORT: '587',
      FORGEJO__mailer__USER: 'me@jdoe.dev', FORGEJO__mailer__PASSWD: secret('forgejo', 'smtp', 'password'), FORGEJO__mailer__FROM: 'code@jdoe.dev',
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/gitea' },
      config: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/gitea' },
    },
  });
}

describe("a new user's mail for the apps", () => {
  test('the relay and each app, on 465 and 587 in its own words, synthesize without findings', () => {
    expect(shownFindings(mailLab)).toEqual([]);
  });
});

/** The mail findings of an app of `image` given `env`. */
const tlsOf = (image: string, env: Record<string, unknown>) => smtpTlsModeProblems(propContainers({ image, env } as never, 'app')).map((p) => p.field);

function relayAsItsUser(scope: Construct): void {
  const node = host('nu123-relay', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.123.20' });
  const lab = site('nu123r', { domain: 'jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/relay.git' } });
  const cluster = new ClusterChart(scope, 'main', { site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
  guarded((c: ClusterChart) => new HomelabApp(c, 'postfix', { image: 'boky/postfix:v4.4.0', ports: [{ name: 'smtp', port: 587 }], env: { RELAYHOST: '[smtp.fastmail.com]:587', ALLOWED_SENDER_DOMAINS: 'jdoe.dev' } }))(cluster);
}

/** The relay let out on port 25 alone while it logs in on 587, and Vaultwarden sent straight to the provider's 465 with egress to the relay alone. */
function egressLeftShut(scope: Construct): void {
  const node = host('nu123-shut', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.123.30' });
  const lab = site('nu123s', { domain: 'jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/shut.git' } });
  const cluster = new ClusterChart(scope, 'main', { site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
  new HomelabApp(cluster, 'postfix', {
    namespace: 'mail', image: 'boky/postfix:v4.4.0', ports: [{ name: 'smtp', port: 587 }], allowFrom: [{ namespace: 'vaultwarden' }], egress: TO_PROVIDER(25),
    env: { RELAYHOST: '[smtp.fastmail.com]:587', RELAYHOST_USERNAME: 'me@jdoe.dev', RELAYHOST_PASSWORD: secret('mail', 'relay', 'password'), ALLOWED_SENDER_DOMAINS: 'jdoe.dev' },
    exemptions: { runAsRoot: 'root by design', addCapabilities: rootInitExemption('supervisor', 'daemons run as postfix'), writableRootFilesystem: 'writes /etc/postfix' },
  });
  new HomelabApp(cluster, 'vaultwarden', {
    image: 'vaultwarden/server:1.33.2', ports: [{ name: 'http', port: 8080 }], route: { host: 'vault' }, egress: TO_RELAY,
    env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.jdoe.dev', SMTP_HOST: 'smtp.fastmail.com', SMTP_PORT: '465', SMTP_SECURITY: 'force_tls', SMTP_FROM: 'vault@jdoe.dev' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
  });
}

describe('egress to the provider', () => {
  test("a relay's bracketed RELAYHOST and an SMTP host with its port beside it are calls its egress must let out", () => {
    expect(shownFindings(egressLeftShut)).toEqual(['warning main/postfix env.RELAYHOST', 'warning main/vaultwarden env.SMTP_HOST']);
  });
});

describe('the relay run as a non-root user', () => {
  test("is an error on its image, whose hint starts it as root with the capabilities Postfix's master needs", () => {
    expect(shownFindings(relayAsItsUser)).toEqual(['error main/postfix image']);
  });
});

describe('SMTP TLS modes against ports', () => {
  test("Gitea's PROTOCOL smtps beside SMTP_PORT 587, as Gitea's own email guide wrote it, is an error on PROTOCOL", () => {
    expect(tlsOf('gitea/gitea:1.23.1', { GITEA__mailer__PROTOCOL: 'smtps', GITEA__mailer__SMTP_PORT: '587' })).toEqual(['env.GITEA__mailer__PROTOCOL']);
  });
  test("Forgejo's STARTTLS protocol on 465 is an error; a protocol or port left out, which Forgejo infers from the other, is not", () => {
    expect(tlsOf('codeberg.org/forgejo/forgejo:10.0.0', { FORGEJO__mailer__PROTOCOL: 'smtp+starttls', FORGEJO__mailer__SMTP_PORT: '465' })).toEqual(['env.FORGEJO__mailer__PROTOCOL']);
    expect(tlsOf('codeberg.org/forgejo/forgejo:10.0.0', { FORGEJO__mailer__SMTP_PORT: '465' })).toEqual([]);
  });
  test("Vaultwarden's port 465 with SMTP_SECURITY unset (starttls) is an error on the port; force_tls on 465 and a port left out are not", () => {
    expect(tlsOf('vaultwarden/server:1.33.2', { SMTP_HOST: 'smtp.fastmail.com', SMTP_PORT: '465' })).toEqual(['env.SMTP_PORT']);
    expect(tlsOf('vaultwarden/server:1.33.2', { SMTP_HOST: 'smtp.fastmail.com', SMTP_PORT: '465', SMTP_SECURITY: 'force_tls' })).toEqual([]);
    expect(tlsOf('vaultwarden/server:1.33.2', { SMTP_HOST: 'smtp.fastmail.com', SMTP_SECURITY: 'force_tls' })).toEqual([]);
  });
  test("Nextcloud's SMTP_SECURE ssl on 587 is an error; no SMTP_SECURE on 465, where its mailer opens TLS by itself, is not", () => {
    expect(tlsOf('nextcloud:30.0.5-apache', { SMTP_HOST: 'smtp.fastmail.com', SMTP_PORT: '587', SMTP_SECURE: 'ssl' })).toEqual(['env.SMTP_SECURE']);
    expect(tlsOf('nextcloud:30.0.5-apache', { SMTP_HOST: 'smtp.fastmail.com', SMTP_PORT: '465' })).toEqual([]);
  });
  test("Authentik's USE_SSL with its port left at 25 is an error; a mode read from a Secret is the owner's", () => {
    expect(tlsOf('ghcr.io/goauthentik/server:2024.12.3', { AUTHENTIK_EMAIL__HOST: 'smtp.fastmail.com', AUTHENTIK_EMAIL__USE_SSL: 'true' })).toEqual(['env.AUTHENTIK_EMAIL__USE_SSL']);
    expect(tlsOf('ghcr.io/goauthentik/server:2024.12.3', { AUTHENTIK_EMAIL__HOST: 'smtp.fastmail.com', AUTHENTIK_EMAIL__PORT: '587', AUTHENTIK_EMAIL__USE_SSL: secret('authentik', 'smtp', 'ssl') })).toEqual([]);
  });
  test("Django's two switches on at once are an error on USE_SSL, whatever the port", () => {
    expect(tlsOf('ghcr.io/paperless-ngx/paperless-ngx:2.14.7', { PAPERLESS_EMAIL_HOST: 'smtp.fastmail.com', PAPERLESS_EMAIL_PORT: '587', PAPERLESS_EMAIL_USE_TLS: 'true', PAPERLESS_EMAIL_USE_SSL: 'true' }))
      .toEqual(['env.PAPERLESS_EMAIL_USE_SSL']);
  });
  test("the relay's wrapper mode on 587 is an error on the wrapper mode", () => {
    expect(tlsOf('ghcr.io/bokysan/postfix:v4.4.0', { RELAYHOST: 'smtp.fastmail.com:587', POSTFIX_smtp_tls_wrappermode: 'yes' })).toEqual(['env.POSTFIX_smtp_tls_wrappermode']);
  });
});

describe('the relay', () => {
  const warnings = (props: Record<string, unknown>) => postfixRelayProblems({ image: 'boky/postfix:v4.4.0', ...props }).map((p) => p.field);
  test('a relay open to every namespace, one that delivers itself, and one that logs in on port 25 are warnings', () => {
    expect(warnings({ env: { RELAYHOST: '[smtp.fastmail.com]:587', RELAYHOST_USERNAME: 'me' }, allowFrom: [{ namespace: 'paperless' }, {}] })).toEqual(['allowFrom[1]']);
    expect(warnings({ env: { ALLOWED_SENDER_DOMAINS: 'jdoe.dev' } })).toEqual(['env']);
    expect(warnings({ env: { RELAYHOST: 'smtp.fastmail.com', RELAYHOST_USERNAME: 'me' } })).toEqual(['env.RELAYHOST']);
    expect(warnings({ env: { RELAYHOST: 'mx.isp.example' } })).toEqual([]);
  });
  test('DKIM keys generated at each start are a warning, kept on a claim they are not', () => {
    const env = { RELAYHOST: '[smtp.fastmail.com]:587', DKIM_AUTOGENERATE: 'true' };
    expect(warnings({ env, persistence: { dkim: { volume: AppVolume.emptyDir(), mountPath: '/etc/opendkim/keys' } } })).toEqual(['env.DKIM_AUTOGENERATE']);
    expect(warnings({ env, persistence: { dkim: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/etc/opendkim' } } })).toEqual([]);
  });
  test("a sender's domain is read from an address with its name, and a bare domain where the variable holds one", () => {
    expect(senderDomain('Vaultwarden <Vault@JDoe.dev>')).toBe('jdoe.dev');
    expect(senderDomain('jdoe.dev', true)).toBe('jdoe.dev');
    expect(senderDomain('vault')).toBeUndefined();
  });
});

describe('SMTP servers written as host:port', () => {
  test("Grafana's GF_SMTP_HOST and Alertmanager's smarthost without a port are errors; with one they are not", () => {
    expect(grafanaSmtpHostProblems(propContainers({ image: 'grafana/grafana:11.4.0', env: { GF_SMTP_HOST: 'postfix.mail' } } as never, 'grafana')).map((p) => p.hint))
      .toEqual([expect.stringContaining("'postfix.mail:587'")]);
    expect(grafanaSmtpHostProblems(propContainers({ image: 'grafana/grafana:11.4.0', env: { GF_SMTP_HOST: 'postfix.mail:587' } } as never, 'grafana'))).toEqual([]);
    const values = {
      alertmanager: { config: { global: { smtp_smarthost: 'smtp.fastmail.com' }, receivers: [{ name: 'mail', email_configs: [{ to: 'me@jdoe.dev', smarthost: 'postfix.mail:587' }] }] } },
      grafana: { 'grafana.ini': { smtp: { enabled: true, host: 'postfix.mail' } } },
    };
    expect(stackSmtpHostProblems(values).map((p) => p.field)).toEqual(['alertmanager.config.global.smtp_smarthost', 'grafana.grafana.ini.smtp.host']);
  });
});
