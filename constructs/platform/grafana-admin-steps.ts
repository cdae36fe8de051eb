import type { OwnerAction } from '../synth/owner-action';

/** Where Grafana runs and what it reads its admin from, as the monitoring stack installs it. */
export interface GrafanaAdminPlace {
  /** Namespace of the stack, where Grafana's Deployment and its admin Secret are. */
  readonly namespace: string;
  /** Name of Grafana's Deployment (the chart's `<release>-grafana`). */
  readonly deployment: string;
  /** Secret with keys `admin-user`, `admin-password` and `secret-key`. */
  readonly secret: string;
  /** Grafana keeps its database on a claim, which outlives its pods. */
  readonly keepsDatabase: boolean;
}

/**
 * The step of changing Grafana's admin password once Grafana runs. Grafana takes its admin's name and
 * password from its settings only when it makes its database (its sample.ini: "can be changed before first
 * start of grafana, or in profile settings"): a password put into the Secret later is read by no one,
 * and the admin keeps the old one. The command sets the admin's password in Grafana's database to the one the
 * Secret holds, read from standard input so that it never shows among the node's processes. Pure.
 */
export function grafanaAdminSteps(place: GrafanaAdminPlace): OwnerAction[] {
  const kept = place.keepsDatabase ? ', which it keeps on its claim' : '';
  return [{
    kind: 'manual',
    action: `Grafana takes its admin from keys admin-user and admin-password of Secret ${place.namespace}/${place.secret} only when it makes its database${kept}: `
      + 'a new password put into that Secret later leaves the admin\'s as it was. To change it, put the new one into the Secret the way it is made, and once the '
      + 'cluster has it set it in Grafana with the command, which reads it from the Secret (the login name is changed in Grafana\'s own UI). Keep key secret-key as it is: Grafana encrypts '
      + 'the secrets of its data sources and contact points with it, and a new key leaves them unreadable',
    command: `kubectl -n ${place.namespace} get secret ${place.secret} -o jsonpath='{.data.admin-password}' | base64 -d `
      + `| kubectl -n ${place.namespace} exec -i deploy/${place.deployment} -c grafana -- grafana cli admin reset-admin-password --password-from-stdin`,
  }];
}
