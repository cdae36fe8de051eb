import type { PropProblem } from '../validation/known-props';
import { isShellScript, shellWords } from '../validation/command-secrets';
import { normalMountPath } from './mount-paths';
import type { PropContainerMounts } from './prop-containers';
import { runsOnReadOnlyRoot, writableOnReadOnlyRoot } from './read-only-root';

// A container's root filesystem is read-only unless an exemption says otherwise: a shell script that writes a
// file by redirection (`pg_dump … | gzip > /backup/db.sql.gz`) outside every volume of its container fails at
// that line ("Read-only file system"), and a backup job fails every night with nothing written.

/** The redirections of a shell script's words to an absolute path: `> /path`, `>> /path`, `2>/path`, `&>/path`. Pure. */
function redirectTargets(words: readonly string[]): string[] {
  const targets: string[] = [];
  words.forEach((word, i) => {
    const joined = /^(?:\d|&)?>>?(\/.*)$/.exec(word);
    if (joined) {
      targets.push(joined[1]);
    } else if (/^(?:\d|&)?>>?$/.test(word) && (words[i + 1] ?? '').startsWith('/')) {
      targets.push(words[i + 1]);
    }
  });
  return targets;
}

/**
 * Containers whose shell script (`command` or `args` of `sh -c '…'`, `bash -c '…'`) writes by redirection to a file
 * under no volume of the container, on a read-only root: one error per such file, on the script's field, whose hint
 * mounts a volume at its folder. A writable root (`writableRootFilesystem`) or a privileged container is left alone,
 * and so is a target that the shell expands (`> "$OUT"`). Pure.
 */
export function readOnlyScriptWriteProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix, mountPaths }) => {
    if (!runsOnReadOnlyRoot(container)) {
      return [];
    }
    const line = [...(Array.isArray(container.command) ? container.command : []), ...(Array.isArray(container.args) ? container.args : [])];
    const commandLength = Array.isArray(container.command) ? container.command.length : 0;
    return line.flatMap((word, i): PropProblem[] => {
      if (typeof word !== 'string' || !isShellScript(line, i)) {
        return [];
      }
      const field = i < commandLength ? `${prefix}command[${i}]` : `${prefix}args[${i - commandLength}]`;
      return [...new Set(redirectTargets(shellWords(word)))].flatMap((path) => {
        // A name the shell completes (`/backups/db-$(date +%F).sql.gz`) is still in the folder written before it.
        const fixed = path.split('$')[0];
        const folder = normalMountPath(fixed.slice(0, fixed.lastIndexOf('/')) || '/');
        return folder === '/' || writableOnReadOnlyRoot(folder, mountPaths) ? [] : [{ path, folder }];
      }).map(({ path, folder }) => ({
        field,
        message: `the script writes ${path}, which lies under no volume of the container, and the root filesystem is read-only: the line fails with "Read-only file system" and the file is never written`,
        hint: `mount a volume at ${folder} (persistence: { ${folder.split('/').pop() || 'data'}: { volume: AppVolume.claim({ tier, size }), mountPath: '${folder}' } }), or write the file under a folder the container mounts${mountPaths.size > 0 ? ` (${[...mountPaths].join(', ')})` : ''}`,
      }));
    });
  });
}
