import type { Construct } from 'constructs';
import { buildFleet } from '../../constructs';
import { elitedeskMain } from './main';

/** Site `elitedesk`: one Talos cluster reconciled by Flux. */
export function defineElitedesk(scope: Construct): void {
  buildFleet(scope, { clusters: [elitedeskMain] });
}
