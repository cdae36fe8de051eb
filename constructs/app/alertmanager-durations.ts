import type { PropProblem } from '../validation/known-props';
import { goDurationText, parsedGoDuration, spokenDurationMilliseconds } from '../validation/go-duration';
import type { PropContainerMounts } from './prop-containers';
import { expandsVariable } from './command-references';

// Alertmanager reads its durations through kingpin's Duration flags, that is Go's time.ParseDuration, which has no
// unit above hours: `--data.retention=14d`, as Prometheus' own `--storage.tsdb.retention.time=14d` is written, stops it
// as it parses its flags ("invalid duration"), before it serves anything, and the pod restarts into CrashLoopBackOff.

/** Alertmanager's image, by repository (Docker Hub's `prom/` or Quay's `prometheus/`), with or without a registry. */
const ALERTMANAGER_IMAGE = /^((docker\.io\/)?prom|quay\.io\/prometheus)\/alertmanager(?=[:@]|$)/;

/** Alertmanager's flags that take a Go duration, as its main.go declares them (`.Duration()`). */
const DURATION_FLAGS: ReadonlySet<string> = new Set([
  'data.retention', 'data.maintenance-interval', 'alerts.gc-interval', 'dispatch.maintenance-interval', 'dispatch.start-delay',
  'web.timeout', 'cluster.peer-timeout', 'cluster.peers-resolve-timeout', 'cluster.gossip-interval', 'cluster.pushpull-interval',
  'cluster.tcp-timeout', 'cluster.probe-timeout', 'cluster.probe-interval', 'cluster.settle-timeout', 'cluster.reconnect-interval',
  'cluster.reconnect-timeout',
]);

/** A long flag and the value joined to it, if any: `--data.retention=14d`. */
const LONG_FLAG = /^--([a-z][a-z0-9.-]*)(?:=(.*))?$/;

/**
 * Containers of Alertmanager's image (its own entrypoint, flags in `args`) given a duration flag Go's
 * time.ParseDuration refuses: one error per value, on the word that holds it, whose hint writes the value in hours
 * (`--data.retention=336h` for `14d`). A value Kubernetes fills in from a variable of the container is left alone. Pure.
 */
export function alertmanagerDurationProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !ALERTMANAGER_IMAGE.test(container.image) || container.command !== undefined || !Array.isArray(container.args)) {
      return [];
    }
    const args = container.args.map(String);
    const variables = container.env !== null && typeof container.env === 'object' ? Object.keys(container.env) : [];
    return args.flatMap((arg, i): PropProblem[] => {
      const flag = LONG_FLAG.exec(arg);
      if (flag === null || !DURATION_FLAGS.has(flag[1])) {
        return [];
      }
      const [value, at] = flag[2] !== undefined ? [flag[2], i] : [args[i + 1], i + 1];
      if (value === undefined || expandsVariable(value, variables) || parsedGoDuration(value) !== undefined) {
        return [];
      }
      const meant = spokenDurationMilliseconds(value);
      return [{
        field: `${prefix}args[${at}]`,
        message: `--${flag[1]} "${value}" is no Go duration, which ${container.image} refuses as it reads its flags (Go's time.ParseDuration takes h, m, s and smaller units, no days or weeks): Alertmanager would exit at once and the pod restart into CrashLoopBackOff`,
        hint: meant !== undefined && meant > 0
          ? `write it in hours: --${flag[1]}=${goDurationText(meant)}`
          : `write a number with h, m or s: --${flag[1]}=120h`,
      }];
    });
  });
}
