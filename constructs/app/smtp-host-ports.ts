import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// Grafana and Alertmanager take their SMTP server as one `host:port` and split it with Go's net.SplitHostPort: a host
// written alone, as the other apps' host variables take it (`postfix.mail`, `smtp.fastmail.com`), is refused. Grafana
// then fails every mail it sends with "missing port in address"; Alertmanager refuses its whole configuration
// ("port cannot be empty") and sends no alert at all.

/** Grafana's images. */
const GRAFANA_IMAGE = /^(docker\.io\/)?grafana\/grafana(-oss|-enterprise)?(?=[:@]|$)/;

/** Whether `value` is a host written without its port (`smtp.example.com`, `[fd00::25]`). Pure. */
export function hostWithoutPort(value: unknown): value is string {
  return typeof value === 'string' && (/^[a-z0-9.-]+$/i.test(value.trim()) || /^\[[0-9a-f:.]+\]$/i.test(value.trim()));
}

/** The problem of a `host:port` setting at `field` read by `reader` that names a host alone, or undefined. Pure. */
export function smtpHostPortProblem(value: unknown, field: string, reader: string, outcome: string): PropProblem | undefined {
  return hostWithoutPort(value) ? {
    field,
    message: `${field.split('.').pop()} is ${value}, a host without a port: ${reader} splits host and port (Go's net.SplitHostPort) and ${outcome}`,
    hint: `write the port after the host: '${value.trim()}:587' for STARTTLS (or ':465' for TLS at once, which it opens by itself on that port)`,
  } : undefined;
}

/** What Grafana does with such a host: every mail fails. */
const GRAFANA_OUTCOME = 'fails every mail it sends (alerts, invitations, password resets) with "missing port in address"';

/** Containers of Grafana's image whose `GF_SMTP_HOST` names a host alone: one error each. Pure. */
export function grafanaSmtpHostProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const env = container.env as Record<string, unknown> | undefined;
    const problem = typeof container.image === 'string' && GRAFANA_IMAGE.test(container.image) && env !== null && typeof env === 'object'
      ? smtpHostPortProblem(env.GF_SMTP_HOST, `${prefix}env.GF_SMTP_HOST`, 'Grafana', GRAFANA_OUTCOME) : undefined;
    return problem === undefined ? [] : [problem];
  });
}

/** A mapping's entries, or an empty one. Pure. */
function mapping(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

/**
 * kube-prometheus-stack values whose SMTP servers name a host alone: Alertmanager's `global.smtp_smarthost` and each
 * email receiver's `smarthost`, and Grafana's `grafana.ini` `smtp.host`. One error each. Pure.
 */
export function stackSmtpHostProblems(values: Record<string, unknown>): PropProblem[] {
  const config = mapping(mapping(values.alertmanager).config);
  const refused = 'refuses its whole configuration ("port cannot be empty"), so no alert is sent at all';
  const receivers = Array.isArray(config.receivers) ? config.receivers : [];
  return [
    smtpHostPortProblem(mapping(config.global).smtp_smarthost, 'alertmanager.config.global.smtp_smarthost', 'Alertmanager', refused),
    ...receivers.flatMap((receiver, i) => (Array.isArray(mapping(receiver).email_configs) ? mapping(receiver).email_configs as unknown[] : [])
      .map((email, j) => smtpHostPortProblem(mapping(email).smarthost, `alertmanager.config.receivers[${i}].email_configs[${j}].smarthost`, 'Alertmanager', refused))),
    smtpHostPortProblem(mapping(mapping(mapping(values.grafana)['grafana.ini']).smtp).host, 'grafana.grafana.ini.smtp.host', 'Grafana', GRAFANA_OUTCOME),
  ].filter((problem): problem is PropProblem => problem !== undefined);
}
