import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { FORGE_IMAGES } from './image-listen-ports';
import { VAULTWARDEN_IMAGE } from './household-app-images';
import { PAPERLESS_IMAGE } from './root-started-images';
import { AUTHENTIK_IMAGE } from './authentik-settings';
import { NEXTCLOUD_IMAGE } from './wopi-hosts';
import { SMTP_IMPLICIT_TLS_PORT, SMTP_STARTTLS_PORTS } from './smtp-ports';
import { POSTFIX_RELAY_IMAGE } from './postfix-relay-image';
import { relayHostPort } from './postfix-relay-warnings';

// Each app's mailer is told in its own words whether to open TLS from the first byte or to speak plain text and ask
// for STARTTLS, and a newcomer copies the port from the provider's page and the mode from another app's guide (or, for
// Gitea, from its own email guide, whose example wrote `PROTOCOL = smtps` beside port 587). The two must agree with the
// port (see smtp-ports.ts), or every password reset, invitation and alert the app mails is lost. Only the well-known
// ports are judged, only where the app's mail is set up, and a setting read from a ConfigMap or a Secret is the owner's.

/** How an app's env sets up its mailer, as far as TLS and the port go. */
interface MailerSetting {
  /** The variable that chose the mode, where one did (else the mailer's own default chose it). */
  readonly modeVariable?: string;
  /** The mode as the env writes it, for messages (`SMTP_SECURITY 'force_tls'`). */
  readonly modeText: string;
  /** Whether the mailer opens TLS from the first byte. */
  readonly implicit: boolean;
  /** The variable that holds the port (or, for the relay, the host and port). */
  readonly portVariable: string;
  /** The port the mailer connects to: the one written, else the one it picks itself. */
  readonly port: number;
  /** What to write for TLS from the first byte. */
  readonly implicitSetting: string;
  /** What to write for plain text and STARTTLS. */
  readonly startTlsSetting: string;
  /** What to write to connect to another port. */
  readonly portSetting: (port: number) => string;
}

/** One app's mailer: its name, its image and how its env reads. */
interface Mailer {
  /** The app as messages name it. */
  readonly app: string;
  /** The images that run it. */
  readonly image: RegExp;
  /** The setting of the env, or undefined where mail is not set up or a value is not written out. */
  readonly read: (env: Readonly<Record<string, unknown>>) => MailerSetting | undefined;
  /** A problem of the env beyond the port, such as two modes at once. */
  readonly conflict?: (env: Readonly<Record<string, unknown>>) => Omit<PropProblem, 'field'> & { variable: string } | undefined;
}

/** The text of variable `name` as written (a number too), or undefined where it is unset or read from a source. Pure. */
function text(env: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = env[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
}

/** Whether `name` is set at all, written out or read from a source. Pure. */
function isSet(env: Readonly<Record<string, unknown>>, name: string): boolean {
  return env[name] !== undefined && env[name] !== null && env[name] !== '';
}

/** A port written as digits, or undefined. Pure. */
function portOf(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,5}$/.test(value) ? Number(value) : undefined;
}

/**
 * A boolean of the env as `truthy` reads it: true, false for an unset or empty variable or one of `falsy`, undefined for
 * another text or a value read from a source (the check then leaves the mailer alone). Pure.
 */
function flag(env: Readonly<Record<string, unknown>>, name: string, truthy: readonly string[], falsy: readonly string[]): boolean | undefined {
  if (env[name] === undefined || env[name] === '') {
    return false;
  }
  const value = text(env, name)?.toLowerCase();
  return value === undefined ? undefined : truthy.includes(value) ? true : falsy.includes(value) ? false : undefined;
}

/** Django's two switches (`EMAIL_USE_TLS` for STARTTLS, `EMAIL_USE_SSL` for TLS at once) under the app's `prefix`. */
function djangoMailer(app: string, image: RegExp, prefix: string, truthy: readonly string[], falsy: readonly string[]): Mailer {
  const [host, port, tls, ssl] = ['HOST', 'PORT', 'USE_TLS', 'USE_SSL'].map((name) => `${prefix}${name}`);
  const switches = (env: Readonly<Record<string, unknown>>) => ({ startTls: flag(env, tls, truthy, falsy), implicit: flag(env, ssl, truthy, falsy) });
  return {
    app, image,
    read: (env) => {
      const { startTls, implicit } = switches(env);
      const given = text(env, port);
      if (!isSet(env, host) || startTls === undefined || implicit === undefined || (given === undefined && isSet(env, port)) || (startTls && implicit)) {
        return undefined;
      }
      return {
        modeVariable: implicit ? ssl : startTls ? tls : undefined,
        modeText: implicit ? `${ssl} on` : startTls ? `${tls} on` : `neither ${tls} nor ${ssl} on`,
        implicit, portVariable: port, port: portOf(given) ?? 25,
        implicitSetting: `${ssl}: 'true' (and ${tls} off)`, startTlsSetting: `${tls}: 'true' (and ${ssl} off)`, portSetting: (to) => `${port}: '${to}'`,
      };
    },
    conflict: (env) => {
      const { startTls, implicit } = switches(env);
      return isSet(env, host) && startTls === true && implicit === true ? {
        variable: ssl,
        message: `${tls} and ${ssl} are both on: ${app}'s mailer (Django's) refuses them together ("EMAIL_USE_TLS/EMAIL_USE_SSL are mutually exclusive"), so every mail ${app} sends fails`,
        hint: `keep one: ${tls}: 'true' for STARTTLS on 587, or ${ssl}: 'true' for TLS at once on 465`,
      } : undefined;
    },
  };
}

