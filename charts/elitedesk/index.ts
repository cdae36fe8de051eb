import { Construct } from 'constructs';
import { elitedesk } from '../../hosts/elitedesk';
import { Main } from './main';

/** Site `elitedesk` (seed 003): one Talos cluster reconciled by Flux. */
export function defineElitedesk(scope: Construct): void {
  const site = new Construct(scope, elitedesk.name);
  new Main(site);
}
