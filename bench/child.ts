import { startWorkersEarly } from '../constructs/synth/threads';
import type * as Run from './child-run';

// The bench's child process (see child-run.ts). Worker threads run this module again, as they run
// main.ts for `npm run synth`. As main.ts does, it starts the workers that long last runs ask for
// before the rest loads, which it then requires: the bundle has the shape of main.ts' bundle.
const threads = { entry: module.filename };
startWorkersEarly(threads);
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('./child-run') as typeof Run).main(process.argv.slice(2), threads);
