import type { PlatformComponentProps } from '../component';
import type { RolePlacement } from '../node-role';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';

/** Pinned release of the Renovate chart (its version is Renovate's). Renovate reads the comment above each pin. */
export const RENOVATE_PINS = {
  // renovate: datasource=helm depName=renovate registryUrl=https://docs.renovatebot.com/helm-charts
  chart: '37.36.1',
} as const;

/** Options of self-hosted Renovate. */
export interface RenovateOptions {
  /** Where the CronJob's pods run. */
  readonly placement: RolePlacement;
  /** Repositories to keep up to date, e.g. `['owner/repo']`. */
  readonly repositories: string[];
  /** Platform of the repositories. @default 'github' */
  readonly platform?: string;
  /** Secret with key `RENOVATE_TOKEN`. */
  readonly tokenSecret: string;
  /** Cron schedule. @default '0 * * * *' */
  readonly schedule?: string;
  /** Namespace. @default 'renovate' */
  readonly namespace?: string;
}

/** Renovate as a CronJob: dependency pull requests for the repositories, this one included. */
export function renovate(options: RenovateOptions): PlatformComponentProps {
  return {
    name: 'renovate',
    description: 'Renovate bot, run on a schedule',
    namespace: options.namespace ?? 'renovate',
    readsSecrets: [options.tokenSecret],
    install: {
      type: 'helm',
      chart: { repository: 'https://docs.renovatebot.com/helm-charts', chart: 'renovate', version: RENOVATE_PINS.chart },
      values: {
        cronjob: { schedule: options.schedule ?? '0 * * * *', concurrencyPolicy: 'Forbid' },
        renovate: {
          config: JSON.stringify({ platform: options.platform ?? 'github', repositories: options.repositories }),
          // The container's own context, which the chart leaves empty (the restricted level of its namespace).
          securityContext: RESTRICTED_CONTAINER_SECURITY,
        },
        existingSecret: options.tokenSecret,
        nodeSelector: options.placement.nodeSelector,
        tolerations: options.placement.tolerations,
        securityContext: { ...RESTRICTED_POD_SECURITY, runAsUser: 12021 },
      },
    },
  };
}
