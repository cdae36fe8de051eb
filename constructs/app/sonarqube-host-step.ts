// SonarQube's embedded Elasticsearch enforces its bootstrap checks and stops at start ("max virtual memory areas
// vm.max_map_count [65530] is too low") on a node whose kernel keeps the default. Both settings are the node's
// own kernel's, in no namespace of the pod, so no pod may set them: they are a step on the nodes.
import { leaveOwnerAction } from '../synth/owner-action';
import type { HomelabApp } from './app';
import { SONARQUBE_IMAGE } from './program-memory';

/** The kernel settings SonarQube's host requirements give for Linux, as /etc/sysctl.d writes them. */
const SONARQUBE_KERNEL_SETTINGS = ['vm.max_map_count=524288', 'fs.file-max=131072'];

/**
 * Leaves the step that lets SonarQube's Elasticsearch start: its kernel settings on every node it may run on.
 * Nothing for another image, or a SonarQube whose env turns the checks off (SONAR_ES_BOOTSTRAP_CHECKS_DISABLE).
 */
export function leaveSonarQubeHostStep(app: HomelabApp, image: unknown, env: unknown): void {
  const disabled = env !== null && typeof env === 'object' && String((env as Record<string, unknown>).SONAR_ES_BOOTSTRAP_CHECKS_DISABLE).toLowerCase() === 'true';
  if (typeof image !== 'string' || !SONARQUBE_IMAGE.test(image) || disabled) {
    return;
  }
  leaveOwnerAction(app, {
    kind: 'manual',
    action: `set ${SONARQUBE_KERNEL_SETTINGS.join(' and ')} on every node ${app.name} may run on (a file in /etc/sysctl.d, then sysctl --system) `
      + 'before it starts: its Elasticsearch enforces its bootstrap checks and stops on the kernel\'s default vm.max_map_count of 65530, '
      + 'and no pod may set a setting of the node\'s own kernel',
    command: `printf '%s\\n' ${SONARQUBE_KERNEL_SETTINGS.join(' ')} | sudo tee /etc/sysctl.d/99-sonarqube.conf && sudo sysctl --system`,
    beforeFirstSync: true,
  });
}
