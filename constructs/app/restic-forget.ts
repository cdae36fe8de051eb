import type { PropProblem } from '../validation/known-props';
import { RESTIC_DURATION_UNITS, resticDurationProblem } from '../validation/restic-duration';
import { backupToolOf } from './backup-reads';
import type { PropContainerMounts } from './prop-containers';

/** restic forget's flags that keep snapshots by a time span, which take a restic duration (`7d`, `1y6m`). */
const WITHIN_FLAGS = /^--keep-within(-hourly|-daily|-weekly|-monthly|-yearly)?$/;
/** restic forget's flags that keep a number of snapshots, long and short. */
const COUNT_FLAGS = /^(--keep-(last|hourly|daily|weekly|monthly|yearly)|-[lHdwmy])$/;
/** restic forget's flags that keep snapshots by tag, a policy too. */
const TAG_FLAGS = /^--keep-tag$/;
/** restic forget's flags that take a value, policy or not, so the word after them is no snapshot id. */
const VALUE_FLAGS = /^(--keep-[a-z-]+|-[lHdwmy]|--tag|--host|--path|--group-by|-g|--repo|-r|--password-file|-p|--cache-dir|--option|-o|--max-unused|--max-repack-size)$/;

/** A word of a container's command line with the field that holds it (`args[3]`). */
interface Word {
  readonly text: string;
  readonly field: string;
}

/** The words of a container's command and args, each with its field. */
function wordsOf(container: PropContainerMounts): Word[] {
  const list = (value: unknown, at: string): Word[] => (Array.isArray(value) ? value : [])
    .map((text, i) => ({ text: typeof text === 'string' ? text : '', field: `${container.prefix}${at}[${i}]` }));
  return [...list(container.container.command, 'command'), ...list(container.container.args, 'args')];
}

/**
 * restic's `forget` run by a container (by its image or its command) with a retention restic cannot read: a
 * `--keep-within` duration in a unit it has not (`1w`, `7days`) or a count that is no whole number (`2.5`), either
 * of which fails every forget, so no old snapshot is ever removed; and a forget with no `--keep-*` policy and no
 * snapshot named, which removes nothing (restic only says so) while the repository grows for ever. One error per
 * word, on the field that holds it (a count of 0 is no policy, as restic reads it). Pure.
 */
export function resticForgetProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap((container): PropProblem[] => {
    if (backupToolOf(container.container.image, container.container.command) !== 'restic') {
      return [];
    }
    const words = wordsOf(container);
    const forget = words.findIndex((word) => word.text === 'forget');
    if (forget < 0) {
      return [];
    }
    const problems: PropProblem[] = [];
    let policy = false;
    let snapshots = false;
    for (let i = forget + 1; i < words.length; i++) {
      const [flag, inline] = words[i].text.startsWith('-') ? words[i].text.split(/=(.*)/s, 2) : [words[i].text, undefined];
      if (!flag.startsWith('-')) {
        snapshots = true;
        continue;
      }
      const valueAt = inline === undefined && VALUE_FLAGS.test(flag) ? words[++i] : undefined;
      const value = inline ?? valueAt?.text;
      const field = valueAt?.field ?? words[i].field;
      // A count of 0 keeps nothing of its kind: restic takes it as no policy.
      policy ||= WITHIN_FLAGS.test(flag) || TAG_FLAGS.test(flag) || (COUNT_FLAGS.test(flag) && value !== undefined && !/^0+$/.test(value));
      if (value === undefined) {
        continue;
      }
      const written = (meant: string | number) => (inline === undefined ? `${flag} ${meant}` : `${flag}=${meant}`);
      const duration = WITHIN_FLAGS.test(flag) ? resticDurationProblem(value) : undefined;
      if (duration !== undefined) {
        problems.push({
          field, message: `${flag} "${value}" is no duration restic reads: ${RESTIC_DURATION_UNITS}, so every forget fails and no old snapshot is removed`,
          hint: duration.meant !== undefined ? `write ${written(duration.meant)}` : `write years, months, days and hours, e.g. ${written('7d')} or ${written('1y6m')}`,
        });
      } else if (COUNT_FLAGS.test(flag) && !/^-?\d+$/.test(value)) {
        problems.push({
          field, message: `${flag} "${value}" is no whole number of snapshots, which restic refuses: every forget fails, and no old snapshot is removed`,
          hint: `give how many to keep: ${written(/^\d+(\.\d+)?$/.test(value) ? Math.max(1, Math.round(Number(value))) : 7)}`,
        });
      }
    }
    if (!policy && !snapshots) {
      problems.push({
        field: words[forget].field, message: 'restic forget is given no --keep-* policy and no snapshot, so it removes nothing (restic only says so): the repository grows for ever',
        hint: "give the snapshots to keep after forget, e.g. '--keep-daily', '7', '--keep-weekly', '4', '--keep-monthly', '6'",
      });
    }
    return problems;
  });
}
