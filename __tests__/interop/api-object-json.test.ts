import { ApiObject, App, Chart, JsonPatch, Lazy } from 'cdk8s';
import { RenderedObject } from '../../constructs/app/rendered-object';
import { apiObjectJson, plainJsonApplies } from '../../constructs/interop/api-object-json';
import { synthApp } from '../../constructs/interop/foreign-lazy';
import { quantity } from '../../constructs/app/plain';

// The plain path must give what cdk8s' toJson() gives, key order included (JSON.stringify keeps it).
const same = (object: ApiObject) => expect(JSON.stringify(apiObjectJson(object))).toBe(JSON.stringify(object.toJson()));

function chart(props: ConstructorParameters<typeof Chart>[2] = {}) {
  return new Chart(new App(), 'chart', props);
}

describe('apiObjectJson', () => {
  test('plain data: null and undefined dropped, keys sorted, metadata merged and emptied as toJson does', () => {
    const scope = chart({ labels: { team: 'lab' }, namespace: 'fallback' });
    const object = new ApiObject(scope, 'object', {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'settings', labels: { z: '1', a: '2' }, annotations: {}, finalizers: [] },
      data: { b: 'x', a: 'y', 10: 'ten', 2: 'two', nothing: undefined, nil: null },
      zeta: [1, null, undefined, { d: 1, c: [] }],
      alpha: { empty: {}, list: [] },
    });
    object.metadata.addAnnotation('note', 'kept');
    object.metadata.add('generateName', 'settings-');
    same(object);
    expect(Object.keys(apiObjectJson(object)!)).toEqual(['apiVersion', 'kind', 'metadata', 'alpha', 'data', 'zeta']);
  });

  test('data in sorted plain form is taken as it is; only what changes is copied', () => {
    const scope = chart();
    const sorted = { a: { b: [1, 'x'], c: { d: true } }, e: [{ f: 1 }] };
    const partly = { a: { b: 1, c: null, d: 2 }, e: { g: 1, f: 2 }, h: [1, { i: undefined, j: 1 }, { k: 1 }] };
    const object = new ApiObject(scope, 'object', { apiVersion: 'v1', kind: 'ConfigMap', data: sorted, spec: partly });
    same(object);
    const json = apiObjectJson(object)! as Record<string, any>;
    expect(json.data).toBe(sorted);
    expect(json.spec).not.toBe(partly);
    expect(json.spec.a).toEqual({ b: 1, d: 2 });
    expect(Object.keys(json.spec.e)).toEqual(['f', 'g']);
    expect(json.spec.h[2]).toBe(partly.h[2]);
    expect(json.spec.h[1]).toEqual({ j: 1 });
  });

  test('a RenderedObject: base fields, then its body', () => {
    const object = new RenderedObject(chart(), 'object', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
      () => ({ spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', resources: { limits: { memory: quantity('1Gi') } } }] } } } }));
    same(object);
  });

  test('a RenderedObject\'s JSON patches reach into its body', () => {
    const object = new RenderedObject(chart(), 'object', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
      () => ({ spec: { replicas: 1 } }));
    object.addJsonPatch(JsonPatch.replace('/spec/replicas', 3), JsonPatch.add('/metadata/labels', { tier: 'web' }));
    expect(apiObjectJson(object)).toBeUndefined();
    expect(object.toJson()).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { tier: 'web' } }, spec: { replicas: 3 } });
  });

  test('anything not plain is left to toJson()', () => {
    const scope = chart();
    const lazy = new ApiObject(scope, 'lazy', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: Lazy.any({ produce: () => 'x' }) } });
    expect(apiObjectJson(lazy)).toBeUndefined();
    const patched = new ApiObject(scope, 'patched', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'x' } });
    patched.addJsonPatch(JsonPatch.add('/data/b', 'y'));
    expect(apiObjectJson(patched)).toBeUndefined();
    class Own extends ApiObject {
      public toJson(): any {
        return { ...super.toJson(), extra: true };
      }
    }
    expect(apiObjectJson(new Own(scope, 'own', { apiVersion: 'v1', kind: 'ConfigMap' }))).toBeUndefined();
    class Rerendered extends RenderedObject {
      public toJson(): any {
        return { ...super.toJson(), extra: true };
      }
    }
    expect(apiObjectJson(new Rerendered(scope, 'rerendered', { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, () => ({})))).toBeUndefined();
  });

  test('applies only with cdk8s\' own resolvers', () => {
    expect(plainJsonApplies(chart())).toBe(true);
    const custom = new Chart(new App({ resolvers: [{ resolve: () => undefined }] }), 'chart');
    expect(plainJsonApplies(custom)).toBe(false);
  });

  test("applies in synthesis' App, whose resolver of another cdk8s' Lazy acts on no plain value", () => {
    expect(plainJsonApplies(new Chart(synthApp('dist'), 'chart'))).toBe(true);
  });
});
