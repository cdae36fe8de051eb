import * as fs from 'fs';
import * as path from 'path';
import { INVENTORY_CASES, POLICY_CASES, REFERENCE_CASES, SCHEMA_CASES } from '../bad-input/cases';
import type { BadInput } from '../bad-input/cases';

test('the bad-input corpus holds at least 200 cases, across every layer', () => {
  const dir = path.join(__dirname, '..', 'bad-input');
  const topics = fs.readdirSync(dir).filter((f) => /^cases-[a-z0-9-]+\.ts$/.test(f))
    .flatMap((f) => (require(path.join(dir, f)) as { CASES: BadInput[] }).CASES);
  const all = [...REFERENCE_CASES, ...INVENTORY_CASES, ...POLICY_CASES, ...SCHEMA_CASES, ...topics];
  expect(all.length).toBeGreaterThanOrEqual(200);
  expect(new Set(all.map((c) => c.layer))).toEqual(new Set(['props', 'schema', 'references', 'inventory', 'policy']));
});
