import { synthInMemory } from './support/synth';
import { bashParses, proseCommands, rows } from './support/readme';

const sites = synthInMemory();
const readmes = [...sites.files].filter(([file]) => file.endsWith('README.md'));

describe('the commands of every README', () => {
  test("a command in a step's prose parses as bash and holds no bare <placeholder>", () => {
    for (const [file, text] of readmes) {
      for (const command of rows(text).flatMap(([what]) => proseCommands(what))) {
        expect({ file, command, parses: bashParses(command) }).toEqual({ file, command, parses: true });
        expect({ file, command, bare: /(^|[\s=])<[a-z][^>]*>/i.test(command) }).toEqual({ file, command, bare: false });
      }
    }
  });
});
