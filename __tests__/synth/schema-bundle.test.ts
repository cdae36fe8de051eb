import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundledSchemas, defaultCoreDefinitionsFile, KUBERNETES_VERSION } from '../../constructs/validation/schema/sources';
import { buildSchemaBundle, withoutDescriptions } from '../../scripts/schema-bundle';

test('descriptions go; a property named description and data values stay', () => {
  expect(withoutDescriptions({
    description: 'the object', type: 'object',
    properties: { description: { type: 'string', description: 'a field' }, n: { type: 'integer', default: 1 } },
    default: { description: 'kept' },
  })).toEqual({ type: 'object', properties: { description: { type: 'string' }, n: { type: 'integer', default: 1 } }, default: { description: 'kept' } });
});

const hasShared = defaultCoreDefinitionsFile() !== undefined;
(hasShared ? test : test.skip)('the bundle is written with LICENSE and SOURCES, and the validator finds it beside a package', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'homelab-schemas-'));
  const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(buildSchemaBundle(path.join(dir, 'schemas'))).toBe(0);
    expect(fs.existsSync(path.join(dir, 'schemas', 'LICENSE'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'schemas', 'SOURCES.md'), 'utf8')).toContain('Upstream sources');
    const core = JSON.parse(fs.readFileSync(path.join(dir, 'schemas', 'k8s', KUBERNETES_VERSION, '_definitions.json'), 'utf8'));
    expect(core.definitions['io.k8s.api.apps.v1.Deployment'].description).toBeUndefined();
    fs.mkdirSync(path.join(dir, 'lib', 'constructs', 'validation', 'schema'), { recursive: true });
    expect(bundledSchemas(path.join(dir, 'lib', 'constructs', 'validation', 'schema'))).toBe(path.join(dir, 'schemas'));
  } finally {
    log.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
