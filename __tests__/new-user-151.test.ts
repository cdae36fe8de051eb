import type { Construct } from 'constructs';
import {
  acmeIssuer, AppVolume, DnsRecord, cloudflareDns01, ClusterChart, ClusterIssuer, flux, HomelabApp, host, k3s, LETSENCRYPT_PRODUCTION,
  localPathStorage, metalLb, SecretReference, site, traefik, WildcardCertificate,
} from '../constructs';
import { guarded } from './bad-input/lab';
import { expectObviousLabClean, shownFindings } from './support/obvious-lab';
import { synthInMemory } from './support/synth';

// A new user's lab, written from the README alone: the LAN's DNS and the family's mail at home. AdGuard Home answers
// the LAN on a load-balancer address over UDP and TCP 53 and asks Unbound inside the cluster; external-dns writes
// the routed apps' records into AdGuard Home; docker-mailserver (Rspamd, a cert-manager certificate through
// Cloudflare's DNS-01) serves SMTP, submission and IMAPS on a load-balancer address, and Roundcube is its webmail
// behind Traefik. K3s on a mini PC and a Raspberry Pi, MetalLB, Flux.

/** What a mistake changes in the lab: each key replaces one piece of the obvious lab. */
interface Changes {
  readonly adguard?: Record<string, unknown>;
  readonly unbound?: Record<string, unknown>;
  readonly mailserver?: Record<string, unknown>;
  readonly mailserverEnv?: Record<string, unknown>;
  readonly roundcube?: Record<string, unknown>;
  readonly roundcubeEnv?: Record<string, unknown>;
  readonly roundcubeEgress?: unknown[];
  readonly cluster?: Record<string, unknown>;
  readonly adguardDns?: Record<string, unknown>;
  readonly issuer?: Record<string, unknown>;
  readonly certificate?: Record<string, unknown>;
  /** Merged into AdGuard Home's `loadBalancer`. */
  readonly adguardLoadBalancer?: Record<string, unknown>;
  /** Merged into the mail server's `loadBalancer`. */
  readonly mailLoadBalancer?: Record<string, unknown>;
  /** Roundcube's database claim's size. */
  readonly roundcubeDbSize?: string;
  /** The props of `flux()`. */
  readonly flux?: Record<string, unknown>;
  /** Names the mini PC, a node of the cluster, as the split horizon's public target. */
  readonly miniAsPublicTarget?: boolean;
}

const DOMAIN = 'family-lab.net';
const MAIL_HOST = `mail.${DOMAIN}`;

