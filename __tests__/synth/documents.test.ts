import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../../constructs';
import { documentEntries } from '../../constructs/synth/documents';
import { layoutClusterFiles } from '../../constructs/synth/render';
import { labApp, labCluster } from '../bad-input/lab';

/** A lab with an app, its files as rendered and the objects each YAML file was rendered from. */
function renderedLab() {
  const app = new CdkApp();
  labApp('web')(labCluster(app));
  const result = synthesize(app, { outdir: '/tmp/no-such-outdir-documents-test', write: false });
  return { texts: result.files, objects: layoutClusterFiles(result.clusters[0]) };
}

/** The entries as plain data, key order included, to compare read-back copies with parsed documents. */
function asJson(entries: Map<string, { file: string; doc: unknown }>): string {
  return JSON.stringify([...entries].map(([id, entry]) => [id, entry.file, entry.doc]));
}

test('the documents of rendered files are their objects as the YAML reads them back, not parsed again', () => {
  const rendered = renderedLab();
  expect(asJson(documentEntries(rendered.texts, rendered))).toBe(asJson(documentEntries(rendered.texts)));
  // An object with a value undefined: the YAML leaves the key out, and so does the copy.
  const objects = new Map([['lab/main/apps/extra.yaml', [{ kind: 'ConfigMap', metadata: { name: 'x', namespace: undefined }, data: { a: 'b' } }]]]);
  const texts = new Map([['lab/main/apps/extra.yaml', 'kind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n']]);
  const [entry] = documentEntries(texts, { objects, texts }).values();
  expect(Object.keys((entry.doc as { metadata: object }).metadata)).toEqual(['name']);
});

test.each([
  ['a document changed', (text: string) => text.replace(/name: /, 'name: changed-')],
  ['every document changed', (text: string) => text.replace(/name: /g, 'name: changed-')],
  ['a document gone', (text: string) => text.slice(text.indexOf('---\n') + 4)],
  ['documents reordered', (text: string) => text.split('---\n').reverse().join('---\n')],
  ['an empty document and a comment added', (text: string) => text.replace('---\n', '---\n---\n# by hand\n---\n')],
  ['a document on the line of its start mark', (text: string) => text.replace('---\n', '--- {kind: Extra, metadata: {name: e}}\n---\n')],
  ['no line feed at the end', (text: string) => text.replace(/name: /, 'name: changed-').replace(/\n$/, '')],
  ['CRLF line ends', (text: string) => text.replace(/\n/g, '\r\n')],
])('a previous version of a rendered file reads as parsed in full: %s', (_what, edit) => {
  const rendered = renderedLab();
  const previous = new Map([...rendered.texts].map(([file, text]) => [file, edit(text)]));
  expect(asJson(documentEntries(previous, rendered))).toBe(asJson(documentEntries(previous)));
});
