import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainersProps, propEnvValue } from './prop-containers';

// docker-mailserver is one container of many daemons (Postfix, Dovecot, Rspamd or Amavis, Fail2Ban) that
// supervisord starts as root; its start scripts rewrite their configuration under /etc, create their users and
// stop the container ("panic") on a setting they cannot honour. Its Kubernetes guide runs it as root, on a
// writable root, with the capabilities listed below.

/** docker-mailserver's images, on GitHub's registry and Docker Hub (and the project's former name). */
const MAIL_SERVER_IMAGE = /^(?:(?:ghcr\.io|docker\.io)\/)?(?:docker-mailserver\/docker-mailserver|mailserver\/docker-mailserver|tvial\/docker-mailserver)(?=[:@]|$)/;

/** The capabilities its Kubernetes guide adds, all others dropped. */
const MAIL_SERVER_CAPABILITIES = ['CHOWN', 'FOWNER', 'MKNOD', 'SETGID', 'SETUID', 'DAC_OVERRIDE', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL'];
/** Of those, what its start scripts and supervisord stop without as root: `chown` of the mail folders, and the switch to each daemon's user. */
const MAIL_SERVER_START_CAPABILITIES = ['CHOWN', 'SETUID', 'SETGID'];
/** What Fail2Ban needs beside them to write its bans into the pod's firewall. */
const FAIL2BAN_CAPABILITIES = ['NET_ADMIN', 'NET_RAW'];

/** The values its start script takes for `SSL_TYPE`; any other stops the container. */
const SSL_TYPES = ['', 'letsencrypt', 'custom', 'manual', 'self-signed', 'snakeoil'];

const text = (env: unknown, name: string): string | undefined => {
  const value = propEnvValue(env, name);
  return typeof value === 'string' ? value : undefined;
};
const quoted = (list: readonly string[]) => list.map((c) => `'${c}'`).join(', ');

/**
 * What makes a docker-mailserver container stop at start or leave its defences off: run as a non-root user; no full
 * host name in `OVERRIDE_HOSTNAME`; Fail2Ban
 * turned on (`ENABLE_FAIL2BAN=1`) without `NET_ADMIN` and `NET_RAW`, so each ban fails and no attacker is ever
 * kept out; an `SSL_TYPE` its start script does not know; and `SSL_TYPE=manual` without `SSL_CERT_PATH` and
 * `SSL_KEY_PATH`, or with one outside every volume the container mounts (a cert-manager Secret's `tls.crt`
 * mounted elsewhere), where the script finds no file and stops. One problem per container, on the prop to change. Pure.
 */
export function mailServerProblems(props: PropContainersProps, app: string): PropProblem[] {
  return propContainers(props, app).flatMap(({ container, prefix, mountPaths }) => {
    if (typeof container.image !== 'string' || !MAIL_SERVER_IMAGE.test(container.image)) {
      return [];
    }
    const exemptions = container.exemptions;
    const privileged = exemptions?.privileged !== undefined;
    if (exemptions?.runAsRoot === undefined && !privileged) {
      return [{
        field: `${prefix}image`,
        message: `${container.image} runs its daemons under supervisord, started as root, whose start scripts create the mail users and rewrite their configuration under /etc: `
          + 'as a non-root user on a read-only root it stops as it starts',
        hint: `run it as its Kubernetes guide does: ${guideExemptions(prefix, exemptions?.runAsRoot)}`,
      }];
    }
    const short = privileged ? [] : rootShortfall(exemptions);
    if (short.length > 0) {
      return [{
        field: `${prefix}exemptions`,
        message: `${container.image} runs as root, but ${short.join(', and ')}: its start scripts can neither rewrite /etc nor give the mail folders to their users, and supervisord's daemons cannot switch to those users, so the container stops as it starts`,
        hint: `run it as its Kubernetes guide does: ${guideExemptions(prefix, exemptions?.runAsRoot)}`,
      }];
    }
    const hostname = hostnameProblem(container.env, prefix);
    if (hostname !== undefined) {
      return [hostname];
    }
    const added: unknown[] = Array.isArray(exemptions?.addCapabilities?.capabilities) ? exemptions!.addCapabilities!.capabilities : [];
    const fail2ban = text(container.env, 'ENABLE_FAIL2BAN')?.trim();
    const missing = FAIL2BAN_CAPABILITIES.filter((cap) => !added.includes(cap));
    if (fail2ban === '1' && !privileged && missing.length > 0) {
      return [{
        field: `${prefix}env.ENABLE_FAIL2BAN`,
        message: `Fail2Ban bans an address by adding a rule to the pod's firewall, which needs ${missing.join(' and ')}, and the container is not given ${missing.length > 1 ? 'them' : 'it'}: `
          + 'every ban fails with "Operation not permitted", and the addresses that guess passwords are never kept out',
        hint: `add ${quoted(missing)} to ${prefix}exemptions.addCapabilities.capabilities (reason: 'Fail2Ban writes its bans into the pod\\'s firewall'), or leave ENABLE_FAIL2BAN unset`,
      }];
    }
    return sslProblems(container.env, prefix, mountPaths);
  });
}

/** The exemptions docker-mailserver's Kubernetes guide runs it with, the user's own reason for root kept. Pure. */
function guideExemptions(prefix: string, runAsRoot: string | undefined): string {
  const reason = (runAsRoot ?? 'supervisord starts Postfix and Dovecot as root').replace(/'/g, "\\'");
  return `${prefix}exemptions: { runAsRoot: '${reason}', writableRootFilesystem: 'its start scripts rewrite /etc', `
    + `privilegeEscalation: 'Postfix\\'s postdrop is set-group-id', addCapabilities: { capabilities: [${quoted(MAIL_SERVER_CAPABILITIES)}], reason: 'its daemons switch users and chroot' } }`;
}

/**
 * What a root container of docker-mailserver lacks of what its start cannot do without: the root file system its
 * scripts rewrite, and the capabilities it changes owners and switches users with (a root process holds only the
 * capabilities the container is given). The guide's others (binding the mail ports, where the runtime opens low
 * ports to every user, chroot, device nodes) are left to its hint. Each as the message words it. Pure.
 */
function rootShortfall(exemptions: PropContainersProps['exemptions']): string[] {
  const added: unknown[] = Array.isArray(exemptions?.addCapabilities?.capabilities) ? exemptions!.addCapabilities!.capabilities : [];
  const missing = MAIL_SERVER_START_CAPABILITIES.filter((cap) => !added.includes(cap));
  return [
    ...(exemptions?.writableRootFilesystem === undefined ? ['its root file system is read-only'] : []),
    ...(missing.length > 0 ? [`it is not given ${missing.join(', ')}`] : []),
  ];
}

/**
 * A mail server without a full host name: a pod's own host name is its name alone (`mail-7c9f…`), which the start
 * script refuses ("Setting hostname/domainname is required"), so `OVERRIDE_HOSTNAME` must give one of two labels or more.
 */
function hostnameProblem(env: unknown, prefix: string): PropProblem | undefined {
  const given = propEnvValue(env, 'OVERRIDE_HOSTNAME');
  if (given !== undefined && (typeof given !== 'string' || /^\S+\.\S+$/.test(given))) {
    return undefined;
  }
  return {
    field: given === undefined ? `${prefix}env` : `${prefix}env.OVERRIDE_HOSTNAME`,
    message: given === undefined
      ? "docker-mailserver takes its name from the pod's host name, which under Kubernetes is the pod's name alone, not a full name: its start script stops with \"Setting hostname/domainname is required\""
      : `OVERRIDE_HOSTNAME ${JSON.stringify(given)} is not a full host name: docker-mailserver's start script stops with "Setting hostname/domainname is required"`,
    hint: "set OVERRIDE_HOSTNAME to the mail server's full name, the one its MX record and PTR name, e.g. env: { OVERRIDE_HOSTNAME: 'mail.example.com' }",
  };
}

/** An `SSL_TYPE` the start script does not know, or `manual` whose files it cannot find. */
function sslProblems(env: unknown, prefix: string, mountPaths: ReadonlySet<string>): PropProblem[] {
  const type = text(env, 'SSL_TYPE');
  if (type === undefined) {
    return [];
  }
  if (!SSL_TYPES.includes(type)) {
    return [{
      field: `${prefix}env.SSL_TYPE`,
      message: `SSL_TYPE ${JSON.stringify(type)} is none of the values docker-mailserver's start script takes (${SSL_TYPES.filter((t) => t !== '').join(', ')}): it stops the container as it starts`,
      hint: "for a certificate cert-manager keeps in a Secret, mount the Secret and write SSL_TYPE: 'manual', SSL_CERT_PATH: '<mount>/tls.crt', SSL_KEY_PATH: '<mount>/tls.key'",
    }];
  }
  if (type !== 'manual') {
    return [];
  }
  for (const name of ['SSL_CERT_PATH', 'SSL_KEY_PATH']) {
    const file = propEnvValue(env, name);
    if (file === undefined) {
      return [{
        field: `${prefix}env.SSL_TYPE`,
        message: `SSL_TYPE manual reads the certificate and key from the files SSL_CERT_PATH and SSL_KEY_PATH name, and ${name} is not set: the start script finds no file and stops the container`,
        hint: "mount the certificate's Secret (e.g. at /secrets/tls) and set SSL_CERT_PATH: '/secrets/tls/tls.crt', SSL_KEY_PATH: '/secrets/tls/tls.key'",
      }];
    }
    if (typeof file === 'string' && file.startsWith('/') && ![...mountPaths].some((mount) => file.startsWith(`${mount.replace(/\/$/, '')}/`))) {
      return [{
        field: `${prefix}env.${name}`,
        message: `${name} ${file} lies under no volume the container mounts (${mountPaths.size === 0 ? 'it mounts none' : [...mountPaths].sort().join(', ')}): the image holds no such file, so the start script stops the container`,
        hint: `mount the certificate's Secret at the folder of ${file} (persistence: { tls: { volume: AppVolume.secret(…), mountPath: '${file.replace(/\/[^/]*$/, '') || '/'}' } }), or point ${name} into the folder it is mounted at`,
      }];
    }
  }
  return [];
}
