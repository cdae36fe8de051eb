// Many self-hosted apps give their administrator to whoever opens them first: a setup wizard, a first-run
// page, a first sign-up. The owner claims it through a port forward to the app's own pod as soon as the
// first sync starts it, which needs neither the route's name nor its certificate, and which nobody else on
// the network or the internet can take from them meanwhile.
import { describeValue } from '../inventory/problems';
import { requiredArgument } from '../platform/component-arguments';
import { reportFinding } from '../validation/finding';
import { InputError } from '../validation/input-error';
import { leaveOwnerAction } from '../synth/owner-action';
import type { HomelabApp } from './app';

/** What an app's first visitor does, and what the owner does there before anyone else. */
export interface FirstVisitorStepProps {
  /** The app's name as its users know it, e.g. `Jellyfin`. */
  readonly label: string;
  /** What the owner does at the app's page, in a few words, e.g. `finish its startup wizard`. */
  readonly task: string;
  /** What the first visitor gets, e.g. `makes the administrator` (the README says `its first visitor makes the administrator`). */
  readonly claims: string;
  /** What to do next, once the administrator is the owner's, e.g. `add the library folder /media`. @default - nothing more */
  readonly then?: string;
  /** Port the app serves its page on, in the container. @default - the app's first port */
  readonly port?: number;
}

/** Controllers whose pods `kubectl port-forward` reaches by the controller's name. */
const FORWARDED_KINDS: readonly string[] = ['Deployment', 'StatefulSet'];

/**
 * Leaves the step that claims `app`'s first-visitor administrator: right after the first sync (see
 * `rightAfterFirstSync`), through a port forward to its Deployment or StatefulSet, before its route is used.
 */
export function leaveFirstVisitorStep(app: HomelabApp, props: FirstVisitorStepProps): void {
  const example = "{ label: 'Jellyfin', task: 'finish its startup wizard', claims: 'makes the administrator' }";
  if (typeof app?.controller?.kind !== 'string') {
    throw new InputError(`leaveFirstVisitorStep() was given ${describeValue(app)} for the app, not an App`, 'app', `give it the app whose first visitor is the owner: leaveFirstVisitorStep(app, ${example})`);
  }
  requiredArgument(props, 'leaveFirstVisitorStep()', 'props', 'object', example);
  const missing = (['label', 'task', 'claims'] as const).find((key) => typeof props[key] !== 'string' || props[key].trim() === '');
  if (missing !== undefined) {
    throw new InputError(`leaveFirstVisitorStep() was given ${describeValue(props[missing])} for ${missing}, not text`, missing, `give it as ${example}`, app);
  }
  const port = props.port ?? app.ports[0]?.port;
  if (!FORWARDED_KINDS.includes(app.controller.kind) || port === undefined) {
    reportFinding(app, {
      layer: 'props', severity: 'error', field: 'leaveFirstVisitorStep',
      message: `${props.label}'s first visitor cannot be forestalled through a port forward: it ${port === undefined ? 'has no port' : `runs as a ${app.controller.kind}`}`,
      hint: 'give the app a port and a Deployment or StatefulSet controller, or make its administrator from a Secret instead',
    });
    return;
  }
  const workload = `${app.controller.kind.toLowerCase()}/${app.name}`;
  leaveOwnerAction(app, {
    kind: 'bootstrap',
    rightAfterFirstSync: true,
    // Read when the README is written: routes may still be added to the app.
    get action() {
      const routes = app.routeHostnames;
      return `as soon as ${props.label}'s pod runs, ${props.task} at http://localhost:${port} through the port forward here, before anyone else reaches `
        + `${routes.length > 0 ? `its route (${routes.join(', ')})` : 'its Service'}: its first visitor ${props.claims}`
        + (props.then ? `; then ${props.then}` : '');
    },
    command: `kubectl -n ${app.namespace} port-forward ${workload} ${port}:${port}`,
  });
}