/** Gitea's or Forgejo's `[mailer]` section, whose `PROTOCOL` and `SMTP_PORT` it infers from each other when one is left out. */
function forgeMailer(app: string, image: RegExp, prefixes: readonly string[]): Mailer {
  return {
    app, image,
    read: (env) => {
      const prefix = prefixes.find((p) => isSet(env, `${p}PROTOCOL`) || isSet(env, `${p}SMTP_PORT`)) ?? prefixes[0];
      const [protocolVariable, portVariable] = [`${prefix}PROTOCOL`, `${prefix}SMTP_PORT`];
      const protocol = text(env, protocolVariable)?.toLowerCase();
      const port = portOf(text(env, portVariable));
      if (text(env, `${prefix}ENABLED`)?.toLowerCase() === 'false' || port === undefined || !['smtp', 'smtps', 'smtp+starttls'].includes(protocol ?? '')) {
        return undefined;
      }
      return {
        modeVariable: protocolVariable, modeText: `${protocolVariable} '${protocol}'`, implicit: protocol === 'smtps', portVariable, port,
        implicitSetting: `${protocolVariable}: 'smtps'`, startTlsSetting: `${protocolVariable}: 'smtp+starttls'`, portSetting: (to) => `${portVariable}: '${to}'`,
      };
    },
  };
}

const MAILERS: readonly Mailer[] = [
  {
    // SMTP_SECURITY: starttls (the default, port 587 unless set), force_tls (465) or off (25).
    app: 'Vaultwarden', image: VAULTWARDEN_IMAGE,
    read: (env) => {
      const security = isSet(env, 'SMTP_SECURITY') ? text(env, 'SMTP_SECURITY')?.toLowerCase() : 'starttls';
      const given = text(env, 'SMTP_PORT');
      const defaults: Record<string, number> = { starttls: 587, force_tls: 465, off: 25 };
      if (!isSet(env, 'SMTP_HOST') || isSet(env, 'SMTP_SSL') || isSet(env, 'SMTP_EXPLICIT_TLS') || security === undefined || !(security in defaults)
        || (given === undefined && isSet(env, 'SMTP_PORT'))) {
        return undefined;
      }
      return {
        modeVariable: isSet(env, 'SMTP_SECURITY') ? 'SMTP_SECURITY' : undefined,
        modeText: isSet(env, 'SMTP_SECURITY') ? `SMTP_SECURITY '${security}'` : "SMTP_SECURITY left at 'starttls'",
        implicit: security === 'force_tls', portVariable: 'SMTP_PORT', port: portOf(given) ?? defaults[security],
        implicitSetting: "SMTP_SECURITY: 'force_tls'", startTlsSetting: "SMTP_SECURITY: 'starttls'", portSetting: (to) => `SMTP_PORT: '${to}'`,
      };
    },
  },
  djangoMailer('Paperless-ngx', PAPERLESS_IMAGE, 'PAPERLESS_EMAIL_', ['yes', 'y', '1', 't', 'true'], ['no', 'n', '0', 'f', 'false']),
  djangoMailer('Authentik', AUTHENTIK_IMAGE, 'AUTHENTIK_EMAIL__', ['true'], ['false']),
  forgeMailer('Gitea', FORGE_IMAGES.gitea, ['GITEA__mailer__']),
  forgeMailer('Forgejo', FORGE_IMAGES.forgejo, ['FORGEJO__mailer__', 'GITEA__mailer__']),
  {
    // The image writes SMTP_SECURE into mail_smtpsecure; Nextcloud opens TLS at once for 'ssl' alone, and otherwise
    // leaves it to its mailer, which does so on 465 by itself and asks for STARTTLS elsewhere: only 'ssl' can miss.
    app: 'Nextcloud', image: NEXTCLOUD_IMAGE,
    read: (env) => {
      const given = text(env, 'SMTP_PORT');
      if (!isSet(env, 'SMTP_HOST') || text(env, 'SMTP_SECURE')?.toLowerCase() !== 'ssl' || (given === undefined && isSet(env, 'SMTP_PORT'))) {
        return undefined;
      }
      return {
        modeVariable: 'SMTP_SECURE', modeText: "SMTP_SECURE 'ssl'", implicit: true, portVariable: 'SMTP_PORT', port: portOf(given) ?? SMTP_IMPLICIT_TLS_PORT,
        implicitSetting: "SMTP_SECURE: 'ssl'", startTlsSetting: 'no SMTP_SECURE (Nextcloud then asks for STARTTLS by itself)', portSetting: (to) => `SMTP_PORT: '${to}'`,
      };
    },
  },
  {
    // boky/postfix writes RELAYHOST into relayhost as given; Postfix's client speaks plain text first and asks for
    // STARTTLS unless smtp_tls_wrappermode is yes, which the image leaves to POSTFIX_smtp_tls_wrappermode.
    app: 'the Postfix relay', image: POSTFIX_RELAY_IMAGE,
    read: (env) => {
      const relay = text(env, 'RELAYHOST');
      const wrapper = flag(env, 'POSTFIX_smtp_tls_wrappermode', ['yes'], ['no']);
      const target = relay === undefined ? undefined : relayHostPort(relay);
      if (target === undefined || wrapper === undefined) {
        return undefined;
      }
      const { host, port } = target;
      return {
        modeVariable: isSet(env, 'POSTFIX_smtp_tls_wrappermode') ? 'POSTFIX_smtp_tls_wrappermode' : undefined,
        modeText: wrapper ? "POSTFIX_smtp_tls_wrappermode 'yes'" : 'no POSTFIX_smtp_tls_wrappermode',
        implicit: wrapper, portVariable: 'RELAYHOST', port,
        implicitSetting: "POSTFIX_smtp_tls_wrappermode: 'yes', POSTFIX_smtp_tls_security_level: 'encrypt'",
        startTlsSetting: 'no POSTFIX_smtp_tls_wrappermode', portSetting: (to) => `RELAYHOST: '${host}:${to}'`,
      };
    },
  },
];

