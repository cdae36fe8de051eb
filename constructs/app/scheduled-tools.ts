import type { PropProblem } from '../validation/known-props';
import { imageRows } from './image-rows';

// Recyclarr's and Kometa's images each start in one of two modes: with no word of their own they run a scheduler
// that never exits (Recyclarr's entrypoint starts cron with `CRON_SCHEDULE`; Kometa waits for `KOMETA_TIME` each
// day), and told to run (Recyclarr's `sync`, Kometa's `--run`) they do one pass and exit. A Job or CronJob needs
// the second, a Deployment the first: the other way round, a CronJob's pod never completes (and with the default
// `Allow` a new one piles up each run), or a Deployment's pod exits, is restarted, and runs the pass again and again
// in CrashLoopBackOff.

/** A tool whose image runs either its own scheduler or one pass, and how each is told. */
interface ScheduledTool {
  readonly image: RegExp;
  readonly tool: string;
  /** What the image does with no word of its own. */
  readonly scheduler: string;
  /** The words of `args` that run one pass, as a hint writes them. */
  readonly runOnce: string;
  /** Whether the container's args or env run one pass. */
  readonly runsOnce: (args: readonly string[], env: Record<string, unknown>) => RunOnceSource | undefined;
}

/** What makes a container run one pass: a word of `args` or a variable of `env`. */
type RunOnceSource = { readonly field: 'args' } | { readonly field: 'env'; readonly name: string };

/** Kometa's (and Plex Meta Manager's) variables that run at once, whose value is a switch or, for `…_RUN_…` lists, a list. */
const KOMETA_RUN_VARIABLE = /^(KOMETA|PMM)_(RUN|TESTS|RESUME|RUN_(COLLECTIONS|LIBRARIES|FILES))$/;
/** Kometa's flags that run at once: `--run`, its tests, a list of collections, libraries or files, a resumed run. */
const KOMETA_RUN_FLAG = /^(-r|--run|-rt|--tests|--run-tests|-rc|--run-collections|-rl|--run-libraries|-rf|--run-files|-re|--resume)(=|$)/;
/** A switch's value Kometa reads as off. */
const OFF = /^(|f|false|n|no|0|off)$/i;

const SCHEDULED_TOOLS: readonly ScheduledTool[] = [
  {
    image: /^(?:ghcr\.io\/|docker\.io\/)?recyclarr\/recyclarr(?=[:@]|$)/, tool: 'Recyclarr',
    scheduler: 'runs cron (CRON_SCHEDULE) and never exits', runOnce: "args: ['sync']",
    // Its entrypoint hands any argument to the recyclarr command instead of starting cron.
    runsOnce: (args) => (args.length > 0 ? { field: 'args' } : undefined),
  },
  {
    image: /^(?:(?:lscr\.io\/|ghcr\.io\/|docker\.io\/)?(?:kometateam\/kometa|kometa-team\/kometa|linuxserver\/kometa|meisnate12\/plex-meta-manager|linuxserver\/plex-meta-manager))(?=[:@]|$)/,
    tool: 'Kometa', scheduler: 'waits in the background for its daily KOMETA_TIME (05:00 unless set) and never exits', runOnce: "args: ['--run']",
    runsOnce: (args, env) => {
      if (args.some((word) => KOMETA_RUN_FLAG.test(word))) {
        return { field: 'args' };
      }
      const name = Object.keys(env).find((key) => KOMETA_RUN_VARIABLE.test(key) && typeof env[key] === 'string' && !OFF.test((env[key] as string).trim()));
      return name === undefined ? undefined : { field: 'env', name };
    },
  },
];

/** What the scheduled-tool check reads of an app's props. */
export interface ScheduledToolProps {
  readonly image?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly env?: unknown;
  readonly controller?: unknown;
}

/**
 * The main container of Recyclarr or Kometa run in the mode its controller cannot keep: its scheduler in a Job or
 * CronJob (an error on `image`, whose hint writes the words that run one pass), or one pass in a Deployment,
 * StatefulSet or DaemonSet (an error on the `args` word or `env` variable that asks for it, whose hint makes the
 * app a CronJob). A replaced `command` runs something else and is left alone. Pure.
 */
export function scheduledToolProblems(props: ScheduledToolProps | null | undefined): PropProblem[] {
  const image = props?.image;
  const tool = typeof image === 'string' ? imageRows(SCHEDULED_TOOLS, image)[0] : undefined;
  if (tool === undefined || props!.command !== undefined) {
    return [];
  }
  const args = Array.isArray(props!.args) ? props!.args.filter((word): word is string => typeof word === 'string') : [];
  const env = props!.env !== null && typeof props!.env === 'object' && !Array.isArray(props!.env) ? props!.env as Record<string, unknown> : {};
  const kind = controllerKind(props!.controller);
  if (kind === undefined) {
    return [];
  }
  const once = tool.runsOnce(args, env);
  if ((kind === 'Job' || kind === 'CronJob') && once === undefined) {
    return [{
      field: 'image',
      message: `image "${image as string}" ${tool.scheduler} when given no words of its own, so each ${kind}'s pod runs on and never completes`
        + (kind === 'CronJob' ? ' (the next runs start beside it, or never start under concurrencyPolicy Forbid)' : ''),
      hint: `${tool.runOnce} runs one pass of ${tool.tool} and exits, as a ${kind} expects`,
    }];
  }
  if (kind !== 'Job' && kind !== 'CronJob' && kind !== 'KnativeService' && once !== undefined) {
    const field = once.field === 'args' ? 'args' : `env.${once.name}`;
    return [{
      field,
      message: `${field} makes ${tool.tool} run one pass and exit, and the ${kind} restarts it at once: it runs again and again, in CrashLoopBackOff`,
      hint: `run it on a schedule with controller: AppController.cronJob({ schedule: '0 4 * * *' }), or drop ${field} to keep the ${kind} and ${tool.tool}'s own scheduler`,
    }];
  }
  return [];
}

/** The kind of an app's controller, a Deployment unless given; undefined for one the controller check refuses. */
function controllerKind(controller: unknown): string | undefined {
  if (controller === undefined) {
    return 'Deployment';
  }
  const kind = controller !== null && typeof controller === 'object' ? (controller as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' ? kind : undefined;
}
