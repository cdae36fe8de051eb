import type { PropProblem } from '../validation/known-props';
import { propEnvValue } from './prop-containers';
import type { PropContainerMounts } from './prop-containers';
import { SMTP_IMPLICIT_TLS_PORT as IMPLICIT_TLS_PORT, SMTP_STARTTLS_PORTS as STARTTLS_PORTS } from './smtp-ports';

// Ghost reads its settings from the env with `__` between the keys and the values parsed (`'true'` is a boolean,
// `'465'` a number) and hands `mail.options` to Nodemailer. Nodemailer's `secure` opens TLS from the first byte; left
// unset it does so on port 465 alone, and otherwise speaks plain text and upgrades with STARTTLS. A TLS handshake sent
// to a port that greets in plain text (587, 25) fails with "wrong version number"; plain text sent to 465 waits for a
// greeting that never comes. Either way every sign-in link, invitation and newsletter Ghost mails is lost.

/** The official Ghost image. */
export const GHOST_IMAGE = /^(docker\.io\/)?(library\/)?ghost(?=[:@]|$)/;

/** A setting written out as Ghost parses it: `true`, `false`, a number, or the text. Pure. */
function parsed(value: unknown): boolean | number | string | undefined {
  if (typeof value === 'boolean' || typeof value === 'number') {
    return value;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim();
  return text === 'true' ? true : text === 'false' ? false : /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * Containers of Ghost's image whose `mail__options__secure` does not fit `mail__options__port`: `true` on a port that
 * speaks plain text first (587, 25), or `false` on 465. One error each, on `env.mail__options__secure`. Values from a
 * Secret, other ports and a `secure` left unset (which Nodemailer derives from the port) are left alone. Pure.
 */
export function ghostMailTlsProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !GHOST_IMAGE.test(container.image)) {
      return [];
    }
    const secure = parsed(propEnvValue(container.env, 'mail__options__secure'));
    const port = parsed(propEnvValue(container.env, 'mail__options__port'));
    const field = `${prefix}env.mail__options__secure`;
    if (secure === true && typeof port === 'number' && STARTTLS_PORTS.includes(port)) {
      return [{
        field,
        message: `mail__options__secure 'true' with mail__options__port ${port}: Ghost's mailer opens TLS from the first byte, and port ${port} `
          + 'greets in plain text and offers STARTTLS, so every mail Ghost sends (sign-in links, invitations, newsletters) fails with "wrong version number"',
        hint: `mail__options__secure: 'false' (STARTTLS on ${port}), or mail__options__port: '${IMPLICIT_TLS_PORT}' for TLS at once`,
      }];
    }
    if (secure === false && port === IMPLICIT_TLS_PORT) {
      return [{
        field,
        message: `mail__options__secure 'false' with mail__options__port ${IMPLICIT_TLS_PORT}: port ${IMPLICIT_TLS_PORT} speaks TLS from the first byte, `
          + "and Ghost's mailer waits in plain text for a greeting that never comes, so every mail Ghost sends times out",
        hint: `mail__options__secure: 'true' (or leave it out: the mailer opens TLS on ${IMPLICIT_TLS_PORT} by itself), or mail__options__port: '587' for STARTTLS`,
      }];
    }
    return [];
  });
}