/** The problem of `setting` of `mailer`, or undefined where its mode fits its port. Pure. */
function portProblem(mailer: Mailer, setting: MailerSetting, prefix: string): PropProblem | undefined {
  const field = `${prefix}env.${setting.modeVariable ?? setting.portVariable}`;
  if (setting.implicit && SMTP_STARTTLS_PORTS.includes(setting.port)) {
    return {
      field,
      message: `${setting.modeText} with port ${setting.port}: ${mailer.app}'s mailer opens TLS from the first byte, and port ${setting.port} greets in plain text `
        + `and offers STARTTLS, so every mail ${mailer.app} sends (password resets, invitations, alerts) fails with "wrong version number"`,
      hint: `for STARTTLS on ${setting.port}: ${setting.startTlsSetting}; or ${setting.portSetting(SMTP_IMPLICIT_TLS_PORT)} for TLS at once`,
    };
  }
  if (!setting.implicit && setting.port === SMTP_IMPLICIT_TLS_PORT) {
    return {
      field,
      message: `${setting.modeText} with port ${SMTP_IMPLICIT_TLS_PORT}: ${mailer.app}'s mailer waits in plain text for a greeting, and port ${SMTP_IMPLICIT_TLS_PORT} `
        + `speaks TLS from the first byte and never sends one, so every mail ${mailer.app} sends (password resets, invitations, alerts) times out`,
      hint: `for TLS at once on ${SMTP_IMPLICIT_TLS_PORT}: ${setting.implicitSetting}; or for STARTTLS on 587: ${setting.portSetting(587)}, ${setting.startTlsSetting}`,
    };
  }
  return undefined;
}

/**
 * Containers of the mailers above (Vaultwarden, Paperless-ngx, Authentik, Gitea, Forgejo, Nextcloud, the boky/postfix
 * relay) whose TLS mode does not fit their SMTP port, and Django's two modes set at once: one error each, on the
 * variable that chose the mode (or on the port where the mailer's default chose it). Pure.
 */
export function smtpTlsModeProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const mailer = MAILERS.find((m) => typeof container.image === 'string' && m.image.test(container.image));
    const env = container.env;
    if (mailer === undefined || env === null || typeof env !== 'object' || Array.isArray(env)) {
      return [];
    }
    const given = env as Readonly<Record<string, unknown>>;
    const conflict = mailer.conflict?.(given);
    if (conflict !== undefined) {
      const { variable, ...problem } = conflict;
      return [{ field: `${prefix}env.${variable}`, ...problem }];
    }
    const setting = mailer.read(given);
    const problem = setting === undefined ? undefined : portProblem(mailer, setting, prefix);
    return problem === undefined ? [] : [problem];
  });
}