function defineLab(changes: Changes = {}): (scope: Construct) => void {
  return guarded((app: Construct) => {
    const mini = host('mini', {
      arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10', model: 'Beelink Mini S12 Pro', memoryGigabytes: 16,
      disks: [{ media: 'nvme', sizeGigabytes: 500 }],
    });
    const pi = host('pi', { arch: 'arm64', roles: ['worker'], address: '192.168.1.11', model: 'Raspberry Pi 4 Model B', memoryGigabytes: 4 });
    const lab = site('home', {
      domain: DOMAIN, hosts: [mini, pi], git: { url: 'https://github.com/family/home-lab.git' },
      pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
    });

    class Main extends ClusterChart {
      constructor(scope: Construct) {
        super(scope, 'main', {
          site: lab, hosts: [mini, pi], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
          storage: { fast: localPathStorage() }, gitops: flux(changes.flux as any),
          routes: traefik({ address: lab.pools.vips.at('192.168.1.240') }),
          loadBalancer: metalLb({ pools: [lab.pools.vips] }),
          dns: {
            ...(changes.miniAsPublicTarget ? { publicTarget: mini } : {}),
            adguard: {
              url: 'http://adguard-home.adguard-home.svc:3000',
              username: SecretReference.external('external-dns', 'adguard-credentials', 'username'),
              password: SecretReference.external('external-dns', 'adguard-credentials', 'password'),
              ...changes.adguardDns,
            },
          },
          ...changes.cluster,
        } as any);

        // Certificates from Let's Encrypt, proved through Cloudflare's DNS (the names resolve inside the LAN only).
        new ClusterIssuer(this, 'letsencrypt', {
          name: 'letsencrypt',
          issuer: acmeIssuer({
            server: LETSENCRYPT_PRODUCTION, email: `admin@${DOMAIN}`,
            solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token') })],
            ...changes.issuer,
          } as any),
        });
        const certificate = new WildcardCertificate(this, 'wildcard', { issuer: 'letsencrypt', ...changes.certificate } as any);
        certificate.useIn('mail');

        // The LAN's DNS: AdGuard Home on .53 of the pool, UDP and TCP.
        new HomelabApp(this, 'adguard-home', {
          image: 'adguard/adguardhome:v0.107.57',
          ports: [{ name: 'http', port: 3000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
          persistence: {
            conf: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/opt/adguardhome/conf' },
            work: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/opt/adguardhome/work' },
          },
          exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
          route: { host: 'adguard' },
          loadBalancer: { address: lab.pools.vips.at('192.168.1.241'), ports: ['dns-tcp', 'dns-udp'], ...changes.adguardLoadBalancer },
          allowFrom: [{ namespace: 'external-dns' }],
          ...changes.adguard,
        } as any);

        // Unbound, AdGuard Home's upstream: recursive from the root servers.
        new HomelabApp(this, 'unbound', {
          image: 'klutchell/unbound:1.22.0',
          ports: [{ name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
          exemptions: {
            runAsRoot: 'unbound binds port 53 as root, then drops to its own user',
            addCapabilities: { capabilities: ['NET_BIND_SERVICE', 'SETUID', 'SETGID'], reason: 'unbound binds 53 and switches to its user' },
          },
          allowFrom: [{ namespace: 'adguard-home' }],
          ...changes.unbound,
        } as any);

        // The family's mail.
        const mailserver = new HomelabApp(this, 'mailserver', {
          namespace: 'mail',
          image: 'ghcr.io/docker-mailserver/docker-mailserver:15.0.2',
          ports: [
            { name: 'smtp', port: 25 }, { name: 'submissions', port: 465 }, { name: 'submission', port: 587 }, { name: 'imaps', port: 993 },
          ],
          env: {
            OVERRIDE_HOSTNAME: MAIL_HOST, POSTMASTER_ADDRESS: `postmaster@${DOMAIN}`,
            ENABLE_RSPAMD: '1', ENABLE_OPENDKIM: '0', ENABLE_OPENDMARC: '0', ENABLE_POLICYD_SPF: '0', ENABLE_AMAVIS: '0', ENABLE_SPAMASSASSIN: '0',
            ENABLE_CLAMAV: '0', ENABLE_FAIL2BAN: '0',
            SSL_TYPE: 'manual', SSL_CERT_PATH: '/secrets/ssl/rsa/tls.crt', SSL_KEY_PATH: '/secrets/ssl/rsa/tls.key',
            ...changes.mailserverEnv,
          },
          persistence: {
            data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/mail' },
            state: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/mail-state' },
            config: { volume: AppVolume.claim({ tier: 'fast', size: '100Mi' }), mountPath: '/tmp/docker-mailserver' },
            certificate: { volume: AppVolume.secret(certificate.secretName), mountPath: '/secrets/ssl/rsa' },
          },
          // As docker-mailserver's Kubernetes guide runs it.
          exemptions: {
            runAsRoot: 'supervisord starts Postfix, Dovecot and Rspamd as root',
            writableRootFilesystem: 'its start scripts rewrite their configuration under /etc',
            privilegeEscalation: "Postfix's postdrop is set-group-id",
            addCapabilities: {
              capabilities: ['CHOWN', 'FOWNER', 'MKNOD', 'SETGID', 'SETUID', 'DAC_OVERRIDE', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL'],
              reason: 'its daemons bind the mail ports, switch users and chroot',
            },
          },
          // Senders keep their own addresses, which SPF and the blocklists judge.
          loadBalancer: { address: lab.pools.vips.at('192.168.1.242'), externalTrafficPolicy: 'Local', ...changes.mailLoadBalancer },
          ...changes.mailserver,
        } as any);

        // The mail server's name on the LAN, which Roundcube and the family's phones dial.
        new DnsRecord(this, 'mail-record', { name: MAIL_HOST, targets: ['192.168.1.242'] });

        // Webmail.
        new HomelabApp(this, 'roundcube', {
          namespace: 'mail',
          image: 'roundcube/roundcubemail:1.6.10-apache-nonroot',
          ports: [{ name: 'http', port: 8000 }],
          env: {
            ROUNDCUBEMAIL_DEFAULT_HOST: `ssl://${MAIL_HOST}`, ROUNDCUBEMAIL_DEFAULT_PORT: '993',
            ROUNDCUBEMAIL_SMTP_SERVER: `ssl://${MAIL_HOST}`, ROUNDCUBEMAIL_SMTP_PORT: '465',
            ROUNDCUBEMAIL_DB_TYPE: 'sqlite',
            ...changes.roundcubeEnv,
          },
          persistence: {
            db: { volume: AppVolume.claim({ tier: 'fast', size: changes.roundcubeDbSize ?? '1Gi' }), mountPath: '/var/roundcube/db' },
            html: { volume: AppVolume.emptyDir(), mountPath: '/var/www/html' },
          },
          route: { host: 'webmail' },
          egress: (changes.roundcubeEgress ?? [mailserver]) as never,
          ...changes.roundcube,
        } as any);
      }
    }
    new Main(app);
  });
}

/**
 * The mistakes a person new to this makes, each with the exact findings it should give. Unbound's images name no
 * architecture (mvance/unbound is amd64's alone), so one left to land on the Pi is not judged here.
 */
const MISTAKES: ReadonlyArray<[string, Changes, string[]]> = [
  ['the DNS load balancer on TCP 53 alone', { adguardLoadBalancer: { ports: ['dns-tcp'] } }, [
    "error main/adguard-home loadBalancer.ports: the load balancer forwards DNS on port 53 over TCP alone (dns-tcp), while the app serves it over UDP too (dns-udp), and DNS clients ask over UDP first: the LoadBalancer Service forwards only the ports its list names, so every lookup would time out at its address | list the UDP port too: loadBalancer: { …, ports: ['dns-tcp', 'dns-udp'] }",
  ]],
  ['AdGuard Home without NET_BIND_SERVICE', { adguard: { exemptions: undefined } }, [
    "error main/adguard-home image: image \"adguard/adguardhome:v0.107.57\" runs AdGuard Home, whose binary /opt/adguardhome/AdGuardHome carries the file capabilities NET_BIND_SERVICE; with NET_BIND_SERVICE dropped the kernel refuses to run it (\"operation not permitted\"), whatever port it listens on | add it: exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'its binary carries NET_BIND_SERVICE as a file capability' } }",
  ]],
  ['the AdGuard URL without its scheme', { adguardDns: { url: 'adguard-home.adguard-home.svc:3000' } }, [
    "error main dns.adguard.url: AdGuard Home's url \"adguard-home.adguard-home.svc:3000\" is not a URL with its scheme, so external-dns cannot reach it | write it with its scheme and port, e.g. url: 'http://adguard-home.adguard-home.svc:3000'",
  ]],
  ['the AdGuard login written into its URL', { adguardDns: { url: 'http://admin:hunter22@adguard-home.adguard-home.svc:3000' } }, [
    "error main dns.adguard.url: AdGuard Home's url writes out a user and password before its host: the HelmRelease of external-dns would commit them in the clear, and the webhook logs in with username and password alone | write the URL without them, url: 'http://adguard-home.adguard-home.svc:3000', and give the user and password as keys of a Secret in namespace external-dns: username: sealed.key('username'), password: sealed.key('password')",
  ]],
  ['AdGuard Home closed to external-dns', { adguard: { allowFrom: undefined } }, [
    "error main dns.adguard.url: dns.adguard.url calls Service adguard-home.adguard-home:3000, but the NetworkPolicy of its pods admits nothing from external-dns' pods on that port: every connection would wait until it times out | let external-dns in where the callee is declared: allowFrom: [{ namespace: 'external-dns' }] on adguard-home (or adguardHome.addAllowFrom({ namespace: 'external-dns' })); for a policy written by hand, add an ingress rule that admits these pods",
  ]],
  ['docker-mailserver run as root alone', { mailserver: { exemptions: { runAsRoot: 'supervisord starts its daemons as root' } } }, [
    "error main/mailserver exemptions: ghcr.io/docker-mailserver/docker-mailserver:15.0.2 runs as root, but its root file system is read-only, and it is not given CHOWN, SETUID, SETGID: its start scripts can neither rewrite /etc nor give the mail folders to their users, and supervisord's daemons cannot switch to those users, so the container stops as it starts | run it as its Kubernetes guide does: exemptions: { runAsRoot: 'supervisord starts its daemons as root', writableRootFilesystem: 'its start scripts rewrite /etc', privilegeEscalation: 'Postfix\\'s postdrop is set-group-id', addCapabilities: { capabilities: ['CHOWN', 'FOWNER', 'MKNOD', 'SETGID', 'SETUID', 'DAC_OVERRIDE', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL'], reason: 'its daemons switch users and chroot' } }",
  ]],
  ["compose's hostname as OVERRIDE_HOSTNAME", { mailserverEnv: { OVERRIDE_HOSTNAME: 'mail' } }, [
    "error main/mailserver env.OVERRIDE_HOSTNAME: OVERRIDE_HOSTNAME \"mail\" is not a full host name: docker-mailserver's start script stops with \"Setting hostname/domainname is required\" | set OVERRIDE_HOSTNAME to the mail server's full name, the one its MX record and PTR name, e.g. env: { OVERRIDE_HOSTNAME: 'mail.example.com' }",
  ]],
  ["certbot's certificate path", { mailserverEnv: { SSL_TYPE: 'manual', SSL_CERT_PATH: '/etc/letsencrypt/live/mail.family-lab.net/fullchain.pem' } }, [
    "error main/mailserver env.SSL_CERT_PATH: SSL_CERT_PATH /etc/letsencrypt/live/mail.family-lab.net/fullchain.pem lies under no volume the container mounts (/secrets/ssl/rsa, /tmp/docker-mailserver, /var/mail, /var/mail-state): the image holds no such file, so the start script stops the container | mount the certificate's Secret at the folder of /etc/letsencrypt/live/mail.family-lab.net/fullchain.pem (persistence: { tls: { volume: AppVolume.secret(…), mountPath: '/etc/letsencrypt/live/mail.family-lab.net' } }), or point SSL_CERT_PATH into the folder it is mounted at",
  ]],
  ['SSL_TYPE named after cert-manager', { mailserverEnv: { SSL_TYPE: 'cert-manager' } }, [
    "error main/mailserver env.SSL_TYPE: SSL_TYPE \"cert-manager\" is none of the values docker-mailserver's start script takes (letsencrypt, custom, manual, self-signed, snakeoil): it stops the container as it starts | for a certificate cert-manager keeps in a Secret, mount the Secret and write SSL_TYPE: 'manual', SSL_CERT_PATH: '<mount>/tls.crt', SSL_KEY_PATH: '<mount>/tls.key'",
  ]],
  ['Fail2Ban on without its capabilities', { mailserverEnv: { ENABLE_FAIL2BAN: '1' } }, [
    "error main/mailserver env.ENABLE_FAIL2BAN: Fail2Ban bans an address by adding a rule to the pod's firewall, which needs NET_ADMIN and NET_RAW, and the container is not given them: every ban fails with \"Operation not permitted\", and the addresses that guess passwords are never kept out | add 'NET_ADMIN', 'NET_RAW' to exemptions.addCapabilities.capabilities (reason: 'Fail2Ban writes its bans into the pod\\'s firewall'), or leave ENABLE_FAIL2BAN unset",
  ]],
  ['the mail load balancer keeping the default traffic policy', { mailLoadBalancer: { externalTrafficPolicy: undefined } }, [
    "error main/mailserver loadBalancer.externalTrafficPolicy: the load balancer exposes SMTP on port smtp (25) with externalTrafficPolicy Cluster (the default), which replaces each sender's address with a node's: SPF, DNS blocklists and the relay rules of the mail server would judge the node, not the sender, so forged mail passes and a server that trusts the LAN relays for the internet | keep the senders' addresses: loadBalancer: { …, externalTrafficPolicy: 'Local' }",
  ]],
  ['the mail server routed through the ingress', { mailserver: { route: { host: 'imap', port: 993 } } }, [
    "error main/mailserver route.port: port 993 (imaps) serves IMAP over TLS, mail's own protocol, not HTTP, and the route carries HTTP: every mail client and server would be answered in HTTP, or not at all | serve mail ports through the app's load balancer, loadBalancer: { address, ports: ['smtp', 'submission', 'imaps'], externalTrafficPolicy: 'Local' }, (or a TCP route, addTcpRoute) and route only the web port of the mail server",
  ]],
  ['Roundcube on IMAPS without ssl://', { roundcubeEnv: { ROUNDCUBEMAIL_DEFAULT_HOST: MAIL_HOST } }, [
    "error main/roundcube env.ROUNDCUBEMAIL_DEFAULT_HOST: ROUNDCUBEMAIL_DEFAULT_HOST mail.family-lab.net with ROUNDCUBEMAIL_DEFAULT_PORT 993: port 993 serves IMAP over TLS from the first byte, and Roundcube speaks plain text to it, so the server never answers a login | ROUNDCUBEMAIL_DEFAULT_HOST: 'ssl://mail.family-lab.net' (TLS at once on 993), or 'tls://mail.family-lab.net' with ROUNDCUBEMAIL_DEFAULT_PORT: '143' (STARTTLS)",
  ]],
  ['Roundcube on 465 with tls://', { roundcubeEnv: { ROUNDCUBEMAIL_SMTP_SERVER: `tls://${MAIL_HOST}` } }, [
    "error main/roundcube env.ROUNDCUBEMAIL_SMTP_SERVER: ROUNDCUBEMAIL_SMTP_SERVER tls://mail.family-lab.net with ROUNDCUBEMAIL_SMTP_PORT 465: port 465 serves SMTP over TLS from the first byte, and Roundcube greets it in plain text to ask for STARTTLS, so the server never answers a login | ROUNDCUBEMAIL_SMTP_SERVER: 'ssl://mail.family-lab.net' (TLS at once on 465), or 'tls://mail.family-lab.net' with ROUNDCUBEMAIL_SMTP_PORT: '587' (STARTTLS)",
  ]],
  ['the ACME email as a mailto: URI', { issuer: { email: `mailto:admin@${DOMAIN}` } }, [
    "error main/letsencrypt issuer.email: email \"mailto:admin@family-lab.net\" is written as a URI; the ACME client adds mailto: itself, so the server is sent \"mailto:mailto:admin@family-lab.net\", which it refuses to register | give the mailbox alone: email: 'admin@family-lab.net'",
  ]],
  ["Let's Encrypt without /directory", { issuer: { server: 'https://acme-v02.api.letsencrypt.org' } }, [
    "error main/letsencrypt issuer.server: server \"https://acme-v02.api.letsencrypt.org\" is not Let's Encrypt's directory URL, which ends in /directory: cert-manager fetches the directory from the URL as given and the issuer never becomes ready | give the directory: server: LETSENCRYPT_PRODUCTION (https://acme-v02.api.letsencrypt.org/directory)",
  ]],
  ['the wildcard written with its star', { certificate: { domain: `*.${DOMAIN}` } }, [
    "error main/wildcard domain: domain \"*.family-lab.net\" starts with *., which the certificate adds itself: it would ask for *.*.family-lab.net, which no CA signs | give the domain alone: domain: 'family-lab.net' covers *.family-lab.net and family-lab.net",
  ]],
  ['AdGuard Home placed by host name', { adguard: { placement: { host: 'mini' } } }, [
    "error main/adguard-home placement.host: placement.host is \"mini\", not a host of the inventory (declared with host('name', { … })) | \"mini\" names host('mini', …) of the inventory: pass the host object that host() returned (the const it is kept in), not its name",
  ]],
  ['a claim sized in compose units', { roundcubeDbSize: '1GB' }, [
    "error main/roundcube persistence.db.volume.claim.size: \"1GB\" is not a size | write '1Gi': docker's 1GB is 1Gi here (Kubernetes' units are Ki, Mi, Gi, Ti, or k, M, G, T)",
  ]],
  ['ENABLE_RSPAMD as a YAML boolean', { mailserverEnv: { ENABLE_RSPAMD: true } }, [
    "error main/mailserver env.ENABLE_RSPAMD: container \"mailserver\": env ENABLE_RSPAMD is the boolean true; environment values are text | write it as a string: ENABLE_RSPAMD: 'true'",
  ]],
  ['the mini PC named as the public target', { miniAsPublicTarget: true }, [
    "error main dns.cloudflare: cluster \"main\" runs on the public target mini but names no Cloudflare token for its public records | for records on the LAN alone, in AdGuard Home, leave dns.publicTarget out (mini is a node of this cluster, which would then write public records); to publish them too, set dns.cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare-api-token', 'api-token') }",
  ]],
  ["Cloudflare's token kept beside the mail server", {
    issuer: { solvers: [cloudflareDns01({ apiToken: SecretReference.external('mail', 'cloudflare-api-token', 'api-token') })] },
  }, [
    "error main/letsencrypt issuer.secrets: Secret mail/cloudflare-api-token is not in namespace cert-manager, where a ClusterIssuer reads its Secrets | create the Secret in namespace cert-manager",
  ]],
  ["the relay's password written into env", { mailserverEnv: { DEFAULT_RELAY_HOST: '[smtp.fastmail.com]:587', RELAY_USER: 'family@fastmail.com', RELAY_PASSWORD: 'correct-horse-battery' } }, [
    "error main/mailserver env.RELAY_PASSWORD: RELAY_PASSWORD is set to a literal value; a secret would be committed in the clear | pass a SecretReference: env: { RELAY_PASSWORD: SecretReference.external('mail', 'mailserver', 'relay-password') }",
  ]],
  ['the DNS address written as text', { adguardLoadBalancer: { address: '192.168.1.241' } }, [
    "error main/adguard-home loadBalancer.address: loadBalancer.address is \"192.168.1.241\", not an address taken from an inventory pool (site.pools.<pool>.at(…)) | take the address from pool vips of site('home', …), which holds it: <site>.pools.vips.at('192.168.1.241'), where <site> is the const that site is kept in",
  ]],
  ['the mail server named as a peer by its id', { roundcubeEgress: [{ app: 'mailserver' }] }, [
    "error main/roundcube egress[0].app: egress[0] names app \"mailserver\" by a prop a peer does not have (app); the peer would select no pod, and the policy would leave mailserver out | pass the app itself, egress: [mailserver] (the const the app is kept in), or its pods: { namespace: 'mail', podLabels: { 'app.kubernetes.io/name': 'mailserver' } }",
  ]],
  ['flux interval in seconds', { flux: { interval: '60' } }, [
    "error main gitops.interval: interval is \"60\", not a duration such as 30s, 10m or 1h30m | a duration is text with its unit, as Go writes it: for 60 seconds write interval: '1m'",
  ]],
];

describe('a new user lab: the LAN DNS and the family mail at home', () => {
  const obvious = synthInMemory(defineLab());
  expectObviousLabClean(() => obvious);

  test.each(MISTAKES)('%s', (_name, changes, expected) => {
    const shown = shownFindings(synthInMemory(defineLab(changes)).findings);
    expect(shown).toEqual(expected);
  });
});

