import { ApiObject, App, Chart } from 'cdk8s';
import { renderedBodyJson } from '../../constructs/app/plain';
import { RenderedObject } from '../../constructs/app/rendered-object';
import { apiObjectJson } from '../../constructs/interop/api-object-json';
import { isKnownPlainJson } from '../../constructs/validation/schema/plain-json';

// A manifest the collector marks plain skips the walk of the schema result cache: the mark must never
// be set on one whose JSON text does not say exactly what the validators see.
function json(data: Record<string, unknown>): Record<string, unknown> {
  const object = new ApiObject(new Chart(new App(), 'chart'), 'object', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, ...data });
  return apiObjectJson(object)!;
}

describe('plain JSON marks of collected manifests', () => {
  test('plain data is plain', () => {
    expect(isKnownPlainJson(json({ data: { a: 'x', b: [1, true, { c: 'd' }] } }))).toBe(true);
  });

  test('what JSON.stringify writes otherwise is not', () => {
    expect(isKnownPlainJson(json({ data: { a: Number.NaN } }))).toBe(false);
    expect(isKnownPlainJson(json({ data: { a: Infinity } }))).toBe(false);
    expect(isKnownPlainJson(json({ data: { a: [1, null] } }))).toBe(false);
  });

  test('a rendered body is walked', () => {
    const chart = new Chart(new App(), 'chart');
    const plain = new RenderedObject(chart, 'plain', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, () => ({ data: { a: 'x' } }));
    const odd = new RenderedObject(chart, 'odd', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }, () => ({ data: { a: Number.NaN } }));
    expect(isKnownPlainJson(apiObjectJson(plain))).toBe(true);
    expect(isKnownPlainJson(apiObjectJson(odd))).toBe(false);
  });

  test('a rendered body is marked only when its JSON text is exact', () => {
    expect(isKnownPlainJson(renderedBodyJson({ spec: { b: [1, 'x'], a: { c: true } } }))).toBe(true);
    expect(isKnownPlainJson(renderedBodyJson({ spec: { a: [1, undefined] } }))).toBe(false);
    expect(isKnownPlainJson(renderedBodyJson({ spec: { a: -Infinity } }))).toBe(false);
    expect(isKnownPlainJson(renderedBodyJson({ spec: { a: [() => 1] } }))).toBe(false);
    // One inexact body does not spoil the next.
    expect(isKnownPlainJson(renderedBodyJson({ spec: { a: 'x' } }))).toBe(true);
  });
});
