import type { PropProblem } from '../validation/known-props';
import { backupToolOf } from './backup-reads';
import type { PropContainerMounts } from './prop-containers';

// restic reads an S3 repository as `s3:<endpoint>/<bucket>/<prefix>`, or `s3://<endpoint>/<bucket>/<prefix>`, or
// `s3:https://<endpoint>/<bucket>/<prefix>`: the first part is always the server. The AWS CLI's and rclone's form,
// `s3://<bucket>/<prefix>`, therefore names the bucket as the server and the prefix as the bucket, and every backup
// fails on the lookup of a host that does not exist ("dial tcp: lookup fortress-backups: no such host").

/** restic's flags that name the repository. */
const REPO_FLAGS = new Set(['--repo', '-r']);

/** An S3 endpoint restic may be given: a host with a dot, `localhost`, or either with a port. */
const ENDPOINT = /^(localhost|[^/:]+\.[^/:]+|\[[0-9a-f:.]+\])(:\d+)?$/i;

/** An AWS region, which restic also takes for the endpoint (`s3:eu-central-1/bucket`). */
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/**
 * The problem of an S3 repository written as the AWS CLI writes a bucket (`s3://fortress-backups/vaultwarden`):
 * restic takes its first part for the server. The repository meant, on AWS's endpoint, or undefined when the
 * first part may be a server. Pure.
 */
export function resticBucketAsEndpoint(repository: string): { bucket: string; meant: string } | undefined {
  const match = /^s3:\/\/([^/]+)(\/.*)?$/.exec(repository.trim());
  if (match === null || ENDPOINT.test(match[1]) || AWS_REGION.test(match[1])) {
    return undefined;
  }
  return { bucket: match[1], meant: `s3:s3.amazonaws.com/${match[1]}${match[2] ?? ''}` };
}

/** A repository a restic container names, the field that names it, and how that field is written with another value. */
interface NamedRepository {
  readonly text: string;
  readonly field: string;
  readonly written: (repository: string) => string;
}

/** The repositories a restic container names: `--repo`/`-r` among its words, and `RESTIC_REPOSITORY`. */
function repositoriesOf(entry: PropContainerMounts): NamedRepository[] {
  const found: NamedRepository[] = [];
  for (const at of ['command', 'args'] as const) {
    const words = entry.container[at];
    if (!Array.isArray(words)) {
      continue;
    }
    words.forEach((word, i) => {
      if (typeof word !== 'string') {
        return;
      }
      const [flag, inline] = word.split(/=(.*)/s, 2);
      if (inline !== undefined && REPO_FLAGS.has(flag)) {
        found.push({ text: inline, field: `${entry.prefix}${at}[${i}]`, written: (repository) => `'${flag}=${repository}'` });
      } else if (REPO_FLAGS.has(word) && typeof words[i + 1] === 'string') {
        found.push({ text: words[i + 1], field: `${entry.prefix}${at}[${i + 1}]`, written: (repository) => `'${word}', '${repository}'` });
      }
    });
  }
  const env = entry.container.env !== null && typeof entry.container.env === 'object' ? entry.container.env as Record<string, unknown> : {};
  if (typeof env.RESTIC_REPOSITORY === 'string') {
    found.push({ text: env.RESTIC_REPOSITORY, field: `${entry.prefix}env.RESTIC_REPOSITORY`, written: (repository) => `RESTIC_REPOSITORY: '${repository}'` });
  }
  return found;
}

/**
 * restic containers (by image or command) whose S3 repository names the bucket where restic reads the server
 * (`s3://<bucket>/…`, as the AWS CLI writes it): an error on the variable or word that gives it, as every backup
 * would fail on looking up the bucket's name as a host. Pure.
 */
export function resticRepositoryProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap((entry) => {
    if (backupToolOf(entry.container.image, entry.container.command) !== 'restic') {
      return [];
    }
    return repositoriesOf(entry).flatMap(({ text, field, written }): PropProblem[] => {
      const problem = resticBucketAsEndpoint(text);
      return problem === undefined ? [] : [{
        field,
        message: `restic reads the repository "${text}" as s3://<server>/<bucket>/<prefix>, so it takes the bucket ${problem.bucket} for the S3 server `
          + `and every backup fails on looking up "${problem.bucket}" as a host (the AWS CLI's s3://<bucket> form is not restic's)`,
        hint: `name the server first: ${written(problem.meant)} on Amazon S3, or ${written(`s3:https://<endpoint>/${text.trim().slice('s3://'.length)}`)} on another provider's`,
      }];
    });
  });
}
