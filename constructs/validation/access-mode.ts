import { CLAIM_ACCESS_MODES } from '../app/volumes';
import { oneOfWithHabits } from './known-props';

/** kubectl's short forms of the access modes, as `kubectl get pvc` shows them and tutorials copy them. */
const SHORT_FORMS: Readonly<Record<string, string>> = { RWO: 'ReadWriteOnce', RWOP: 'ReadWriteOncePod', RWX: 'ReadWriteMany', ROX: 'ReadOnlyMany' };

/**
 * The access mode of a claim an app asks for, as the API server takes it; kubectl's short form (`RWX`) is
 * answered on the prop with the word it stands for, once, rather than by the rendered claim's schema and
 * the tier's check both.
 */
export const CLAIM_ACCESS_MODE_SHAPE = oneOfWithHabits(CLAIM_ACCESS_MODES, Object.fromEntries(Object.entries(SHORT_FORMS)
  .map(([short, mode]) => [short, `write '${mode}': ${short} is kubectl's short form, which the API server does not take`])));
