import type { PropProblem } from '../validation/known-props';
import type { AppController } from './controller';

// favonia/cloudflare-ddns keeps the lab's name at its public address: it runs its own schedule (`UPDATE_CRON`,
// `@every 5m` unless set) and never exits, unless `UPDATE_CRON` is `@once`, when it updates once and exits. So a
// CronJob of it needs `@once` (else its first Job runs for ever and, overlapping runs forbidden, no later one
// starts), and a Deployment must not have it (each exit restarts the pod, into CrashLoopBackOff). Its `local`
// address providers read the addresses of the machine's own interfaces, which in a pod off the host's network are
// the pod's: the updater would publish a pod address of the cluster as the lab's public one.

/** favonia's updater image, on Docker Hub or GitHub's registry. */
const CLOUDFLARE_DDNS_IMAGE = /^((docker\.io|ghcr\.io)\/)?favonia\/cloudflare-ddns(?=[:@]|$)/;

/** The props of an App that {@link cloudflareDdnsProblems} reads. */
export interface CloudflareDdnsProps {
  readonly image?: unknown;
  readonly env?: unknown;
  readonly controller?: AppController;
  readonly exemptions?: { readonly hostNetwork?: unknown };
}

/** Controllers that restart a pod whose program exits, however it exits. */
const RESTARTING: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * The problems of an App of favonia/cloudflare-ddns (its main container): a CronJob or Job without `UPDATE_CRON:
 * '@once'`, a Deployment, StatefulSet or DaemonSet with it, and an address provider `local` or `local.iface:<name>`
 * off the host's network. Each on its variable (`env.UPDATE_CRON`), or on `env` where the variable is not
 * given. Pure.
 */
export function cloudflareDdnsProblems(props: CloudflareDdnsProps): PropProblem[] {
  if (typeof props.image !== 'string' || !CLOUDFLARE_DDNS_IMAGE.test(props.image)) {
    return [];
  }
  const env = props.env !== null && typeof props.env === 'object' ? props.env as Record<string, unknown> : {};
  const schedule = env.UPDATE_CRON;
  const once = typeof schedule === 'string' && schedule.trim() === '@once';
  const kind = props.controller?.kind ?? 'Deployment';
  const problems: PropProblem[] = [];
  if ((kind === 'CronJob' || kind === 'Job') && !once && (schedule === undefined || typeof schedule === 'string')) {
    problems.push({
      field: schedule === undefined ? 'env' : 'env.UPDATE_CRON',
      message: `${props.image} runs its own schedule (UPDATE_CRON, ${schedule === undefined ? '@every 5m unless set' : `"${String(schedule)}"`}) and never exits, `
        + `so each Job of this ${kind} would run for ever: ${kind === 'CronJob' ? 'with overlapping runs forbidden (the default) no later Job starts, and with them allowed another pod joins at every time of the schedule' : 'it never completes'}`,
      hint: kind === 'CronJob'
        ? "let each Job update once and exit: env: { UPDATE_CRON: '@once' }; or run it as a Deployment (the default controller) on its own schedule"
        : "env: { UPDATE_CRON: '@once' }, so the Job updates once and completes",
    });
  }
  if (RESTARTING.includes(kind) && once) {
    problems.push({
      field: 'env.UPDATE_CRON',
      message: `${props.image} with UPDATE_CRON "@once" updates once and exits, and a ${kind} restarts its pod each time: it would back off into CrashLoopBackOff`,
      hint: "leave UPDATE_CRON out (it checks every 5 minutes by itself), or run it as controller: AppController.cronJob({ schedule: '*/5 * * * *' })",
    });
  }
  if (props.exemptions?.hostNetwork === undefined) {
    for (const name of ['IP4_PROVIDER', 'IP6_PROVIDER']) {
      const provider = env[name];
      if (typeof provider === 'string' && /^local(\.iface:.*)?$/.test(provider.trim())) {
        problems.push({
          field: `env.${name}`,
          message: `${name} "${provider}" reads the address of the machine's own interfaces, which in a pod off the host's network are the pod's: `
            + "the updater would publish the pod's address of the cluster network as the lab's public one",
          hint: `leave ${name} out: its default, cloudflare.trace, asks Cloudflare which address the lab reaches it from; `
            + "or run the updater on the host's network: exemptions: { hostNetwork: '<why>' }",
        });
      }
    }
  }
  return problems;
}
