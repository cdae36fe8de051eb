import * as fs from 'fs';
import * as path from 'path';
import { createSchemaValidator } from '../../constructs/validation/schema';
import { REPO_ROOT } from './synth';

/** The seed documents beside the repository, when they are there (a user's clone has none). */
export const SEEDS_DIR = path.join(REPO_ROOT, '..', 'shared', 'seeds');

/**
 * `test`, or `test.skip` with the reason printed when what the test reads is absent: tests that need
 * `../shared` skip in a user's clone instead of failing.
 */
export function testWhen(reason: string | undefined): jest.It {
  if (reason !== undefined) {
    // eslint-disable-next-line no-console
    console.log(`skipped: ${reason}`);
    return test.skip;
  }
  return test;
}

/** Why tests that read the seeds cannot run here, or undefined when they can. */
export function seedsMissing(): string | undefined {
  return fs.existsSync(SEEDS_DIR) ? undefined : 'no seed documents (../shared/seeds)';
}

/** Why tests that need the strict schema layer cannot run here, or undefined when they can. */
export function schemasMissing(): string | undefined {
  return createSchemaValidator().hasSchema('apps/v1', 'Deployment') ? undefined : 'no Kubernetes 1.30 schema (../shared/schemas/k8s or HOMELAB_K8S_SCHEMA)';
}
