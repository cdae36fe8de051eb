import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { ROUNDCUBE_IMAGE } from './roundcube-images';

// Roundcube's image writes `imap_host` as `<ROUNDCUBEMAIL_DEFAULT_HOST>:<ROUNDCUBEMAIL_DEFAULT_PORT>` and `smtp_host` as
// `<ROUNDCUBEMAIL_SMTP_SERVER>:<ROUNDCUBEMAIL_SMTP_PORT>`, the ports 143 and 587 unless set. The host's scheme picks how
// Roundcube talks to the server: `ssl://` opens TLS at once (IMAPS on 993, SMTPS on 465), `tls://` speaks plain text and
// then asks for STARTTLS (IMAP on 143, submission on 587), no scheme stays plain text. A provider's implicit-TLS port
// spoken to in plain text, or a STARTTLS port greeted with a TLS handshake, never answers a login: the login page says
// "Connection to storage server failed", or every message sent fails with "SMTP Error: Connection to server failed".

/** A mail server Roundcube's image is pointed at, by its two variables. */
interface MailServerSetting {
  /** What the server is, as messages name it. */
  readonly server: string;
  readonly hostVariable: string;
  readonly portVariable: string;
  /** The port the image writes when its variable is unset. */
  readonly defaultPort: number;
  /** The port served over TLS from the first byte. */
  readonly implicitTls: number;
  /** The ports that speak plain text first and offer STARTTLS. */
  readonly startTls: readonly number[];
}

const MAIL_SERVERS: readonly MailServerSetting[] = [
  { server: 'IMAP', hostVariable: 'ROUNDCUBEMAIL_DEFAULT_HOST', portVariable: 'ROUNDCUBEMAIL_DEFAULT_PORT', defaultPort: 143, implicitTls: 993, startTls: [143] },
  { server: 'SMTP', hostVariable: 'ROUNDCUBEMAIL_SMTP_SERVER', portVariable: 'ROUNDCUBEMAIL_SMTP_PORT', defaultPort: 587, implicitTls: 465, startTls: [25, 587] },
];

/** The value of variable `name` written out (a string or a number), or undefined. Pure. */
function writtenValue(env: Record<string, unknown>, name: string): string | undefined {
  const value = env[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
}

/**
 * The problem of one server's host and port, or undefined where they agree (or are not written out). Only the
 * well-known ports are judged: another port may be either. Pure.
 */
function mailServerProblem(setting: MailServerSetting, env: Record<string, unknown>, prefix: string): PropProblem | undefined {
  const host = writtenValue(env, setting.hostVariable);
  const portText = writtenValue(env, setting.portVariable);
  const parsed = host === undefined ? null : /^(?:(ssl|tls):\/\/)?([^:/\s]+)$/i.exec(host);
  if (parsed === null || (portText !== undefined && !/^\d+$/.test(portText))) {
    return undefined;
  }
  const scheme = parsed[1]?.toLowerCase();
  const name = parsed[2];
  const port = portText === undefined ? setting.defaultPort : Number(portText);
  const portSaid = portText === undefined ? `${setting.portVariable} unset, so ${port}` : `${setting.portVariable} ${port}`;
  if (port === setting.implicitTls && scheme !== 'ssl') {
    return {
      field: `${prefix}env.${setting.hostVariable}`,
      message: `${setting.hostVariable} ${host} with ${portSaid}: port ${port} serves ${setting.server} over TLS from the first byte, and Roundcube `
        + `${scheme === 'tls' ? 'greets it in plain text to ask for STARTTLS' : 'speaks plain text to it'}, so the server never answers a login`,
      hint: `${setting.hostVariable}: 'ssl://${name}' (TLS at once on ${port}), or 'tls://${name}' with ${setting.portVariable}: '${setting.startTls[setting.startTls.length - 1]}' (STARTTLS)`,
    };
  }
  if (scheme === 'ssl' && setting.startTls.includes(port)) {
    return {
      field: `${prefix}env.${setting.hostVariable}`,
      message: `${setting.hostVariable} ${host} with ${portSaid}: ssl:// opens TLS at once, and port ${port} speaks plain text first and offers STARTTLS, `
        + 'so the handshake fails and the server never answers a login',
      hint: `${setting.portVariable}: '${setting.implicitTls}' for TLS at once, or ${setting.hostVariable}: 'tls://${name}' to ask for STARTTLS on ${port}`,
    };
  }
  return undefined;
}

/**
 * Containers of Roundcube's image whose IMAP or SMTP host and port disagree on TLS: a host without `ssl://` on the
 * implicit-TLS port (993, 465), or `ssl://` on a STARTTLS port (143, 587 or 25, the default ports included). One
 * error each, on the host's variable. Values from a Secret, hosts with a port of their own or another scheme are left
 * alone. Pure.
 */
export function roundcubeMailServerProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !ROUNDCUBE_IMAGE.test(container.image) || container.env === null || typeof container.env !== 'object') {
      return [];
    }
    const env = container.env as Record<string, unknown>;
    return MAIL_SERVERS.flatMap((setting) => mailServerProblem(setting, env, prefix) ?? []);
  });
}
